/**
 * The manifest of an output folder (`manifest.json`): which experiment (by fingerprint) and
 * which shard its runs belong to, and whether the run finished.
 *
 * @module
 */
import { writeFileAtomic } from "./atomic_write.ts";

/** A shard: the `index`-th (1-based) of `count` deterministic slices of an experiment. */
export interface ShardSelection {
  /** Shard number, 1 ≤ index ≤ count. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** Contents of `manifest.json`. */
export interface Manifest {
  /** Manifest format version. */
  format: 1;
  /** Experiment name. */
  name: string;
  /** Fingerprint of the experiment (see `ExperimentPlan.fingerprint`). */
  fingerprint: string;
  /** The shard this folder holds; null for an unsharded run. */
  shard: ShardSelection | null;
  /** Baseline design per scenario name. */
  baselines: Record<string, string>;
  /** Confidence level of intervals. */
  confidence: number;
  /** True once every replication of the run (or shard) is written. */
  complete: boolean;
  /** Number of replications written. */
  replications: number;
}

/** File name of the manifest inside an output folder. */
export const MANIFEST_FILE = "manifest.json";

/** Reads `dir/manifest.json`, or undefined when there is none. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(`${dir}/${MANIFEST_FILE}`)) as Manifest;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new Error(`${dir}/${MANIFEST_FILE}: ${(error as Error).message}`);
  }
}

/** Writes `dir/manifest.json` atomically. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(`${dir}/${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2) + "\n");
}

/** Parses `"K/N"` (1 ≤ K ≤ N) into a shard selection, with a clear error otherwise. */
export function parseShard(text: string): ShardSelection {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(
      `--shard: got "${text}"; allowed: K/N with 1 ≤ K ≤ N, e.g. 1/4 (the first of 4 shards)`,
    );
  }
  return { index, count };
}
