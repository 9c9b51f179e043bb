/**
 * `query DIR "SQL"` runs DuckDB over the Parquet tables. DuckDB is a native addon needing
 * `--allow-ffi`, which the test task does not grant, so the query runs in a subprocess.
 */
import assert from "node:assert/strict";
import { runExperiment } from "../../sim/experiment/mod.ts";
import { toyExperiment } from "./fixtures/helpers.ts";
import { outDir, removeDir, ROOT, runTask } from "../cli/helpers.ts";

const COMMAND = new URL("./fixtures/experiment_command.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

async function runCommand(permissions: string[], args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--config", CONFIG, ...permissions, COMMAND, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
}

Deno.test("DuckDB queries the experiment's tables as views", async () => {
  const dir = await Deno.makeTempDir({ prefix: "experiment-query-" });
  try {
    const { tables } = await runExperiment({
      experiment: toyExperiment(),
      workers: 0,
      out: dir,
      quiet: true,
    });
    const sql = "SELECT design, grid_point, mean FROM estimates " +
      "WHERE metric = 'mean_wait_seconds' ORDER BY design, grid_point";
    const result = await runCommand(["--allow-read", "--allow-ffi"], ["query", dir, sql]);
    assert.equal(result.code, 0, result.stderr);
    const rows = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    const expected = tables.estimates
      .filter((row) => row.metric === "mean_wait_seconds")
      .map((row) => ({ design: row.design, grid_point: row.grid_point, mean: row.mean }))
      .sort((a, b) => a.design.localeCompare(b.design) || a.grid_point.localeCompare(b.grid_point));
    assert.deepEqual(rows, expected);
    const count = await runCommand(
      ["--allow-read", "--allow-ffi"],
      ["query", dir, "SELECT count(*)::INTEGER AS n FROM summaries"],
    );
    assert.deepEqual(JSON.parse(count.stdout), { n: tables.summaries.length });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("query without --allow-ffi says which permission is missing", async () => {
  const result = await runCommand(["--allow-read"], ["query", ".", "SELECT 1"]);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /needs --allow-ffi/);
});

Deno.test("query: integers are JSON numbers; --out is a .jsonl or .json file, said so", async () => {
  const dir = outDir("query-format");
  try {
    await runExperiment({ experiment: toyExperiment(), workers: 0, out: dir, quiet: true });
    const count = await runTask("query", [
      dir,
      "SELECT count(*) AS n, 9007199254740993::BIGINT AS big, 7::HUGEINT AS huge FROM summaries",
    ]);
    assert.equal(count.code, 0, count.stderr);
    const row = JSON.parse(count.stdout);
    assert.ok(typeof row.n === "number" && row.n > 0, count.stdout);
    assert.equal(row.big, "9007199254740993", "beyond 2^53 an integer stays exact, as a string");
    assert.equal(row.huge, 7);
    for (const name of ["rows.csv", "rows", "rows.parquet"]) {
      const refused = await runTask("query", [dir, "SELECT 1", "--out", `${dir}-${name}`]);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(
        refused.stderr,
        /--out: got ".*"; allowed: a file name ending in \.jsonl or \.json/,
      );
    }
    const outside = await runTask("query", [dir, "SELECT 1", "--out", "/tmp/rows.jsonl"]);
    assert.equal(outside.code, 2, outside.stderr);
    assert.match(outside.stderr, /allowed: a file under out\//);
    const file = `${dir}-rows.json`;
    const written = await runTask("query", [
      dir,
      "SELECT count(*) AS n FROM summaries",
      "--out",
      file,
    ]);
    assert.equal(written.code, 0, written.stderr);
    assert.deepEqual(
      JSON.parse(Deno.readTextFileSync(`${ROOT}/${file}`)),
      { n: row.n },
    );
    removeDir(file);
  } finally {
    removeDir(dir);
  }
});
