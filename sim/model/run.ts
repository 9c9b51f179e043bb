/**
 * One replication of one design of a scenario, as result-table rows: the function the
 * experiment layer runs (in workers or in the calling thread). A pure function of its
 * arguments: the seed comes from `scenario.seed` and `replication` only, so replication r of
 * every design draws the same random streams (common random numbers).
 *
 * @module
 */
import type { RunKey } from "../table/mod.ts";
import { ClickDayModel } from "./click_day_model.ts";
import type { ModelHooks } from "./hooks.ts";
import { type RunTableRows, runTables } from "./metrics/run_tables.ts";
import { resolveDesign } from "./scenario_files.ts";
import type { ResolvedScenario, Scenario } from "./scenario_schema.ts";

/** Options of {@link runReplication}. */
export interface ReplicationOptions {
  /** Plug-ins added to the scenario's own mechanisms. */
  hooks?: ModelHooks;
  /** Stop earlier than the scenario's horizon, seconds. */
  until?: number;
}

/**
 * Runs replication `replication` of `design` (`"base"` or a design name) of `scenario`.
 *
 * @example
 * ```ts
 * import { runReplication } from "./run.ts";
 * import { loadScenario } from "./scenario_files.ts";
 * const { summaries } = runReplication(loadScenario("data/scenarios/mmc.json"), "base", 0);
 * ```
 */
export function runReplication(
  scenario: Scenario,
  design: string,
  replication: number,
  options: ReplicationOptions = {},
): RunTableRows {
  return runResolved(resolveDesign(scenario, design), design, replication, options);
}

/** Like {@link runReplication} for a scenario with its design already applied. */
export function runResolved(
  resolved: ResolvedScenario,
  design: string,
  replication: number,
  options: ReplicationOptions = {},
): RunTableRows {
  const model = new ClickDayModel(resolved, replication, options.hooks);
  model.run(options.until); // the horizon when absent or later
  return modelTables(model, design, replication);
}

/**
 * The result tables of `model`, keyed by its scenario, `design` and `replication`: ends its run
 * where it stands (see {@link ClickDayModel.finish}; the model cannot run on afterwards).
 */
export function modelTables(
  model: ClickDayModel,
  design: string,
  replication: number,
): RunTableRows {
  const key: RunKey = { scenario: model.scenario.name, design, replication };
  const extras = model.finish();
  return runTables(model, key, model.env.now, extras);
}
