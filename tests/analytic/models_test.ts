import assert from "node:assert/strict";
import {
  allenCunneenWait,
  erlangAMeasures,
  jacksonNetwork,
  kingmanWait,
  littleNumber,
  littleThroughput,
  littleTime,
  lognormalScv,
  md1Measures,
  mg1Measures,
  mm1RetrialMeasures,
  mmcMeasures,
} from "../../sim/analytic/mod.ts";

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

Deno.test("Pollaczek–Khinchine reduces to M/M/1 and halves the wait for M/D/1", () => {
  const mm1 = mmcMeasures(0.7, 1, 1);
  assert.ok(relativeError(mg1Measures(0.7, 1, 1).meanWait, mm1.meanWait) < 1e-12);
  assert.ok(relativeError(md1Measures(0.7, 1).meanWait, mm1.meanWait / 2) < 1e-12);
  assert.ok(relativeError(lognormalScv(1), Math.E - 1) < 1e-12);
  assert.throws(() => mg1Measures(2, 1, 1), /offered load/);
});

Deno.test("Kingman and Allen–Cunneen are exact for Markovian queues", () => {
  assert.ok(relativeError(kingmanWait(0.7, 1, 1, 1), mmcMeasures(0.7, 1, 1).meanWait) < 1e-12);
  assert.ok(
    relativeError(allenCunneenWait(8, 1, 10, 1, 1), mmcMeasures(8, 1, 10).meanWait) < 1e-12,
  );
  assert.ok(relativeError(kingmanWait(0.7, 1, 1, 0), md1Measures(0.7, 1).meanWait) < 1e-12);
});

Deno.test("Erlang-A: abandonment equals θ·Lq/λ, and θ = μ gives Poisson occupancy", () => {
  for (const [lambda, mu, n, theta] of [[9, 1, 10, 0.5], [12, 1, 10, 2], [5800, 1, 6000, 0.1]]) {
    const m = erlangAMeasures(lambda, mu, n, theta);
    assert.ok(
      relativeError(m.probabilityOfAbandonment, (theta * m.meanQueueLength) / lambda) < 1e-9,
    );
    // Flow balance: served rate = busy servers × μ.
    assert.ok(
      relativeError(lambda * (1 - m.probabilityOfAbandonment), m.utilisation * n * mu) < 1e-9,
    );
    assert.ok(m.meanWaitOfServed > 0 && m.meanWait > 0);
  }
  // θ = μ: the number present is Poisson(a), so P(wait) = P(Poisson(a) ≥ n).
  const a = 7;
  const n = 8;
  let below = 0;
  let term = Math.exp(-a);
  for (let k = 0; k < n; k++) {
    below += term;
    term *= a / (k + 1);
  }
  assert.ok(relativeError(erlangAMeasures(a, 1, n, 1).probabilityOfWait, 1 - below) < 1e-9);
  // Very patient customers: close to M/M/c.
  const patient = erlangAMeasures(8, 1, 10, 1e-7);
  assert.ok(
    relativeError(patient.probabilityOfWait, mmcMeasures(8, 1, 10).probabilityOfWait) < 1e-5,
  );
  assert.ok(relativeError(patient.meanWaitOfServed, mmcMeasures(8, 1, 10).meanWait) < 1e-4);
});

Deno.test("Jackson: tandem sums M/M/1 sojourns; feedback scales the arrival rate", () => {
  const tandem = jacksonNetwork(
    [
      { externalArrivalRate: 1, serviceRate: 2, servers: 1 },
      { externalArrivalRate: 0, serviceRate: 3, servers: 1 },
      { externalArrivalRate: 0, serviceRate: 1.5, servers: 1 },
    ],
    [[0, 1, 0], [0, 0, 1], [0, 0, 0]],
  );
  const expected = 1 / (2 - 1) + 1 / (3 - 1) + 1 / (1.5 - 1);
  assert.ok(relativeError(tandem.meanSojourn, expected) < 1e-12);
  const feedback = jacksonNetwork([{ externalArrivalRate: 1, serviceRate: 4, servers: 1 }], [[
    0.5,
  ]]);
  assert.ok(relativeError(feedback.stations[0].arrivalRate, 2) < 1e-12);
  assert.ok(relativeError(feedback.meanSojourn, 2 * (1 / (4 - 2))) < 1e-12);
  assert.throws(() =>
    jacksonNetwork([{ externalArrivalRate: 1, serviceRate: 4, servers: 1 }], [[1]])
  );
  assert.throws(
    () => jacksonNetwork([{ externalArrivalRate: -1, serviceRate: 4, servers: 1 }], [[0]]),
    /externalArrivalRate/,
  );
});

Deno.test("M/M/1 retrial: P(busy) = ρ and fast retrials approach the M/M/1 queue", () => {
  const m = mm1RetrialMeasures(0.5, 1, 1);
  assert.equal(m.probabilityServerBusy, 0.5);
  assert.ok(relativeError(m.meanOrbitSize, 0.25 / 0.5 + 0.25 / 0.5) < 1e-12);
  const fast = mm1RetrialMeasures(0.5, 1, 1e9);
  assert.ok(relativeError(fast.meanOrbitSize, mmcMeasures(0.5, 1, 1).meanQueueLength) < 1e-8);
});

Deno.test("Little's law helpers are consistent", () => {
  assert.equal(littleNumber(4, 2.5), 10);
  assert.equal(littleTime(10, 4), 2.5);
  assert.equal(littleThroughput(10, 2.5), 4);
  assert.throws(() => littleTime(1, 0), /throughput/);
});
