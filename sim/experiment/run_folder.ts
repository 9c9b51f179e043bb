/**
 * The output folder of a run: checked before anything runs, locked while the run writes into
 * it, committed to replication by replication (`runs/`), and finished with its tables and a
 * complete manifest.
 *
 * - A missing or empty folder is created and run into; a folder holding this very run (same
 *   experiment fingerprint, same shard) is resumed.
 * - A folder holding another finished run of the same experiment (same fingerprint: another
 *   shard, or the merged shards) is replaced only once the new run is finished: the new run is
 *   written into `.<name>.next/` beside it (resumable too), then swapped into place. So is a
 *   finished run of another experiment, but only when asked to (`replace`, `--replace`).
 * - Anything else — files without a manifest, a report, an unfinished run of another
 *   experiment or shard, a finished run of another experiment without `replace` — is refused
 *   (exit code 2) and left untouched.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { type Manifest, MANIFEST_FILE, readManifest, writeManifest } from "./manifest.ts";
import {
  checkOutputPath,
  type FolderLock,
  inspectFolder,
  LOCK_FILE,
  lockFolder,
  refuseForeign,
  swapIntoPlace,
} from "./output_folder.ts";
import { RUNS_FOLDER } from "./run_store.ts";
import { TABLE_NAMES, type TableName } from "./table_columns.ts";
import { writeTables } from "./table_files.ts";
import type { ExperimentTables } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** Where a run writes, once checked. */
export interface CheckedRunFolder {
  /** The output folder asked for (absolute). */
  target: string;
  /** Whether the target holds another finished run, replaced at the end. */
  replaces: boolean;
}

/** A run folder in use: locked, with its manifest written. */
export interface OpenRunFolder extends CheckedRunFolder {
  /** The folder runs are committed into (the target, or its `.next` staging folder). */
  work: string;
  /** The advisory lock held on `work`. */
  lock: FolderLock;
}

/** True for a manifest of an experiment run (any format clickday wrote). */
export function isExperimentManifest(manifest: Record<string, unknown>): boolean {
  return (manifest.kind === "experiment" || manifest.format === 1) &&
    typeof manifest.fingerprint === "string";
}

function sameRun(manifest: Record<string, unknown>, wanted: Manifest): boolean {
  return manifest.fingerprint === wanted.fingerprint && manifest.merged !== true &&
    JSON.stringify(manifest.shard ?? null) === JSON.stringify(wanted.shard);
}

/**
 * Refuses (exit code 2) to replace the finished run in `out` (its `manifest`) by a run of
 * another experiment (`wanted`: another name or fingerprint) unless `replace` says so: its runs
 * would be deleted.
 *
 * @param flag the flag naming the folder in the message (e.g. `--out`).
 * @throws UsageError naming the folder, both experiments and what to do.
 */
export function refuseOtherExperiment(
  out: string,
  manifest: Record<string, unknown>,
  wanted: Pick<Manifest, "name" | "fingerprint">,
  replace: boolean,
  flag = "--out",
): void {
  if (replace) return;
  if (manifest.name === wanted.name && manifest.fingerprint === wanted.fingerprint) return;
  const which = (name: unknown, fingerprint: unknown) =>
    `"${String(name)}", fingerprint ${String(fingerprint).slice(0, 12)}…`;
  throw new UsageError(
    `${flag}: ${out} holds a finished run of another experiment (${
      which(manifest.name, manifest.fingerprint)
    }; this one is ${which(wanted.name, wanted.fingerprint)}); it was left untouched. ` +
      `Choose another ${flag}, move or delete that folder, or pass --replace to replace it ` +
      `(its runs are deleted)`,
  );
}

/** Options of {@link checkRunFolder}. */
export interface RunFolderOptions {
  /** Replace a finished run of another experiment (default false: refused). */
  replace?: boolean;
}

/**
 * Checks `out` for a run (before anything runs): the path (writable once links are
 * resolved), and what it holds.
 *
 * @throws UsageError when the folder may not be written.
 */
