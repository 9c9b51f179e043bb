/**
 * The click-day service model: arrival profiles, client behaviour (timeouts, retries,
 * reloads, persistence), tiers (servers, queues, USL, crashes, schedules) and the
 * "run one replication" entry point.
 *
 * @module
 */
export {
  buildArrivalProfile,
  constantProfile,
  dailyProfile,
  piecewiseProfile,
  scaledProfile,
  surgeProfile,
} from "./arrival_profile.ts";
export type { ArrivalProfile, SurgeParameters } from "./arrival_profile.ts";
export { ThinningArrivals } from "./arrival_process.ts";
export { retryDelay, throttleRejectProbability } from "./retry_policy.ts";
export type { JitterKind, RetryDelayParameters, RetryKind } from "./retry_policy.ts";
export { uslPeakConcurrency, uslRelativeThroughput, uslSlowdown } from "./usl.ts";
export { serviceTimeMean, serviceTimeSampler } from "./service_time.ts";
export type { SamplerSource } from "./service_time.ts";
export { IntDeque } from "./int_deque.ts";
export { LogHistogram } from "./log_histogram.ts";
export { replicationSeed, STREAMS } from "./seeds.ts";
export type {
  AdmissionGate,
  CapacityControl,
  CitizenGate,
  ClientBreaker,
  LoadShedder,
  LoadSignal,
  ModelHooks,
  QueuePolicy,
} from "./hooks.ts";
export { BUDGET_OUTCOME_LABELS, buildDesignRun } from "./scenario_designs.ts";
export type { DesignRun, DesignTables } from "./scenario_designs.ts";
export {
  OUTCOME_GAVE_UP,
  OUTCOME_STILL_TRYING,
  OUTCOME_SUCCEEDED,
  ServiceModel,
} from "./service_model.ts";
export type { ModelResults } from "./service_model.ts";
export { runReplication, runResolved, runWithCounts, tablesOf } from "./run.ts";
export type { ReplicationOptions, ReplicationResult } from "./run.ts";
