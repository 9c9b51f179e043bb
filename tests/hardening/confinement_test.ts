/**
 * Confinement (issue 18): an experiment file carries no code (a `runner` URL or path, a model
 * that is not registered: refused, exit 2, the field named); only the `query` task has FFI;
 * DuckDB reads the results folder's tables and nothing else, and writes nothing; a symbolic
 * link under `out/` cannot send a write outside `out/`.
 */
import assert from "node:assert/strict";
import { outDir, removeDir, ROOT, runTask, sim, taskArgs } from "../cli/helpers.ts";

const MMC = `${ROOT}/data/scenarios/mmc.json`;

function assertExit2(result: { code: number; stderr: string }, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "a stack trace was printed");
}

/** Names and sizes of every file under a folder. */
function listing(dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    for (const entry of Deno.readDirSync(path)) {
      const child = `${path}/${entry.name}`;
      if (entry.isDirectory) walk(child);
      else files.push(`${child}:${Deno.statSync(child).size}`);
    }
  };
  walk(dir);
  return files.sort();
}

Deno.test("experiment files carry no code: runner URLs and paths, unregistered models refused", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "clickday-code-" });
  try {
    const marker = `${dir}/pwned`;
    Deno.writeTextFileSync(
      `${dir}/evil.ts`,
      `Deno.writeTextFileSync(${
        JSON.stringify(marker)
      }, "x");\nexport function runReplication() {}`,
    );
    const base = { name: "evil", scenarios: [MMC], replications: 1 };
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { ...base, runner: "data:text/javascript,Deno.exit(7)" },
        /field "runner": .*never by a module URL or path/,
      ],
      [{ ...base, runner: `${dir}/evil.ts` }, /field "runner"/],
      [{ ...base, runner: "https://example.org/evil.ts" }, /field "runner"/],
      [{ ...base, model: `file://${dir}/evil.ts` }, /field "model": got .*registered model name/],
      [{ ...base, model: "../evil.ts" }, /field "model"/],
    ];
    for (const [declaration, message] of cases) {
      Deno.writeTextFileSync(`${dir}/experiment.json`, JSON.stringify(declaration));
      const out = outDir("evil");
      const result = await sim(["--experiment", `${dir}/experiment.json`, "--out", out]);
      assertExit2(result, message);
      assert.throws(() => Deno.statSync(`${ROOT}/${out}`), Deno.errors.NotFound);
    }
    assert.throws(() => Deno.statSync(marker), Deno.errors.NotFound, "the runner module ran");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("only the query task has --allow-ffi", () => {
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`));
  for (const [task, command] of Object.entries(config.tasks as Record<string, string>)) {
    if (task === "query") assert.match(command, /--allow-ffi\b/);
    else if (task !== "test") assert.doesNotMatch(command, /--allow-ffi|-A\b|--allow-all/, task);
  }
  assert.ok(!taskArgs("sim").some((arg) => arg.startsWith("--allow-ffi")));
});

Deno.test("query: DuckDB reads the folder's tables only, writes nothing, cannot unlock itself", async () => {
  const out = outDir("query");
  try {
    const run = await sim([MMC, "--reps", "2", "--quiet", "--out", out]);
    assert.equal(run.code, 0, run.stderr);
    const query = (sql: string) => runTask("query", [out, sql]);
    const count = await query("SELECT count(*)::INTEGER AS n FROM summaries");
    assert.equal(count.code, 0, count.stderr);
    assert.ok(JSON.parse(count.stdout).n > 0);
    const before = listing(`${ROOT}/${out}`);
    const data = listing(`${ROOT}/data`);
    const refused: [string, RegExp][] = [
      ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error|disabled/],
      ["SELECT * FROM glob('/etc/*')", /Permission Error|disabled/],
      [`SELECT * FROM read_text('${ROOT}/data/sources.md')`, /Permission Error|disabled/],
      [`SELECT * FROM read_csv('${ROOT}/${out}/summaries.csv')`, /Permission Error|disabled/],
      [`COPY (SELECT 1) TO '${ROOT}/data/pwned.csv'`, /Permission Error|COPY/],
      [`COPY summaries TO '${ROOT}/${out}/copy.csv'`, /Permission Error|COPY/],
      [`ATTACH '${ROOT}/${out}/x.db' AS x`, /ATTACH|Permission Error/],
      ["INSTALL httpfs", /allowed: SELECT|Permission Error/],
      ["LOAD httpfs", /allowed: SELECT|disabled/],
      ["SET enable_external_access = true", /allowed: SELECT/],
      ["SELECT 1; DROP VIEW summaries", /statement 2 is DROP/],
      ["CREATE TABLE t AS SELECT 1", /CREATE/],
    ];
    for (const [sql, message] of refused) {
      const result = await query(sql);
      assertExit2(result, message);
    }
    assert.deepEqual(listing(`${ROOT}/${out}`), before, "the results folder changed");
    assert.deepEqual(listing(`${ROOT}/data`), data, "data/ changed");
    // A table file that is a link (to anything) is refused, not followed.
    Deno.renameSync(`${ROOT}/${out}/estimates.parquet`, `${ROOT}/${out}/estimates.real`);
    Deno.symlinkSync("/etc/passwd", `${ROOT}/${out}/estimates.parquet`);
    assertExit2(await query("SELECT * FROM estimates"), /not a regular file/);
  } finally {
    removeDir(out);
  }
});

Deno.test("a symbolic link under out/ does not let a write leave out/", async () => {
  const outside = Deno.makeTempDirSync({ prefix: "clickday-outside-" });
  const link = outDir("link");
  try {
    Deno.mkdirSync(`${ROOT}/out`, { recursive: true });
    Deno.symlinkSync(outside, `${ROOT}/${link}`);
    const through = `${link}/x`;
    assertExit2(await sim([MMC, "--out", through]), /through a symbolic link it leads to/);
    assertExit2(await sim([MMC, "--out", link]), /not a symbolic link/);
    assertExit2(await sim(["merge", "out/none", "--out", through]), /symbolic link/);
    assertExit2(await runTask("report", ["--quick", "--out", through]), /symbolic link/);
    assertExit2(
      await runTask("query", ["out/none", "SELECT 1", "--out", `${through}.jsonl`]),
      /symbolic link/,
    );
    // Every task that writes: the report and the planner may read only the project, so they
    // cannot even look outside it; that is still the user's mistake (exit 2), not a crash.
    for (
      const result of [
        await sim([MMC, "--out", `${outside}/y`]),
        await runTask("report", ["--quick", "--out", `${outside}/y`]),
        await runTask("plan", ["mmc", "--spot-checks", "0", "--out", `${outside}/y`]),
      ]
    ) assertExit2(result, /--out: got .*allowed: a folder under out\//);
    assert.deepEqual([...Deno.readDirSync(outside)], [], "something was written outside out/");
  } finally {
    Deno.removeSync(`${ROOT}/${link}`);
    Deno.removeSync(outside, { recursive: true });
  }
});

Deno.test("replacing a finished run: its staging folder cannot be a link leading out", async () => {
  const outside = Deno.makeTempDirSync({ prefix: "clickday-outside-" });
  const out = outDir("staged");
  const staging = `${ROOT}/out/.${out.slice("out/".length)}.next`;
  try {
    const args = [MMC, "--reps", "1", "--until", "2000", "--quiet", "--out", out];
    assert.equal((await sim(args)).code, 0);
    Deno.symlinkSync(outside, staging);
    // another design replaces the finished run, through the staging folder
    const replace = [...args, "--design", "base", "--replace"];
    assertExit2(await sim(replace), /staging folder .*symbolic link/);
    assert.deepEqual([...Deno.readDirSync(outside)], [], "something was written outside out/");
    assert.ok(Deno.lstatSync(`${ROOT}/${out}`).isDirectory, "the finished run is still in place");
    Deno.removeSync(staging);
    // a staging folder holding something else is refused, not emptied
    Deno.mkdirSync(staging);
    Deno.writeTextFileSync(`${staging}/notes.txt`, "mine");
    assertExit2(await sim(replace), /staging folder .*left untouched/);
    assert.equal(Deno.readTextFileSync(`${staging}/notes.txt`), "mine");
  } finally {
    removeDir(out);
    try {
      Deno.removeSync(staging, { recursive: true });
    } catch { /* already gone */ }
    Deno.removeSync(outside, { recursive: true });
  }
});
