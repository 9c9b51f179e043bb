import assert from "node:assert/strict";
import fc from "fast-check";
import {
  erlangAMeasures,
  erlangC,
  halfinWhittBeta,
  halfinWhittWaitProbability,
  mmcMeasures,
  offeredLoadOverTime,
  squareRootStaffing,
  staffForAbandonment,
  staffForMeanWait,
  staffForWaitProbability,
  timeVaryingStaffing,
} from "../../sim/analytic/mod.ts";

Deno.test("staffing returns the smallest c that meets the target", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.5, max: 3000, noNaN: true }),
      fc.double({ min: 0.01, max: 0.9, noNaN: true }),
      (load, target) => {
        const c = staffForWaitProbability(load, 1, target);
        assert.ok(erlangC(c, load) <= target);
        if (c - 1 > load) assert.ok(erlangC(c - 1, load) > target);
      },
    ),
    { numRuns: 50, seed: 42 },
  );
  const c = staffForMeanWait(100, 1, 0.05);
  assert.ok(mmcMeasures(100, 1, c).meanWait <= 0.05);
  assert.ok(c - 1 <= 100 || mmcMeasures(100, 1, c - 1).meanWait > 0.05);
  const n = staffForAbandonment(100, 1, 1, 0.02);
  assert.ok(erlangAMeasures(100, 1, n, 1).probabilityOfAbandonment <= 0.02);
  assert.ok(erlangAMeasures(100, 1, n - 1, 1).probabilityOfAbandonment > 0.02);
});

Deno.test("square-root staffing approaches exact staffing for a 6,000-erlang load", () => {
  // 12,000 ops/s with 0.5 s of work: a = 6,000 erlangs.
  const exact = staffForWaitProbability(12000, 2, 0.2);
  const beta = halfinWhittBeta(0.2);
  assert.ok(Math.abs(halfinWhittWaitProbability(beta) - 0.2) < 1e-9);
  const approx = squareRootStaffing(6000, beta);
  // Halfin–Whitt: the gap is O(1) servers while c − a is O(√a) ≈ 77.
  assert.ok(Math.abs(exact - approx) <= 2, `exact ${exact} vs square-root ${approx}`);
});

Deno.test("time-varying offered load: constant rate is stationary; MOL lags a step", () => {
  const times = [0, 1, 5, 50];
  for (const method of ["pointwise", "lagged", "modified-offered-load"] as const) {
    const loads = offeredLoadOverTime(() => 10, 0.5, times, method);
    for (const load of loads) assert.ok(Math.abs(load - 20) < 1e-3, `${method}: ${load}`);
  }
  // Step from 10/s to 20/s at t = 0 with μ = 0.5: m(t) = 20 + (40 − 20)(1 − e^{−μt}).
  const step = (t: number) => (t < 0 ? 10 : 20);
  const mol = offeredLoadOverTime(step, 0.5, times, "modified-offered-load");
  times.forEach((t, i) => {
    const expected = 20 + 20 * (1 - Math.exp(-0.5 * t));
    assert.ok(Math.abs(mol[i] - expected) < 0.01 * expected, `t=${t}: ${mol[i]} vs ${expected}`);
  });
  const staff = timeVaryingStaffing(step, 0.5, times, { kind: "wait-probability", value: 0.2 });
  assert.ok(staff[0] < staff[3]);
  assert.throws(
    () => offeredLoadOverTime(step, 0.5, times, "bogus" as "lagged"),
    /method/,
  );
});
