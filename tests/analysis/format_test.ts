/** The notebooks' number formatters: thousands separators, significant digits, percentages, h/min. */
import assert from "node:assert/strict";
import { hhmm, num, pct, sig } from "../../sim/analysis/mod.ts";

Deno.test("num keeps at most the given decimals, with separators", () => {
  assert.equal(num(1234.567, 1), "1,234.6");
  assert.equal(num(12345.64, 1, "it"), "12.345,6"); // Italian groups from five digits
  assert.equal(num(NaN), "n/a");
});

Deno.test("sig gives significant digits: whole units from 1,000, exponents below 0.001", () => {
  assert.equal(sig(0.012345), "0.0123");
  assert.equal(sig(0.012345, 4), "0.01235");
  assert.equal(sig(6051.7), "6,052");
  assert.equal(sig(42), "42");
  assert.equal(sig(0.00001234), "1.23e-5");
  assert.equal(sig(0), "0");
  assert.equal(sig(3.14159, 3, "it"), "3,14");
  assert.equal(sig(Infinity), "n/a");
});

Deno.test("pct and hhmm", () => {
  assert.equal(pct(0.1234, 1), "12.3%");
  assert.equal(pct(0.1234, 1, "it"), "12,3%");
  assert.equal(hhmm(7500), "2 h 05 min");
  assert.equal(hhmm(3599.9), "1 h 00 min");
  assert.equal(hhmm(Infinity), "never");
});
