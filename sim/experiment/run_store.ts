/**
 * The run store: one JSON file per finished replication in `DIR/runs/`, so an interrupted
 * experiment resumes from the replications already written, and shards can be merged.
 * Numbers are stored losslessly (NaN, ±Infinity and -0 included), so results read back are
 * bit-for-bit the results that were written.
 *
 * @module
 */
import { TEMPORARY_SUFFIX, writeFileAtomic } from "./atomic_write.ts";
import type { JobKey, JobResult, RunTables } from "./types.ts";

/** Folder of the run files inside an output folder. */
export const RUNS_FOLDER = "runs";

/** File name of one replication's run file. */
export function runFileName(key: JobKey): string {
  return `s${key.scenarioIndex}-d${key.designIndex}-g${key.gridIndex}-r${key.replication}.json`;
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

/** Writes one job's run file atomically into `outDir/runs/`. */
export async function writeRun(outDir: string, result: JobResult): Promise<void> {
  await writeFileAtomic(`${outDir}/${RUNS_FOLDER}/${runFileName(result.key)}`, encodeRun(result));
}

/** Reads a run file, or undefined when it does not exist. */
export async function readRun(outDir: string, key: JobKey): Promise<RunTables | undefined> {
  try {
    const text = await Deno.readTextFile(`${outDir}/${RUNS_FOLDER}/${runFileName(key)}`);
    return decodeRun(text).tables;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Reads every complete run file in `outDir/runs/` (temporary files are ignored). */
export async function readAllRuns(outDir: string): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const folder = `${outDir}/${RUNS_FOLDER}`;
  for await (const entry of Deno.readDir(folder)) {
    if (!entry.isFile || !entry.name.endsWith(".json")) continue;
    if (entry.name.endsWith(TEMPORARY_SUFFIX)) continue;
    results.push(decodeRun(await Deno.readTextFile(`${folder}/${entry.name}`)));
  }
  return results.sort((a, b) => compareJobKeys(a.key, b.key));
}
