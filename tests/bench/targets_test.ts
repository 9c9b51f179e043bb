/**
 * The benchmark targets: a line says whether its run met the targets and how it compares with
 * the figure recorded when they were set.
 */
import assert from "node:assert/strict";
import { type Benchmark, targetFields } from "../../bench/benchmark.ts";
import { benchmarks } from "../../bench/model.ts";

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

Deno.test("the model benchmarks carry issue #15's targets; the full-scale one runs 36 simulated hours", () => {
  const peak = benchmarks.find((b) => b.name === "model/cashback-peak-hour");
  const full = benchmarks.find((b) => b.name === "model/cashback-full-scale");
  assert.equal(peak?.targets?.seconds, 16);
  assert.equal(peak?.recorded?.seconds, 32);
  assert.equal(full?.targets?.seconds, 60);
  assert.equal(full?.targets?.peakRssMb, 2048);
  assert.match(full?.description ?? "", /36 simulated hours/);
});
