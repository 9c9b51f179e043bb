/**
 * The click-day model and its scenario language: load a scenario, apply a design, run a
 * replication into result tables; and the parts the model is composed of (tiers, clients,
 * sources, mechanisms) for those who build on them. `README.md` explains how a request flows
 * through the parts and how to add a retry policy or an admission mechanism.
 *
 * @module
 */
// ---- scenarios in the model's language
export {
  AdmissionSchema,
  BaseScenarioSchema,
  DemandSchema,
  LONGEST_HORIZON_SECONDS,
  ScenarioFileSchema,
} from "./scenario_schema.ts";
export type { Demand, ResolvedScenario, Scenario, ScenarioFileInput } from "./scenario_schema.ts";
export {
  BASE_DESIGN,
  clientOfClass,
  designNames,
  loadScenario,
  parseScenario,
  resolveDesign,
  scenarioWarnings,
} from "./scenario_files.ts";
export { scaleScenario, SCENARIO_ROLES } from "./scale_scenario.ts";
export { scenarioFingerprint } from "./scenario_fingerprint.ts";
export { SCENARIO_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from "./json_schema.ts";
export { ClientSchema, PersistenceClassSchema } from "./client/client_schema.ts";
export type { Client } from "./client/client_schema.ts";
export { buildRetryPolicy, RetryPolicySchema } from "./client/retry_kinds.ts";
export type { RetryConfig } from "./client/retry_kinds.ts";
export { OperationSchema } from "./journey_schema.ts";
export type { Operation, Routing } from "./journey_schema.ts";
export { ServiceSchema, TierSchema } from "./tier/tier_schema.ts";
export type { Tier as TierConfig } from "./tier/tier_schema.ts";
export { ArrivalsSchema, BatchSizeSchema } from "./sources/arrival_schema.ts";
export type { ArrivalsConfig, BatchSizeConfig } from "./sources/arrival_schema.ts";
export {
  distributionMean,
  distributionSampler,
  distributionSchema,
  distributionScv,
} from "./distributions.ts";
export type { Distribution } from "./distributions.ts";
export { estimateRunCost } from "./cost_estimate.ts";
export type { RunCost } from "./cost_estimate.ts";

// ---- running
export { modelTables, runReplication, runResolved } from "./run.ts";
export type { ReplicationOptions } from "./run.ts";
export type { RunTableRows as ReplicationResult } from "./metrics/run_tables.ts";
export { ClickDayModel } from "./click_day_model.ts";
export {
  BUDGET_OUTCOMES,
  BudgetOutcomeSchema,
  CITIZEN_DENIED_BUDGET,
  CITIZEN_DENIED_CLOSED,
  CITIZEN_DID_NOT_TRY,
  CITIZEN_FAILED_TECHNICAL,
  CITIZEN_FUNDED,
  CITIZEN_OUTCOMES,
  CitizenOutcomeSchema,
} from "./outcomes.ts";
export type { BudgetOutcome, CitizenOutcome } from "./outcomes.ts";
export { replicationSeed, STREAMS } from "./seeds.ts";

// ---- plug-in points and mechanisms
export type {
  AdmissionGate,
  AttemptLimiter,
  CapacityControl,
  CitizenGate,
  LoadShedder,
  LoadSignal,
  ModelHooks,
  QueuePolicy,
} from "./hooks.ts";
export { combineHookSets } from "./mechanisms/combine_hooks.ts";
export { defineMechanism } from "./mechanisms/mechanism.ts";
export type {
  BuildContext,
  Mechanism,
  MechanismParts,
  MechanismPlace,
} from "./mechanisms/mechanism.ts";
export { MECHANISMS } from "./mechanisms/registry.ts";
export { RETRY_KINDS } from "./client/retry_kinds.ts";
export type { RetryDelayPolicy, RetryKind } from "./client/retry_policy.ts";
export { throttleRejectProbability } from "./client/adaptive_throttle.ts";
export { TokenBucket } from "./mechanisms/token_bucket_limiter.ts";
export type { TokenBucketOptions } from "./mechanisms/token_bucket_limiter.ts";
export { ConcurrencyLimit } from "./mechanisms/concurrency_limiter.ts";
export type { ConcurrencyLimiter } from "./mechanisms/concurrency_limiter.ts";
export { AimdLimit } from "./mechanisms/aimd_limit.ts";
export type { AimdLimitOptions } from "./mechanisms/aimd_limit.ts";
export { GradientLimit } from "./mechanisms/gradient_limit.ts";
export type { GradientLimitOptions } from "./mechanisms/gradient_limit.ts";
export { CoDelQueuePolicy } from "./mechanisms/codel_queue_policy.ts";
export type { CoDelOptions } from "./mechanisms/codel_queue_policy.ts";
export { PriorityShedder } from "./mechanisms/priority_shedder.ts";
export type { PriorityShedderOptions } from "./mechanisms/priority_shedder.ts";
export {
  BREAKER_CLOSED,
  BREAKER_HALF_OPEN,
  BREAKER_OPEN,
  CircuitBreaker,
  CircuitBreakers,
} from "./mechanisms/circuit_breakers.ts";
export type { CircuitBreakerOptions } from "./mechanisms/circuit_breakers.ts";
export { Autoscaler } from "./mechanisms/autoscaler_controller.ts";
export type { AutoscalerOptions } from "./mechanisms/autoscaler_controller.ts";
export {
  ROOM_ADMITTED,
  ROOM_AWAY,
  ROOM_DONE,
  ROOM_OUTSIDE,
  ROOM_QUEUED,
  WaitingRoom,
} from "./mechanisms/waiting_room_queue.ts";
export type { WaitingRoomOptions, WaitingRoomOrdering } from "./mechanisms/waiting_room_queue.ts";
export { StaggeredWindows } from "./mechanisms/staggered_windows.ts";
export type { AccessWindow } from "./mechanisms/staggered_windows.ts";
export {
  birthMonthCohort,
  fiscalCodeLetterCohorts,
  ITALIAN_REGIONS,
  regionCohort,
} from "./mechanisms/cohorts.ts";
export type { ItalianRegion } from "./mechanisms/cohorts.ts";
export { Budget } from "./mechanisms/budget_account.ts";
export type { BudgetOptions } from "./mechanisms/budget_account.ts";
export { grantAmountSampler, maximumGrant } from "./mechanisms/grant_amount.ts";
export type { GrantAmount } from "./mechanisms/grant_amount.ts";
export {
  Allocation,
  ALLOCATION_RULES,
  OUTCOME_DENIED_BUDGET,
  OUTCOME_DENIED_CLOSED,
  OUTCOME_FUNDED,
  OUTCOME_NOT_SUBMITTED,
  OUTCOME_PENDING,
} from "./mechanisms/allocation.ts";
export type { AllocationOptions, AllocationRule } from "./mechanisms/allocation.ts";
export {
  arrivalOrderGroups,
  citizenOutcome,
  fundingOrderInversions,
  groupFairness,
  groupSuccessRates,
  technicalExclusionShare,
} from "./mechanisms/fairness.ts";

// ---- profiles and other building blocks
export {
  buildArrivalProfile,
  constantProfile,
  dailyProfile,
  piecewiseProfile,
  scaledProfile,
  surgeProfile,
} from "./sources/rate_profiles.ts";
export type { ArrivalProfile, SurgeParameters } from "./sources/rate_profiles.ts";
export { ThinningArrivals } from "./sources/thinning_arrivals.ts";
export { uslPeakConcurrency, uslRelativeThroughput, uslSlowdown } from "./tier/usl.ts";
