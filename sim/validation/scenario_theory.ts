/**
 * The shapes shared by the scenario validation cases: what theory a case computes from its
 * scenario (checks of summary metrics or series bins, each exact or an approximation), and
 * small builders for the common checks of one tier.
 *
 * @module
 */
import type { ResolvedScenario, TierConfig } from "../model/mod.ts";

/** Exact theory is asserted; an approximation is reported with its error, never judged. */
export type CheckKind = "exact" | "approximation";

/**
 * How the finite horizon censors a metric (see `censoringBias`): `time` — a per-request time,
 * scaled by the length-biased time in system; `share` — a per-request probability (scale 1);
 * `ratio` — a per-request ratio such as attempts per success (scale: its value); `none` — a
 * time average or a count at arrival, not censored.
 */
export type Censoring = "time" | "share" | "ratio" | "none";

/** One comparison of a simulated metric with theory. */
export interface TheoryCheck {
  /** Summary metric of the run tables, e.g. `queue_wait_mean_s:server`, or a series metric. */
  metric: string;
  /** Theoretical value, in the metric's unit. */
  theory: number;
  /** Exact (asserted) or approximation (reported). */
  kind: CheckKind;
  /** How the horizon censors the estimate. */
  censoring: Censoring;
  /** For a series metric: the start of the bin compared, seconds. */
  binStart?: number;
  /** For a series metric: the bin's width, seconds. */
  binWidth?: number;
}

/** What a case's theory says about its scenario. */
export interface CaseTheory {
  /** The analytic result used, e.g. "mmcMeasures (Erlang C)". */
  source: string;
  /** λ, requests entering the system per second (for the censoring bias). */
  arrivalRate: number;
  /** L, mean number of requests in the system (for the censoring bias). */
  meanInSystem: number;
  /**
   * E[T²]/E[T], the mean time in system of the requests present at a random instant
   * (length-biased), seconds: the scale of the censoring bias of time metrics.
   */
  lengthBiasedTime: number;
  /** The checks. */
  checks: TheoryCheck[];
}

/** A validation case: a scenario file and the theory it is checked against. */
export interface ScenarioCase {
  /** Case name: the file's base name, e.g. `mm1`. */
  name: string;
  /** What theory it checks, one line. */
  title: string;
  /** The scenario file, relative to the project root. */
  file: string;
  /**
   * The theory, computed from the scenario's own numbers.
   * @param scenario The scenario with its base design applied.
   * @param endSeconds When the runs end (the horizon, or `until` at a smaller size), seconds.
   */
  theory(scenario: ResolvedScenario, endSeconds: number): CaseTheory;
  /** Replications at full size (default 20). */
  replications?: number;
  /** Share of the post-warm-up horizon run at quick size (default 0.1). */
  quickHorizonShare?: number;
  /** Replications at quick size (default 20): for noisy series checks. */
  quickReplications?: number;
}

/** A tier metric's value and censoring, keyed by the metric's name without the tier. */
export type TierValues = Record<string, readonly [number, Censoring]>;

/**
 * Checks of one tier's summary metrics (`<metric>:<tier>`).
 * @param tier Tier name.
 * @param values Metric name → [theory, censoring].
 * @param kind Exact (default) or approximation.
 * @returns The checks, in the order given.
 */
export function tierChecks(
  tier: string,
  values: TierValues,
  kind: CheckKind = "exact",
): TheoryCheck[] {
  return Object.entries(values).map(([metric, [theory, censoring]]) => ({
    metric: `${metric}:${tier}`,
    theory,
    kind,
    censoring,
  }));
}

/**
 * The only tier of a single-station scenario (one operation routed to one tier).
 * @param scenario The scenario.
 * @returns Its tier.
 */
export function onlyTier(scenario: ResolvedScenario): TierConfig {
  const journey = scenario.demand.journey;
  if (
    scenario.service.tiers.length !== 1 || journey.length !== 1 ||
    journey[0].route?.length !== 1
  ) {
    throw new Error(`${scenario.name}: the theory needs one operation routed to one tier`);
  }
  return scenario.service.tiers[0];
}

/**
 * Refuses a tier whose service distribution is not of the kind the theory assumes.
 * @param tier The tier.
 * @param kind The distribution kind required, e.g. `exponential`.
 */
export function requireService(tier: TierConfig, kind: string): void {
  if (tier.service_time.kind !== kind) {
    throw new Error(`tier ${tier.name}: the theory needs ${kind} service`);
  }
}

/**
 * E[T²]/E[T] for a time in system T = Wq + S with Wq = 0 with probability 1 − p, else
 * exponential of rate r, and S exponential of rate μ, independent (M/M/c, GI/M/c):
 * E[T] = p/r + 1/μ, E[T²] = 2p/r² + 2p/(rμ) + 2/μ².
 * @param waitProbability p.
 * @param waitRate r, per second (Infinity when nobody waits).
 * @param serviceRate μ, per second.
 * @returns Seconds.
 */
export function exponentialWaitLengthBias(
  waitProbability: number,
  waitRate: number,
  serviceRate: number,
): number {
  const wait = Number.isFinite(waitRate) ? waitProbability / waitRate : 0;
  const mean = wait + 1 / serviceRate;
  const second = 2 * (Number.isFinite(waitRate) ? waitProbability / (waitRate * waitRate) : 0) +
    (2 * wait) / serviceRate + 2 / (serviceRate * serviceRate);
  return second / mean;
}
