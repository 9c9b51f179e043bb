import assert from "node:assert/strict";
import {
  dmcMeasures,
  erlangC,
  gim1Measures,
  giMcMeasures,
  giMcSigma,
  giMcWaitTail,
  laplaceTransform,
  mmcMeasures,
} from "../../sim/analytic/mod.ts";
import { RateMatrix, stationaryDistribution } from "./ctmc_helper.ts";

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

Deno.test("GI/M/c with exponential arrivals: σ = ρ and P(wait) = Erlang C", () => {
  const cases: [number, number, number][] = [
    [0.5, 1, 1],
    [1.8, 1, 2],
    [3, 1, 4], // c(1 − σ) = 1 exactly: the removable singularity of Takács' factor
    [3 + 1e-7, 1, 4],
    [3 - 1e-5, 1, 4],
    [40, 1, 50],
    [480, 1, 500],
    [0.01, 1, 20],
  ];
  for (const [lambda, mu, c] of cases) {
    const m = giMcMeasures({
      interarrival: { kind: "exponential", mean: 1 / lambda },
      serviceRate: mu,
      servers: c,
    });
    const rho = lambda / (c * mu);
    assert.ok(relativeError(m.sigma, rho) < 1e-13, `σ ${m.sigma} vs ρ ${rho}`);
    const mmc = mmcMeasures(lambda, mu, c);
    assert.ok(
      relativeError(m.probabilityOfWait, erlangC(c, lambda / mu)) < 1e-9,
      `λ=${lambda} c=${c}: ${m.probabilityOfWait} vs ${erlangC(c, lambda / mu)}`,
    );
    assert.ok(relativeError(m.meanWait, mmc.meanWait) < 1e-9);
    assert.ok(relativeError(m.meanNumberInSystem, mmc.meanNumberInSystem) < 1e-9);
  }
});

/** Smallest root of σ = e^{−(1−σ)/ρ} by plain fixed-point iteration from 0 (monotone). */
function dm1SigmaByIteration(rho: number): number {
  let sigma = 0;
  for (let i = 0; i < 100_000; i++) {
    const next = Math.exp(-(1 - sigma) / rho);
    if (Math.abs(next - sigma) < 1e-17) return next;
    sigma = next;
  }
  return sigma;
}

Deno.test("D/M/1: σ matches the tabulated value and a fixed-point iteration", () => {
  // The classical D/M/1 root: ρ = 0.5 gives σ ≈ 0.2032,
  // ρ = 0.9 gives σ ≈ 0.8069.
  assert.ok(Math.abs(dmcMeasures(0.5, 1).sigma - 0.2032) < 5e-5);
  for (const rho of [0.1, 0.5, 0.9, 0.99]) {
    const m = dmcMeasures(rho, 1);
    const reference = dm1SigmaByIteration(rho);
    assert.ok(relativeError(m.sigma, reference) < 1e-12, `ρ=${rho}: ${m.sigma} vs ${reference}`);
    assert.ok(relativeError(m.probabilityOfWait, m.sigma) < 1e-12);
    assert.ok(relativeError(m.meanWait, m.sigma / (1 - m.sigma)) < 1e-12);
  }
  assert.ok(Math.abs(dmcMeasures(0.9, 1).sigma - 0.8069) < 5e-5);
  // Very light load: σ = e^{−100(1−σ)} ≈ 3.7e-44 stays accurate (no underflow to 0).
  assert.ok(relativeError(dmcMeasures(0.01, 1).sigma, Math.exp(-100 * (1 - 3.72e-44))) < 1e-10);
});

Deno.test("D/M/c is the limit of Erlang-k arrivals with k → ∞", () => {
  for (const [lambda, c] of [[0.8, 1], [3.5, 5], [90, 100]]) {
    const deterministic = dmcMeasures(lambda, 1, c);
    const erlang = giMcMeasures({
      interarrival: { kind: "erlang", mean: 1 / lambda, shape: 10_000_000 },
      serviceRate: 1,
      servers: c,
    });
    assert.ok(relativeError(erlang.probabilityOfWait, deterministic.probabilityOfWait) < 1e-5);
    assert.ok(deterministic.probabilityOfWait < erlangC(c, lambda));
  }
});

/** A phase-type renewal process: initial probabilities and phase rates with routing. */
interface PhaseType {
  initial: number[];
  /** exit[i]: rate of completing the inter-arrival from phase i. */
  exit: number[];
  /** moves[i][j]: rate of moving from phase i to phase j without an arrival. */
  moves: number[][];
}

/**
 * Brute force: the PH/M/c queue truncated at `capacity` customers, as a finite CTMC solved by
 * GTH elimination (dense). Returns P(wait) seen by arrivals and the time-average queue length.
 */
