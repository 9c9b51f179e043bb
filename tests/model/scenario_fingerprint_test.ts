/**
 * Scenario fingerprints (what stored results are checked against for staleness): a changed
 * value changes the fingerprint; notes, the description, designs and key order do not.
 */
import assert from "node:assert/strict";
import { scenarioFingerprint } from "../../sim/model/mod.ts";

const read = () =>
  JSON.parse(Deno.readTextFileSync(new URL("../../data/scenarios/mmc.json", import.meta.url)));

Deno.test("a changed value changes the fingerprint; a changed note, description or design does not", () => {
  const base = scenarioFingerprint(read());
  assert.match(base, /^[0-9a-f]{16}$/);
  assert.equal(scenarioFingerprint(read()), base, "same file, same fingerprint");

  const value = read();
  value.demand.arrivals.rate_per_second.value = 4.6;
  assert.notEqual(scenarioFingerprint(value), base);

  const seed = read();
  seed.seed = 2021;
  assert.notEqual(scenarioFingerprint(seed), base);

  const note = read();
  note.demand.arrivals.rate_per_second.assumption = "another reason";
  note.description = "another description";
  note.designs = {};
  assert.equal(scenarioFingerprint(note), base);

  const reordered = Object.fromEntries(Object.entries(read()).reverse());
  assert.equal(scenarioFingerprint(reordered), base);
});
