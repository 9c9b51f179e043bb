/**
 * The experiment commands of `deno task sim` (sim/cli.ts calls these), each checking all of
 * its arguments and its output location before doing anything:
 *
 * - `--experiment FILE [--workers N] [--shard K/N] [--out DIR] [--until S] [--timeout S]
 *   [--allow-large-run] [--quiet]`
 * - `merge DIR… [--out DIR]`
 * - `query DIR "SQL" [--out FILE] [--timeout S]` (the `query` task: DuckDB needs `--allow-ffi`)
 *
 * Each prints JSON to stdout and returns the exit code; a mistake throws a `UsageError`.
 *
 * @module
 */
import { dirname, resolve, sep } from "node:path";
import { temporaryName } from "./atomic_write.ts";
import {
  type CommandSettings,
  MERGE_USAGE,
  QUERY_USAGE,
  resolveSettings,
  runFlagSpecs,
  SIM_USAGE,
} from "./command_support.ts";
import { parseFlags } from "./flags.ts";
import { parseShard, writeManifest } from "./manifest.ts";
import { mergeShards } from "./merge.ts";
import {
  checkOutputPath,
  inspectFolder,
  OUTPUT_ROOT,
  refuseForeign,
  safeFileName,
  stagingFolder,
  swapIntoPlace,
} from "./output_folder.ts";
import { DEFAULT_QUERY_TIMEOUT_SECONDS, queryTables } from "./query.ts";
import { isExperimentManifest, refuseOtherExperiment } from "./run_folder.ts";
import { runExperiment } from "./run_experiment.ts";
import { loadExperiment } from "./spec.ts";
import { writeTables } from "./table_files.ts";
import type { ExperimentTables } from "./types.ts";
import { UsageError } from "./usage_error.ts";
import { MAX_TIMEOUT_SECONDS } from "./limits.ts";

