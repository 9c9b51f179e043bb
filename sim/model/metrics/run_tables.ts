/**
 * A finished run as result-table rows: per-bin series, per-run summaries (every count, mean
 * and time average after the warm-up), and citizen outcomes by arrival decile and persistence
 * class. Metric names are those of the catalogue (`sim/table/metrics.ts`).
 *
 * @module
 */
import type { OutcomeRow, RunKey, SeriesRow, SummaryRow } from "../../table/mod.ts";
import type { ClickDayModel } from "../click_day_model.ts";
import {
  CITIZEN_OUTCOMES,
  OUTCOME_GAVE_UP,
  OUTCOME_STILL_TRYING,
  OUTCOME_SUCCEEDED,
} from "../outcomes.ts";
import type { MechanismTables } from "../mechanisms/mechanism.ts";
import {
  ADMITTED,
  COMPLETED,
  FAILED_BALKED,
  FAILED_CRASHED,
  FAILED_LOCAL,
  FAILED_REJECTED,
  FAILED_RENEGED,
  FAILED_TIMEOUT,
  GOODPUT,
  OFFERED_FIRST,
  OFFERED_RETRY,
} from "./run_metrics.ts";

/** The tables of one run. */
export interface RunTableRows {
  /** Per-run scalars. */
  summaries: SummaryRow[];
  /** Per-bin series. */
  series: SeriesRow[];
  /** Citizen outcomes by group. */
  outcomes: OutcomeRow[];
}

/** Series of bin counts, written as rates per second. */
const RATE_SERIES: [string, number][] = [
  ["offered_first_per_s", OFFERED_FIRST],
  ["offered_retry_per_s", OFFERED_RETRY],
  ["admitted_per_s", ADMITTED],
  ["completed_per_s", COMPLETED],
  ["goodput_per_s", GOODPUT],
  ["failed_timeout_per_s", FAILED_TIMEOUT],
  ["failed_crashed_per_s", FAILED_CRASHED],
  ["failed_reneged_per_s", FAILED_RENEGED],
  ["failed_balked_per_s", FAILED_BALKED],
];

const ratio = (numerator: number, denominator: number) =>
  denominator > 0 ? numerator / denominator : NaN;

/**
 * A tier's busy slots counted in real servers (in place): divided by the slots per server
 * (`concurrency`) and weighted by `serverWeight`, like `busy_servers_mean`.
 */
function inServers(
  values: Float64Array,
  tier: { serverWeight: number; concurrency: number },
): Float64Array {
  const factor = tier.serverWeight / tier.concurrency;
  if (factor !== 1) {
    for (let i = 0; i < values.length; i++) values[i] *= factor;
  }
  return values;
}

/**
 * The rows of a run of `model` that ended at `end` seconds, with what the mechanisms added.
 */
