/**
 * One runner (issue 17): a plain run, a `--workers 2` run and a `--shard 1/2` + `2/2` merge of
 * the same scenario write byte-identical tables; every flag combines with every other
 * (`--until` with `--workers` and `--shard`, a trace-CSV scenario outside the project with
 * `--workers 1` and `--shard`); one day at 10-s bins runs and writes its tables.
 */
import assert from "node:assert/strict";
import { outDir, removeDir, ROOT, sim, tableBytes } from "./helpers.ts";

const SCENARIO = "data/scenarios/mmc.json";

async function ok(args: string[]): Promise<string> {
  const result = await sim(args);
  assert.equal(result.code, 0, `sim ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Runs a plain run, a 2-worker run and 2 shards + merge; asserts the tables are identical. */
async function assertOneRunner(scenario: string, common: string[]): Promise<void> {
  const root = outDir("one-runner");
  try {
    await ok([scenario, ...common, "--out", `${root}/plain`]);
    await ok([scenario, ...common, "--workers", "2", "--out", `${root}/workers`]);
    await ok([scenario, ...common, "--shard", "1/2", "--out", `${root}/s1`]);
    await ok([scenario, ...common, "--shard", "2/2", "--workers", "1", "--out", `${root}/s2`]);
    await ok(["merge", `${root}/s1`, `${root}/s2`, "--out", `${root}/merged`]);
    const plain = tableBytes(`${root}/plain`);
    assert.ok(plain.get("summaries.csv")!.length > 100, "no rows");
    for (const other of ["workers", "merged"]) {
      // an output folder is an ordinary one, like the plain run's (not a private 0700 one)
      const mode = (folder: string) => Deno.statSync(`${ROOT}/${root}/${folder}`).mode! & 0o777;
      assert.equal(mode(other), mode("plain"), `${other}: mode ${mode(other).toString(8)}`);
      const bytes = tableBytes(`${root}/${other}`);
      for (const [file, content] of plain) {
        assert.deepEqual(bytes.get(file), content, `${other}/${file} differs from the plain run's`);
      }
    }
  } finally {
    removeDir(root);
  }
}

Deno.test("plain, --workers 2 and --shard 1/2 + 2/2 merged give byte-identical tables", async () => {
  await assertOneRunner(SCENARIO, ["--reps", "3", "--quiet"]);
});

Deno.test("--until combines with --workers and --shard (same bytes as a plain --until run)", async () => {
  await assertOneRunner(SCENARIO, [
    "--reps",
    "2",
    "--until",
    "3000",
    "--design",
    "base",
    "--quiet",
  ]);
});

Deno.test("a trace-CSV scenario outside the project runs with --workers 1 and --shard", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "clickday-trace-" });
  try {
    const raw = JSON.parse(Deno.readTextFileSync(`${ROOT}/${SCENARIO}`));
    delete raw.$schema;
    raw.horizon_seconds = 4000;
    raw.demand.arrivals = { kind: "trace", csv: "rates.csv" };
    Deno.writeTextFileSync(`${dir}/rates.csv`, "time,rate\n0,3\n1000,4.5\n2500,2\n");
    Deno.writeTextFileSync(`${dir}/trace.json`, JSON.stringify(raw));
    await assertOneRunner(`${dir}/trace.json`, ["--reps", "2", "--quiet"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("one day at 10-s bins: no stack overflow, every bin written", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "clickday-day-" });
  const out = outDir("day-10s");
  try {
    const raw = JSON.parse(Deno.readTextFileSync(`${ROOT}/${SCENARIO}`));
    delete raw.$schema;
    raw.horizon_seconds = 86_400;
    raw.warmup_seconds = 0;
    raw.bin_width_seconds = 10;
    Deno.writeTextFileSync(`${dir}/day.json`, JSON.stringify(raw));
    await ok([`${dir}/day.json`, "--design", "base", "--quiet", "--out", out]);
    const lines = Deno.readTextFileSync(`${ROOT}/${out}/series.csv`).split("\n");
    const bins = new Set(lines.slice(1, -1).map((line) => line.split(",")[4]));
    assert.equal(bins.size, 8640, "one row per 10-s bin of the day");
  } finally {
    Deno.removeSync(dir, { recursive: true });
    removeDir(out);
  }
});
