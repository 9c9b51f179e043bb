/**
 * A scenario's fingerprint: a short hash of what a run of its base depends on — every value
 * after validation (sourced numbers unwrapped, defaults filled in, fields in the schema's order;
 * the order of map entries such as routing probabilities is kept, since it matters) — and of
 * nothing a run ignores (its description, the source notes beside its numbers, its designs).
 * Results stored from a run (a convergence study, a calibration check) carry the fingerprint of
 * the scenario they ran, so a later change of a value makes them recognisably stale.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { parseScenario } from "./scenario_files.ts";

/** Hex characters kept of the SHA-256 digest (64 bits: collisions are not a concern here). */
const FINGERPRINT_LENGTH = 16;

/**
 * The fingerprint of the base of scenario file content `raw` (as read from
 * `data/scenarios/<name>.json`): 16 hex characters.
 *
 * @example
 * ```ts
 * import { scenarioFingerprint } from "./scenario_fingerprint.ts";
 * const raw = JSON.parse(Deno.readTextFileSync("data/scenarios/mmc.json"));
 * scenarioFingerprint(raw); // e.g. "3f1c…", the same for the same values
 * ```
 */
export function scenarioFingerprint(raw: unknown): string {
  const { designs: _designs, description: _description, $schema: _schema, ...base } = parseScenario(
    raw,
  ) as Record<string, unknown>;
  return createHash("sha256").update(JSON.stringify(base)).digest("hex").slice(
    0,
    FINGERPRINT_LENGTH,
  );
}
