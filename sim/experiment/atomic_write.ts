/**
 * Atomic file writes: write a temporary file with a unique name beside the target, then
 * rename it over the target, so a killed run never leaves a half-written result file under
 * the final name, and two processes writing the same file never share a temporary file.
 *
 * @module
 */

/** Suffix of temporary files; readers ignore files ending with it. */
export const TEMPORARY_SUFFIX = ".partial";

/** A temporary name beside `path`, unique to this write. */
export function temporaryName(path: string): string {
  return `${path}.${crypto.randomUUID().slice(0, 8)}${TEMPORARY_SUFFIX}`;
}

/** Writes `data` to `path` atomically (unique temporary file + rename). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = temporaryName(path);
  try {
    if (typeof data === "string") await Deno.writeTextFile(temporary, data);
    else await Deno.writeFile(temporary, data);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

/** Synchronous {@link writeFileAtomic}: commits a result the moment it is known. */
export function writeFileAtomicSync(path: string, data: Uint8Array | string): void {
  const temporary = temporaryName(path);
  try {
    if (typeof data === "string") Deno.writeTextFileSync(temporary, data);
    else Deno.writeFileSync(temporary, data);
    Deno.renameSync(temporary, path);
  } catch (error) {
    try {
      Deno.removeSync(temporary);
    } catch {
      // nothing was written
    }
    throw error;
  }
}
