/**
 * Nothing lost, ever (issue 18), through the tasks as a user runs them: `merge` refuses a
 * shard folder with a run file missing, a shard given twice, shards of different scenarios or
 * an unfinished shard, naming what is wrong; `report --out` and `sim --out` leave a folder they
 * do not own untouched; a run killed with SIGKILL at `--workers 0` resumes to byte-identical
 * tables, recomputing only what was unfinished; a damaged run file is named; two processes on
 * one folder do not collide (the second may look while the first has only taken its lock); a
 * plain run into an experiment folder leaves nothing stale; a failing `query --out` creates
 * nothing.
 */
import assert from "node:assert/strict";
import { outDir, removeDir, ROOT, runTask, sim, tableBytes, taskArgs } from "../cli/helpers.ts";
import { inspectFolder, LOCK_FILE } from "../../sim/experiment/output_folder.ts";

const MMC = "data/scenarios/mmc.json";

async function ok(args: string[]): Promise<string> {
  const result = await sim(args);
  assert.equal(result.code, 0, `sim ${args.join(" ")}:\n${result.stderr}`);
  return result.stderr;
}

/** Every file under a folder with its bytes (to tell a folder was left untouched). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of Deno.readDirSync(path)) {
      const child = `${path}/${entry.name}`;
      if (entry.isDirectory) walk(child);
      else files.set(child.slice(dir.length), Deno.readTextFileSync(child));
    }
  };
  walk(dir);
  return files;
}

function assertExit2(result: { code: number; stderr: string }, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "a stack trace was printed");
}

Deno.test("merge refuses a missing run file, a shard twice, mixed scenarios, an unfinished shard", async () => {
  const root = outDir("merge-loss");
  try {
    for (const shard of ["1/2", "2/2"]) {
      await ok([MMC, "--reps", "2", "--quiet", "--shard", shard, "--out", `${root}/${shard[0]}`]);
    }
    await ok([
      MMC,
      "--reps",
      "2",
      "--quiet",
      "--seed",
      "9",
      "--shard",
      "2/2",
      "--out",
      `${root}/seed9`,
    ]);
    Deno.mkdirSync(`${ROOT}/${root}/copy/runs`, { recursive: true });
    for (const entry of Deno.readDirSync(`${ROOT}/${root}/1`)) {
      if (entry.isFile) {
        Deno.copyFileSync(`${ROOT}/${root}/1/${entry.name}`, `${ROOT}/${root}/copy/${entry.name}`);
      }
    }
    for (const entry of Deno.readDirSync(`${ROOT}/${root}/1/runs`)) {
      Deno.copyFileSync(
        `${ROOT}/${root}/1/runs/${entry.name}`,
        `${ROOT}/${root}/copy/runs/${entry.name}`,
      );
    }
    const merge = (dirs: string[]) =>
      sim(["merge", ...dirs.map((dir) => `${root}/${dir}`), "--out", `${root}/merged`]);

    assertExit2(await merge(["1", "1"]), /is the same folder as/);
    assertExit2(await merge(["1", "copy"]), /shard 1\/2 is given twice/);
    assertExit2(await merge(["1"]), /shard 2\/2 missing/);
    assertExit2(await merge(["1", "seed9"]), /holds another experiment than .*seeds/);

    // A finished run of another experiment as --out: refused, untouched, unless --replace; the
    // merged run of the same experiment is replaced again as it is.
    const other = `${root}/other`;
    await ok([MMC, "--reps", "1", "--until", "2000", "--quiet", "--out", other]);
    const before = snapshot(`${ROOT}/${other}`);
    const mergeInto = (flags: string[]) =>
      sim(["merge", `${root}/1`, `${root}/2`, "--out", other, ...flags]);
    assertExit2(await mergeInto([]), /holds a finished run of another experiment .*--replace/);
    assert.deepEqual(snapshot(`${ROOT}/${other}`), before, "the other experiment was changed");
    for (const flags of [["--replace"], []]) {
      const merged = await mergeInto(flags);
      assert.equal(merged.code, 0, merged.stderr);
      const manifest = JSON.parse(Deno.readTextFileSync(`${ROOT}/${other}/manifest.json`));
      assert.equal(manifest.merged, true);
    }

    Deno.removeSync(`${ROOT}/${root}/copy/runs/s0-d1-g0-r0.json`);
    assertExit2(
      await merge(["copy", "2"]),
      /copy is missing run files: s0-d1-g0-r0\.json; rerun that shard's command/,
    );
    const manifest = JSON.parse(Deno.readTextFileSync(`${ROOT}/${root}/2/manifest.json`));
    Deno.writeTextFileSync(
      `${ROOT}/${root}/2/manifest.json`,
      JSON.stringify({ ...manifest, complete: false }),
    );
    assertExit2(await merge(["1", "2"]), /2 is not finished/);
    assert.throws(() => Deno.statSync(`${ROOT}/${root}/merged`), Deno.errors.NotFound);
  } finally {
    removeDir(root);
  }
});

Deno.test("report --out and sim --out on a folder they do not own: exit 2, folder untouched", async () => {
  const dir = outDir("not-ours");
  try {
    Deno.mkdirSync(`${ROOT}/${dir}/sub`, { recursive: true });
    Deno.writeTextFileSync(`${ROOT}/${dir}/notes.txt`, "my notes");
    Deno.writeTextFileSync(`${ROOT}/${dir}/sub/data.csv`, "a,b\n1,2\n");
    const before = snapshot(`${ROOT}/${dir}`);
    assertExit2(await runTask("report", ["--quick", "--out", dir]), /left untouched/);
    assertExit2(await sim([MMC, "--out", dir]), /left untouched/);
    assertExit2(await sim(["merge", "out/none", "--out", dir]), /none/);
    assert.deepEqual(snapshot(`${ROOT}/${dir}`), before);
    // A report folder is not a run folder either.
    Deno.writeTextFileSync(`${ROOT}/${dir}/manifest.json`, '{"format":1,"kind":"report"}');
    assertExit2(await sim([MMC, "--out", dir]), /another kind of output/);
  } finally {
    removeDir(dir);
  }
});

Deno.test("kill -9 at --workers 0, then resume: byte-identical tables, only unfinished work rerun", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "clickday-kill-" });
  const interrupted = outDir("killed");
  const fresh = outDir("fresh");
  try {
    const raw = JSON.parse(Deno.readTextFileSync(`${ROOT}/${MMC}`));
    delete raw.$schema;
    raw.horizon_seconds = 150_000; // ≈ 0.5–1 s per replication
    Deno.writeTextFileSync(`${dir}/slow.json`, JSON.stringify(raw));
    const args = [`${dir}/slow.json`, "--design", "base", "--reps", "8", "--workers", "0"];
    const child = new Deno.Command(Deno.execPath(), {
      args: [...taskArgs("sim"), ...args, "--out", interrupted, "--quiet"],
      cwd: ROOT,
      stdout: "null",
      stderr: "null",
    }).spawn();
    const runs = `${ROOT}/${interrupted}/runs`;
    const count = () => {
      try {
        return [...Deno.readDirSync(runs)].filter((e) => e.name.endsWith(".json")).length;
      } catch {
        return 0;
      }
    };
    let exited = false;
    const status = child.status.then(() => exited = true);
    while (count() < 2) {
      assert.ok(!exited, "the run ended before it could be killed");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await status;
    const committed = [...Deno.readDirSync(runs)].filter((e) => e.name.endsWith(".json"));
    assert.ok(committed.length >= 2 && committed.length < 8, `${committed.length} run files`);
    const stamps = new Map(
      committed.map((e) => [e.name, Deno.statSync(`${runs}/${e.name}`).mtime!.getTime()]),
    );

    const resumed = await sim([...args, "--out", interrupted]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(
        `resumed ${committed.length} finished replication\\(s\\).*ran ${8 - committed.length}`,
      ),
    );
    for (const [name, mtime] of stamps) {
      assert.equal(Deno.statSync(`${runs}/${name}`).mtime!.getTime(), mtime, `${name} was rerun`);
    }
    await ok([...args, "--out", fresh, "--quiet"]);
    const a = tableBytes(interrupted);
    const b = tableBytes(fresh);
    for (const [file, bytes] of a) assert.deepEqual(bytes, b.get(file), file);
  } finally {
    Deno.removeSync(dir, { recursive: true });
    removeDir(interrupted);
    removeDir(fresh);
  }
});

Deno.test("a damaged run file is named, and deleting it recomputes that replication alone", async () => {
  const out = outDir("damaged");
  try {
    await ok([MMC, "--reps", "3", "--design", "base", "--quiet", "--out", out]);
    const file = `${ROOT}/${out}/runs/s0-d0-g0-r1.json`;
    const text = Deno.readTextFileSync(file);
    Deno.writeTextFileSync(file, text.slice(0, text.length / 2));
    assertExit2(
      await sim([MMC, "--reps", "3", "--design", "base", "--out", out]),
      /run file .*runs\/s0-d0-g0-r1\.json is damaged .*delete it and rerun/,
    );
    Deno.removeSync(file);
    const again = await sim([MMC, "--reps", "3", "--design", "base", "--out", out]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /resumed 2 finished replication\(s\).*ran 1/);
  } finally {
    removeDir(out);
  }
});

Deno.test("two processes on one output folder: the second waits, both succeed, same tables", async () => {
  const out = outDir("two");
  const alone = outDir("alone");
  try {
    const args = [MMC, "--reps", "4", "--workers", "1", "--out", out];
    const [first, second] = await Promise.all([sim(args), sim(args)]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.match(first.stderr + second.stderr, /in use by another clickday process/);
    assert.deepEqual(
      [...Deno.readDirSync(`${ROOT}/${out}/runs`)].map((e) => e.name).filter((n) =>
        /partial/.test(n)
      ),
      [],
    );
    await ok([MMC, "--reps", "4", "--quiet", "--out", alone]);
    const a = tableBytes(out);
    for (const [file, bytes] of tableBytes(alone)) assert.deepEqual(a.get(file), bytes, file);
  } finally {
    removeDir(out);
    removeDir(alone);
  }
});

Deno.test("a folder another process is starting a run in (its lock, an empty runs folder, no manifest yet) is not foreign", () => {
  const folder = Deno.makeTempDirSync();
  const any = () => true;
  try {
    Deno.writeTextFileSync(`${folder}/${LOCK_FILE}`, "");
    assert.equal(inspectFolder(folder, any).state, "empty");
    Deno.mkdirSync(`${folder}/runs`);
    assert.equal(inspectFolder(folder, any).state, "empty");
    Deno.writeTextFileSync(`${folder}/manifest.json.1a2b3c4d.partial`, "{");
    assert.equal(inspectFolder(folder, any).state, "empty", "its manifest being written");
    Deno.removeSync(`${folder}/manifest.json.1a2b3c4d.partial`);
    Deno.writeTextFileSync(`${folder}/runs/s0-d0-g0-r0.json`, "{}");
    assert.equal(inspectFolder(folder, any).state, "foreign", "a run file without a manifest");
    Deno.removeSync(`${folder}/runs`, { recursive: true });
    Deno.writeTextFileSync(`${folder}/notes.txt`, "mine");
    assert.equal(inspectFolder(folder, any).state, "foreign", "a file clickday did not write");
    Deno.removeSync(`${folder}/${LOCK_FILE}`);
    Deno.removeSync(`${folder}/notes.txt`);
    Deno.mkdirSync(`${folder}/runs`);
    assert.equal(inspectFolder(folder, any).state, "foreign", "no lock: not a starting run");
  } finally {
    Deno.removeSync(folder, { recursive: true });
  }
});

Deno.test("a plain run into an experiment's folder: refused, or with --replace replaces it whole, nothing stale left", async () => {
  const out = outDir("replaced");
  try {
    const experiment = Deno.makeTempFileSync({ suffix: ".json" });
    Deno.writeTextFileSync(
      experiment,
      JSON.stringify({
        name: "grid",
        scenarios: [`${ROOT}/${MMC}`],
        grid: { "demand.arrivals.rate_per_second": [4, 4.5] },
        replications: 2,
      }),
    );
    const grid = await sim(["--experiment", experiment, "--workers", "1", "--quiet", "--out", out]);
    Deno.removeSync(experiment);
    assert.equal(grid.code, 0, grid.stderr);
    const before = snapshot(`${ROOT}/${out}`);
    assertExit2(
      await sim([MMC, "--design", "base", "--quiet", "--out", out]),
      /holds a finished run of another experiment \("grid".*"mmc".*left untouched.*--replace/,
    );
    assert.deepEqual(snapshot(`${ROOT}/${out}`), before, "the finished experiment was changed");
    await ok([MMC, "--design", "base", "--quiet", "--replace", "--out", out]);
    const manifest = JSON.parse(Deno.readTextFileSync(`${ROOT}/${out}/manifest.json`));
    assert.equal(manifest.name, "mmc");
    const estimates = Deno.readTextFileSync(`${ROOT}/${out}/estimates.csv`);
    assert.doesNotMatch(estimates, /rate_per_second/, "stale grid estimates left");
    assert.deepEqual(
      [...Deno.readDirSync(`${ROOT}/${out}/runs`)].map((e) => e.name),
      ["s0-d0-g0-r0.json"],
    );
    assert.deepEqual(
      [...Deno.readDirSync(`${ROOT}/out`)].filter((e) => e.name.includes(out.slice(4) + ".")),
      [],
      "a staging folder was left beside the output",
    );
  } finally {
    removeDir(out);
  }
});

Deno.test("query --out: a failing query creates nothing; a good one makes the file's folders", async () => {
  const results = outDir("query-results");
  const target = outDir("query-out");
  const exists = (path: string) => {
    try {
      Deno.lstatSync(`${ROOT}/${path}`);
      return true;
    } catch {
      return false;
    }
  };
  try {
    await ok([MMC, "--reps", "1", "--until", "2000", "--quiet", "--out", results]);
    const file = `${target}/a/b/rows.jsonl`;
    assertExit2(
      await runTask("query", [`${results}-none`, "SELECT 1", "--out", file]),
      /not a results folder|no such|does not exist|not found/i,
    );
    assert.equal(exists(target), false, "a folder was created for a query that never ran");
    assertExit2(
      await runTask("query", [results, "SELECT bad FROM summaries", "--out", file]),
      /bad/,
    );
    assert.equal(exists(target), false, "a failed query left folders behind");
    Deno.mkdirSync(`${ROOT}/${target}/a`, { recursive: true });
    assertExit2(
      await runTask("query", [results, "SELECT bad FROM summaries", "--out", file]),
      /bad/,
    );
    assert.deepEqual([...Deno.readDirSync(`${ROOT}/${target}/a`)], [], "only what it made removed");
    const good = await runTask("query", [results, "SELECT 1 AS one", "--out", file]);
    assert.equal(good.code, 0, good.stderr);
    assert.equal(Deno.readTextFileSync(`${ROOT}/${file}`), '{"one":1}\n');
  } finally {
    removeDir(results);
    removeDir(target);
  }
});
