/**
 * Atomic file writes: write a temporary file beside the target, then rename it over the
 * target, so a killed run never leaves a half-written result file under the final name.
 *
 * @module
 */

/** Suffix of temporary files; readers ignore files ending with it. */
export const TEMPORARY_SUFFIX = ".partial";

/** Writes `data` to `path` atomically (temporary file + rename). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}${TEMPORARY_SUFFIX}`;
  if (typeof data === "string") await Deno.writeTextFile(temporary, data);
  else await Deno.writeFile(temporary, data);
  await Deno.rename(temporary, path);
}
