/**
 * Output folders, checked before anything runs: a command's `--out` must be writable under
 * the process's permissions (`out/` for the tasks) once every symbolic link is resolved (a
 * link under `out/` cannot send writes elsewhere),
 * must not be a link itself, and may only be created, resumed or replaced when it is empty or
 * holds a manifest of the command's own kind. A finished output is swapped in by renames,
 * so the previous one stays whole until the new one is; an advisory lock keeps a second
 * process off a folder that is in use.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { TEMPORARY_SUFFIX } from "./atomic_write.ts";
import { MANIFEST_FILE } from "./manifest.ts";
import { RUNS_FOLDER } from "./run_store.ts";
import { UsageError } from "./usage_error.ts";

/** The folder every command's outputs go under (relative to the project folder). */
export const OUTPUT_ROOT = "out";

/**
 * A name (an experiment's, a scenario's: any string a user wrote) made safe as one file or
 * folder name: runs of characters other than letters, digits, `.`, `_` and `-` become `_` (so
 * no `/`, `\` or NUL), a leading `.` becomes `_` (no `..`, no hidden file), at most 120
 * characters, and `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "_");
  return safe.slice(0, 120) || fallback;
}

/** What a `--out` path turned out to be. */
export interface OutputLocation {
  /** The absolute path as given (resolved against the working directory). */
  path: string;
  /** The same path with every existing symbolic link resolved. */
  realPath: string;
  /** Whether something exists at the path. */
  exists: boolean;
}

function realPathOfNearest(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      let real = Deno.realPathSync(current);
      for (let index = missing.length - 1; index >= 0; index--) real = join(real, missing[index]);
      return real;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}

function writable(path: string): boolean {
  return Deno.permissions.querySync({ name: "write", path }).state === "granted";
}

/**
 * Checks an output path: non-empty, not a symbolic link itself, and writable — the path as
 * given and the path with every symbolic link resolved — under the process's permissions
 * (the tasks may write `out/` only); a folder's parent too (its staging folder goes beside it,
 * so `out` itself is refused). Deno checks permissions on the path as written, so a link
 * under `out/` pointing elsewhere would otherwise let writes leave it.
 *
 * @param flag the flag named in errors (e.g. `--out`).
 * @param what what the path names, for messages: an output folder (default) or a file.
 * @throws UsageError naming the flag, the value and what is allowed.
 */
