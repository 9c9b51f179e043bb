/**
 * Small synthetic result tables, built in code, for developing and testing the charts without
 * running the model. The shapes imitate a launch-day surge: offered load rises above capacity,
 * retries amplify it, the app tier crashes for five minutes, the budget runs out.
 *
 * @module
 */
import type {
  DifferenceRow,
  EstimateRow,
  OutcomeRow,
  ResultTables,
  SeriesRow,
  SummaryRow,
} from "../../sim/table/types.ts";
import type { SweepCell, ValidationChartRow } from "../../sim/charts/mod.ts";

/** Scenario name in the fixtures. */
export const SCENARIO = "cashback-io-2020";
/** Designs in the fixtures; the first is the baseline. */
export const DESIGNS = ["as-built", "waiting-room", "retry-budget"] as const;
/** Replications per design. */
export const REPLICATIONS = 3;
/** Bin width, seconds. */
export const BIN_WIDTH = 60;
/** Number of bins (one hour). */
export const BINS = 60;
/** Capacity, requests/s. */
export const CAPACITY = 3000;
/** Initial budget, euro. */
export const BUDGET = 150_000_000;
/** The app tier is down in bins [DOWN_FROM, DOWN_TO). */
export const DOWN_FROM = 20;
/** End (exclusive) of the down bins. */
export const DOWN_TO = 25;
/** The budget runs out at the start of this bin. */
export const BUDGET_EXHAUSTED_BIN = 30;

function surge(bin: number): number {
  // first attempts, requests/s: a peak of 4,000/s at bin 10
  return 500 + 3500 * Math.exp(-(((bin - 10) / 6) ** 2));
}

/** Series rows for one run. */
function runSeries(design: string, replication: number): SeriesRow[] {
  const rows: SeriesRow[] = [];
  const factor = 1 + 0.02 * replication;
  const relief = design === "as-built" ? 1 : 0.4;
  const add = (bin: number, metric: string, value: number) =>
    rows.push({
      scenario: SCENARIO,
      design,
      replication,
      bin_start: bin * BIN_WIDTH,
      bin_width: BIN_WIDTH,
      metric,
      value,
    });
  for (let bin = 0; bin < BINS; bin++) {
    const first = surge(bin) * factor;
    const retry = Math.max(0, first - CAPACITY * 0.6) * 2 * relief;
    const offered = first + retry;
    const down = design === "as-built" && bin >= DOWN_FROM && bin < DOWN_TO;
    const admitted = down ? 0 : Math.min(offered, CAPACITY * 1.2);
    const completed = Math.min(admitted, CAPACITY);
    const goodput = offered > CAPACITY ? completed * 0.7 : completed;
    add(bin, "offered_first_per_s", first);
    add(bin, "offered_retry_per_s", retry);
    add(bin, "admitted_per_s", admitted);
    add(bin, "completed_per_s", completed);
    add(bin, "goodput_per_s", goodput);
    add(bin, "capacity_per_s", CAPACITY);
    add(bin, "queue_length:app", down ? 0 : Math.max(0, offered - CAPACITY) * 0.5);
    add(bin, "queue_length:db", Math.max(0, completed - 2500) * 0.1);
    add(bin, "busy_servers:app", down ? 0 : Math.min(40, (40 * admitted) / CAPACITY));
    add(bin, "busy_servers:db", Math.min(8, (8 * completed) / CAPACITY));
    add(bin, "tier_up:app", down ? 0 : 1);
    add(bin, "tier_up:db", 1);
    const load = offered / CAPACITY;
    add(bin, "latency_p50_s", 0.2 + 0.5 * load);
    add(bin, "latency_p95_s", 0.5 + 2 * load);
    add(bin, "latency_p99_s", 1 + 4 * load * factor);
    if (design === "waiting-room") {
      add(bin, "waiting_room_length", Math.max(0, offered - CAPACITY) * 30);
    }
    const remaining = Math.max(0, BUDGET * (1 - bin / BUDGET_EXHAUSTED_BIN));
    add(bin, "budget_remaining_euro", remaining);
  }
  return rows;
}

const ARRIVAL_DECILES = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
const PERSISTENCE = ["low", "medium", "high"];

