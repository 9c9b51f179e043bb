/**
 * Results do not depend on how the work is spread: 0, 1 or 2 workers, or 2 shards merged,
 * give the same bytes of every serialized table.
 */
import assert from "node:assert/strict";
import { mergeShards, readTables, runExperiment } from "../../sim/experiment/mod.ts";
import { serializedTables, tableFileBytes, toyExperiment } from "./fixtures/helpers.ts";

Deno.test("1 and 2 workers (and no workers) give identical table bytes", async () => {
  const experiment = toyExperiment();
  const one = await runExperiment({ experiment, workers: 1, quiet: true });
  const two = await runExperiment({ experiment, workers: 2, quiet: true });
  const inline = await runExperiment({ experiment, workers: 0, quiet: true });
  assert.equal(one.tables.summaries.length, 3 * 2 * 4 * 2);
  assert.ok(one.tables.differences.length > 0);
  assert.deepEqual(serializedTables(two.tables), serializedTables(one.tables));
  assert.deepEqual(serializedTables(inline.tables), serializedTables(one.tables));
});

Deno.test("2 shards merged equal the unsharded run bit for bit", async () => {
  const root = await Deno.makeTempDir({ prefix: "experiment-shards-" });
  try {
    const experiment = toyExperiment();
    await runExperiment({ experiment, workers: 2, quiet: true, out: `${root}/whole` });
    const shards = [`${root}/shard1`, `${root}/shard2`];
    for (const [i, out] of shards.entries()) {
      const result = await runExperiment({
        experiment,
        workers: 1,
        quiet: true,
        out,
        shard: { index: i + 1, count: 2 },
      });
      assert.equal(result.tables.estimates.length, 0, "a shard leaves aggregation to merge");
      assert.ok(result.replicationsRun > 0 && result.replicationsRun < 24);
    }
    const merged = await mergeShards(shards);
    assert.deepEqual(serializedTables(merged.tables), tableFileBytes(`${root}/whole`));
    assert.deepEqual(merged.tables, await readTables(`${root}/whole`));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("sequential replications stop the same way with 1 and 2 workers and in shards", async () => {
  const root = await Deno.makeTempDir({ prefix: "experiment-sequential-" });
  try {
    const experiment = toyExperiment({
      replications: undefined,
      sequential: { metric: "mean_wait_seconds", halfWidth: 0.3, initial: 3, batch: 3, max: 12 },
    });
    const one = await runExperiment({ experiment, workers: 1, quiet: true });
    const two = await runExperiment({ experiment, workers: 2, quiet: true, out: `${root}/all` });
    assert.deepEqual(serializedTables(two.tables), serializedTables(one.tables));
    const shards = [`${root}/s1`, `${root}/s2`];
    for (const [i, out] of shards.entries()) {
      await runExperiment({
        experiment,
        workers: 1,
        quiet: true,
        out,
        shard: { index: i + 1, count: 2 },
      });
    }
    assert.deepEqual(
      serializedTables((await mergeShards(shards)).tables),
      tableFileBytes(`${root}/all`),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("merge refuses missing, repeated or foreign shards", async () => {
  const root = await Deno.makeTempDir({ prefix: "experiment-merge-" });
  try {
    const experiment = toyExperiment({ replications: 2 });
    await runExperiment({
      experiment,
      workers: 0,
      quiet: true,
      out: `${root}/a`,
      shard: { index: 1, count: 2 },
    });
    await assert.rejects(mergeShards([`${root}/a`]), /shard 2\/2 missing \(1 of 2\)/);
    await assert.rejects(mergeShards([`${root}/a`, `${root}/a`]), /is the same folder as/);
    await runExperiment({
      experiment: { ...experiment, name: "other" },
      workers: 0,
      quiet: true,
      out: `${root}/b`,
      shard: { index: 2, count: 2 },
    });
    await assert.rejects(
      mergeShards([`${root}/a`, `${root}/b`]),
      /holds another experiment than .*"other"/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
