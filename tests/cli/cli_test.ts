/**
 * The `deno task sim` command line, run as a subprocess with the task's permissions (read from
 * deno.json): field errors with exit code 2 and nothing written, estimates that agree with
 * Erlang C, the one table schema, `--seed` and `--until`.
 */
import assert from "node:assert/strict";
import { parquetReadObjects } from "hyparquet";
import { erlangC } from "../../sim/analytic/mod.ts";
import { outDir, removeDir, ROOT, sim } from "./helpers.ts";

Deno.test("bad scenario: exit code 2, the field named, no stack trace, no output files", async () => {
  const dir = Deno.makeTempDirSync();
  const raw = JSON.parse(Deno.readTextFileSync(`${ROOT}/data/scenarios/mmc.json`));
  raw.service.tiers[0].servers = -4;
  const path = `${dir}/bad.json`;
  Deno.writeTextFileSync(path, JSON.stringify(raw));
  const out = outDir("bad");
  try {
    const result = await sim([path, "--out", out]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /service\.tiers\[0\]\.servers: -4 is not a non-negative integer/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "a stack trace was printed");
    assert.throws(() => Deno.statSync(`${ROOT}/${out}`), Deno.errors.NotFound);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("bad flags and unknown designs: exit code 2 naming the flag, the value, what is allowed", async () => {
  const cases: [string[], RegExp][] = [
    [["--reps", "zero"], /--reps: got "zero"; allowed: an integer ≥ 1 and ≤ 10000/],
    [["--reps", "1e999"], /--reps: got "1e999"; allowed: an integer/],
    [["--reps", "-1"], /--reps: got "-1"; allowed: an integer ≥ 1/],
    [["--until", "NaN"], /--until: got "NaN"; allowed: a number > 0/],
    [["--until", "1e999"], /--until: got "1e999"; allowed: a number > 0/],
    [["--until", "900"], /until: got 900 s; allowed: a time after the warm-up \(1000 s\)/],
    [["--print-resolved", "--reps", "3"], /--reps: got 3; allowed: nothing with --print-resolved/],
    [["--timeout", "-2"], /--timeout: got "-2"; allowed: a number > 0/],
    [["--seed", "1.5"], /--seed: got "1\.5"; allowed: an integer ≥ 0/],
    [["--workers", "1000"], /--workers: got "1000"; allowed: an integer ≥ 0 and ≤ \d+ .*cores/],
    [["--design", "nope"], /--design: got "nope"; allowed: base, six-servers, all/],
    [["--out", ""], /--out: got ""; allowed: a folder under out\//],
    [["--frobnicate"], /"--frobnicate": unknown flag; allowed: --workers N/],
    [["--reps", "2", "--reps", "3"], /--reps: given twice/],
    [["--shard", "3/2", "--out", "out/never"], /--shard: got "3\/2"; allowed: K\/N/],
    [["--shard", "1/2"], /--shard: got "1\/2"; allowed: a shard with --out DIR/],
  ];
  for (const [flags, expected] of cases) {
    const result = await sim(["data/scenarios/mmc.json", ...flags]);
    assert.equal(result.code, 2, `${flags.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, expected, flags.join(" "));
    assert.doesNotMatch(result.stderr, /\n\s+at /, `stack trace for ${flags.join(" ")}`);
  }
  const missing = await sim(["data/scenarios/nothing-here.json"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nothing-here\.json: cannot be read/);
  assert.throws(() => Deno.statSync(`${ROOT}/out/never`), Deno.errors.NotFound);
});

Deno.test("--json: per-design estimates agree with Erlang C; --out writes the one table schema", async () => {
  const out = outDir("json");
  try {
    const result = await sim([
      "data/scenarios/mmc.json",
      "--design",
      "all",
      "--reps",
      "6",
      "--json",
      "--quiet",
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const summaries = JSON.parse(result.stdout) as {
      design: string;
      replications: number;
      metrics: Record<string, { mean: number; ci_low: number; ci_high: number; n: number }>;
    }[];
    assert.deepEqual(summaries.map((entry) => entry.design), ["base", "six-servers"]);
    for (const [index, servers] of [5, 6].entries()) {
      const wait = summaries[index].metrics["queue_wait_mean_s:server"];
      const expected = erlangC(servers, 4.5) / (servers - 4.5);
      assert.equal(wait.n, 6);
      assert.ok(
        wait.ci_low <= expected && expected <= wait.ci_high,
        `${JSON.stringify(wait)} vs ${expected}`,
      );
    }
    const header = (name: string) =>
      Deno.readTextFileSync(`${ROOT}/${out}/${name}.csv`).split("\n")[0];
    assert.equal(header("summaries"), "scenario,design,grid_point,replication,metric,value");
    assert.equal(
      header("series"),
      "scenario,design,grid_point,replication,bin_start,bin_width,metric,value",
    );
    assert.equal(
      header("outcomes"),
      "scenario,design,grid_point,replication,outcome,group_by,group,count",
    );
    const summaryLines = Deno.readTextFileSync(`${ROOT}/${out}/summaries.csv`).trim().split("\n");
    assert.ok(summaryLines.some((line) => line.startsWith("mmc,six-servers,{},5,citizens,")));
    const files = [...Deno.readDirSync(`${ROOT}/${out}`)].map((entry) => entry.name).sort();
    assert.deepEqual(files.filter((name) => !name.startsWith(".")), [
      "differences.csv",
      "differences.parquet",
      "estimates.csv",
      "estimates.parquet",
      "manifest.json",
      "outcomes.csv",
      "outcomes.parquet",
      "runs",
      "series.csv",
      "series.parquet",
      "summaries.csv",
      "summaries.parquet",
    ]);
    const parquet = await parquetReadObjects({
      file: Deno.readFileSync(`${ROOT}/${out}/summaries.parquet`).buffer as ArrayBuffer,
    });
    assert.equal(parquet.length, summaryLines.length - 1);
  } finally {
    removeDir(out);
  }
});

Deno.test("--seed changes the draws, --until shortens the run", async () => {
  const citizens = async (args: string[]) => {
    const result = await sim(["data/scenarios/mmc.json", "--design", "base", "--json", ...args]);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout)[0].metrics.citizens.mean as number;
  };
  // Summaries count what happens after the 1,000-s warm-up: about 4.5/s × 1,000 s here.
  const short = await citizens(["--until", "2000"]);
  assert.ok(short > 3000 && short < 6000, `${short}`);
  assert.notEqual(await citizens(["--until", "2000", "--seed", "99"]), short);
});

Deno.test("every command answers --help with its usage and exit code 0", async () => {
  for (const args of [["--help"], ["merge", "--help"], ["--experiment", "x.json", "--help"]]) {
    const result = await sim(args);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stdout, /usage:/);
  }
  const none = await sim([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /usage:/);
});
