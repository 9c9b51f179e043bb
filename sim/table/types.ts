/**
 * Result tables: the only thing charts, notebooks and the report read.
 *
 * Tables are tidy (long format): one row per observation, so a new metric never changes a
 * table's shape. Times are in seconds from the scenario's origin; rates in requests/s;
 * money in euro. Metric names are snake_case and carry their unit in the name when it is
 * not obvious (`latency_p95_seconds`, `budget_remaining_euro`).
 *
 * @module
 */

/** Identifies one simulation run: a scenario, a design of it, and a replication index. */
export interface RunKey {
  /** Scenario name, e.g. `"cashback-io-2020"`. */
  scenario: string;
  /** Design name, e.g. `"as-built"` or `"waiting-room"`. */
  design: string;
  /** Replication index, 0-based. Replication r of every design shares random streams (CRN). */
  replication: number;
}

/** One per-run scalar: e.g. `{ metric: "retry_amplification", value: 4.2 }`. */
export interface SummaryRow extends RunKey {
  /** Metric name (snake_case, unit in the name where needed). */
  metric: string;
  /** Value of the metric for this run. */
  value: number;
}

/** One value of a time-binned series: the metric over `[bin_start, bin_start + bin_width)`. */
export interface SeriesRow extends RunKey {
  /** Start of the time bin, seconds from the scenario origin. */
  bin_start: number;
  /** Width of the time bin, seconds. */
  bin_width: number;
  /** Metric name, e.g. `"offered_first_attempts_per_second"`, `"queue_length:app"`. */
  metric: string;
  /** Value over the bin (rates per second, levels time-averaged over the bin). */
  value: number;
}

/** A metric aggregated over replications, with a Student-t confidence interval. */
export interface EstimateRow {
  /** Scenario name. */
  scenario: string;
  /** Design name. */
  design: string;
  /** Metric name. */
  metric: string;
  /** Number of replications. */
  n: number;
  /** Mean over replications. */
  mean: number;
  /** Lower bound of the confidence interval (NaN when n < 2). */
  ci_low: number;
  /** Upper bound of the confidence interval (NaN when n < 2). */
  ci_high: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
}

/** A design's paired difference from a baseline design under common random numbers. */
export interface DifferenceRow extends EstimateRow {
  /** The baseline design the difference is taken against (design − baseline). */
  baseline: string;
}

/** One citizen's outcome, for "who got the bonus" charts and fairness analysis. */
export interface OutcomeRow extends RunKey {
  /**
   * Outcome label: `"funded"`, `"denied_budget"`, `"denied_closed"`, `"failed_technical"`
   * (a run with a budget), or `"succeeded"`, `"gave_up"`, `"still_trying"`.
   */
  outcome: string;
  /** Grouping used for the row, e.g. `"arrival_decile"` or `"persistence"`. */
  group_by: string;
  /** The group's label, e.g. `"1"` (first decile) or `"low"`. */
  group: string;
  /** Number of citizens in this group with this outcome. */
  count: number;
}

/** The tables one experiment produces. Every array may be empty. */
export interface ResultTables {
  /** Per-run scalars. */
  summaries: SummaryRow[];
  /** Per-bin series. */
  series: SeriesRow[];
  /** Per-group citizen outcomes. */
  outcomes: OutcomeRow[];
  /** Replication aggregates with confidence intervals. */
  estimates: EstimateRow[];
  /** Paired differences from the baseline design. */
  differences: DifferenceRow[];
}
