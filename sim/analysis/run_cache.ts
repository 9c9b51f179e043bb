/**
 * The run cache of the analysis API: an experiment started from a notebook writes each finished
 * replication to a folder of its own under `out/cache/` (the experiment layer's resumable
 * output folder, `sim/experiment/run_folder.ts`, one run file per scenario, design, grid point
 * and replication), named by a hash of everything that determines the results: the scenario's
 * content (seed included), the designs, the baseline, the replications, the model and the
 * horizon cut. After a kernel restart the same call reads the finished replications back —
 * bit for bit, the run store is lossless — and runs only those missing.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT } from "../calibration/mod.ts";
import type { ExperimentSpec } from "../experiment/mod.ts";

/**
 * Default folder of the run cache: `out/cache/` in the project folder (computed when asked, so
 * importing the library from elsewhere never fails on it).
 */
export function defaultCacheRoot(): string {
  return join(fileURLToPath(PROJECT_ROOT), "out", "cache");
}

/** Hex SHA-256 of a text. */
async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The cache folder of an experiment declared inline (scenarios as objects): `<root>/<name>-
 * <first 16 hex digits of the SHA-256 of the declaration>`.
 *
 * @example
 * ```ts
 * import { cacheFolder } from "./run_cache.ts";
 * const folder = await cacheFolder({ name: "x", scenarios: [{ name: "s", seed: 1 }] }, "/tmp/c");
 * folder.startsWith("/tmp/c/x-"); // true
 * ```
 */
export async function cacheFolder(spec: ExperimentSpec, root: string): Promise<string> {
  const safe = spec.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60);
  const hash = await sha256Hex(JSON.stringify(spec));
  return join(root, `${safe}-${hash.slice(0, 16)}`);
}
