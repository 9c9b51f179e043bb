/**
 * Reported figures in the report's tables: the value with its unit in words, once — not
 * "215 M€ euro", "1,5 h s", "90% 1" or "1 milioni cittadini".
 */
import assert from "node:assert/strict";
import { StatedNumbers } from "../../sim/report/numbers.ts";
import { formatEntryWithUnit } from "../../sim/report/prose.ts";
import { isTimelineEvent } from "../../sim/report/incident_section.ts";

Deno.test("a reported figure shows its unit once, in the report's language", () => {
  const cell = (value: number, unit: string, language: "it" | "en") =>
    formatEntryWithUnit(new StatedNumbers(language), "k", { value, unit }, language)
      .replace(/\s/g, " ");
  assert.doesNotMatch(cell(215e6, "euro", "it"), /euro/);
  assert.doesNotMatch(cell(5400, "s", "it"), / s$/);
  assert.doesNotMatch(cell(4, "h", "en"), /h h/);
  assert.equal(cell(0.9, "1", "it"), "90%");
  assert.equal(cell(10, "1", "en"), "10");
  assert.equal(cell(1e6, "citizens", "it"), "1 milione di cittadini");
  assert.equal(cell(2.5e6, "citizens", "en"), "2.5 million citizens");
  assert.equal(cell(1, "applications", "en"), "1 application");
  assert.equal(cell(500, "applications", "it"), "500 domande");
});

Deno.test("the timeline lists moments, not durations", () => {
  const entry = (parameter: string) => ({ parameter, tag: "reported", unit: "s" });
  assert.ok(isTimelineEvent(entry("front_end_down_start_seconds")));
  assert.ok(isTimelineEvent(entry("reopening_seconds")));
  assert.ok(!isTimelineEvent(entry("session_cap_seconds")), "a 20-minute cap is no event");
  assert.ok(!isTimelineEvent({ ...entry("reopening_seconds"), tag: "assumed" }));
});
