/**
 * One replication of one design of a scenario, as result-table rows. A pure function of its
 * arguments: the experiment layer calls it from workers.
 *
 * @module
 */
import type { OutcomeRow, RunKey, SeriesRow, SummaryRow } from "../table/mod.ts";
import { resolveDesign, type ResolvedScenario, type Scenario } from "../scenario/mod.ts";
import type { ModelHooks } from "./hooks.ts";
import { combineHooks } from "./designs_hooks.ts";
import { buildDesignRun, type DesignTables } from "./scenario_designs.ts";
import {
  type ModelResults,
  OUTCOME_GAVE_UP,
  OUTCOME_STILL_TRYING,
  OUTCOME_SUCCEEDED,
  ServiceModel,
} from "./service_model.ts";

/** The tables of one run. */
export interface ReplicationResult {
  /** Per-run scalars (metric names from `SUMMARY_METRICS`, plus `latency_mean_s` and `queue_wait_mean_s:<tier>`). */
  summaries: SummaryRow[];
  /** Per-bin series (metric names from `SERIES_METRICS`; per-tier ones end in `:<tier>`). */
  series: SeriesRow[];
  /**
   * Citizen outcomes grouped by `arrival_decile` and `persistence`: `funded`, `denied_budget`,
   * `failed_technical` with a budget section, else `succeeded`, `gave_up`, `still_trying`.
   */
  outcomes: OutcomeRow[];
}

/** Options of {@link runReplication}. */
export interface ReplicationOptions {
  /** Plug-ins (admission gates, capacity control, success hook), composed with the mechanisms of the scenario's own sections. */
  hooks?: ModelHooks;
  /** Stop earlier than the scenario's horizon, seconds. */
  until?: number;
}

const OUTCOME_LABELS = ["still_trying", "succeeded", "gave_up"];

/**
 * Runs replication `replication` of `design` (`"base"` or a design name) of `scenario`.
 * The seed comes from `scenario.seed` and `replication` only, so replication r of every design
 * draws the same random streams (common random numbers).
 *
 * @example
 * ```ts
 * import { runReplication } from "./run.ts";
 * import { loadScenario } from "../scenario/mod.ts";
 * const { summaries } = runReplication(loadScenario("data/scenarios/mmc.json"), "base", 0);
 * ```
 */
export function runReplication(
  scenario: Scenario,
  design: string,
  replication: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  const resolved = resolveDesign(scenario, design);
  return runResolved(resolved, design, replication, options);
}

/** Like {@link runReplication} for a scenario that already has its design applied. */
export function runResolved(
  resolved: ResolvedScenario,
  design: string,
  replication: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  const designs = buildDesignRun(resolved, replication);
  const hooks = options.hooks ? combineHooks(designs.hooks, options.hooks) : designs.hooks;
  const model = new ServiceModel(resolved, replication, hooks);
  model.run(options.until ?? resolved.horizon_seconds);
  const key: RunKey = { scenario: resolved.name, design, replication };
  const results = model.results();
  const extra = designs.finish(
    model.env.now,
    results.citizens,
    results.citizenClass,
    results.classNames.length,
  );
  return tablesOf(
    results,
    key,
    Math.min(options.until ?? Infinity, resolved.horizon_seconds),
    extra,
  );
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

function max(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > best) best = values[i];
  return best;
}

/**
 * Turns a run's raw results (and what the design mechanisms add, if given) into result-table
 * rows.
 */
