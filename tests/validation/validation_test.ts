/**
 * Simulation vs theory at test size: every case of `cases.ts` at a tenth of the full size
 * (fixed seed). Each metric must have its theoretical value inside the simulated 99.9%
 * Student-t interval over replications, and a half-width within the allowance for this size
 * (2% of the value at full size, growing like 1/√size). `deno task validate` runs the full size.
 */
import assert from "node:assert/strict";
import { VALIDATION_CASES } from "../../sim/validation/engine_cases.ts";
import { evaluate } from "../../sim/validation/replicate.ts";

/** Fraction of the full size run by the tests. */
const TEST_SIZE = 0.1;
const SEED = 1;

for (const validationCase of VALIDATION_CASES) {
  Deno.test(`validation: ${validationCase.name}`, () => {
    for (const result of validationCase.run(TEST_SIZE, SEED)) {
      const row = evaluate(result, TEST_SIZE);
      const label = `${row.case} — ${row.metric}: theory ${row.theory}, ` +
        `99.9% CI [${row.ci_low}, ${row.ci_high}]`;
      assert.ok(row.ci_low <= row.theory && row.theory <= row.ci_high, `outside CI: ${label}`);
      assert.ok(
        row.relative_half_width <= row.allowed_relative_half_width,
        `half-width ${(100 * row.relative_half_width).toFixed(2)}% exceeds ` +
          `${(100 * row.allowed_relative_half_width).toFixed(2)}%: ${label}`,
      );
    }
  });
}

Deno.test("validation: the precision allowance and evaluation can fail", () => {
  const off = evaluate({ case: "x", metric: "m", theory: 10, samples: [1, 1.1, 0.9] }, 1);
  assert.equal(off.pass, false);
  const wide = evaluate({ case: "x", metric: "m", theory: 1, samples: [0, 2, 1, 0.5, 1.5] }, 1);
  assert.ok(wide.ci_low <= 1 && wide.ci_high >= 1);
  assert.equal(wide.pass, false); // inside the CI but far too wide
});
