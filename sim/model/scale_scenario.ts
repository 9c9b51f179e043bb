/**
 * Scaling a scenario of the model's language to 1/k of its size, by the scaling roles its
 * schema declares (`sim/scenario/scale.ts` does the walk).
 *
 * @module
 */
import { type RoleMap, roleMap } from "../scenario/scaling_roles.ts";
import { type ScalePlan, scaleScenarioByRoles } from "../scenario/scale.ts";
import { ScenarioFileSchema } from "./scenario_schema.ts";

/** The scaling role of every numeric field of the scenario language. */
export const SCENARIO_ROLES: RoleMap = roleMap(ScenarioFileSchema);

/**
 * Returns a copy of scenario JSON scaled by `plan.factor` (demand and capacity) and cut at
 * `plan.horizonSeconds`; designs are scaled the same way. The input is not changed.
 *
 * @example
 * ```ts
 * import { scaleScenario } from "./scale_scenario.ts";
 * const raw = JSON.parse(Deno.readTextFileSync("data/scenarios/mmc.json"));
 * scaleScenario(raw, { factor: 0.5 }); // half the arrivals, half the servers
 * ```
 */
export function scaleScenario(
  scenario: Record<string, unknown>,
  plan: ScalePlan,
): Record<string, unknown> {
  return scaleScenarioByRoles(scenario, plan, SCENARIO_ROLES);
}