function phmcByCtmc(ph: PhaseType, serviceRate: number, servers: number, capacity: number) {
  const phases = ph.initial.length;
  const state = (n: number, phase: number) => n * phases + phase;
  const matrix = new RateMatrix((capacity + 1) * phases);
  for (let n = 0; n <= capacity; n++) {
    for (let i = 0; i < phases; i++) {
      for (let j = 0; j < phases; j++) matrix.add(state(n, i), state(n, j), ph.moves[i][j]);
      for (let j = 0; j < phases; j++) {
        matrix.add(state(n, i), state(Math.min(n + 1, capacity), j), ph.exit[i] * ph.initial[j]);
      }
      if (n > 0) matrix.add(state(n, i), state(n - 1, i), Math.min(n, servers) * serviceRate);
    }
  }
  const pi = stationaryDistribution(matrix);
  let arrivals = 0;
  let waiting = 0;
  let queueLength = 0;
  for (let n = 0; n <= capacity; n++) {
    for (let i = 0; i < phases; i++) {
      const p = pi[state(n, i)];
      arrivals += p * ph.exit[i];
      if (n >= servers) waiting += p * ph.exit[i];
      queueLength += Math.max(0, n - servers) * p;
    }
  }
  return { probabilityOfWait: waiting / arrivals, meanQueueLength: queueLength };
}

Deno.test("Erlang-2 and hyperexponential arrivals agree with a phase-type CTMC", () => {
  const mean = 1;
  const erlang2: PhaseType = { initial: [1, 0], exit: [0, 2], moves: [[0, 2], [0, 0]] };
  const hyper = { probabilities: [0.2, 0.8], rates: [0.25, 4] };
  const hyperMean = 0.2 / 0.25 + 0.8 / 4;
  const hyper2: PhaseType = {
    initial: hyper.probabilities,
    exit: hyper.rates,
    moves: [[0, 0], [
      0,
      0,
    ]],
  };
  const cases = [
    { servers: 1, serviceRate: 1 / 0.7, erlang: true },
    { servers: 2, serviceRate: 1 / 1.5, erlang: true },
    { servers: 3, serviceRate: 1 / 2.4, erlang: true },
    { servers: 1, serviceRate: 1 / (0.6 * hyperMean), erlang: false },
    { servers: 3, serviceRate: 1 / (2.1 * hyperMean), erlang: false },
  ];
  for (const { servers, serviceRate, erlang } of cases) {
    const analytic = giMcMeasures({
      interarrival: erlang
        ? { kind: "erlang", mean, shape: 2 }
        : { kind: "hyperexponential", ...hyper },
      serviceRate,
      servers,
    });
    const ctmc = phmcByCtmc(erlang ? erlang2 : hyper2, serviceRate, servers, 240);
    const label = `${erlang ? "E2" : "H2"}/M/${servers}`;
    assert.ok(
      relativeError(analytic.probabilityOfWait, ctmc.probabilityOfWait) < 1e-9,
      `${label}: ${analytic.probabilityOfWait} vs ${ctmc.probabilityOfWait}`,
    );
    assert.ok(
      relativeError(analytic.meanQueueLength, ctmc.meanQueueLength) < 1e-9,
      `${label} Lq: ${analytic.meanQueueLength} vs ${ctmc.meanQueueLength}`,
    );
  }
});

Deno.test("lognormal GI/M/1: σ solves its equation; tail and GI/M/1 wrapper are consistent", () => {
  const interarrival = { kind: "lognormal", mean: 1, cv: 1.5 } as const;
  const m = gim1Measures(interarrival, 1.25);
  const residual = laplaceTransform(interarrival, 1.25 * (1 - m.sigma)) - m.sigma;
  assert.ok(Math.abs(residual) < 1e-13);
  assert.equal(giMcSigma(interarrival, 1.25), m.sigma);
  assert.ok(relativeError(m.probabilityOfWait, m.sigma) < 1e-12);
  assert.equal(giMcWaitTail(m, 0), m.probabilityOfWait);
  assert.ok(
    relativeError(giMcWaitTail(m, 2), m.sigma * Math.exp(-1.25 * (1 - m.sigma) * 2)) < 1e-12,
  );
  // More variable arrivals wait longer than Poisson ones at the same load.
  assert.ok(m.meanWait > mmcMeasures(1, 1.25, 1).meanWait);
});

Deno.test("GI/M/c refuses unstable or malformed input", () => {
  assert.throws(() => dmcMeasures(2, 1, 2), /offered load/);
  assert.throws(() => dmcMeasures(1, 1, 1.5), /servers/);
  assert.throws(() => dmcMeasures(1, 0, 2), /serviceRate/);
  assert.throws(
    () => giMcMeasures({ interarrival: { kind: "erlang", mean: 1, shape: 0 }, serviceRate: 2 }),
    /erlang.shape/,
  );
  assert.throws(() => giMcWaitTail(dmcMeasures(0.5, 1), -1), /t must/);
});
