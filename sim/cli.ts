/**
 * `deno task sim <scenario.json> [--design NAME|all] [--seed N] [--reps N] [--until SECONDS]
 * [--workers N] [--shard K/N] [--out DIR] [--json] [--quiet]`: runs a scenario's designs and
 * prints or writes the tables. Also `deno task sim --experiment FILE …`, `deno task sim merge
 * DIR…` and `deno task sim query DIR "SQL"` (sim/experiment's commands).
 *
 * With `--workers` or `--shard` the replications run through the experiment layer (Deno
 * Workers, common random numbers, deterministic shards); the printed JSON is the same bytes
 * whatever the number of workers.
 *
 * A thin shell: parse flags → load the scenario → run replications → write (CSV and Parquet). Bad input (flags or
 * scenario) prints what is wrong and exits with code 2 before writing anything.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runReplication } from "./model/mod.ts";
import { designNames, loadScenario, type Scenario, ScenarioError } from "./scenario/mod.ts";
import { meanConfidenceInterval } from "./stats/mod.ts";
import {
  type ColumnSpec,
  parseShard,
  runExperiment,
  type ShardSelection,
  tableToParquet,
} from "./experiment/mod.ts";
import { mergeCommand, queryCommand, runExperimentCommand } from "./experiment/cli_commands.ts";
import type { OutcomeRow, SeriesRow, SummaryRow } from "./table/mod.ts";

/** Parsed command-line options. */
export interface CliOptions {
  /** Path of the scenario file. */
  scenarioPath: string;
  /** Design name, or "all". */
  design: string;
  /** Seed overriding the scenario's, if given. */
  seed?: number;
  /** Number of replications (≥ 1). */
  reps: number;
  /** Simulated time to stop at, seconds, if given. */
  until?: number;
  /** Output folder for CSV tables, if given. */
  out?: string;
  /** Print a JSON summary per design on stdout. */
  json: boolean;
  /** No progress on stderr. */
  quiet: boolean;
  /** Deno Workers for the replications (through the experiment layer), if given. */
  workers?: number;
  /** Run only this deterministic slice of the replications (needs `out`), if given. */
  shard?: ShardSelection;
}

const USAGE = "usage: deno task sim <scenario.json> [--design NAME|all] [--seed N] [--reps N] " +
  "[--until SECONDS] [--workers N] [--shard K/N] [--out DIR] [--json] [--quiet]\n" +
  "       deno task sim --experiment FILE [--workers N] [--shard K/N] [--out DIR] [--quiet]\n" +
  "       deno task sim merge DIR… [--out DIR]\n" +
  '       deno task sim query DIR "SQL"';

/** Thrown for bad command-line input (exit code 2). */
export class UsageError extends Error {
  /** @param message what is wrong, naming the flag and the value. */
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

function integerFlag(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name}: ${JSON.stringify(text)} is not an integer ≥ ${min}`);
  }
  return value;
}

/** Parses the command line (without the program name). */
export function parseCli(args: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        design: { type: "string", default: "all" },
        seed: { type: "string" },
        reps: { type: "string", default: "1" },
        until: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        workers: { type: "string" },
        shard: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "missing the scenario file"
        : `expected one scenario file, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  let until: number | undefined;
  if (values.until !== undefined) {
    until = Number(values.until);
    if (!(until > 0 && Number.isFinite(until))) {
      throw new UsageError(
        `--until: ${JSON.stringify(values.until)} is not a positive number of seconds`,
      );
    }
  }
  let shard: ShardSelection | undefined;
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.out === undefined) throw new UsageError("--shard: needs --out DIR for its tables");
  }
  if (values.until !== undefined && (values.workers !== undefined || shard)) {
    throw new UsageError("--until: not available with --workers or --shard (set horizon_seconds)");
  }
  return {
    scenarioPath: positionals[0],
    workers: integerFlag("workers", values.workers, 0),
    shard,
    design: values.design!,
    seed: integerFlag("seed", values.seed, 0),
    reps: integerFlag("reps", values.reps, 1)!,
    until,
    out: values.out,
    json: values.json!,
    quiet: values.quiet!,
  };
}

/** Tables of every run of a CLI invocation. */
export interface CliTables {
  /** Per-run scalars. */
  summaries: SummaryRow[];
  /** Per-bin series. */
  series: SeriesRow[];
  /** Citizen outcomes. */
  outcomes: OutcomeRow[];
}

/** The designs the options select (validated against the scenario). */
export function selectedDesigns(scenario: Scenario, design: string): string[] {
  const names = designNames(scenario);
  if (design === "all") return names;
  if (!names.includes(design)) {
    throw new UsageError(
      `--design: "${design}" is not a design (designs: ${names.join(", ")}, all)`,
    );
  }
  return [design];
}

/** Runs every selected design × replication and returns the tables. */
export function runCli(
  scenario: Scenario,
  options: CliOptions,
  progress: (message: string) => void = () => {},
): CliTables {
  const designs = selectedDesigns(scenario, options.design);
  const seeded = options.seed === undefined ? scenario : { ...scenario, seed: options.seed };
  const tables: CliTables = { summaries: [], series: [], outcomes: [] };
  for (const design of designs) {
    for (let replication = 0; replication < options.reps; replication++) {
      progress(`${design} replication ${replication + 1}/${options.reps}`);
      const result = runReplication(seeded, design, replication, { until: options.until });
      tables.summaries.push(...result.summaries);
      tables.series.push(...result.series);
      tables.outcomes.push(...result.outcomes);
    }
  }
  return tables;
}

/**
 * Runs the selected designs × replications through the experiment layer (Deno Workers,
 * deterministic order, optional shard) and returns the tables.
 */
