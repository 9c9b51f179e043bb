/**
 * Merging shards: the run files of N shard folders, re-ordered and aggregated, give the
 * tables of the unsharded run bit for bit.
 *
 * @module
 */
import { assembleTables } from "./assemble.ts";
import { type Manifest, readManifest } from "./manifest.ts";
import { jobKeyString, readAllRuns } from "./run_store.ts";
import type { ExperimentTables, JobResult } from "./types.ts";

/**
 * Reads the shard folders written by `runExperiment({ shard, out })` and returns the merged
 * tables. Checks every folder holds a finished shard of the same experiment and that shards
 * 1…N are all there, once each.
 */
export async function mergeShards(dirs: readonly string[]): Promise<ExperimentTables> {
  if (dirs.length === 0) throw new Error("merge: no shard folders given");
  const manifests: Manifest[] = [];
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    if (!manifest) throw new Error(`merge: ${dir} has no manifest.json (not a shard folder)`);
    if (!manifest.complete) {
      throw new Error(`merge: ${dir} is not finished (manifest.json says complete: false)`);
    }
    manifests.push(manifest);
  }
  const first = manifests[0];
  const count = first.shard?.count ?? 1;
  const seen = new Set<number>();
  for (const [i, manifest] of manifests.entries()) {
    if (manifest.fingerprint !== first.fingerprint) {
      throw new Error(
        `merge: ${dirs[i]} holds experiment "${manifest.name}" (fingerprint ` +
          `${manifest.fingerprint.slice(0, 12)}…), not the one in ${dirs[0]} ` +
          `(${first.fingerprint.slice(0, 12)}…)`,
      );
    }
    const index = manifest.shard?.index ?? 1;
    if ((manifest.shard?.count ?? 1) !== count) {
      throw new Error(
        `merge: ${dirs[i]} is a shard of ${manifest.shard?.count ?? 1}, not ${count}`,
      );
    }
    if (seen.has(index)) throw new Error(`merge: shard ${index}/${count} is given twice`);
    seen.add(index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new Error(`merge: shards ${missing.map((i) => `${i}/${count}`).join(", ")} are missing`);
  }
  const results = new Map<string, JobResult>();
  for (const dir of dirs) {
    for (const result of await readAllRuns(dir)) results.set(jobKeyString(result.key), result);
  }
  return assembleTables([...results.values()], {
    baselines: first.baselines,
    confidence: first.confidence,
  });
}
