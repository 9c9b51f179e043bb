/**
 * The manifest of an output folder (`manifest.json`): what kind of clickday folder it is,
 * which experiment (by fingerprint) and which shard its runs belong to, which runs it must
 * hold, and whether the run finished. A command only replaces or resumes a folder whose
 * manifest says it is its own kind.
 *
 * @module
 */
import { writeFileAtomic } from "./atomic_write.ts";
import { UsageError } from "./usage_error.ts";

/** A shard: the `index`-th (1-based) of `count` deterministic slices of an experiment. */
export interface ShardSelection {
  /** Shard number, 1 ≤ index ≤ count. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** The runs an experiment consists of, so `merge` can tell a missing run file. */
export interface RunLayout {
  /** Designs per scenario. */
  designs: number[];
  /** Grid points. */
  gridPoints: number;
  /** Fixed replications per cell, or null with sequential replications (see `cells`). */
  replications: number | null;
  /**
   * With sequential replications, once finished: `[scenario, grid point, replications]` of
   * each cell of this folder.
   */
  cells?: [number, number, number][];
}

/** Contents of `manifest.json`. */
export interface Manifest {
  /** Manifest format version. */
  format: 2;
  /** What the folder holds: the tables of an experiment (a run, a shard or a merge). */
  kind: "experiment";
  /** Experiment name. */
  name: string;
  /** Fingerprint of the experiment (see `ExperimentPlan.fingerprint`). */
  fingerprint: string;
  /** The shard this folder holds; null for an unsharded run or a merge. */
  shard: ShardSelection | null;
  /** Baseline design per scenario name. */
  baselines: Record<string, string>;
  /** Confidence level of intervals. */
  confidence: number;
  /** True once every replication of the run (or shard) is written, and the tables too. */
  complete: boolean;
  /** Number of replications written (once complete). */
  replications: number;
  /** The runs of the experiment (to check a shard is whole). */
  layout: RunLayout;
  /** True for the output of `merge` (it holds tables, not run files). */
  merged?: boolean;
}

/** File name of the manifest inside an output folder. */
export const MANIFEST_FILE = "manifest.json";

/**
 * Reads `dir/manifest.json`: the manifest, `undefined` when there is none, or `null` when the
 * file exists but is not a clickday experiment manifest.
 */
export async function readManifest(dir: string): Promise<Manifest | null | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${dir}/${MANIFEST_FILE}`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new UsageError(`${dir}/${MANIFEST_FILE}: cannot read it (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const manifest = json as Omit<Partial<Manifest>, "format"> & { format?: number };
  const known = manifest !== null && typeof manifest === "object" &&
    (manifest.kind === "experiment" || (manifest.format === 1 && manifest.kind === undefined)) &&
    typeof manifest.fingerprint === "string" && typeof manifest.name === "string" &&
    typeof manifest.complete === "boolean";
  return known ? manifest as Manifest : null;
}

/** Writes `dir/manifest.json` atomically. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(`${dir}/${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2) + "\n");
}

/** Parses `"K/N"` (1 ≤ K ≤ N ≤ 100 000) into a shard selection, with a clear error otherwise. */
export function parseShard(text: string): ShardSelection {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > 100_000 || index < 1 || index > count) {
    throw UsageError.field(
      "--shard",
      text,
      "K/N with 1 ≤ K ≤ N ≤ 100000, e.g. 1/4 (the first of 4 shards); N is the same for every " +
        "shard of a run",
    );
  }
  return { index, count };
}
