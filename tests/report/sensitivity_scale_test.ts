/**
 * The tornado's scale is judged by the incident's convergence study: a tornado at a scale below
 * the one that agrees with full scale is labelled so in the method table (and the incident
 * section warns), one at or above it is not.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sensitivityScaleAgreement } from "../../sim/report/method_section.ts";
import { StatedNumbers } from "../../sim/report/numbers.ts";
import type { IncidentReport } from "../../sim/report/sections.ts";

const incident = (chosen: number | undefined) =>
  ({
    name: "x",
    convergence: chosen === undefined ? undefined : { chosen_k: chosen, points: [] },
  }) as unknown as IncidentReport["incident"];

Deno.test("a tornado below the agreeing scale is labelled with the scale that agrees", () => {
  const numbers = new StatedNumbers("en");
  assert.equal(
    sensitivityScaleAgreement(incident(1), 0.05, "en", numbers),
    "no: agrees from 1:1",
  );
  assert.equal(sensitivityScaleAgreement(incident(0.05), 0.05, "en", numbers), "yes");
  assert.equal(sensitivityScaleAgreement(incident(0.2), 0.5, "it", numbers), "sì");
  assert.equal(
    sensitivityScaleAgreement(incident(0.2), 0.05, "it", new StatedNumbers("it")),
    "no: concorda da 1:5",
  );
  assert.equal(sensitivityScaleAgreement(incident(undefined), 0.05, "en", numbers), "no study");
});
