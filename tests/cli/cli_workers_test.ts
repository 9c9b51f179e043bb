/**
 * `deno task sim` through the experiment layer: the same bytes whatever the number of workers,
 * and shards merged by `deno task sim merge` give the unsharded estimates.
 */
import assert from "node:assert/strict";

const TASK_FLAGS = ["run", "--allow-read=.", "--allow-write=out", "--allow-ffi", "sim/cli.ts"];

const sim = (args: string[]) => {
  const output = new Deno.Command(Deno.execPath(), {
    args: [...TASK_FLAGS, ...args],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, `sim ${args.join(" ")} failed:\n${stderr}`);
  return new TextDecoder().decode(output.stdout);
};

const SCENARIO = "data/scenarios/mmc.json";

Deno.test("--json prints the same bytes with 1 worker, 2 workers and in-process", () => {
  const common = [SCENARIO, "--reps", "4", "--json", "--quiet"];
  const oneWorker = sim([...common, "--workers", "1"]);
  const twoWorkers = sim([...common, "--workers", "2"]);
  const inProcess = sim(common);
  assert.ok(oneWorker.length > 100, "no JSON printed");
  assert.equal(twoWorkers, oneWorker);
  assert.equal(inProcess, oneWorker);
});

Deno.test("two shards merged give the unsharded run's replication means", () => {
  const dir = `out/test-cli-shards-${crypto.randomUUID()}`;
  try {
    for (const shard of ["1/2", "2/2"]) {
      sim([SCENARIO, "--reps", "4", "--shard", shard, "--out", `${dir}/${shard[0]}`, "--quiet"]);
    }
    const merged = JSON.parse(sim(["merge", `${dir}/1`, `${dir}/2`, "--out", `${dir}/merged`]));
    const unsharded = JSON.parse(sim([SCENARIO, "--reps", "4", "--json", "--quiet"])) as {
      design: string;
      metrics: Record<string, { mean: number }>;
    }[];
    const estimates = merged.rows.estimates as { design: string; metric: string; mean: number }[];
    assert.ok(estimates.length > 0, "merge produced no estimates");
    for (const entry of unsharded) {
      const mergedMean = estimates.find((row) =>
        row.design === entry.design && row.metric === "citizens_succeeded"
      )?.mean;
      assert.equal(mergedMean, entry.metrics.citizens_succeeded.mean, entry.design);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("bad --shard and --workers values: exit code 2 naming the flag", () => {
  for (const [flag, value] of [["--shard", "3/2"], ["--workers", "-1"]]) {
    const output = new Deno.Command(Deno.execPath(), {
      args: [...TASK_FLAGS, SCENARIO, flag, value, "--out", "out/never"],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    assert.equal(output.code, 2, `${flag} ${value}`);
    assert.match(new TextDecoder().decode(output.stderr), new RegExp(flag.slice(2)));
  }
  assert.throws(() => Deno.statSync("out/never"), Deno.errors.NotFound);
});
