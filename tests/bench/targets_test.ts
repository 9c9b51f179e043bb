/**
 * The benchmark targets: a line says whether its run met the targets and how it compares with
 * the figure recorded when they were set.
 */
import assert from "node:assert/strict";
import { baselineFields, type Benchmark, targetFields } from "../../bench/benchmark.ts";
import { benchmarks } from "../../bench/model.ts";
import { benchmarks as bareLoops, runBareLoop } from "../../bench/bare_loop.ts";

const result = { events: 100, customers: 50, seconds: 20, peakRssMb: 300 };
const bench = (extra: Partial<Benchmark>): Benchmark => ({
  name: "model/x",
  description: "x",
  run: () => result,
  ...extra,
});

Deno.test("a run over its time target does not meet it; the speed-up is against the recorded time", () => {
  const fields = targetFields(
    bench({ targets: { seconds: 16, source: "s" }, recorded: { seconds: 32, source: "r" } }),
    result,
  );
  assert.deepEqual(fields, {
    target_seconds: 16,
    meets_targets: false,
    recorded_seconds: 32,
    speedup_vs_recorded: 1.6,
  });
});

Deno.test("a run within every target meets them; the memory target counts too", () => {
  const targets = { seconds: 60, peakRssMb: 2048, source: "s" };
  assert.equal(targetFields(bench({ targets }), result).meets_targets, true);
  assert.equal(
    targetFields(bench({ targets }), { ...result, peakRssMb: 4096 }).meets_targets,
    false,
  );
  assert.deepEqual(targetFields(bench({}), result), {});
});

Deno.test("the model benchmarks carry the redesign's speed targets; the full-scale one runs 36 simulated hours", () => {
  const peak = benchmarks.find((b) => b.name === "model/cashback-peak-hour");
  const full = benchmarks.find((b) => b.name === "model/cashback-full-scale");
  assert.equal(peak?.targets?.seconds, 16);
  assert.equal(peak?.recorded?.seconds, 32);
  assert.equal(full?.targets?.seconds, 60);
  assert.equal(full?.targets?.peakRssMb, 2048);
  assert.match(full?.description ?? "", /36 simulated hours/);
});

Deno.test("a benchmark's cost per event is divided by its baseline's, measured in the same run", () => {
  const withBaseline = bench({ baseline: "reference/x" });
  // 20 s for 100 events against 3 s for 60 events: 0.2 s against 0.05 s an event.
  assert.deepEqual(
    baselineFields(withBaseline, result, { events: 60, customers: 1, seconds: 3, peakRssMb: 1 }),
    { baseline: "reference/x", cost_per_event_vs_baseline: 4 },
  );
  assert.deepEqual(baselineFields(withBaseline, result, undefined), {});
  assert.deepEqual(baselineFields(bench({}), result, result), {});
});

Deno.test("the peak-hour benchmark's baseline is the registered bare loop of its network", () => {
  const peak = benchmarks.find((b) => b.name === "model/cashback-peak-hour");
  assert.ok(bareLoops.some((b) => b.name === peak?.baseline));
});

Deno.test("the bare loop conserves flow: every arriving citizen's 8 service visits complete", () => {
  // The first 30 s of the peak hour: about 1,000 citizens/s, no queue full, no drops. Events
  // are arrivals plus completions; a citizen still in the system at the end has done fewer
  // than its 8 visits (4 operations: app; app, db; app, wallet, db; app, db), and at most the
  // 1,216 slots plus the queues hold one.
  const { events, customers: completions } = runBareLoop(
    "data/scenarios/example-peak-hour.json",
    30,
  );
  const arrivals = events - completions;
  assert.ok(arrivals > 25_000 && arrivals < 35_000, `arrivals ${arrivals}`);
  const missing = 8 * arrivals - completions;
  assert.ok(missing >= 0 && missing < 8 * 1_216, `missing visits ${missing}`);
});