export function runTables(
  model: ClickDayModel,
  key: RunKey,
  end: number,
  extras: MechanismTables[],
): RunTableRows {
  const metrics = model.metrics;
  const width = metrics.binWidth;
  const warmup = metrics.warmup;
  const lastBin = Math.max(1, Math.min(metrics.bins, Math.ceil(end / width - 1e-9)));
  const binWidth = (bin: number) => Math.min(width, end - bin * width);
  const series: SeriesRow[] = [];
  const pushSeries = (metric: string, values: ArrayLike<number>, perSecond: boolean) => {
    for (let bin = 0; bin < lastBin; bin++) {
      const w = binWidth(bin);
      series.push({
        ...key,
        bin_start: bin * width,
        bin_width: w,
        metric,
        value: perSecond ? values[bin] / w : values[bin],
      });
    }
  };
  const counts = metrics.perBin;
  for (const [metric, counter] of RATE_SERIES) pushSeries(metric, counts[counter], true);
  const rejected = new Float64Array(metrics.bins);
  for (let bin = 0; bin < metrics.bins; bin++) {
    rejected[bin] = counts[FAILED_REJECTED][bin] + counts[FAILED_LOCAL][bin];
  }
  pushSeries("failed_rejected_per_s", rejected, true);
  pushSeries("capacity_per_s", metrics.capacity.means(end), false);
  pushSeries("orbit_size", metrics.orbit.means(end), false);
  for (const tier of model.tiers) {
    pushSeries(`queue_length:${tier.name}`, tier.queueLevel.means(end), false);
    pushSeries(`busy_servers:${tier.name}`, inServers(tier.busyLevel.means(end), tier), false);
    pushSeries(`servers:${tier.name}`, tier.serversLevel.means(end), false);
    pushSeries(`tier_up:${tier.name}`, tier.upLevel.means(end), false);
  }
  const extraSeries = extras.flatMap((extra) => extra.series ?? []);
  if (model.metrics.held.peak > 0 && !extraSeries.some((s) => s.metric === "waiting_room_length")) {
    pushSeries("waiting_room_length", metrics.held.means(end), false);
  }
  for (const extra of extraSeries) pushSeries(extra.metric, extra.values, false);
  for (
    const [metric, q] of [["latency_p50_s", 0.5], ["latency_p95_s", 0.95], [
      "latency_p99_s",
      0.99,
    ]] as const
  ) {
    pushSeries(metric, metrics.latency.map((tally) => tally.quantile(q)), false);
  }

  // ---- summaries: everything after the warm-up -----------------------------------------
  const after = metrics.afterWarmup;
  const firstAttempts = after[OFFERED_FIRST];
  const retries = after[OFFERED_RETRY];
  const attempts = firstAttempts + retries;
  const successes = after[GOODPUT];
  const observed = Math.max(0, Math.min(end, metrics.bins * width) - warmup);
  let peakOffered = 0;
  let peakGoodput = 0;
  for (let bin = 0; bin < lastBin; bin++) {
    if ((bin + 1) * width <= warmup) continue;
    const w = binWidth(bin);
    peakOffered = Math.max(
      peakOffered,
      (counts[OFFERED_FIRST][bin] + counts[OFFERED_RETRY][bin]) / w,
    );
    peakGoodput = Math.max(peakGoodput, counts[GOODPUT][bin] / w);
  }
  const citizens = model.citizens;
  const tally = [0, 0, 0];
  let arrivedAfterWarmup = 0;
  for (let citizen = 0; citizen < citizens.count; citizen++) {
    if (citizens.arrival[citizen] < warmup) continue;
    arrivedAfterWarmup++;
    tally[citizens.outcome[citizen]]++;
  }
  const values: Record<string, number> = {
    attempts,
    first_attempts: firstAttempts,
    retries,
    successes,
    retry_amplification: ratio(attempts, successes),
    retry_share: ratio(retries, attempts),
    goodput_share: ratio(successes, attempts),
    peak_offered_per_s: peakOffered,
    peak_goodput_per_s: peakGoodput,
    wasted_work_seconds: metrics.wastedWorkSeconds,
    downtime_seconds: metrics.down.integralAfterWarmup(end),
    operations_per_citizen: ratio(attempts, arrivedAfterWarmup),
    citizens: arrivedAfterWarmup,
    citizens_succeeded: tally[OUTCOME_SUCCEEDED],
    citizens_gave_up: tally[OUTCOME_GAVE_UP],
    citizens_still_trying: tally[OUTCOME_STILL_TRYING],
    citizen_success_share: ratio(tally[OUTCOME_SUCCEEDED], arrivedAfterWarmup),
    time_to_success_p50_s: metrics.timeToSuccess.quantile(0.5),
    time_to_success_p95_s: metrics.timeToSuccess.quantile(0.95),
    latency_mean_s: metrics.latencyAll.mean,
    response_p50_s: metrics.latencyAll.quantile(0.5),
    response_p95_s: metrics.latencyAll.quantile(0.95),
    response_p99_s: metrics.latencyAll.quantile(0.99),
    timeout_probability: ratio(after[FAILED_TIMEOUT], attempts),
    local_rejection_probability: ratio(after[FAILED_LOCAL], attempts + after[FAILED_LOCAL]),
    orbit_mean: ratio(metrics.orbit.integralAfterWarmup(end), observed),
    peak_servers: metrics.servers.peak,
    server_hours: metrics.servers.integralAfterWarmup(end) / 3600,
  };
  for (const tier of model.tiers) {
    const queue = ratio(tier.queueLevel.integralAfterWarmup(end), observed);
    const busy = ratio(tier.busyLevel.integralAfterWarmup(end), observed);
    const slots = tier.slotsLevel.integralAfterWarmup(end);
    values[`queue_wait_mean_s:${tier.name}`] = ratio(tier.waitSum, tier.started);
    values[`response_time_mean_s:${tier.name}`] = ratio(tier.responseSum, tier.completions);
    values[`wait_probability:${tier.name}`] = ratio(tier.waited, tier.started);
    values[`queue_length_mean:${tier.name}`] = queue;
    values[`busy_servers_mean:${tier.name}`] = busy / tier.concurrency * tier.serverWeight;
    values[`in_system_mean:${tier.name}`] = queue + busy;
    values[`utilisation:${tier.name}`] = tier.infinite
      ? NaN
      : ratio(tier.busyLevel.integralAfterWarmup(end), slots);
    values[`blocking_probability:${tier.name}`] = ratio(tier.blocked, tier.arrivals);
    values[`balking_probability:${tier.name}`] = ratio(tier.balked, tier.arrivals);
    values[`abandonment_probability:${tier.name}`] = ratio(tier.reneged, tier.arrivals);
  }
  for (const extra of extras) Object.assign(values, extra.summaries ?? {});
  const summaries: SummaryRow[] = Object.entries(values).map(([metric, value]) => ({
    ...key,
    metric,
    value,
  }));

  // ---- outcomes by arrival decile and persistence class ----------------------------------
  // The citizens the summaries count: those who arrived after the warm-up, or every citizen
  // when a budget's outcomes replace them (its funded and denied counts are of the whole run).
  const replaced = extras.find((extra) => extra.outcomes)?.outcomes;
  const labels = replaced?.labels ?? CITIZEN_OUTCOMES;
  const perCitizen = replaced?.perCitizen ?? citizens.outcome;
  const classNames = model.scenario.demand.persistence.map((entry) => entry.name);
  const total = replaced ? citizens.count : arrivedAfterWarmup;
  const byDecile = Array.from({ length: 10 }, () => labels.map(() => 0));
  const byClass = classNames.map(() => labels.map(() => 0));
  let index = 0; // rank in arrival order among the citizens counted
  for (let citizen = 0; citizen < citizens.count; citizen++) {
    if (!replaced && citizens.arrival[citizen] < warmup) continue;
    const outcome = perCitizen[citizen];
    byDecile[Math.min(9, Math.floor((10 * index) / total))][outcome]++;
    byClass[citizens.clientClass[citizen]][outcome]++;
    index++;
  }
  const outcomes: OutcomeRow[] = [];
  const pushOutcomes = (groupBy: string, group: string, counted: number[]) => {
    counted.forEach((count, outcome) => {
      outcomes.push({ ...key, outcome: labels[outcome], group_by: groupBy, group, count });
    });
  };
  byDecile.forEach((counted, decile) =>
    pushOutcomes("arrival_decile", String(decile + 1), counted)
  );
  byClass.forEach((counted, index) => pushOutcomes("persistence", classNames[index], counted));
  return { summaries, series, outcomes };
}
