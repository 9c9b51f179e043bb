/**
 * The design mechanisms of issue 6, for the click-day model to plug in: server-side
 * protection (token bucket, concurrency limits, CoDel, priority shedding, circuit breakers),
 * the virtual waiting room, autoscaling, staggered access, the bonus budget, allocation rules
 * and group fairness, plus their scenario schemas.
 *
 * @module
 */
export { TokenBucket } from "./token_bucket.ts";
export type { TokenBucketOptions } from "./token_bucket.ts";
export { ConcurrencyLimit } from "./concurrency_limit.ts";
export type { ConcurrencyLimiter } from "./concurrency_limit.ts";
export { AimdLimit } from "./concurrency_limit_aimd.ts";
export type { AimdLimitOptions } from "./concurrency_limit_aimd.ts";
export { GradientLimit } from "./concurrency_limit_gradient.ts";
export type { GradientLimitOptions } from "./concurrency_limit_gradient.ts";
export { CoDelQueuePolicy } from "./codel.ts";
export type { CoDelOptions } from "./codel.ts";
export { PriorityShedder } from "./load_shedding.ts";
export type { PriorityShedderOptions } from "./load_shedding.ts";
export {
  BREAKER_CLOSED,
  BREAKER_HALF_OPEN,
  BREAKER_OPEN,
  CircuitBreaker,
  CircuitBreakers,
} from "./circuit_breaker.ts";
export type { BreakerState, CircuitBreakerOptions } from "./circuit_breaker.ts";
export {
  ROOM_ADMITTED,
  ROOM_AWAY,
  ROOM_DONE,
  ROOM_OUTSIDE,
  ROOM_QUEUED,
  WaitingRoom,
} from "./waiting_room.ts";
export type { WaitingRoomOptions, WaitingRoomOrdering } from "./waiting_room.ts";
export { Autoscaler } from "./autoscaler.ts";
export type { AutoscalerOptions, ScalableTier } from "./autoscaler.ts";
export { StaggeredWindows } from "./staggered.ts";
export type { AccessWindow } from "./staggered.ts";
export {
  birthMonthCohort,
  fiscalCodeLetterCohorts,
  ITALIAN_REGIONS,
  regionCohort,
} from "./staggered_cohorts.ts";
export type { ItalianRegion } from "./staggered_cohorts.ts";
export { Budget, euroToCents } from "./budget.ts";
export type { BudgetOptions } from "./budget.ts";
export { grantAmountSampler, maximumGrant } from "./budget_amount.ts";
export type { GrantAmount } from "./budget_amount.ts";
export {
  Allocation,
  ALLOCATION_RULES,
  OUTCOME_DENIED_BUDGET,
  OUTCOME_FUNDED,
  OUTCOME_NOT_SUBMITTED,
  OUTCOME_PENDING,
} from "./allocation.ts";
export type { AllocationOptions, AllocationRule } from "./allocation.ts";
export {
  arrivalOrderGroups,
  CITIZEN_DENIED_BUDGET,
  CITIZEN_DID_NOT_TRY,
  CITIZEN_FAILED_TECHNICAL,
  CITIZEN_FUNDED,
  citizenOutcome,
  fundingOrderInversions,
  groupFairness,
  groupSuccessRates,
  technicalExclusionShare,
} from "./fairness.ts";
export type { GroupFairness, GroupRates } from "./fairness.ts";
export * from "./designs_schema.ts";
export type { EventScheduler } from "./designs_scheduler.ts";
export {
  allocationHooks,
  autoscalerHooks,
  combineHooks,
  concurrencyLimitGate,
  tokenBucketGate,
} from "./designs_hooks.ts";
export type { AutoscalerHooks } from "./designs_hooks.ts";
