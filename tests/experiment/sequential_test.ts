/**
 * Sequential replications: each (scenario, grid point) stops at the first check where every
 * design's interval is narrow enough, or at the maximum.
 */
import assert from "node:assert/strict";
import { runExperiment, type SequentialRule } from "../../sim/experiment/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";
import { toyExperiment } from "./fixtures/helpers.ts";

async function replicationsPerCell(sequential: SequentialRule) {
  const { tables } = await runExperiment({
    experiment: toyExperiment({ replications: undefined, sequential }),
    workers: 0,
    quiet: true,
  });
  const counts = new Map<string, number>();
  const values = new Map<string, number[]>();
  for (const row of tables.summaries) {
    if (row.metric !== sequential.metric) continue;
    const key = `${row.grid_point}|${row.design}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    values.set(key, [...(values.get(key) ?? []), row.value]);
  }
  return { counts, values, tables };
}

Deno.test("a loose target stops at the initial count, an impossible one at the maximum", async () => {
  const loose = await replicationsPerCell({
    metric: "mean_wait_seconds",
    halfWidth: 1e6,
    initial: 3,
    batch: 2,
    max: 9,
  });
  assert.deepEqual(new Set(loose.counts.values()), new Set([3]));
  const strict = await replicationsPerCell({
    metric: "mean_wait_seconds",
    halfWidth: 1e-9,
    initial: 3,
    batch: 2,
    max: 8,
  });
  assert.deepEqual(new Set(strict.counts.values()), new Set([8]));
});

Deno.test("a cell stops at the first check where every design meets the target", async () => {
  const rule = { metric: "mean_wait_seconds", halfWidth: 0.3, initial: 3, batch: 3, max: 30 };
  const { counts, values } = await replicationsPerCell(rule);
  const cells = new Set([...counts.keys()].map((key) => key.split("|")[0]));
  const stops = new Set<number>();
  for (const cell of cells) {
    const designs = [...counts.keys()].filter((key) => key.startsWith(`${cell}|`));
    const n = counts.get(designs[0])!;
    stops.add(n);
    for (const design of designs) assert.equal(counts.get(design), n, "designs stop together");
    const meets = (size: number) =>
      designs.every((design) =>
        meanConfidenceInterval(values.get(design)!.slice(0, size)).halfWidth <= rule.halfWidth
      );
    if (n < rule.max) assert.ok(meets(n), `${cell}: stopped at ${n} without meeting the target`);
    for (let earlier = rule.initial; earlier < n; earlier += rule.batch) {
      assert.ok(!meets(earlier), `${cell}: should have stopped at ${earlier}, ran to ${n}`);
    }
  }
  assert.ok([...stops].some((n) => n > rule.initial && n < rule.max), `stops: ${[...stops]}`);
});

Deno.test("a relative target on paired differences", async () => {
  const rule: SequentialRule = {
    metric: "mean_wait_seconds",
    halfWidth: 0.3,
    relative: true,
    of: "difference",
    initial: 3,
    batch: 3,
    max: 30,
  };
  const { tables } = await replicationsPerCell(rule);
  const rows = tables.differences.filter((row) => row.metric === rule.metric);
  assert.ok(
    rows.some((row) => row.n > rule.initial! && row.n < rule.max),
    "the rule stopped early",
  );
  for (const row of rows) {
    if (row.n >= rule.max) continue;
    const halfWidth = (row.ci_high - row.ci_low) / 2;
    assert.ok(halfWidth <= 0.3 * Math.abs(row.mean), `${row.design} ${row.grid_point}`);
  }
});
