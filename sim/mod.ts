/**
 * clickday: discrete-event simulation and analysis of launch-day surges on public digital
 * services. This is the curated public entry point notebooks and scripts import
 * (`../sim/mod.ts`); `sim/README.md` is its guide. It exports:
 *
 * - the **analysis API** (`sim/analysis/`): `incident(name)` / `scenario(fileOrObject)`,
 *   `.at({ scale })`, `.run({ designs, replications, workers })` → a `Study` (estimates,
 *   differences, series and outcomes in real units, observables, charts), with finished
 *   replications cached on disk; `clickDay` and `saveScenario` for a new click day; `show`,
 *   `md`, `markdownTable`, `estimatesTable`, `num`, `sig`, `pct`, `hhmm` for notebooks; `xyChart`;
 *   `metrics()` and `listIncidents()`;
 * - **scenarios and runs**: loading, validating, scaling a scenario, one replication
 *   (`runReplication`), an experiment (`runExperiment`) and their result types;
 * - **charts** of result tables (`sim/charts`);
 * - **analytic formulas** (queueing theory, `sim/analytic`) and **fluid models** (`sim/fluid`);
 * - **validation** (`sim/validation`): the scenario, metastability and engine cases of
 *   `deno task validate`;
 * - a few statistics (`meanConfidenceInterval`, `pairedDifferenceInterval`, fairness indices)
 *   and the incident data (`loadIncident`, `readCalibration`, `estimateObservables`).
 *
 * Everything else stays reachable from its own module (`sim/engine/mod.ts` for the engine,
 * `sim/model/mod.ts` for the model's parts and mechanisms, `sim/experiment/mod.ts`, …).
 *
 * @example
 * ```ts ignore
 * import { incident, show } from "../sim/mod.ts";
 * const study = await incident("bonus-terme-2021").run({ replications: 3, workers: 2 });
 * await show(study.chart.load());
 * ```
 *
 * @module
 */

// ---- the analysis API
export * from "./analysis/mod.ts";

// ---- scenarios and runs
export {
  BASE_DESIGN,
  designNames,
  loadScenario,
  parseScenario,
  resolveDesign,
  runReplication,
  scaleScenario,
  scenarioJsonSchema,
  // the arrival-rate profile of a launch (the fluid models' `surgeProfile` of the same name is
  // reachable from sim/fluid/mod.ts; this explicit export takes precedence over its `export *`)
  surgeProfile,
} from "./model/mod.ts";
export type {
  ArrivalProfile,
  ReplicationOptions,
  ReplicationResult,
  ResolvedScenario,
  Scenario,
  ScenarioFileInput,
  SurgeParameters,
} from "./model/mod.ts";
export { deepMerge, numberOf, sourced } from "./scenario/mod.ts";
export { runExperiment, UsageError } from "./experiment/mod.ts";
export type {
  ExperimentDifferenceRow,
  ExperimentEstimateRow,
  ExperimentOutcomeRow,
  ExperimentResult,
  ExperimentSeriesRow,
  ExperimentSpec,
  ExperimentSummaryRow,
  ExperimentTables,
  RunExperimentOptions,
} from "./experiment/mod.ts";

// ---- result tables and the metric catalogue
export type {
  DifferenceRow,
  EstimateRow,
  MetricInfo,
  MetricKind,
  OutcomeRow,
  ResultTables,
  RunKey,
  SeriesRow,
  SummaryRow,
} from "./table/mod.ts";
export { fullScaleTables, metricInfo, SERIES_METRICS, SUMMARY_METRICS } from "./table/mod.ts";

// ---- statistics
export {
  giniCoefficient,
  jainIndex,
  meanConfidenceInterval,
  pairedDifferenceInterval,
} from "./stats/mod.ts";
export type { MeanInterval } from "./stats/mod.ts";

// ---- incidents (data/)
export {
  estimateObservables,
  incidentScenario,
  loadIncident,
  readCalibration,
} from "./calibration/mod.ts";
export type {
  Calibration,
  CalibrationObservable,
  CalibrationParameter,
  ObservableEstimate,
} from "./calibration/mod.ts";

// ---- charts, analytic formulas, fluid models
export * from "./charts/mod.ts";
export * from "./analytic/mod.ts";
export * from "./fluid/mod.ts";
// (both re-export the same type; named once to resolve the ambiguity)
export type { PhasePortraitElement } from "./charts/mod.ts";

// ---- validation: the simulator against queueing theory (`deno task validate`, notebook 05)
export * from "./validation/mod.ts";
