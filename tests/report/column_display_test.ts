/**
 * Design-comparison columns in units a reader takes in at a glance: durations in hours or
 * minutes by their largest value, times since the origin on the incident's clock, one unit per
 * column, every number recorded in the unit it is shown in.
 */
import assert from "node:assert/strict";
import { columnDisplay, columnUnit, columnValue } from "../../sim/report/column_display.ts";
import { StatedNumbers } from "../../sim/report/numbers.ts";

const ORIGIN = "2020-11-03T08:00:00+01:00";

Deno.test("durations are shown in hours from 2 h, minutes from 2 min, else seconds", () => {
  const unitOf = (largest: number) => {
    const display = columnDisplay("time_to_success_p95_s", largest, ORIGIN);
    return columnUnit("time_to_success_p95_s", display, "en");
  };
  assert.equal(unitOf(86_270), "h");
  assert.equal(unitOf(7_200), "h");
  assert.equal(unitOf(7_199), "min");
  assert.equal(unitOf(120), "min");
  assert.equal(unitOf(75.5), "s");
  const numbers = new StatedNumbers("en");
  const hours = columnDisplay("time_to_success_p95_s", 86_270, ORIGIN);
  assert.equal(columnValue(numbers, "k", 86_270, hours, "en"), "24");
  assert.equal(columnValue(numbers, "k2", 144, hours, "en"), "0.04");
  assert.deepEqual(numbers.stated[0], { key: "k", value: 86_270 / 3600, unit: "h", text: "24" });
});

Deno.test("a time since the origin is a local date and time; other metrics stay numbers", () => {
  const clock = columnDisplay("budget_exhausted_at_s", 91_574, ORIGIN);
  assert.equal(clock.kind, "clock");
  assert.equal(columnUnit("budget_exhausted_at_s", clock, "en"), "local time");
  assert.equal(columnUnit("budget_exhausted_at_s", clock, "it"), "ora locale");
  const numbers = new StatedNumbers("en");
  // 91,574 s after 08:00 on 3 Nov (UTC+1) is 09:26 on 4 Nov
  assert.equal(columnValue(numbers, "k", 91_574, clock, "en"), "4 Nov, 09:26");
  assert.deepEqual(numbers.stated[0], { key: "k", value: 91_574, unit: "s", text: "4 Nov, 09:26" });
  const count = columnDisplay("funded", 559_600, ORIGIN);
  assert.equal(count.kind, "number");
  assert.equal(columnUnit("funded", count, "it"), "cittadini");
  assert.equal(
    columnUnit("fairness_jain", columnDisplay("fairness_jain", 0.9, ORIGIN), "en"),
    undefined,
  );
  assert.equal(columnValue(new StatedNumbers("it"), "f", 559_600, count, "it"), "559.600");
});
