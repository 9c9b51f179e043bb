import assert from "node:assert/strict";
import {
  mmckDistribution,
  mmcMeasures,
  mtmcBinAverages,
  mtmcPointwiseStationary,
} from "../../sim/analytic/mod.ts";

const close = (actual: number, expected: number, tolerance: number, label: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label}: ${actual} vs ${expected} (±${tolerance})`,
  );

Deno.test("M_t/M/c transient: a constant rate started stationary stays at Erlang C", () => {
  const [lambda, mu, c, cap] = [4, 1, 5, 200];
  const initial = mmckDistribution(lambda, mu, c, cap);
  const { bins, final } = mtmcBinAverages({
    arrivalRate: () => lambda,
    serviceRate: mu,
    servers: c,
    truncation: cap,
    initial,
    binEdges: [0, 10, 50],
  });
  const m = mmcMeasures(lambda, mu, c);
  for (const bin of bins) {
    close(bin.meanInSystem, m.meanNumberInSystem, 1e-6, "E[N]");
    close(bin.meanInQueue, m.meanQueueLength, 1e-6, "E[Nq]");
    close(bin.meanBusy, lambda / mu, 1e-6, "busy");
    close(bin.waitProbability, m.probabilityOfWait, 1e-7, "P(wait)");
    assert.ok(bin.truncationMass < 1e-15);
  }
  for (let n = 0; n <= cap; n++) close(final[n], initial[n], 1e-8, `p${n}`);
});

Deno.test("M_t/M/c transient: from empty it converges to the stationary distribution", () => {
  const [lambda, mu, c] = [1.5, 0.5, 4];
  const { bins } = mtmcBinAverages({
    arrivalRate: () => lambda,
    serviceRate: mu,
    servers: c,
    binEdges: [0, 1, 400, 401],
  });
  const m = mmcMeasures(lambda, mu, c);
  assert.ok(bins[0].meanInSystem < 0.5 * m.meanNumberInSystem, "starts empty");
  close(bins[2].meanInSystem, m.meanNumberInSystem, 1e-6, "E[N] after 400 s");
  close(bins[2].waitProbability, m.probabilityOfWait, 1e-7, "P(wait) after 400 s");
});

Deno.test("M_t/M/c transient: with servers never all busy it is M/M/∞, Poisson mean", () => {
  // E[N(t)] = (λ/μ)(1 − e^{−μt}) from empty; bin average over [0, w]:
  // (λ/μ)(1 − (1 − e^{−μw})/(μw)). c = 80 servers against a load of 5: P(N ≥ 80) ≈ 1e-60.
  const [lambda, mu, c, w] = [10, 2, 80, 3];
  const { bins } = mtmcBinAverages({
    arrivalRate: () => lambda,
    serviceRate: mu,
    servers: c,
    truncation: 120,
    binEdges: [0, w],
  });
  const exact = (lambda / mu) * (1 - (1 - Math.exp(-mu * w)) / (mu * w));
  close(bins[0].meanInSystem, exact, 1e-7, "E[N]");
  close(bins[0].meanBusy, exact, 1e-7, "busy");
  close(bins[0].meanInQueue, 0, 1e-12, "queue");
});

Deno.test("M_t/M/c transient: a step in λ lags behind PSA, which jumps at once", () => {
  const rate = (t: number) => (t < 100 ? 2 : 4.5);
  const [mu, c] = [1, 5];
  const { bins } = mtmcBinAverages({
    arrivalRate: rate,
    serviceRate: mu,
    servers: c,
    initial: mmckDistribution(2, mu, c, c + 200),
    binEdges: [0, 100, 101, 102, 400, 401],
    breakpoints: [100],
  });
  const [before, , afterStep, , late] = bins;
  const [psaLow, psaHigh] = mtmcPointwiseStationary(rate, mu, c, [50, 150]);
  close(before.meanInSystem, psaLow.meanInSystem, 1e-6, "stationary before the step");
  assert.ok(afterStep.meanInSystem < 0.5 * psaHigh.meanInSystem, "exact lags the step");
  close(late.meanInSystem, psaHigh.meanInSystem, 1e-3 * psaHigh.meanInSystem, "catches up");
  assert.ok(Number.isNaN(mtmcPointwiseStationary(() => 6, mu, c, [0])[0].meanInSystem));
});

Deno.test("M_t/M/c transient: bad input is a RangeError naming the field", () => {
  const base = { arrivalRate: () => 1, serviceRate: 1, servers: 2, binEdges: [0, 1] };
  assert.throws(() => mtmcBinAverages({ ...base, servers: 0 }), /servers/);
  assert.throws(() => mtmcBinAverages({ ...base, binEdges: [1, 1] }), /binEdges/);
  assert.throws(() => mtmcBinAverages({ ...base, truncation: 1 }), /truncation/);
  assert.throws(() => mtmcBinAverages({ ...base, arrivalRate: () => -1 }), /arrivalRate/);
});
