/**
 * Fluid (mean-field) models of metastable failures, and the exact CTMC to check them against.
 *
 * This first step covers a single tier whose clients time out and retry (`single_tier.ts`:
 * the ODEs and their derivation): its equilibria and their stability (`equilibria.ts`), the
 * separatrix and a phase-portrait table (`phase_portrait.ts`), what a surge does to it
 * (`surge_verdict.ts`) and a metastability map over two parameters (`metastability_map.ts`);
 * the exact CTMC of the same tier for small sizes (`ctmc.ts`), solved without loss of
 * precision by state reduction (`gth.ts`): stationary distribution, fall and escape times
 * (`ctmc_analysis.ts`). Charts of the tables: `phasePortraitChart` and
 * `metastabilityMapChart` in `sim/charts`.
 *
 * The whole scenario: `scenarioFluid` reads the simulator's scenario file and integrates the
 * mean-field equations of every tier, client class and operation (`scenario_network.ts`
 * compiles it with `scenario_clients.ts`, `scenario_drift.ts` holds the equations over the
 * state of `scenario_layout.ts`), writing the simulator's series and
 * summaries and naming what it leaves out. Pure functions; times in seconds, rates per second.
 * `fluidAgreement` (`agreement.ts`, measures in `agreement_measures.ts`) cross-validates it
 * against the simulator: offered load, goodput, orbit and queues, integrals and trajectories,
 * with the simulator's replication intervals and an O(1/√N) fluid-limit tolerance.
 *
 * Maps of any scenario: `scenarioMap` sets two parameters addressed by path
 * (`map_point.ts`, through the scenario language's merge and validation) over a grid,
 * integrates each point and classifies its series (`series_verdict.ts`); `spot_check.ts`
 * runs chosen cells through the simulator at a reduced scale and classifies them the same way;
 * `planner.ts` reads a map against the as-built design (`deno task plan`,
 * `sim/report/plan_cli.ts`).
 *
 * @example
 * ```ts ignore
 * import { findEquilibria, phasePortraitRows, singleTierModel } from "./mod.ts";
 * const tier = singleTierModel({
 *   arrivalRate: 8, serviceRate: 10, servers: 1, queueCapacity: 100,
 *   timeout: 3, retryDelay: 0.5, maxAttempts: 4,
 * });
 * findEquilibria(tier).map((e) => e.kind); // ["healthy", "saddle", "degraded"]
 * const rows = phasePortraitRows(tier);     // → phasePortraitChart(rows)
 * ```
 *
 * @module
 */
export {
  DISCIPLINES,
  emptyFlows,
  flowsWithTimeout,
  singleTierDerivative,
  singleTierFlows,
  singleTierModel,
  successShare,
  surgeProfile,
  timeoutProbabilityAt,
} from "./single_tier.ts";
export type {
  Discipline,
  SingleTierFlows,
  SingleTierModel,
  SingleTierParameters,
  Surge,
} from "./single_tier.ts";
export {
  BERRY_ESSEEN_CONSTANT,
  exactTimeoutProbability,
  fluidTimeoutProbability,
  normalApproximationBound,
  responseMoments,
} from "./response_tail.ts";
export type { ServiceSide } from "./response_tail.ts";
export { findEquilibria, flowsAtRate, jacobian, orbitNullcline } from "./equilibria.ts";
export type {
  Eigenvalue,
  EquilibriaOptions,
  Equilibrium,
  EquilibriumKind,
  Stability,
} from "./equilibria.ts";
export { integratePath } from "./integration.ts";
export type { Derivative, PathEnd, PathOptions } from "./integration.ts";
export { phasePortraitRows, separatrix } from "./phase_portrait.ts";
export type {
  PhasePortraitElement,
  PhasePortraitOptions,
  PhasePortraitRow,
} from "./phase_portrait.ts";
export { surgeVerdict } from "./surge_verdict.ts";
export type { SurgeOutcome, SurgeVerdict, SurgeVerdictOptions } from "./surge_verdict.ts";
export {
  metastabilityMap,
  SINGLE_TIER_MAP_PARAMETERS,
  singleTierSurgeEvaluator,
} from "./metastability_map.ts";
export type {
  MapAxis,
  MapVerdict,
  MetastabilityMapOptions,
  MetastabilityMapRow,
} from "./metastability_map.ts";
export { ctmcDrift, singleTierCtmc } from "./ctmc.ts";
export type { SingleTierCtmc, SingleTierCtmcOptions } from "./ctmc.ts";
export { expectedHittingTimes, stationaryDistribution } from "./gth.ts";
export type { BandedChain } from "./gth.ts";
export { analyseSingleTierCtmc } from "./ctmc_analysis.ts";
export type { CtmcAnalysis, CtmcAnalysisOptions } from "./ctmc_analysis.ts";
export {
  applyMapPoint,
  ARRIVAL_MULTIPLIER,
  designJson,
  mapPointScenario,
  valueAt,
} from "./map_point.ts";
export { seriesVerdict } from "./series_verdict.ts";
export type { SeriesVerdict, SeriesVerdictOptions } from "./series_verdict.ts";
export { scenarioFluidEvaluator, scenarioMap } from "./scenario_map.ts";
export type { ScenarioMap, ScenarioMapEvaluation, ScenarioMapOptions } from "./scenario_map.ts";
export { spotCheck, spotChecks, spotCheckSample } from "./spot_check.ts";
export type { SpotCheck, SpotCheckOptions } from "./spot_check.ts";
export {
  asBuiltValue,
  axisValues,
  defaultAxes,
  isAcceptable,
  planFromMap,
  withValue,
} from "./planner.ts";
export type { MapPlan, MapPlanOptions } from "./planner.ts";
export { scenarioFluid } from "./scenario_fluid.ts";
export {
  agreementLines,
  bindingsOf,
  firstFailingBin,
  fluidAgreement,
  smallestPool,
} from "./agreement.ts";
export type {
  Binding,
  FluidAgreement,
  FluidAgreementOptions,
  WindowAgreement,
} from "./agreement.ts";
export {
  agreementQuantities,
  agreementTolerance,
  binnedIntegrals,
  FAILURE_SERIES,
  trajectoryAgreement,
  windowMean,
} from "./agreement_measures.ts";
export type {
  AgreementWindow,
  QuantitySpec,
  ToleranceInput,
  TrajectoryAgreement,
  TrajectoryInput,
} from "./agreement_measures.ts";
export type { ScenarioFluidOptions, ScenarioFluidResult } from "./scenario_fluid.ts";
export { compileScenario, serversAt, SHORTEST_RETRY_DELAY } from "./scenario_network.ts";
export type {
  FluidClientClass,
  FluidNetwork,
  FluidNode,
  FluidOperation,
  FluidTier,
} from "./scenario_network.ts";
export { HEAD_MIX_SECONDS, scenarioDerivative } from "./scenario_drift.ts";
export { reloadHazard, scenarioLayout } from "./scenario_layout.ts";
export type { ScenarioLayout } from "./scenario_layout.ts";
export { cheapestAcceptable, MAX_SETTINGS, settingCost, settingsByCost } from "./plan_search.ts";
export type { SearchedParameter, SearchResult, Setting } from "./plan_search.ts";