function runOutcomes(design: string, replication: number): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  const key = { scenario: SCENARIO, design, replication };
  ARRIVAL_DECILES.forEach((group, index) => {
    const funded = Math.round(1000 * Math.max(0.02, 0.9 - index * 0.12));
    const failed = design === "as-built" ? 150 + 10 * replication : 40;
    rows.push(
      { ...key, outcome: "funded", group_by: "arrival_decile", group, count: funded },
      {
        ...key,
        outcome: "denied_budget",
        group_by: "arrival_decile",
        group,
        count: Math.max(0, 1000 - funded - failed),
      },
      { ...key, outcome: "failed_technical", group_by: "arrival_decile", group, count: failed },
    );
  });
  PERSISTENCE.forEach((group, index) => {
    rows.push(
      { ...key, outcome: "funded", group_by: "persistence", group, count: 2000 + 1000 * index },
      { ...key, outcome: "denied_budget", group_by: "persistence", group, count: 1000 },
      {
        ...key,
        outcome: "failed_technical",
        group_by: "persistence",
        group,
        count: 900 - 300 * index,
      },
    );
  });
  return rows;
}

function runSummaries(design: string, replication: number): SummaryRow[] {
  const key = { scenario: SCENARIO, design, replication };
  return [
    { ...key, metric: "budget_exhausted_at_s", value: BUDGET_EXHAUSTED_BIN * BIN_WIDTH },
    { ...key, metric: "goodput_share", value: design === "as-built" ? 0.45 : 0.8 },
  ];
}

/** Replication aggregates: goodput share and funded share per design. */
function estimates(): EstimateRow[] {
  const means: Record<string, [number, number]> = {
    "as-built": [0.45, 0.52],
    "waiting-room": [0.81, 0.55],
    "retry-budget": [0.7, 0.54],
  };
  return DESIGNS.flatMap((design) => {
    const [goodput, funded] = means[design];
    return [
      { metric: "goodput_share", mean: goodput, half: 0.04 },
      { metric: "funded_share", mean: funded, half: 0.01 },
      { metric: "peak_offered_per_s", mean: design === "as-built" ? 11800 : 6200, half: 400 },
    ].map(({ metric, mean, half }) => ({
      scenario: SCENARIO,
      design,
      metric,
      n: REPLICATIONS,
      mean,
      ci_low: mean - half,
      ci_high: mean + half,
      confidence: 0.95,
    }));
  });
}

/** Paired differences from the as-built design. */
function differences(): DifferenceRow[] {
  return [
    { design: "waiting-room", metric: "goodput_share", mean: 0.36, half: 0.05 },
    { design: "retry-budget", metric: "goodput_share", mean: 0.25, half: 0.05 },
    { design: "waiting-room", metric: "funded_share", mean: 0.03, half: 0.02 },
    { design: "retry-budget", metric: "funded_share", mean: 0.01, half: 0.02 },
  ].map(({ design, metric, mean, half }) => ({
    scenario: SCENARIO,
    design,
    baseline: "as-built",
    metric,
    n: REPLICATIONS,
    mean,
    ci_low: mean - half,
    ci_high: mean + half,
    confidence: 0.95,
  }));
}

/** Result tables for every design and replication. */
export function resultTables(): ResultTables {
  const runs = DESIGNS.flatMap((design) =>
    Array.from({ length: REPLICATIONS }, (_, replication) => ({ design, replication }))
  );
  return {
    summaries: runs.flatMap((run) => runSummaries(run.design, run.replication)),
    series: runs.flatMap((run) => runSeries(run.design, run.replication)),
    outcomes: runs.flatMap((run) => runOutcomes(run.design, run.replication)),
    estimates: estimates(),
    differences: differences(),
  };
}

/** Servers per tier in the sweep fixture. */
export const SWEEP_SERVERS = [10, 20, 30, 40];
/** Peak rates (requests/s) in the sweep fixture. */
export const SWEEP_PEAKS = [4000, 8000, 12000, 16000];

/** A servers × peak-rate sweep of goodput share (goodput falls once the peak exceeds capacity). */
export function sweepCells(): SweepCell[] {
  return SWEEP_SERVERS.flatMap((servers) =>
    SWEEP_PEAKS.map((peak) => ({
      x: peak,
      y: servers,
      value: Math.min(1, (servers * 300) / peak),
    }))
  );
}

/** Validation rows: two passes and one failure. */
export function validationRows(): ValidationChartRow[] {
  return [
    {
      case: "M/M/1 ρ=0.8",
      metric: "mean_wait_s",
      theory: 4,
      mean: 4.05,
      ci_low: 3.9,
      ci_high: 4.2,
      pass: true,
    },
    {
      case: "M/M/c c=4",
      metric: "mean_queue_length",
      theory: 2.39,
      mean: 2.41,
      ci_low: 2.3,
      ci_high: 2.5,
      pass: true,
    },
    {
      case: "Erlang B",
      metric: "blocking_probability",
      theory: 0.1,
      mean: 0.13,
      ci_low: 0.12,
      ci_high: 0.14,
      pass: false,
    },
  ];
}
