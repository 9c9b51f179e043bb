/**
 * What one replication of a scenario will cost, estimated from the scenario alone before it
 * runs: simulation events (≈ time) and peak memory. The estimate is an upper one: arrivals are
 * the integral of the arrival profile's upper bound over the horizon (capped by the
 * population), every attempt a client may make is counted (retries at `max_attempts`, reloads
 * and come-backs at their expected chains; each persistence class at its own worst case,
 * weighted by its share of the citizens), and every request visits every tier of its route.
 * The experiment layer refuses a run beyond its budget (`sim/experiment/limits.ts`) unless the
 * user allows it explicitly (`--allow-large-run`).
 *
 * Pure: no I/O, no randomness.
 *
 * @module
 */
import type { Client } from "./client/client_schema.ts";
import type { ResolvedScenario } from "./scenario_schema.ts";
import { buildArrivalProfile } from "./sources/rate_profiles.ts";
import { distributionMean } from "./distributions.ts";
import { clientOfClass } from "./scenario_files.ts";
import { maxAttemptsOf, maxRetriesTotalOf } from "./client/retry_kinds.ts";

/** The estimated cost of one replication. */
export interface RunCost {
  /** Expected simulation events (an upper estimate; ~2–5 million a second on one core). */
  expectedEvents: number;
  /** Expected peak memory of the replication while it runs, bytes (an upper estimate). */
  expectedMemoryBytes: number;
  /** Size of the replication's result rows once produced, bytes (kept until the tables are written). */
  expectedResultBytes: number;
  /** Expected citizens arriving within the horizon (the profile's integral, capped by the population). */
  expectedCitizens: number;
  /** Series bins of the run (horizon ÷ bin width, rounded up). */
  bins: number;
}

/** Events per request per tier visited: arrival, start and end of service, a client timer. */
export const EVENTS_PER_TIER_VISIT = 4;
/** Events per operation of a journey besides its requests (think time, bookkeeping). */
export const EVENTS_PER_OPERATION = 1;
/** Memory per citizen while the model runs (citizen, session and request tables), bytes. */
export const BYTES_PER_CITIZEN = 256;
/** Memory per result row (an object in the worker, its copy on the main thread, its run file text), bytes. */
export const BYTES_PER_RESULT_ROW = 600;
/** Series metrics every run writes per bin, and the ones each tier adds. */
export const SERIES_METRICS = { perRun: 12, perTier: 6 } as const;
/** Memory of the model itself regardless of the scenario, bytes. */
export const BASE_BYTES = 64 * 1024 * 1024;
/** Pieces each breakpoint interval of the profile is cut into for the integral's upper bound. */
const PIECES_PER_INTERVAL = 64;
/** Most pieces in all (a trace with a million points is integrated point by point). */
const MOST_PIECES = 200_000;

/**
 * Upper bound of ∫₀ᴴ λ(t) dt (citizens): the profile's `maxRate` over pieces between its
 * breakpoints, times each piece's length.
 */
export function arrivalIntegralBound(scenario: ResolvedScenario): number {
  const horizon = scenario.horizon_seconds;
  const arrivals = scenario.demand.arrivals;
  if (arrivals.kind === "renewal") {
    const mean = distributionMean(arrivals.interarrival) / scenario.demand.multiplier;
    return mean > 0
      ? Math.max(0, scenario.horizon_seconds - arrivals.start_seconds) / mean
      : Infinity;
  }
  const profile = buildArrivalProfile(arrivals, scenario.demand.multiplier);
  const cuts = [0];
  for (const point of profile.breakpoints) {
    if (point > 0 && point < horizon && point > cuts[cuts.length - 1]) cuts.push(point);
  }
  cuts.push(horizon);
  const intervals = cuts.length - 1;
  const pieces = Math.max(1, Math.min(PIECES_PER_INTERVAL, Math.floor(MOST_PIECES / intervals)));
  let total = 0;
  for (let i = 0; i < intervals; i++) {
    const start = cuts[i];
    const width = (cuts[i + 1] - start) / pieces;
    for (let piece = 0; piece < pieces; piece++) {
      const t0 = start + piece * width;
      total += profile.maxRate(t0, t0 + width) * width;
    }
  }
  return total;
}

