/**
 * The experiment layer: scenarios × designs × parameter grid × replications, with common
 * random numbers, sequential replications, Deno Workers, shards, resumable output folders,
 * and tidy result tables written as Parquet and CSV.
 *
 * @module
 */
export type {
  ExperimentDifferenceRow,
  ExperimentEstimateRow,
  ExperimentOutcomeRow,
  ExperimentSeriesRow,
  ExperimentSpec,
  ExperimentSummaryRow,
  ExperimentTables,
  JobKey,
  JobResult,
  ParameterGrid,
  ReplicationJob,
  ReplicationOutput,
  ReplicationRunnerModule,
  ReplicationRunOptions,
  RunCostEstimate,
  RunTables,
  ScenarioJson,
  SequentialRule,
} from "./types.ts";
export { loadExperiment, parseExperiment } from "./spec.ts";
export { applyOverrides, expandGrid, gridPointLabel, parseFieldPath } from "./grid.ts";
export type { GridPoint } from "./grid.ts";
export { planExperiment } from "./plan.ts";
export type { ExperimentPlan, ResolvedSequentialRule } from "./plan.ts";
export { runExperiment } from "./run_experiment.ts";
export type { ExperimentResult, RunExperimentOptions } from "./run_experiment.ts";
export { mergeShards } from "./merge.ts";
export { parseShard } from "./manifest.ts";
export type { Manifest, RunLayout, ShardSelection } from "./manifest.ts";
export {
  readTables,
  tableToCsv,
  tableToParquet,
  writeCsvFile,
  writeTables,
} from "./table_files.ts";
export { TABLE_COLUMNS, TABLE_NAMES } from "./table_columns.ts";
export type { ColumnSpec, ColumnType, TableName } from "./table_columns.ts";
export { aggregateSummaries } from "./aggregate.ts";
export type { ExperimentAggregates } from "./aggregate.ts";
export { ReplicationError } from "./replication_error.ts";
export { DEFAULT_MODEL, modelUrl, registeredModels, registerModel } from "./model_registry.ts";
export { queryTables } from "./query.ts";
export type { QueryOptions } from "./query.ts";
export { RunStoppedError, UsageError } from "./usage_error.ts";
export { EXIT_CODES } from "./exit_codes.ts";
export { RUN_BUDGET } from "./limits.ts";
export type { RunBudget } from "./limits.ts";
