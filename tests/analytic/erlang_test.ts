import assert from "node:assert/strict";
import {
  erlangB,
  erlangC,
  mm1kMeasures,
  mmckDistribution,
  mmckMeasures,
  mmcMeasures,
  mmcSojournTail,
  mmcWaitQuantile,
  mmcWaitTail,
} from "../../sim/analytic/mod.ts";

/** Erlang B by the textbook factorial formula (fine for small c), an independent check. */
function erlangBByFactorials(servers: number, load: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= servers; k++) {
    term *= load / k;
    sum += term;
  }
  return term / sum;
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

Deno.test("Erlang B matches published table values (1% and 0.1% grade of service)", () => {
  // Erlang B tables (e.g. ITU-T E.520 / Cooper 1981, Table): traffic (erlangs, 3 decimals)
  // carried at a given blocking. The table rounds the load, so the check brackets it.
  const table: [servers: number, load: number, blocking: number][] = [
    [1, 0.0101, 0.01],
    [10, 4.461, 0.01],
    [10, 3.092, 0.001],
    [50, 37.901, 0.01],
    [100, 84.064, 0.01],
  ];
  for (const [servers, load, blocking] of table) {
    assert.ok(erlangB(servers, load - 0.0005) < blocking, `c=${servers} a=${load}`);
    assert.ok(erlangB(servers, load + 0.0005) > blocking, `c=${servers} a=${load}`);
  }
  assert.equal(erlangB(1, 1), 0.5);
  assert.equal(erlangB(0, 3), 1);
});

Deno.test("Erlang B recursion agrees with the factorial formula for small c", () => {
  for (const [c, a] of [[1, 0.5], [5, 3], [10, 5], [30, 25], [60, 70]]) {
    assert.ok(relativeError(erlangB(c, a), erlangBByFactorials(c, a)) < 1e-12);
  }
});

Deno.test("Erlang B and C stay finite and consistent for 20,000 servers", () => {
  // Two independent computations: the Erlang B recursion, and the M/M/c/c distribution.
  for (const [c, a] of [[6000, 6000], [20000, 19000], [20000, 20500]]) {
    const recursive = erlangB(c, a);
    const fromDistribution = mmckDistribution(a, 1, c, c)[c];
    assert.ok(Number.isFinite(recursive) && recursive > 0);
    assert.ok(relativeError(recursive, fromDistribution) < 1e-10, `c=${c} a=${a}`);
  }
  const pWait = erlangC(6100, 6000);
  assert.ok(pWait > 0 && pWait < 1);
  const distribution = mmckDistribution(6000, 1, 6100, 200000); // K large: ≈ M/M/c
  let waiting = 0;
  for (let n = 6100; n < distribution.length; n++) waiting += distribution[n];
  assert.ok(relativeError(pWait, waiting) < 1e-9);
});

Deno.test("Erlang C matches a published value and M/M/1", () => {
  // Gross et al. (2008) style check: C(2, 1) = 1/3 exactly (ρ = 0.5, two servers).
  assert.ok(Math.abs(erlangC(2, 1) - 1 / 3) < 1e-15);
  assert.ok(Math.abs(erlangC(1, 0.7) - 0.7) < 1e-15);
  assert.throws(() => erlangC(10, 10), /offered load/);
  assert.throws(() => erlangB(-1, 1), /servers/);
  assert.throws(() => erlangB(3, NaN), /load/);
});

Deno.test("M/M/1 and M/M/c measures follow the closed forms", () => {
  const m = mmcMeasures(0.9, 1, 1);
  assert.ok(relativeError(m.meanWait, 0.9 / (1 - 0.9)) < 1e-12);
  assert.ok(relativeError(m.meanNumberInSystem, 0.9 / 0.1) < 1e-12);
  const two = mmcMeasures(1, 1, 2); // ρ = 0.5: Lq = 1/3, Wq = 1/3
  assert.ok(relativeError(two.meanQueueLength, 1 / 3) < 1e-12);
  assert.ok(relativeError(two.meanWait, 1 / 3) < 1e-12);
  assert.ok(relativeError(mmcWaitTail(1, 1, 2, 0), 1 / 3) < 1e-12);
  // The quantile inverts the tail.
  const t = mmcWaitQuantile(8, 1, 10, 0.95);
  assert.ok(relativeError(mmcWaitTail(8, 1, 10, t), 0.05) < 1e-9);
  assert.equal(mmcWaitQuantile(8, 1, 10, 0.1), 0);
  // M/M/1 sojourn is exponential(μ − λ).
  assert.ok(relativeError(mmcSojournTail(0.5, 1, 1, 2), Math.exp(-1)) < 1e-12);
  // M/M/c sojourn tail integrates to the mean sojourn (trapezoid).
  for (const c of [3, 10]) {
    const lambda = 0.8 * c;
    let integral = 0;
    const step = 0.001;
    for (let x = 0; x < 60; x += step) {
      integral += step * 0.5 *
        (mmcSojournTail(lambda, 1, c, x) + mmcSojournTail(lambda, 1, c, x + step));
    }
    assert.ok(relativeError(integral, mmcMeasures(lambda, 1, c).meanSojourn) < 1e-5);
  }
});

Deno.test("M/M/1/K matches the geometric closed form and M/M/c/c is Erlang B", () => {
  const rho = 0.8;
  const capacity = 5;
  const expected = ((1 - rho) * rho ** capacity) / (1 - rho ** (capacity + 1));
  const m = mm1kMeasures(rho, 1, capacity);
  assert.ok(relativeError(m.blockingProbability, expected) < 1e-12);
  assert.ok(relativeError(m.meanSojourn * m.effectiveArrivalRate, m.meanNumberInSystem) < 1e-12);
  assert.ok(relativeError(mmckMeasures(5, 1, 10, 10).blockingProbability, erlangB(10, 5)) < 1e-12);
  // Overloaded finite systems are allowed.
  assert.ok(mm1kMeasures(2, 1, 10).blockingProbability > 0.4);
  assert.throws(() => mmckMeasures(1, 1, 5, 3), /capacity/);
});