/**
 * Attempts per operation a client of this kind may make at most (retries, reloads), and
 * sessions per citizen (come-backs), over a horizon of `horizon` seconds.
 */
function clientMultipliers(client: Client, horizon: number): number {
  const attempts = Math.min(maxAttemptsOf(client.retry), 1 + maxRetriesTotalOf(client.retry));
  const timeout = client.timeout_seconds ?? horizon;
  const reloadProbability = client.reload.probability;
  const patience = Math.max(client.reload.patience_mean_seconds, 1e-9);
  const reloads = reloadProbability < 1
    ? 1 / (1 - reloadProbability)
    : Math.max(1, Math.min(timeout, horizon) / patience);
  const comeBackProbability = client.come_back.probability;
  const delay = Math.max(client.come_back.delay_seconds, 1e-9);
  const sessions = Math.min(
    comeBackProbability < 1 ? 1 / (1 - comeBackProbability) : Infinity,
    horizon / delay + 1,
  );
  return attempts * reloads * sessions;
}

/**
 * The estimated cost of one replication of a resolved scenario (a design applied).
 *
 * @example
 * ```ts
 * import { estimateRunCost } from "./cost_estimate.ts";
 * import { loadScenario, resolveDesign } from "./scenario_files.ts";
 * const cost = estimateRunCost(resolveDesign(loadScenario("data/scenarios/mmc.json"), "base"));
 * cost.expectedEvents; // ≈ 4.5 citizens/s × 20 000 s × 1 tier × 4 events, plus the operations
 * ```
 */
export function estimateRunCost(scenario: ResolvedScenario): RunCost {
  const horizon = scenario.horizon_seconds;
  const integral = arrivalIntegralBound(scenario);
  const population = scenario.demand.population;
  const citizens = population === null || population === undefined
    ? integral
    : Math.min(integral, population);
  const journey = scenario.demand.journey;
  const operations = journey.length;
  let visits = 0;
  // a probabilistic route is counted as visiting every tier once (an upper guess for loops)
  for (const operation of journey) {
    visits += operation.route?.length ?? scenario.service.tiers.length;
  }
  // each persistence class at its own worst case, weighted by its share of the citizens
  const classes = scenario.demand.persistence;
  let shares = 0;
  let weighted = 0;
  classes.forEach((entry, index) => {
    shares += entry.share;
    weighted += entry.share * clientMultipliers(clientOfClass(scenario, index), horizon);
  });
  const multiplier = classes.length === 0 || !(shares > 0)
    ? clientMultipliers(clientOfClass(scenario, 0), horizon)
    : Math.max(1, weighted / shares);
  const expectedEvents = citizens *
    (operations * EVENTS_PER_OPERATION + visits * EVENTS_PER_TIER_VISIT * multiplier);
  const bins = Math.ceil(horizon / scenario.bin_width_seconds);
  const seriesRows = bins *
    (SERIES_METRICS.perRun + SERIES_METRICS.perTier * scenario.service.tiers.length);
  const expectedResultBytes = seriesRows * BYTES_PER_RESULT_ROW;
  const expectedMemoryBytes = BASE_BYTES + citizens * BYTES_PER_CITIZEN +
    bins * 8 * 2 *
      (SERIES_METRICS.perRun + SERIES_METRICS.perTier * scenario.service.tiers.length) +
    expectedResultBytes;
  return {
    expectedEvents: Number.isNaN(expectedEvents) ? Infinity : expectedEvents,
    expectedMemoryBytes: Number.isNaN(expectedMemoryBytes) ? Infinity : expectedMemoryBytes,
    expectedResultBytes: Number.isNaN(expectedResultBytes) ? Infinity : expectedResultBytes,
    expectedCitizens: citizens,
    bins,
  };
}
