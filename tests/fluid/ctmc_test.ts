/**
 * The exact single-tier CTMC: without retries its queue is M/M/c/K (stationary law and
 * birth–death passage times in closed form); the banded GTH solver agrees with a dense solve;
 * its expected drift is the fluid drift (exactly, with the same timeout tail; within the
 * Berry–Esseen bound of the normal approximation, with the fluid's own tail).
 */
import assert from "node:assert/strict";
import { mmckDistribution } from "../../sim/analytic/mmck.ts";
import { ctmcDrift, singleTierCtmc } from "../../sim/fluid/ctmc.ts";
import { expectedHittingTimes, stationaryDistribution } from "../../sim/fluid/gth.ts";
import {
  fluidTimeoutProbability,
  normalApproximationBound,
} from "../../sim/fluid/response_tail.ts";
import {
  flowsWithTimeout,
  singleTierModel,
  type SingleTierParameters,
} from "../../sim/fluid/single_tier.ts";

const METASTABLE: SingleTierParameters = {
  arrivalRate: 8,
  serviceRate: 10,
  servers: 1,
  queueCapacity: 60,
  timeout: 3,
  retryDelay: 0.5,
  maxAttempts: 4,
};

Deno.test("without retries the queue marginal is M/M/c/K's, for every discipline but deadline drop", () => {
  for (
    const [lambda, mu, c, K] of [[8, 3, 3, 40], [0.9, 1, 1, 25], [30, 1, 20, 60], [5, 1, 2, 10]]
  ) {
    for (const discipline of ["fifo", "lifo"] as const) {
      const model = singleTierModel({
        arrivalRate: lambda,
        serviceRate: mu,
        servers: c,
        queueCapacity: K,
        timeout: 2,
        retryDelay: 1,
        retryProbability: 0,
        discipline,
      });
      const chain = singleTierCtmc(model, { orbitLimit: 7 });
      const pi = stationaryDistribution(chain);
      const expected = mmckDistribution(lambda, mu, c, K);
      for (let n = 0; n <= K; n++) {
        let marginal = 0;
        for (let o = 0; o <= 7; o++) marginal += pi[chain.index(n, o)];
        assert.ok(
          Math.abs(marginal - expected[n]) <= 1e-11 * expected[n] + 1e-300,
          `${discipline} λ=${lambda} c=${c} K=${K} n=${n}: ${marginal} vs ${expected[n]}`,
        );
      }
    }
  }
});

Deno.test("without retries the hitting times are the birth–death passage times", () => {
  const [lambda, mu, c, K] = [7, 2, 3, 30];
  const model = singleTierModel({
    arrivalRate: lambda,
    serviceRate: mu,
    servers: c,
    queueCapacity: K,
    timeout: 2,
    retryDelay: 1,
    retryProbability: 0,
  });
  const chain = singleTierCtmc(model, { orbitLimit: 3 });
  const pi = mmckDistribution(lambda, mu, c, K);
  const m = 2;
  const time = expectedHittingTimes(chain, (i) => chain.queueOf(i) <= m);
  // E[T_{k→k−1}] = Σ_{j≥k} π_j / (π_k μ_k), μ_k = μ·min(k, c).
  let expected = 0;
  for (let n = m + 1; n <= K; n++) {
    let above = 0;
    for (let j = n; j <= K; j++) above += pi[j];
    expected += above / (pi[n] * mu * Math.min(n, c));
    const got = time[chain.index(n, 0)];
    assert.ok(Math.abs(got - expected) <= 1e-10 * expected, `n=${n}: ${got} vs ${expected}`);
  }
});

/** Dense solve of πQ = 0, Σπ = 1 by Gaussian elimination with partial pivoting (reference). */
function denseStationary(size: number, rate: (i: number, j: number) => number): Float64Array {
  const a = Array.from({ length: size }, () => new Float64Array(size + 1));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) continue;
      const q = rate(i, j);
      a[j][i] += q; // row j of Qᵀ
      a[i][i] -= q;
    }
  }
  for (let j = 0; j <= size; j++) a[size - 1][j] = 1; // replace the last equation by Σπ = 1
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) {
      if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    }
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let row = col + 1; row < size; row++) {
      const factor = a[row][col] / a[col][col];
      for (let j = col; j <= size; j++) a[row][j] -= factor * a[col][j];
    }
  }
  const x = new Float64Array(size);
  for (let row = size - 1; row >= 0; row--) {
    let sum = a[row][size];
    for (let j = row + 1; j < size; j++) sum -= a[row][j] * x[j];
    x[row] = sum / a[row][row];
  }
  return x;
}

Deno.test("banded GTH agrees with a dense solve on a small chain with retries", () => {
  for (const discipline of ["fifo", "lifo", "deadline-drop"] as const) {
    for (const orbitLimit of [5, 12]) {
      const model = singleTierModel({
        ...METASTABLE,
        arrivalRate: 6,
        queueCapacity: 8,
        timeout: 0.5,
        discipline,
      });
      const chain = singleTierCtmc(model, { orbitLimit });
      const rates = new Map<string, number>();
      for (let i = 0; i < chain.size; i++) {
        for (let k = chain.rowStart[i]; k < chain.rowStart[i + 1]; k++) {
          rates.set(`${i},${chain.column[k]}`, chain.rate[k]);
        }
      }
      const expected = denseStationary(chain.size, (i, j) => rates.get(`${i},${j}`) ?? 0);
      const got = stationaryDistribution(chain);
      for (let i = 0; i < chain.size; i++) {
        assert.ok(Math.abs(got[i] - expected[i]) < 1e-12, `${discipline} state ${i}`);
      }
    }
  }
});

Deno.test("CTMC drift = fluid drift with the same tail; within r·A·Berry–Esseen of the fluid's own", () => {
  for (const discipline of ["fifo", "lifo", "deadline-drop"] as const) {
    for (const extra of [{}, { servers: 4, serviceRate: 2.5 }]) {
      const model = singleTierModel({ ...METASTABLE, ...extra, discipline });
      const chain = singleTierCtmc(model, { orbitLimit: 120 });
      const drift = ctmcDrift(chain);
      let worstExact = 0;
      let worstRatio = 0;
      for (let i = 0; i < chain.size; i++) {
        const n = chain.queueOf(i);
        const o = chain.orbitOf(i);
        if (n === 0 || n === chain.queueLimit || o === chain.orbitLimit) continue;
        const exact = flowsWithTimeout(model, 8, n, o, chain.timeoutProbability[i]);
        worstExact = Math.max(
          worstExact,
          Math.abs(exact.queueDrift - drift.queue[i]),
          Math.abs(exact.orbitDrift - drift.orbit[i]),
        );
        if (discipline === "lifo") continue; // LIFO shares its burial tail with the fluid model
        const fluid = flowsWithTimeout(model, 8, n, o, fluidTimeoutProbability(model.service, n));
        const bound = exact.offered * normalApproximationBound(model.service, n);
        const gap = Math.max(
          Math.abs(fluid.queueDrift - drift.queue[i]),
          Math.abs(fluid.orbitDrift - drift.orbit[i]),
        );
        assert.ok(gap <= bound + 1e-9, `${discipline} (${n}, ${o}): gap ${gap} > bound ${bound}`);
        worstRatio = Math.max(worstRatio, gap / bound);
      }
      assert.ok(worstExact < 1e-10, `${discipline}: exact-tail drift differs by ${worstExact}`);
      if (discipline !== "lifo") assert.ok(worstRatio > 0, "the normal approximation is visible");
    }
  }
});
