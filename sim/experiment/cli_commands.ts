/**
 * The experiment commands of `deno task sim` (sim/cli.ts calls these):
 *
 * - `--experiment FILE [--workers N] [--shard K/N] [--out DIR] [--quiet] [--timeout SECONDS]`
 * - `merge DIR… [--out DIR]`
 * - `query DIR "SQL"` (needs `--allow-ffi` for DuckDB)
 *
 * Each prints JSON to stdout and returns the process exit code.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { parseShard, readManifest } from "./manifest.ts";
import { mergeShards } from "./merge.ts";
import { queryTables } from "./query.ts";
import { runExperiment } from "./run_experiment.ts";
import { writeTables } from "./table_files.ts";
import type { ExperimentTables } from "./types.ts";

/** Default folder of an experiment's output: `out/experiments/<name>`. */
export function defaultOutDir(experimentName: string): string {
  return `out/experiments/${experimentName.replace(/[^A-Za-z0-9._-]+/g, "_")}`;
}

function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`--workers: got "${text}"; allowed: an integer ≥ 0 (0 = no workers)`);
  }
  return workers;
}

function summaryOf(tables: ExperimentTables) {
  return {
    summaries: tables.summaries.length,
    series: tables.series.length,
    outcomes: tables.outcomes.length,
    estimates: tables.estimates,
    differences: tables.differences,
  };
}

/**
 * `--experiment FILE [--workers N] [--shard K/N] [--out DIR] [--quiet] [--timeout S]`: runs it,
 * writes its tables into DIR (default `out/experiments/<name>`, resumable) and prints the
 * estimates and differences as JSON. Returns the exit code.
 */
export async function runExperimentCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      experiment: { type: "string" },
      workers: { type: "string" },
      shard: { type: "string" },
      out: { type: "string" },
      quiet: { type: "boolean" },
      timeout: { type: "string" },
    },
    strict: true,
  });
  if (!values.experiment) throw new Error("--experiment FILE is required");
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  let out = values.out;
  if (!out) {
    const name = JSON.parse(await Deno.readTextFile(values.experiment))?.name;
    out = defaultOutDir(typeof name === "string" ? name : "experiment");
    if (shard) out += `/shard-${shard.index}-of-${shard.count}`;
  }
  const result = await runExperiment({
    experiment: values.experiment,
    workers: parseWorkers(values.workers),
    shard,
    out,
    quiet: values.quiet,
    timeoutSeconds: values.timeout === undefined ? undefined : Number(values.timeout),
  });
  console.log(JSON.stringify(
    {
      experiment: result.plan.name,
      out,
      shard: shard ? `${shard.index}/${shard.count}` : null,
      replications_run: result.replicationsRun,
      replications_resumed: result.replicationsResumed,
      rows: summaryOf(result.tables),
    },
    null,
    2,
  ));
  return 0;
}

/**
 * `merge DIR… [--out DIR]`: merges finished shard folders into DIR (default
 * `out/experiments/<experiment name>`) and prints the estimates and differences as JSON.
 */
export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const tables = await mergeShards(positionals);
  const name = (await readManifest(positionals[0]))?.name ?? "merged";
  const out = values.out ?? defaultOutDir(name);
  await writeTables(out, tables);
  console.log(JSON.stringify({ merged: positionals, out, rows: summaryOf(tables) }, null, 2));
  return 0;
}

/**
 * `query DIR "SQL"`: runs SQL over DIR's tables (views `summaries`, `series`, `outcomes`,
 * `estimates`, `differences`) with DuckDB and prints one JSON object per row. Needs
 * `--allow-ffi`.
 */
export async function queryCommand(dir: string, sql: string): Promise<number> {
  if (!dir || !sql) throw new Error('usage: query DIR "SQL"');
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
    throw new Error(
      "query: DuckDB is a native addon and needs --allow-ffi; run e.g. " +
        `deno run --allow-read=. --allow-ffi sim/cli.ts query ${dir} "${sql}"`,
    );
  }
  for (const row of await queryTables(dir, sql)) console.log(JSON.stringify(row));
  return 0;
}
