/**
 * The observation probe is passive: a run with it attached gives the same result tables as a run
 * without, and what it counts agrees with the tables (journeys completed = citizens succeeded;
 * citizens starting = citizens who tried).
 */
import assert from "node:assert/strict";
import { incidentScenario, ObservationProbe, observeRun } from "../../sim/calibration/mod.ts";
import { runReplication } from "../../sim/model/mod.ts";

Deno.test("the probe changes nothing in the run and its counts agree with the tables", () => {
  const scale = 0.02;
  const scenario = incidentScenario("inps-bonus600-2020", { scale, horizonSeconds: 36_000 });
  const plain = runReplication(scenario, "base", 1);
  const observed = observeRun("inps-bonus600-2020", scenario, "base", 1, scale);
  assert.deepEqual(observed.result.summaries, plain.summaries);
  const summary = (metric: string) => plain.summaries.find((row) => row.metric === metric)!.value;
  const total = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0);
  assert.equal(total(observed.probe.journeysCompleted), summary("citizens_succeeded"));
  assert.equal(total(observed.probe.citizensStarting), summary("citizens"));
  assert.ok(total(observed.probe.citizensFirstSuccess) >= summary("citizens_succeeded"));
});

Deno.test("the probe rejects bad options and unknown tiers, naming them", () => {
  assert.throws(
    () => new ObservationProbe({ binWidthSeconds: 0, horizonSeconds: 10 }),
    /binWidthSeconds: got 0/,
  );
  const probe = new ObservationProbe({ binWidthSeconds: 1, horizonSeconds: 10, tiers: ["x"] });
  assert.throws(() => probe.hooks(["app"]), /probe tier "x": not a tier; allowed: app/);
});
