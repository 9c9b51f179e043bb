/**
 * Runs `sim/report/main.ts` from a temporary project folder (a copy of some incidents' data),
 * as a user would from their own clone: reads the project and the fonts, writes only the folder.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

/** The repository root (where `sim/` is). */
export const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

/**
 * Writes a report of the project in `root` into `out` with `flags`; fails the test unless it
 * exits 0. Returns its stderr.
 */
export async function reportInProject(
  root: string,
  out: string,
  flags: readonly string[],
): Promise<string> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--allow-read=${REPOSITORY},${root},/usr/share/fonts`,
      `--allow-write=${root}`,
      `${REPOSITORY}/sim/report/main.ts`,
      "--out",
      out,
    ].concat(flags),
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(result.stderr);
  assert.equal(result.code, 0, stderr);
  return stderr;
}