export function tablesOf(
  results: ModelResults,
  key: RunKey,
  horizon: number,
  designs?: DesignTables,
): ReplicationResult {
  const width = results.binWidth;
  const lastBin = Math.max(1, Math.min(results.bins, Math.ceil(horizon / width)));
  const series: SeriesRow[] = [];
  const pushSeries = (metric: string, values: ArrayLike<number>, perSecond: boolean) => {
    for (let bin = 0; bin < lastBin; bin++) {
      const binWidth = Math.min(width, horizon - bin * width);
      series.push({
        ...key,
        bin_start: bin * width,
        bin_width: binWidth,
        metric,
        value: perSecond ? values[bin] / binWidth : values[bin],
      });
    }
  };
  pushSeries("offered_first_per_s", results.offeredFirst, true);
  pushSeries("offered_retry_per_s", results.offeredRetry, true);
  pushSeries("admitted_per_s", results.admitted, true);
  pushSeries("completed_per_s", results.completed, true);
  pushSeries("goodput_per_s", results.goodput, true);
  pushSeries("failed_timeout_per_s", results.failedTimeout, true);
  pushSeries("failed_rejected_per_s", results.failedRejected, true);
  pushSeries("failed_crashed_per_s", results.failedCrashed, true);
  pushSeries("capacity_per_s", results.capacity, false);
  for (const tier of results.tiers) {
    pushSeries(`queue_length:${tier.name}`, tier.queueLength, false);
    pushSeries(`busy_servers:${tier.name}`, tier.busy, false);
    pushSeries(`servers:${tier.name}`, tier.servers, false);
    pushSeries(`tier_up:${tier.name}`, tier.up, false);
  }
  if (results.waitingRoom) pushSeries("waiting_room_length", results.waitingRoom, false);
  for (const extra of designs?.series ?? []) pushSeries(extra.metric, extra.values, false);
  for (
    const [metric, q] of [
      ["latency_p50_s", 0.5],
      ["latency_p95_s", 0.95],
      ["latency_p99_s", 0.99],
    ] as const
  ) {
    pushSeries(metric, results.latency.map((histogram) => histogram.quantile(q)), false);
  }

  const firstAttempts = sum(results.offeredFirst);
  const retries = sum(results.offeredRetry);
  const attempts = firstAttempts + retries;
  const successes = sum(results.goodput);
  const offered = new Float64Array(results.bins);
  for (let bin = 0; bin < lastBin; bin++) {
    const binWidth = Math.min(width, horizon - bin * width);
    offered[bin] = (results.offeredFirst[bin] + results.offeredRetry[bin]) / binWidth;
  }
  const goodputRates = Array.from(
    { length: lastBin },
    (_, bin) => results.goodput[bin] / Math.min(width, horizon - bin * width),
  );
  const counts = [0, 0, 0];
  for (const outcome of results.citizenOutcome) counts[outcome]++;
  const values: Record<string, number> = {
    attempts,
    first_attempts: firstAttempts,
    retries,
    successes,
    retry_amplification: successes > 0 ? attempts / successes : NaN,
    retry_share: attempts > 0 ? retries / attempts : NaN,
    goodput_share: attempts > 0 ? successes / attempts : NaN,
    peak_offered_per_s: max(offered),
    peak_goodput_per_s: max(goodputRates),
    wasted_work_seconds: results.wastedWorkSeconds,
    downtime_seconds: results.downtimeSeconds,
    operations_per_citizen: results.citizens > 0 ? attempts / results.citizens : NaN,
    citizens: results.citizens,
    citizens_succeeded: counts[OUTCOME_SUCCEEDED],
    citizens_gave_up: counts[OUTCOME_GAVE_UP],
    citizens_still_trying: counts[OUTCOME_STILL_TRYING],
    time_to_success_p50_s: results.timeToSuccess.quantile(0.5),
    time_to_success_p95_s: results.timeToSuccess.quantile(0.95),
    peak_servers: results.peakServers,
    server_hours: results.serverSeconds / 3600,
    latency_mean_s: results.latencyAll.mean(),
  };
  for (const tier of results.tiers) values[`queue_wait_mean_s:${tier.name}`] = tier.waitMean;
  Object.assign(values, designs?.summaries ?? {});
  const summaries: SummaryRow[] = Object.entries(values).map(([metric, value]) => ({
    ...key,
    metric,
    value,
  }));

  const outcomes: OutcomeRow[] = [];
  const citizens = results.citizens;
  const labels = designs?.outcomeLabels ?? OUTCOME_LABELS;
  const perCitizen = designs?.citizenOutcome ?? results.citizenOutcome;
  const byDecile = Array.from({ length: 10 }, () => labels.map(() => 0));
  const byClass = results.classNames.map(() => labels.map(() => 0));
  for (let citizen = 0; citizen < citizens; citizen++) {
    const outcome = perCitizen[citizen];
    byDecile[Math.min(9, Math.floor((10 * citizen) / citizens))][outcome]++;
    byClass[results.citizenClass[citizen]][outcome]++;
  }
  const pushOutcomes = (groupBy: string, group: string, tally: number[]) => {
    tally.forEach((count, outcome) => {
      outcomes.push({ ...key, outcome: labels[outcome], group_by: groupBy, group, count });
    });
  };
  byDecile.forEach((tally, decile) => pushOutcomes("arrival_decile", String(decile + 1), tally));
  byClass.forEach((tally, index) => pushOutcomes("persistence", results.classNames[index], tally));
  return { summaries, series, outcomes };
}

/** Engine events a run processed (for benchmarks), with the run's tables. */
export function runWithCounts(
  resolved: ResolvedScenario,
  replication: number,
): { results: ModelResults; events: number } {
  const model = new ServiceModel(resolved, replication);
  model.run();
  const results = model.results();
  return { results, events: results.events };
}
