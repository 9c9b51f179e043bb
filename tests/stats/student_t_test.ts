import assert from "node:assert/strict";
import fc from "fast-check";
import { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from "../../sim/stats/mod.ts";

Deno.test("Student-t quantiles match printed tables to the printed 3 decimals", () => {
  // Standard t table (e.g. Law 2015, Table T.1): [df, upper-tail probability level, value].
  const table: [number, number, number][] = [
    [1, 0.975, 12.706],
    [2, 0.975, 4.303],
    [5, 0.995, 4.032],
    [9, 0.9995, 4.781],
    [10, 0.975, 2.228],
    [29, 0.9995, 3.659],
    [30, 0.95, 1.697],
    [120, 0.975, 1.980],
    [1, 0.9995, 636.619],
  ];
  for (const [df, p, value] of table) {
    assert.ok(Math.abs(studentTQuantile(p, df) - value) <= 0.0005, `df=${df} p=${p}`);
    assert.ok(Math.abs(studentTQuantile(1 - p, df) + value) <= 0.0005);
  }
  // Large df tends to the normal quantile 1.959964.
  assert.ok(Math.abs(studentTQuantile(0.975, 1e6) - 1.959964) < 1e-5);
  assert.equal(studentTQuantile(0.5, 7), 0);
  assert.throws(() => studentTQuantile(1, 3), /probability/);
  assert.throws(() => studentTQuantile(0.9, 0), /degreesOfFreedom/);
});

Deno.test("Student-t cdf inverts the quantile (property)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.001, max: 0.999, noNaN: true }),
      fc.integer({ min: 1, max: 500 }),
      (p, df) => {
        assert.ok(Math.abs(studentTCdf(studentTQuantile(p, df), df) - p) < 1e-10);
      },
    ),
    { numRuns: 200, seed: 7 },
  );
  // Cauchy (df = 1) closed form: F(t) = 1/2 + atan(t)/π.
  for (const t of [-3, -0.5, 0, 0.7, 10]) {
    assert.ok(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI)) < 1e-13);
  }
  // I_x(1, 1) = x; I_x(a, 1) = x^a.
  assert.ok(Math.abs(regularizedIncompleteBeta(0.3, 1, 1) - 0.3) < 1e-14);
  assert.ok(Math.abs(regularizedIncompleteBeta(0.3, 2.5, 1) - 0.3 ** 2.5) < 1e-14);
});
