/**
 * What the commands of `deno task sim` share: where they print, the flags every run takes
 * (checked against the machine's cores and the documented bounds), and their usage texts.
 *
 * @module
 */
import type { FlagSpec } from "./flags.ts";
import {
  coreCount,
  MAX_REPLICATIONS,
  MAX_TIMEOUT_SECONDS,
  MAX_UNTIL_SECONDS,
  RUN_BUDGET,
  type RunBudget,
} from "./limits.ts";

/** Where a command prints: results to `out` (stdout), messages to `err` (stderr). */
export interface CommandIO {
  /** Prints a result line (stdout). */
  out(text: string): void;
  /** Prints a message (stderr). */
  err(text: string): void;
}

/** Settings a caller (a test, the fuzzer) may change; the command line cannot. */
export interface CommandSettings {
  /** Where to print (default stdout/stderr). */
  io?: CommandIO;
  /** The run budget (default `RUN_BUDGET`). */
  budget?: RunBudget;
}

/** Prints to the process's stdout and stderr. */
export const CONSOLE_IO: CommandIO = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
};

/** The IO and budget of settings, with defaults. */
export function resolveSettings(settings: CommandSettings = {}): Required<CommandSettings> {
  return { io: settings.io ?? CONSOLE_IO, budget: settings.budget ?? RUN_BUDGET };
}

/** Flags every run takes (a scenario or an experiment). */
export function runFlagSpecs(): Record<string, FlagSpec> {
  const cores = coreCount();
  return {
    workers: {
      kind: "integer",
      min: 0,
      max: cores,
      meaning: `0 = in this thread; at most the ${cores} cores of this machine`,
    },
    shard: { kind: "string", meaning: "K/N, e.g. 1/4" },
    out: { kind: "string", meaning: "a folder under out/, e.g. out/run-1" },
    until: {
      kind: "number",
      min: 0,
      exclusiveMin: true,
      max: MAX_UNTIL_SECONDS,
      meaning: "simulated seconds",
    },
    timeout: {
      kind: "number",
      min: 0,
      exclusiveMin: true,
      max: MAX_TIMEOUT_SECONDS,
      meaning: "seconds of wall clock per replication",
    },
    "allow-large-run": { kind: "boolean" },
    replace: { kind: "boolean" },
    quiet: { kind: "boolean" },
    help: { kind: "boolean" },
  };
}

/** Flags of a scenario run, besides the run flags. */
export const SCENARIO_FLAGS: Record<string, FlagSpec> = {
  design: { kind: "string", meaning: "a design name, or all" },
  seed: { kind: "integer", min: 0, max: Number.MAX_SAFE_INTEGER, meaning: "the base seed" },
  reps: {
    kind: "integer",
    min: 1,
    max: MAX_REPLICATIONS,
    meaning: "replications per design",
  },
  json: { kind: "boolean" },
  "print-resolved": { kind: "boolean" },
};

/** Usage of `deno task sim` (every command). */
export const SIM_USAGE = `usage:
  deno task sim SCENARIO.json [--design NAME|all] [--seed N] [--reps N] [--until SECONDS]
                [--workers N] [--shard K/N] [--out DIR] [--timeout SECONDS]
                [--allow-large-run] [--replace] [--json] [--quiet]
  deno task sim SCENARIO.json --print-resolved [--design NAME|all]
  deno task sim --experiment FILE.json [--workers N] [--shard K/N] [--out DIR] [--until SECONDS]
                [--timeout SECONDS] [--allow-large-run] [--replace] [--quiet]
  deno task sim merge DIR... [--out DIR] [--replace]
  deno task query DIR "SQL" [--out FILE] [--timeout SECONDS]

  A scenario runs 1 replication (--reps) in this thread (--workers 0) unless told otherwise;
  an experiment runs on one worker per core (--workers, 0: this thread).
  SCENARIO.json and FILE.json may be anywhere; outputs go under out/ only. A DIR holding
  a finished run of another experiment is refused unless --replace (its runs are deleted).
  Exit codes: 0 done; 1 a bug in clickday (please report it); 2 a mistake in the input
  (nothing run, nothing changed); 3 stopped by --timeout or another process (rerun to resume).
  Details: README ("Tasks", "Exit codes", "Bounds") and sim/experiment/README.md.`;

/** Usage of `deno task sim merge`. */
export const MERGE_USAGE =
  `usage: deno task sim merge DIR... [--out DIR] [--replace]   (the folders of shards 1..N of one
  run; --replace: replace a finished run of another experiment in --out, deleting its runs)`;

/** Usage of `deno task query`. */
export const QUERY_USAGE = `usage: deno task query DIR "SQL" [--out FILE] [--timeout SECONDS]
  SQL is SELECT (or EXPLAIN) over the views summaries, series, outcomes, estimates and
  differences of the results folder DIR; rows are printed as JSON lines, one JSON object per
  row (or written so to FILE: a new .jsonl or .json file under out/). Integers are JSON
  numbers (beyond 2^53, strings). DuckDB can read nothing else and write nothing.`;
