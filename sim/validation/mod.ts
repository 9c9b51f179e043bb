/**
 * Validation: the simulator against queueing theory, as `deno task validate` and notebook 05 run it.
 *
 * - **Scenario cases** (`scenario_cases.ts`): the files of `data/validation/` run through the
 *   experiment layer exactly as analysts run scenarios, each compared with `sim/analytic` using
 *   the run's own 95% intervals (`scenario_validation.ts`).
 * - **Metastability cases** (`metastability_cases.ts`): spike scenarios judged recovered or stuck.
 * - **Engine checks** (`engine_cases.ts`): small hand-written models on the engine's parts
 *   (`engine_models/`), each against theory with a 99.9% interval (`replicate.ts`).
 *
 * @module
 */
export { runAllCases, VALIDATION_CASES } from "./engine_cases.ts";
export {
  allowedRelativeHalfWidth,
  type CaseResult,
  CONFIDENCE as ENGINE_CHECK_CONFIDENCE,
  evaluate,
  type MetricDefinition,
  replicate,
  REPLICATIONS as ENGINE_CHECK_REPLICATIONS,
  scaledCustomers,
  type ValidationCase,
  type ValidationRow,
} from "./replicate.ts";
export {
  CustomerLog,
  OUTCOME_ABANDONED,
  OUTCOME_BLOCKED,
  OUTCOME_INITIAL,
  OUTCOME_SERVED,
} from "./engine_models/customer_log.ts";
export { runMultiServerQueue } from "./engine_models/multi_server_queue.ts";
export type { MultiServerQueueOptions } from "./engine_models/multi_server_queue.ts";
export { runProcessQueue } from "./engine_models/process_queue.ts";
export type { ProcessQueueOptions } from "./engine_models/process_queue.ts";
export {
  METASTABILITY_CASES,
  METASTABILITY_REPLICATIONS,
  type MetastabilityCase,
  type MetastabilityRow,
  metastabilityTable,
  type MetastabilityVerdict as MetastabilityCaseVerdict,
  runMetastabilityCase,
} from "./metastability_cases.ts";
export { SCENARIO_CASES } from "./scenario_cases.ts";
export type { ScenarioCase } from "./scenario_theory.ts";
export {
  type CasePlan,
  CONFIDENCE as SCENARIO_CHECK_CONFIDENCE,
  familySize,
  planCase,
  runCase,
  type ScenarioRow,
  type ValidationSize,
} from "./scenario_validation.ts";
export { scenarioSummary, scenarioTable } from "./scenario_table.ts";
