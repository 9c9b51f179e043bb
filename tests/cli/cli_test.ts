/**
 * The `deno task sim` command line, run as a subprocess with the task's permissions.
 */
import assert from "node:assert/strict";
import { parquetReadObjects } from "hyparquet";
import { erlangC } from "../../sim/analytic/mod.ts";

const run = (args: string[]) => {
  const output = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read=.", "--allow-write=out", "sim/cli.ts", ...args],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
};

const outDir = () => `out/test-cli-${crypto.randomUUID()}`;

Deno.test("bad scenario: exit code 2, the field named, no output files", () => {
  const dir = Deno.makeTempDirSync();
  const raw = JSON.parse(Deno.readTextFileSync("data/scenarios/mmc.json"));
  raw.service.tiers[0].servers = -4;
  const path = `${dir}/bad.json`;
  Deno.writeTextFileSync(path, JSON.stringify(raw));
  const out = outDir();
  const result = new Deno.Command(Deno.execPath(), {
    args: ["run", `--allow-read=.,${dir}`, "--allow-write=out", "sim/cli.ts", path, "--out", out],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const stderr = new TextDecoder().decode(result.stderr);
  assert.equal(result.code, 2);
  assert.match(stderr, /service\.tiers\[0\]\.servers: -4 is not a non-negative integer/);
  assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("bad flags and unknown designs: exit code 2 with the flag named", () => {
  const reps = run(["data/scenarios/mmc.json", "--reps", "zero"]);
  assert.equal(reps.code, 2);
  assert.match(reps.stderr, /--reps: "zero" is not an integer/);
  const design = run(["data/scenarios/mmc.json", "--design", "nope"]);
  assert.equal(design.code, 2);
  assert.match(design.stderr, /"nope" is not a design \(designs: base, six-servers, all\)/);
  const missing = run(["data/scenarios/nothing-here.json"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nothing-here\.json: cannot be read/);
});

Deno.test("--json: per-design summaries with CIs agree with Erlang C; --out writes tables", async () => {
  const out = outDir();
  const result = run([
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
  const header = (name: string) => Deno.readTextFileSync(`${out}/${name}.csv`).split("\n")[0];
  assert.equal(header("summaries"), "scenario,design,replication,metric,value");
  assert.equal(header("series"), "scenario,design,replication,bin_start,bin_width,metric,value");
  assert.equal(header("outcomes"), "scenario,design,replication,outcome,group_by,group,count");
  const summaryLines = Deno.readTextFileSync(`${out}/summaries.csv`).trim().split("\n");
  assert.ok(summaryLines.some((line) => line.startsWith("mmc,six-servers,5,citizens,")));
  const files = [...Deno.readDirSync(out)].map((entry) => entry.name).sort();
  assert.deepEqual(files, [
    "outcomes.csv",
    "outcomes.parquet",
    "series.csv",
    "series.parquet",
    "summaries.csv",
    "summaries.parquet",
  ]);
  const parquet = await parquetReadObjects({
    file: Deno.readFileSync(`${out}/summaries.parquet`).buffer as ArrayBuffer,
  });
  assert.equal(parquet.length, summaryLines.length - 1);
  Deno.removeSync(out, { recursive: true });
});

Deno.test("--seed changes the draws, --until shortens the run", () => {
  const citizens = (args: string[]) => {
    const result = run(["data/scenarios/mmc.json", "--design", "base", "--json", ...args]);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout)[0].metrics.citizens.mean as number;
  };
  const short = citizens(["--until", "1000"]);
  assert.ok(short > 3000 && short < 6000, `${short}`);
  assert.notEqual(citizens(["--until", "1000", "--seed", "99"]), short);
});
