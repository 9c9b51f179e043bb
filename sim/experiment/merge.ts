/**
 * Merging shards: the run files of N shard folders, re-ordered and aggregated, give the
 * tables of the unsharded run bit for bit. Nothing incomplete is merged: every folder must be
 * a finished shard of the same experiment, shards 1…N must each be given once, and every run
 * file a shard must hold must be there — otherwise the merge is refused, naming what is wrong.
 *
 * @module
 */
import { assembleTables } from "./assemble.ts";
import { expectedJobs, shardCells } from "./jobs.ts";
import { type Manifest, readManifest } from "./manifest.ts";
import { jobKeyString, listRunKeys, readRuns, runFileName } from "./run_store.ts";
import type { ExperimentTables, JobKey, JobResult } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** The merged tables and the manifest of the merge output. */
export interface MergedShards {
  /** The tables of the whole experiment. */
  tables: ExperimentTables;
  /** The manifest of the merged folder (`merged: true`, complete). */
  manifest: Manifest;
}

function listNames(keys: readonly JobKey[]): string {
  const names = keys.slice(0, 5).map(runFileName).join(", ");
  return keys.length > 5 ? `${names}, … (${keys.length} in all)` : names;
}

async function readShardManifest(dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) {
    throw new UsageError(`merge: ${dir} has no manifest.json (not a shard folder)`);
  }
  if (manifest === null) {
    throw new UsageError(`merge: ${dir}/manifest.json is not a clickday experiment manifest`);
  }
  if (manifest.merged) {
    throw new UsageError(`merge: ${dir} is the output of a merge, not a shard`);
  }
  if ((manifest as { format: number }).format !== 2 || !manifest.layout) {
    throw new UsageError(
      `merge: ${dir} was written by an older clickday; rerun its command to bring it up to date`,
    );
  }
  if (!manifest.complete) {
    throw new UsageError(
      `merge: ${dir} is not finished (manifest.json says complete: false); rerun its ` +
        "command to finish it",
    );
  }
  return manifest;
}

/**
 * Reads the shard folders written by `runExperiment({ shard, out })` and returns the merged
 * tables with the manifest of the merged folder.
 *
 * @throws UsageError naming the folder and what is wrong: not a finished shard, another
 *   experiment (scenarios, seeds, designs…), another shard count, a shard given twice or
 *   missing, a run file missing or unexpected, a damaged run file.
 */
export async function mergeShards(dirs: readonly string[]): Promise<MergedShards> {
  if (dirs.length === 0) throw new UsageError("merge: no shard folders given");
  const real = new Map<string, string>();
  for (const dir of dirs) {
    let path: string;
    try {
      path = await Deno.realPath(dir);
    } catch (error) {
      throw new UsageError(`merge: ${dir}: cannot read it (${(error as Error).message})`);
    }
    const earlier = real.get(path);
    if (earlier !== undefined) {
      throw new UsageError(`merge: ${dir} is the same folder as ${earlier}; give each shard once`);
    }
    real.set(path, dir);
  }
  const manifests: Manifest[] = [];
  for (const dir of dirs) manifests.push(await readShardManifest(dir));
  const first = manifests[0];
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  for (const [i, manifest] of manifests.entries()) {
    if (manifest.fingerprint !== first.fingerprint) {
      throw new UsageError(
        `merge: ${dirs[i]} holds another experiment than ${dirs[0]} ("${manifest.name}", ` +
          `fingerprint ${manifest.fingerprint.slice(0, 12)}…, vs "${first.name}", ` +
          `${first.fingerprint.slice(0, 12)}…): different scenarios, seeds, designs, grid or ` +
          "replications",
      );
    }
    const index = manifest.shard?.index ?? 1;
    if ((manifest.shard?.count ?? 1) !== count) {
      throw new UsageError(
        `merge: ${dirs[i]} is a shard of ${manifest.shard?.count ?? 1}, ${dirs[0]} one of ` +
          `${count}; every shard of a run must use the same N`,
      );
    }
    const twice = seen.get(index);
    if (twice !== undefined) {
      throw new UsageError(
        `merge: shard ${index}/${count} is given twice: ${twice} and ${dirs[i]}`,
      );
    }
    seen.set(index, dirs[i]);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((i) => `${i}/${count}`).join(", ");
    throw new UsageError(
      `merge: shard${missing.length > 1 ? "s" : ""} ${shown}${missing.length > 10 ? ", …" : ""} ` +
        `missing (${missing.length} of ${count})`,
    );
  }

  const results: JobResult[] = [];
  const cells: [number, number, number][] = [];
  for (const [i, manifest] of manifests.entries()) {
    const dir = dirs[i];
    const layout = manifest.layout;
    if (layout.replications === null) {
      const wanted = shardCells(layout, manifest.shard).map((c) =>
        `${c.scenarioIndex}/${c.gridIndex}`
      );
      const held = (layout.cells ?? []).map(([s, g]) => `${s}/${g}`);
      if (JSON.stringify(wanted) !== JSON.stringify(held)) {
        throw new UsageError(`merge: ${dir}/manifest.json does not list this shard's cells`);
      }
      for (const cell of layout.cells ?? []) cells.push(cell);
    }
    const expected = expectedJobs(layout, manifest.shard);
    const present = new Set(listRunKeys(dir).map(jobKeyString));
    const absent = expected.filter((key) => !present.has(jobKeyString(key)));
    if (absent.length > 0) {
      throw new UsageError(
        `merge: ${dir} is missing run files: ${listNames(absent)}; rerun that shard's command ` +
          "to recompute them",
      );
    }
    const wantedKeys = new Set(expected.map(jobKeyString));
    const extra = listRunKeys(dir).filter((key) => !wantedKeys.has(jobKeyString(key)));
    if (extra.length > 0) {
      throw new UsageError(
        `merge: ${dir} holds run files that are not this shard's: ${listNames(extra)}`,
      );
    }
    for (const result of await readRuns(dir, expected)) results.push(result);
  }
  const layout = { ...first.layout };
  if (layout.replications === null) {
    layout.cells = cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  } else {
    delete layout.cells;
  }
  const tables = assembleTables(results, {
    baselines: first.baselines,
    confidence: first.confidence,
  });
  return {
    tables,
    manifest: {
      ...first,
      shard: null,
      complete: true,
      merged: true,
      replications: results.length,
      layout,
    },
  };
}