export async function runCliWithWorkers(
  scenario: Scenario,
  options: CliOptions,
): Promise<CliTables> {
  const raw = JSON.parse(Deno.readTextFileSync(options.scenarioPath)) as Record<string, unknown>;
  if (options.seed !== undefined) raw.seed = options.seed;
  const { tables } = await runExperiment({
    experiment: {
      name: scenario.name,
      scenarios: [raw],
      designs: selectedDesigns(scenario, options.design),
      replications: options.reps,
    },
    baseDir: options.scenarioPath.replace(/[^/]*$/, "") || ".",
    workers: options.workers,
    shard: options.shard,
    out: options.shard ? options.out : undefined,
    quiet: options.quiet,
  });
  const strip = <T extends { grid_point?: string }>(rows: T[]) =>
    rows.map(({ grid_point: _gridPoint, ...row }) => row);
  return {
    summaries: strip(tables.summaries),
    series: strip(tables.series),
    outcomes: strip(tables.outcomes),
  };
}

/** Per-design JSON summary: each metric's mean, and its 95 % CI when reps > 1. */
export function summariseByDesign(
  summaries: readonly SummaryRow[],
): Record<string, unknown>[] {
  const byDesign = new Map<string, Map<string, number[]>>();
  let scenario = "";
  for (const row of summaries) {
    scenario = row.scenario;
    const metrics = byDesign.get(row.design) ?? new Map<string, number[]>();
    byDesign.set(row.design, metrics);
    const values = metrics.get(row.metric) ?? [];
    metrics.set(row.metric, values);
    values.push(row.value);
  }
  return [...byDesign].map(([design, metrics]) => {
    const out: Record<string, unknown> = {};
    for (const [metric, values] of metrics) {
      const finite = values.filter(Number.isFinite);
      if (values.length === 1 || finite.length < 2) {
        out[metric] = {
          mean: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null,
        };
      } else {
        const interval = meanConfidenceInterval(finite, 0.95);
        out[metric] = {
          mean: interval.mean,
          ci_low: interval.low,
          ci_high: interval.high,
          n: interval.n,
        };
      }
    }
    return {
      scenario,
      design,
      replications: Math.max(...[...metrics.values()].map((v) => v.length)),
      metrics: out,
    };
  });
}

function csvCell(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV with the given column order (header line first). */
export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) {
    lines.push(
      columns.map((column) => csvCell((row as Record<string, unknown>)[column])).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** Writes `data` to `path` through a temporary file and a rename. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.partial`;
  if (typeof data === "string") Deno.writeTextFileSync(temporary, data);
  else Deno.writeFileSync(temporary, data);
  Deno.renameSync(temporary, path);
}

const KEY: ColumnSpec[] = [
  { name: "scenario", type: "STRING" },
  { name: "design", type: "STRING" },
  { name: "replication", type: "INT32" },
];
const COLUMNS: Record<keyof CliTables, ColumnSpec[]> = {
  summaries: [...KEY, { name: "metric", type: "STRING" }, { name: "value", type: "DOUBLE" }],
  series: [
    ...KEY,
    { name: "bin_start", type: "DOUBLE" },
    { name: "bin_width", type: "DOUBLE" },
    { name: "metric", type: "STRING" },
    { name: "value", type: "DOUBLE" },
  ],
  outcomes: [
    ...KEY,
    { name: "outcome", type: "STRING" },
    { name: "group_by", type: "STRING" },
    { name: "group", type: "STRING" },
    { name: "count", type: "INT32" },
  ],
};

/**
 * Writes `summaries`, `series` and `outcomes` into `dir` (created if missing) as `.csv` and
 * `.parquet`, each through a temporary file and a rename.
 */
export function writeCliTables(dir: string, tables: CliTables): void {
  Deno.mkdirSync(dir, { recursive: true });
  for (const name of ["summaries", "series", "outcomes"] as const) {
    const columns = COLUMNS[name];
    const rows = tables[name] as unknown as Record<string, unknown>[];
    writeAtomic(`${dir}/${name}.csv`, toCsv(rows, columns.map((column) => column.name)));
    writeAtomic(`${dir}/${name}.parquet`, tableToParquet(rows, columns));
  }
}

/** Runs the CLI; returns the exit code (0 ok, 2 bad input, 1 other failure). */
export async function main(args: string[]): Promise<number> {
  try {
    if (args[0] === "merge") return await mergeCommand(args.slice(1));
    if (args[0] === "query") return await queryCommand(args[1], args[2]);
    if (args.some((arg) => arg === "--experiment" || arg.startsWith("--experiment="))) {
      return await runExperimentCommand(args);
    }
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  try {
    const options = parseCli(args);
    const scenario = loadScenario(options.scenarioPath);
    selectedDesigns(scenario, options.design);
    const showProgress = !options.quiet && Deno.stderr.isTerminal();
    const tables = options.workers !== undefined || options.shard
      ? await runCliWithWorkers(scenario, options)
      : runCli(scenario, options, (message) => {
        if (showProgress) console.error(message);
      });
    if (options.out && !options.shard) writeCliTables(options.out, tables);
    if (options.json) {
      console.log(JSON.stringify(summariseByDesign(tables.summaries), null, 2));
    } else if (!options.quiet) {
      for (const entry of summariseByDesign(tables.summaries)) {
        const metrics = entry.metrics as Record<string, { mean: number | null }>;
        console.log(
          `${entry.design}: citizens ${metrics.citizens?.mean}, succeeded ` +
            `${metrics.citizens_succeeded?.mean}, retry amplification ` +
            `${metrics.retry_amplification?.mean?.toFixed(3)}`,
        );
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      console.error(`${(error as Error).message}\n(--out must be a folder under out/)`);
      return 2;
    }
    console.error(error);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
