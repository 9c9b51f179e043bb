/**
 * The run store: one JSON file per finished replication in `DIR/runs/`, written the moment the
 * replication ends (whatever the number of workers, in-thread included), so an interrupted
 * experiment resumes from the replications already written, and shards can be merged.
 * Numbers are stored losslessly (NaN, ±Infinity and -0 included), so results read back are
 * bit-for-bit the results that were written. A run file that cannot be read back is named.
 *
 * @module
 */
import { TEMPORARY_SUFFIX, writeFileAtomicSync } from "./atomic_write.ts";
import type { JobKey, JobResult, RunTables } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** Folder of the run files inside an output folder. */
export const RUNS_FOLDER = "runs";

/** File name of one replication's run file. */
export function runFileName(key: JobKey): string {
  return `s${key.scenarioIndex}-d${key.designIndex}-g${key.gridIndex}-r${key.replication}.json`;
}

const RUN_FILE = /^s(\d+)-d(\d+)-g(\d+)-r(\d+)\.json$/;

/** The job key a run file name stands for, or undefined for another file. */
export function parseRunFileName(name: string): JobKey | undefined {
  const match = RUN_FILE.exec(name);
  if (!match) return undefined;
  return {
    scenarioIndex: Number(match[1]),
    designIndex: Number(match[2]),
    gridIndex: Number(match[3]),
    replication: Number(match[4]),
  };
}

/** Key string for maps: the run file name without extension. */
export function jobKeyString(key: JobKey): string {
  return `${key.scenarioIndex}-${key.designIndex}-${key.gridIndex}-${key.replication}`;
}

/** Compares keys in canonical order (scenario, design, grid point, replication). */
export function compareJobKeys(a: JobKey, b: JobKey): number {
  return a.scenarioIndex - b.scenarioIndex || a.designIndex - b.designIndex ||
    a.gridIndex - b.gridIndex || a.replication - b.replication;
}

function encodeNumber(_key: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  return { $number: Object.is(value, -0) ? "-0" : String(value) };
}

function decodeNumber(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && "$number" in value) {
    return Number((value as { $number: string }).$number);
  }
  return value;
}

/** Serializes one job's result (lossless for every double). */
export function encodeRun(result: JobResult): string {
  return JSON.stringify(result, encodeNumber);
}

/** Parses a run file's text back into the job result. */
export function decodeRun(text: string): JobResult {
  return JSON.parse(text, decodeNumber) as JobResult;
}

/** Writes one job's run file atomically into `outDir/runs/`, before returning. */
export function writeRun(outDir: string, result: JobResult): void {
  writeFileAtomicSync(`${outDir}/${RUNS_FOLDER}/${runFileName(result.key)}`, encodeRun(result));
}

function corrupt(path: string, why: string): UsageError {
  return new UsageError(
    `run file ${path} is damaged (${why}); delete it and rerun the same command: that ` +
      `replication alone is recomputed`,
  );
}

/** Reads and checks one run file (its key must match its name). */
async function readRunFile(path: string, key: JobKey): Promise<JobResult> {
  const text = await Deno.readTextFile(path);
  let result: JobResult;
  try {
    result = decodeRun(text);
  } catch (error) {
    throw corrupt(path, `not valid JSON: ${(error as Error).message}`);
  }
  const tables = result?.tables;
  if (
    !result?.key || jobKeyString(result.key) !== jobKeyString(key) || !tables ||
    !Array.isArray(tables.summaries) || !Array.isArray(tables.series) ||
    !Array.isArray(tables.outcomes)
  ) {
    throw corrupt(path, "it does not hold this replication's tables");
  }
  return result;
}

/** Reads a run file, or undefined when it does not exist. */
export async function readRun(outDir: string, key: JobKey): Promise<RunTables | undefined> {
  const path = `${outDir}/${RUNS_FOLDER}/${runFileName(key)}`;
  try {
    return (await readRunFile(path, key)).tables;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** The keys of every complete run file in `outDir/runs/` (temporary files ignored). */
export function listRunKeys(outDir: string): JobKey[] {
  const keys: JobKey[] = [];
  try {
    for (const entry of Deno.readDirSync(`${outDir}/${RUNS_FOLDER}`)) {
      if (!entry.isFile || entry.name.endsWith(TEMPORARY_SUFFIX)) continue;
      const key = parseRunFileName(entry.name);
      if (key) keys.push(key);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return keys.sort(compareJobKeys);
}

/** Reads the run files of the given keys from `outDir/runs/`, checking each. */
export async function readRuns(outDir: string, keys: readonly JobKey[]): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const key of keys) {
    results.push(await readRunFile(`${outDir}/${RUNS_FOLDER}/${runFileName(key)}`, key));
  }
  return results;
}
