/**
 * `ClickDayModel.run` in steps: the model goes on from where it stopped, so a run made of
 * several calls gives exactly, bit for bit, the tables of one call; the run starts once (one
 * arrival stream, the mechanisms' `onStart` hooks once).
 */
import assert from "node:assert/strict";
import {
  ClickDayModel,
  loadScenario,
  modelTables,
  resolveDesign,
  runResolved,
} from "../../sim/model/mod.ts";
import type { ResolvedScenario } from "../../sim/model/mod.ts";
import { singleTier } from "./scenario_builder.ts";

/** Runs `resolved` through `stops` (seconds, in order) and returns its tables. */
function runInSteps(resolved: ResolvedScenario, stops: number[], starts: number[] = []) {
  const model = new ClickDayModel(resolved, 0, {
    onStart: (control) => starts.push(control.now),
  });
  for (const stop of stops) model.run(stop);
  return modelTables(model, "base", 0);
}

Deno.test("a peak hour run in steps gives the tables of one run, bit for bit", () => {
  const resolved = resolveDesign(loadScenario("data/scenarios/example-peak-hour.json"), "base");
  const end = 300;
  const once = runResolved(resolved, "base", 0, { until: end });
  const starts: number[] = [];
  const inSteps = runInSteps(resolved, [0, 45.5, 100, 100, 200, end], starts);
  assert.deepEqual(starts, [0], "the run starts once, at time 0");
  assert.deepEqual(inSteps, once);
  assert.ok(once.summaries.find((row) => row.metric === "attempts")!.value > 100_000);
});

Deno.test("mechanisms and capacity events run once when the model runs in steps", () => {
  const resolved = resolveDesign(
    singleTier({
      horizon_seconds: 900,
      demand: { arrivals: { kind: "constant", rate_per_second: 8 } },
      service: {
        tiers: [{
          name: "app",
          servers: 2,
          maintenance: [{ start_seconds: 400, end_seconds: 450 }],
        }],
      },
      budget: {
        total_euro: 20_000,
        grant: { kind: "fixed", euro: 100 },
        // registration outlasts the 900-s run: the lottery is drawn when the run ends
        allocation: { rule: "lottery", registration_close_seconds: 2000 },
      },
      autoscaler: {
        tier: "app",
        target_utilisation: 0.7,
        min_servers: 2,
        max_servers: 20,
        provisioning_delay_seconds: 120,
        evaluation_interval_seconds: 30,
      },
    }),
    "base",
  );
  const once = runResolved(resolved, "base", 0);
  const summary = (metric: string) => once.summaries.find((row) => row.metric === metric)!.value;
  assert.equal(summary("funded"), 200, "the lottery drew 20,000 € ÷ 100 € winners at the end");
  assert.ok(summary("peak_servers") > 2, "the autoscaler added servers");
  assert.deepEqual(runInSteps(resolved, [60, 400, 425, 900]), once);
  // running past the horizon stops at the horizon, as one run does
  assert.deepEqual(runInSteps(resolved, [300, 5000]), once);
});

Deno.test("running a model to a time before its current time is refused with a message", () => {
  const model = new ClickDayModel(resolveDesign(singleTier({ horizon_seconds: 100 }), "base"), 0);
  model.run(50);
  assert.throws(
    () => model.run(20),
    (error: Error) =>
      error instanceof RangeError && error.message.includes("not before the model's current") &&
      error.message.includes("(50 s)") && error.message.includes("got 20"),
  );
  assert.throws(() => model.run(NaN), RangeError);
  model.run(100);
  assert.equal(model.now, 100);
});

Deno.test("a model whose tables were taken has ended: it cannot run on or end twice", () => {
  const model = new ClickDayModel(resolveDesign(singleTier({ horizon_seconds: 100 }), "base"), 0);
  model.run(50);
  const tables = modelTables(model, "base", 0);
  const lastEnd = tables.series.reduce(
    (end, row) => Math.max(end, row.bin_start + row.bin_width),
    0,
  );
  assert.equal(lastEnd, 50, "the tables stop where the run stopped");
  assert.throws(() => model.run(100), /this run has ended/);
  assert.throws(() => modelTables(model, "base", 0), /already ended/);
});