/** Default folder of an experiment's output: `out/experiments/<name>`. */
export function defaultOutDir(experimentName: string): string {
  return `${OUTPUT_ROOT}/experiments/${safeFileName(experimentName, "experiment")}`;
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
 * `--experiment FILE …`: runs it, writes its tables into DIR (default
 * `out/experiments/<name>`, resumable) and prints the estimates and differences as JSON.
 */
export async function runExperimentCommand(
  args: readonly string[],
  settings: CommandSettings = {},
): Promise<number> {
  const { io, budget } = resolveSettings(settings);
  const { values, positionals } = parseFlags(
    args,
    { experiment: { kind: "string", meaning: "an experiment JSON file" }, ...runFlagSpecs() },
    SIM_USAGE,
  );
  if (values.help) {
    io.out(SIM_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument${positionals.length > 1 ? "s" : ""} ${positionals.join(" ")} ` +
        `with --experiment (the scenarios are in the experiment file)\n${SIM_USAGE}`,
    );
  }
  const file = values.experiment as string | undefined;
  if (!file) throw new UsageError(`--experiment FILE is required\n${SIM_USAGE}`);
  const shard = values.shard === undefined ? undefined : parseShard(String(values.shard));
  let out = values.out as string | undefined;
  const spec = await loadExperiment(file);
  if (out === undefined) {
    out = defaultOutDir(spec.name);
    if (shard) out += `/shard-${shard.index}-of-${shard.count}`;
  }
  if (values.until !== undefined) spec.until = values.until as number;
  const result = await runExperiment({
    experiment: spec,
    workers: values.workers as number | undefined,
    shard,
    out,
    quiet: values.quiet === true,
    replace: values.replace === true,
    timeoutSeconds: values.timeout as number | undefined,
    budget: values["allow-large-run"] ? null : budget,
    onNote: io.err,
  });
  io.out(JSON.stringify(
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

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(b + sep) || b.startsWith(a + sep);
}

/**
 * `merge DIR… [--out DIR]`: merges finished shard folders into DIR (default
 * `out/experiments/<experiment name>`) and prints the estimates and differences as JSON.
 * DIR is replaced only when it is missing, empty or a finished result folder of the same
 * experiment (of another one with `--replace`).
 */
export async function mergeCommand(
  args: readonly string[],
  settings: CommandSettings = {},
): Promise<number> {
  const { io } = resolveSettings(settings);
  const { values, positionals } = parseFlags(
    args,
    {
      out: { kind: "string", meaning: "a folder under out/" },
      replace: { kind: "boolean" },
      quiet: { kind: "boolean" },
      help: { kind: "boolean" },
    },
    MERGE_USAGE,
  );
  if (values.help) {
    io.out(MERGE_USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError(`merge: no shard folders given\n${MERGE_USAGE}`);
  }
  if (values.out !== undefined) checkOutputPath(values.out as string);
  const merged = await mergeShards(positionals);
  const out = (values.out as string | undefined) ?? defaultOutDir(merged.manifest.name);
  const target = checkOutputPath(out).path;
  for (const dir of positionals) {
    if (overlaps(target, resolve(dir))) {
      throw UsageError.field("--out", out, `a folder apart from the shard folders (not ${dir})`);
    }
  }
  const contents = inspectFolder(target, isExperimentManifest);
  if (contents.state === "foreign") refuseForeign("--out", out, contents.reason);
  if (contents.state === "own" && contents.manifest.complete !== true) {
    throw new UsageError(
      `--out: ${out} holds an unfinished run; it was left untouched. Choose another folder`,
    );
  }
  if (contents.state === "own") {
    refuseOtherExperiment(out, contents.manifest, merged.manifest, values.replace === true);
  }
  const staged = await stagingFolder(target);
  try {
    await writeTables(staged, merged.tables);
    await writeManifest(staged, merged.manifest);
    await swapIntoPlace(staged, target);
  } catch (error) {
    await Deno.remove(staged, { recursive: true }).catch(() => {});
    throw error;
  }
  io.out(JSON.stringify({ merged: positionals, out, rows: summaryOf(merged.tables) }, null, 2));
  return 0;
}

/** The file names `query --out` accepts: its rows are JSON lines. */
const QUERY_OUT_EXTENSION = /\.jsonl?$/i;

/**
 * Creates the temporary file `staged` (a new file), making its missing parent folders first;
 * each folder made is added to `created`, outermost first.
 */
function openStaged(staged: string, created: string[]): Deno.FsFile {
  const missing: string[] = [];
  for (let folder = dirname(staged);; folder = dirname(folder)) {
    try {
      Deno.lstatSync(folder);
      break;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound) || dirname(folder) === folder) throw error;
      missing.unshift(folder);
    }
  }
  for (const folder of missing) {
    try {
      Deno.mkdirSync(folder);
      created.push(folder);
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
  return Deno.openSync(staged, { write: true, createNew: true });
}

/**
 * `query DIR "SQL" [--out FILE] [--timeout S]`: runs read-only SQL over DIR's tables (views
 * `summaries`, `series`, `outcomes`, `estimates`, `differences`) with DuckDB, confined to
 * those files, and prints one JSON object per row (JSON lines; or writes them to FILE, a new
 * `.jsonl` or `.json` file under out/). Needs `--allow-ffi` (the `query` task).
 */
export async function queryCommand(
  args: readonly string[],
  settings: CommandSettings = {},
): Promise<number> {
  const { io } = resolveSettings(settings);
  const { values, positionals } = parseFlags(
    args,
    {
      out: { kind: "string", meaning: "a new .jsonl or .json file under out/" },
      timeout: {
        kind: "number",
        min: 0,
        exclusiveMin: true,
        max: MAX_TIMEOUT_SECONDS,
        meaning: `seconds, default ${DEFAULT_QUERY_TIMEOUT_SECONDS}`,
      },
      help: { kind: "boolean" },
    },
    QUERY_USAGE,
  );
  if (values.help) {
    io.out(QUERY_USAGE);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      `query: expected a results folder and one SQL text, got ${positionals.length} ` +
        `argument(s)\n${QUERY_USAGE}`,
    );
  }
  const [dir, sql] = positionals;
  const timeoutSeconds = values.timeout as number | undefined;
  if (values.out === undefined) {
    await queryTables(dir, sql, { timeoutSeconds, onRow: (row) => io.out(JSON.stringify(row)) });
    return 0;
  }
  if (!QUERY_OUT_EXTENSION.test(values.out as string)) {
    throw UsageError.field(
      "--out",
      values.out,
      "a file name ending in .jsonl or .json (the rows are written as JSON lines: one JSON " +
        "object per line)",
    );
  }
  const location = checkOutputPath(values.out as string, "--out", "file");
  if (location.exists) {
    throw UsageError.field("--out", values.out, "a new file (this one exists: it was left alone)");
  }
  // Nothing is created until there is something to write: the file's missing folders are made
  // at the first write (the end of a query that succeeded, or its first MiB of rows) and,
  // should the query fail after all, removed again (only those this command made).
  const created: string[] = [];
  const staged = temporaryName(location.path);
  let file: Deno.FsFile | undefined;
  const encoder = new TextEncoder();
  let buffer = "";
  const flush = () => {
    file ??= openStaged(staged, created);
    const bytes = encoder.encode(buffer);
    buffer = "";
    let offset = 0;
    while (offset < bytes.length) offset += file.writeSync(bytes.subarray(offset));
  };
  try {
    await queryTables(dir, sql, {
      timeoutSeconds,
      onRow: (row) => {
        buffer += JSON.stringify(row) + "\n";
        if (buffer.length > 1 << 20) flush();
      },
    });
    flush();
    file!.close();
    await Deno.rename(staged, location.path);
  } catch (error) {
    try {
      file?.close();
    } catch {
      // closed already
    }
    if (file) await Deno.remove(staged).catch(() => {});
    for (const folder of created.reverse()) await Deno.remove(folder).catch(() => {});
    throw error;
  }
  io.err(`query: rows written to ${values.out}`);
  return 0;
}
