/**
 * Closed-form queueing results beside the simulator: Erlang B/C, M/M/c, M/M/c/K, M/G/1
 * (Pollaczek–Khinchine), Kingman and Allen–Cunneen approximations, Erlang-A, M/M/c with
 * deterministic patience (M/M/c+D), GI/M/c (D/M/c, GI/M/1) with the Laplace–Stieltjes
 * transforms it needs, open Jackson networks, the M/M/1 retrial queue, staffing rules and
 * time-varying staffing, Little's law, the fixed point of client-side adaptive throttling and
 * the retry-storm (metastability) criterion.
 * Pure functions; times in seconds, rates per second, loads in erlangs.
 *
 * @module
 */
export { erlangB, erlangC, erlangCFromB } from "./erlang.ts";
export { mmcMeasures, mmcSojournTail, mmcWaitQuantile, mmcWaitTail } from "./mmc.ts";
export type { MMcMeasures } from "./mmc.ts";
export { mm1kMeasures, mmckDistribution, mmckMeasures } from "./mmck.ts";
export type { MMcKMeasures } from "./mmck.ts";
export { lognormalScv, md1Measures, mg1Measures } from "./single_server.ts";
export type { SingleServerMeasures } from "./single_server.ts";
export { allenCunneenWait, kingmanWait } from "./approximations.ts";
export { erlangAMeasures } from "./erlang_a.ts";
export type { ErlangAMeasures } from "./erlang_a.ts";
export { jacksonNetwork, solveTrafficEquations } from "./jackson.ts";
export type { JacksonMeasures, JacksonStation, JacksonStationMeasures } from "./jackson.ts";
export { mm1RetrialMeasures } from "./retrial.ts";
export type { RetrialMeasures } from "./retrial.ts";
export {
  halfinWhittBeta,
  halfinWhittWaitProbability,
  squareRootStaffing,
  staffForAbandonment,
  staffForMeanWait,
  staffForWaitProbability,
} from "./staffing.ts";
export {
  offeredLoadOverTime,
  timeVaryingAbandonment,
  timeVaryingStaffing,
} from "./time_varying.ts";
export type { OfferedLoadMethod, StaffingTarget } from "./time_varying.ts";
export { littleNumber, littleThroughput, littleTime } from "./little.ts";
export {
  checkDistribution,
  distributionMoments,
  laplaceTransform,
  logLaplaceTransform,
  logLaplaceTransformOf,
} from "./distribution_transform.ts";
export type { DistributionDescription, DistributionMoments } from "./distribution_transform.ts";
export { dmcMeasures, gim1Measures, giMcMeasures, giMcSigma, giMcWaitTail } from "./gim1.ts";
export type { GIMcMeasures, GIMcOptions } from "./gim1.ts";
export { mmcDeterministicPatience } from "./mmc_patience.ts";
export type { MMcPatienceInput, MMcPatienceMeasures } from "./mmc_patience.ts";
export { adaptiveThrottleFixedPoint } from "./adaptive_throttle.ts";
export type { AdaptiveThrottleFixedPoint, AdaptiveThrottleInput } from "./adaptive_throttle.ts";
export { retryStormCriterion } from "./retry_storm.ts";
export type { RetryStormCriterion, RetryStormInput } from "./retry_storm.ts";
export { integrate } from "./ode.ts";
export type { IntegrateOptions, IntegrateResult, OdeDerivative } from "./ode.ts";
export { mtmcBinAverages, mtmcPointwiseStationary } from "./mtmc_transient.ts";
export type {
  MtMcBinAverage,
  MtMcPointwise,
  MtMcTransient,
  MtMcTransientInput,
} from "./mtmc_transient.ts";
