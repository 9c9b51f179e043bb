/**
 * Result tables in real units: a run of a scenario scaled down by a factor k (fewer citizens,
 * fewer servers, the same utilisation) shows rates, counts, levels and money k times their
 * full-scale values. These functions divide them back, metric by metric as the catalogue's kind
 * says (`fullScaleMultiplier`), and leave shares, latencies and times alone. Pure: new rows,
 * the input untouched.
 *
 * @module
 */
import { fullScaleMultiplier } from "./metrics.ts";
import type { DifferenceRow, EstimateRow, OutcomeRow, SeriesRow, SummaryRow } from "./types.ts";

/** The tables {@link fullScaleTables} converts (any extra fields are kept). */
export interface ScalableTables {
  summaries: SummaryRow[];
  series: SeriesRow[];
  outcomes: OutcomeRow[];
  estimates: EstimateRow[];
  differences: DifferenceRow[];
}

/** One value-bearing row converted with its metric's multiplier. */
function convertValue<R extends { metric: string; value: number }>(row: R, factor: number): R {
  const multiplier = fullScaleMultiplier(row.metric, factor);
  return multiplier === 1 ? row : { ...row, value: row.value * multiplier };
}

/** One estimate (or difference) row: mean and CI bounds converted together. */
function convertEstimate<R extends EstimateRow>(row: R, factor: number): R {
  const multiplier = fullScaleMultiplier(row.metric, factor);
  if (multiplier === 1) return row;
  return {
    ...row,
    mean: row.mean * multiplier,
    ci_low: row.ci_low * multiplier,
    ci_high: row.ci_high * multiplier,
  };
}

/**
 * The tables at full scale, given each scenario's scale factor (`factorOf(scenario)`, 1 for a
 * scenario run unscaled). Citizen outcome counts are counts: divided by the factor too.
 *
 * @example
 * ```ts
 * import { fullScaleTables } from "./full_scale.ts";
 * const tables = fullScaleTables({
 *   summaries: [{ scenario: "s", design: "base", replication: 0, metric: "goodput_per_s", value: 30 }],
 *   series: [], outcomes: [], estimates: [], differences: [],
 * }, () => 0.05);
 * tables.summaries[0].value; // 600
 * ```
 */
export function fullScaleTables<T extends ScalableTables>(
  tables: T,
  factorOf: (scenario: string) => number,
): T {
  const factorOfRow = (row: { scenario: string }) => {
    const factor = factorOf(row.scenario);
    if (!(factor > 0 && factor <= 1)) {
      throw new RangeError(
        `scale factor of scenario "${row.scenario}" is ${factor}, not in (0, 1]`,
      );
    }
    return factor;
  };
  return {
    ...tables,
    summaries: tables.summaries.map((row) => convertValue(row, factorOfRow(row))),
    series: tables.series.map((row) => convertValue(row, factorOfRow(row))),
    outcomes: tables.outcomes.map((row) => ({ ...row, count: row.count / factorOfRow(row) })),
    estimates: tables.estimates.map((row) => convertEstimate(row, factorOfRow(row))),
    differences: tables.differences.map((row) => convertEstimate(row, factorOfRow(row))),
  };
}