export function checkOutputPath(
  path: string,
  flag = "--out",
  what: "folder" | "file" = "folder",
): OutputLocation {
  const allowed = `a ${what} under ${OUTPUT_ROOT}/ (the only place the tasks write), e.g. ` +
    `${OUTPUT_ROOT}/${what === "folder" ? "run-1" : "rows.jsonl"}`;
  if (typeof path !== "string" || path.trim() === "") throw UsageError.field(flag, path, allowed);
  if (path.includes("\0")) throw UsageError.field(flag, path, "a path without NUL characters");
  const absolute = resolve(path);
  // Writable first: a task that may read only the project (the report, the planner) cannot
  // even look at a path outside it, and that is the user's mistake, not a permission error.
  if (!writable(absolute)) throw UsageError.field(flag, path, allowed);
  // A folder is replaced through a staging folder beside it: its parent must be writable too
  // (so `out` itself, which holds every task's outputs, is not an output folder).
  if (what === "folder" && !writable(dirname(absolute))) {
    throw UsageError.field(flag, path, `${allowed}; not ${path} itself`);
  }
  let exists = false;
  try {
    const info = Deno.lstatSync(absolute);
    exists = true;
    if (info.isSymlink) {
      throw UsageError.field(
        flag,
        path,
        `a ${what}, not a symbolic link (the link's target would be written instead)`,
      );
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const realPath = realPathOfNearest(absolute);
  if (realPath !== absolute && !writable(realPath)) {
    throw UsageError.field(
      flag,
      path,
      `${allowed}; through a symbolic link it leads to ${realPath}, outside`,
    );
  }
  return { path: absolute, realPath, exists };
}

/** The kinds of output folders clickday writes, each recognised by its manifest. */
export type OutputKind = "experiment" | "report";

/** What an existing folder holds, as far as replacing it is concerned. */
export type FolderContents =
  | { state: "missing" }
  | { state: "empty" }
  | { state: "own"; manifest: Record<string, unknown> }
  | { state: "foreign"; reason: string };

/**
 * Looks at a folder: missing, empty, holding a manifest of `kind` (`recognise` decides), or
 * anything else (foreign: never replaced).
 */
export function inspectFolder(
  path: string,
  recognise: (manifest: Record<string, unknown>) => boolean,
): FolderContents {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { state: "missing" };
    throw error;
  }
  if (!info.isDirectory) return { state: "foreign", reason: "it is a file, not a folder" };
  let empty = true;
  for (const _entry of Deno.readDirSync(path)) {
    empty = false;
    break;
  }
  if (empty) return { state: "empty" };
  let manifest: unknown;
  try {
    manifest = JSON.parse(Deno.readTextFileSync(join(path, MANIFEST_FILE)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && isStarting(path)) return { state: "empty" };
    return {
      state: "foreign",
      reason: error instanceof Deno.errors.NotFound
        ? "it holds files and no manifest.json (not a folder clickday wrote)"
        : "its manifest.json is not valid JSON",
    };
  }
  if (manifest !== null && typeof manifest === "object" && recognise(manifest as never)) {
    return { state: "own", manifest: manifest as Record<string, unknown> };
  }
  return { state: "foreign", reason: "its manifest.json is of another kind of output" };
}

/**
 * True for a folder another clickday process is starting a run in: it holds the lock file and
 * at most an empty `runs` folder and the manifest's temporary file, the manifest not in place
 * yet. A second process sees it as empty, takes the lock (waiting for the first) and then reads
 * the manifest the first wrote.
 */
function isStarting(path: string): boolean {
  let locked = false;
  for (const entry of Deno.readDirSync(path)) {
    if (entry.name === LOCK_FILE && entry.isFile) locked = true;
    else if (isManifestBeingWritten(entry.name)) continue;
    else if (entry.name === RUNS_FOLDER && entry.isDirectory) {
      for (const _run of Deno.readDirSync(join(path, entry.name))) return false;
    } else return false;
  }
  return locked;
}

/** True for the temporary file of a manifest being written (`writeFileAtomic`). */
function isManifestBeingWritten(name: string): boolean {
  return name.startsWith(`${MANIFEST_FILE}.`) && name.endsWith(TEMPORARY_SUFFIX);
}

/** Refuses to touch a foreign folder (exit code 2), saying why and what to do. */
export function refuseForeign(flag: string, path: string, reason: string): never {
  throw new UsageError(
    `${flag}: ${path} already exists and ${reason}; it was left untouched. Choose another ` +
      `folder, or move that one away first`,
  );
}

/**
 * Replaces `target` by the finished folder `staged` (same parent): the old folder, if any, is
 * moved aside, the new one renamed into place, then the old one removed. A reader sees the
 * old folder or the new one, never a mixture.
 */
export async function swapIntoPlace(staged: string, target: string): Promise<void> {
  const aside = join(dirname(target), `.${basename(target)}.old-${crypto.randomUUID()}`);
  let moved = false;
  try {
    await Deno.rename(target, aside);
    moved = true;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  try {
    await Deno.rename(staged, target);
  } catch (error) {
    if (moved) await Deno.rename(aside, target).catch(() => {});
    throw error;
  }
  if (moved) await Deno.remove(aside, { recursive: true });
}

/**
 * A fresh, uniquely named folder `prefix…` in `parent`, made by `mkdir` so that it has the mode
 * of any new folder (a temporary folder from `makeTempDir` is private, 0700, and the output it
 * becomes would stay so).
 */
export async function freshFolder(parent: string, prefix: string): Promise<string> {
  for (;;) {
    const folder = join(parent, `${prefix}${crypto.randomUUID().slice(0, 8)}`);
    try {
      await Deno.mkdir(folder);
      return folder;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
}

/** A fresh staging folder beside `target`, for a whole output written then swapped in. */
export async function stagingFolder(target: string): Promise<string> {
  const parent = dirname(target);
  await Deno.mkdir(parent, { recursive: true });
  return await freshFolder(parent, `.${basename(target)}.next-`);
}

/** Name of the advisory lock file inside a folder a run writes into. */
export const LOCK_FILE = ".lock";

/** An advisory lock on a folder, held until released. */
export interface FolderLock {
  /** Releases the lock (closing the file). */
  release(): void;
}

/**
 * Takes the advisory lock of `folder` (`folder/.lock`, created if missing). When another
 * process holds it (a resubmitted task still running, a replacement pod started early), waits
 * until it is released, telling `onWait` once: the second process then resumes from what the
 * first one committed.
 */
export async function lockFolder(
  folder: string,
  onWait: (message: string) => void = () => {},
): Promise<FolderLock> {
  const file = await Deno.open(join(folder, LOCK_FILE), { create: true, write: true });
  const acquired = file.lock(true).then(() => true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const immediate = await Promise.race([
    acquired,
    new Promise<false>((settle) => timer = setTimeout(() => settle(false), 300)),
  ]);
  clearTimeout(timer);
  if (!immediate) {
    onWait(`${folder} is in use by another clickday process (${LOCK_FILE}): waiting for it…`);
    await acquired;
  }
  return {
    release() {
      try {
        file.close();
      } catch {
        // already closed
      }
    },
  };
}