export function checkRunFolder(
  out: string,
  wanted: Manifest,
  options: RunFolderOptions = {},
): CheckedRunFolder {
  const location = checkOutputPath(out, "--out");
  const contents = inspectFolder(location.path, isExperimentManifest);
  if (contents.state === "foreign") refuseForeign("--out", out, contents.reason);
  if (contents.state !== "own" || sameRun(contents.manifest, wanted)) {
    return { target: location.path, replaces: false };
  }
  if (contents.manifest.complete !== true) {
    throw new UsageError(
      `--out: ${out} holds an unfinished run of another experiment or shard ("${
        String(contents.manifest.name)
      }"); it was left untouched. Finish it (rerun the command that started it), or choose ` +
        `another folder`,
    );
  }
  refuseOtherExperiment(out, contents.manifest, wanted, options.replace === true);
  // The run is built beside it, in a staging folder swapped in at the end: that path must be
  // safe to write too (not a link leading elsewhere) and hold nothing but a run of ours.
  const staging = replacementFolder(location.path);
  checkOutputPath(staging, `--out (its staging folder ${basename(staging)})`);
  const leftovers = inspectFolder(staging, isExperimentManifest);
  if (leftovers.state === "foreign") {
    refuseForeign(`--out (its staging folder ${basename(staging)})`, staging, leftovers.reason);
  }
  return { target: location.path, replaces: true };
}

/** Where a run replacing the finished run in `target` is built before the swap. */
function replacementFolder(target: string): string {
  return join(dirname(target), `.${basename(target)}.next`);
}

/**
 * Opens a checked run folder: creates it (or its staging folder), takes its lock (waiting for
 * another process, with a message through `onWait`), and writes the manifest when the folder
 * is new. A staging folder holding another experiment's leftovers is emptied first.
 */
export async function openRunFolder(
  checked: CheckedRunFolder,
  wanted: Manifest,
  onWait: (message: string) => void,
): Promise<OpenRunFolder> {
  const work = checked.replaces ? replacementFolder(checked.target) : checked.target;
  await Deno.mkdir(work, { recursive: true });
  const lock = await lockFolder(work, onWait);
  try {
    let previous = await readManifest(work);
    if (previous && !sameRun(previous as unknown as Record<string, unknown>, wanted)) {
      if (!checked.replaces) {
        throw new UsageError(
          `--out: ${checked.target} was changed by another process while this one started; ` +
            "nothing was changed. Rerun the command",
        );
      }
      for (const entry of Deno.readDirSync(work)) {
        if (entry.name !== LOCK_FILE) {
          await Deno.remove(join(work, entry.name), { recursive: true });
        }
      }
      previous = undefined;
    } else if (previous === null && !checked.replaces) {
      refuseForeign("--out", checked.target, "its manifest.json is of another kind of output");
    }
    await Deno.mkdir(join(work, RUNS_FOLDER), { recursive: true });
    if (!previous || previous.format !== wanted.format) await writeManifest(work, wanted);
    return { ...checked, work, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Finishes a run folder: writes the tables (each file through a fresh temporary folder, then
 * renamed into place), then the complete manifest, then — when it replaces another run —
 * swaps the folder into place. Releases the lock.
 */
export async function finishRunFolder(
  folder: OpenRunFolder,
  tables: ExperimentTables,
  only: readonly TableName[],
  manifest: Manifest,
): Promise<void> {
  try {
    const temporary = await Deno.makeTempDir({ dir: folder.work, prefix: ".tables-" });
    try {
      await writeTables(temporary, tables, only);
      for (const name of only) {
        for (const extension of ["parquet", "csv"]) {
          const file = `${name}.${extension}`;
          await Deno.rename(join(temporary, file), join(folder.work, file));
        }
      }
    } finally {
      await Deno.remove(temporary, { recursive: true }).catch(() => {});
    }
    for (const name of TABLE_NAMES) {
      if (only.includes(name)) continue;
      for (const extension of ["parquet", "csv"]) {
        await Deno.remove(join(folder.work, `${name}.${extension}`)).catch(() => {});
      }
    }
    await writeManifest(folder.work, manifest);
    if (folder.replaces) await swapIntoPlace(folder.work, folder.target);
  } finally {
    folder.lock.release();
  }
}

/** The manifest file name, for messages. */
export const RUN_MANIFEST = MANIFEST_FILE;
