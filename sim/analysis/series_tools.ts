/**
 * Reshaping series rows for charts and prose: coarser bins, means over replications, the
 * largest value in a window. Pure functions; times in seconds from the scenario's origin.
 *
 * @module
 */
import type { SeriesRow } from "../table/mod.ts";

/**
 * Series rows merged into bins of `widthSeconds` (time-weighted means of the original bins),
 * for lighter charts. Rows are grouped by scenario, design, replication and metric (and grid
 * point when present). The width must be a whole multiple of the rows' bin width, so that no
 * original bin is split between two coarse ones.
 *
 * @example
 * ```ts
 * import { coarsen } from "./series_tools.ts";
 * const row = { scenario: "s", design: "base", replication: 0, metric: "goodput_per_s" };
 * const rows = coarsen([
 *   { ...row, bin_start: 0, bin_width: 60, value: 1 },
 *   { ...row, bin_start: 60, bin_width: 60, value: 3 },
 * ], 600);
 * rows[0].value; // 2
 * ```
 */
export function coarsen<Row extends SeriesRow>(rows: readonly Row[], widthSeconds: number): Row[] {
  if (!(widthSeconds > 0 && widthSeconds < Infinity)) {
    throw new RangeError(`bin width: got ${widthSeconds}; allowed: seconds > 0`);
  }
  const groups = new Map<string, { row: Row; start: number; weighted: number; width: number }>();
  for (const row of rows) {
    const start = Math.floor(row.bin_start / widthSeconds) * widthSeconds;
    // the original bin must end inside the coarse one (1e-9 s of rounding allowed)
    if (row.bin_start + row.bin_width > start + widthSeconds + 1e-9) {
      throw new RangeError(
        `bin width: got ${widthSeconds} s; allowed: a whole multiple of the series' bins ` +
          `(${row.bin_width} s: ${row.metric} from ${row.bin_start} s would be split)`,
      );
    }
    const point = (row as { grid_point?: unknown }).grid_point ?? "";
    const key = `${row.scenario}|${point}|${row.design}|${row.replication}|${row.metric}|${start}`;
    const group = groups.get(key);
    if (group) {
      group.weighted += row.value * row.bin_width;
      group.width += row.bin_width;
    } else {
      groups.set(key, { row, start, weighted: row.value * row.bin_width, width: row.bin_width });
    }
  }
  return [...groups.values()].map(({ row, start, weighted, width }) => ({
    ...row,
    bin_start: start,
    bin_width: width,
    value: weighted / width,
  }));
}

/**
 * Per-bin mean over replications of the sum of `metrics` for one design: bin start (s) →
 * value.
 */
export function binMeans(
  series: readonly SeriesRow[],
  design: string,
  metrics: readonly string[],
): Map<number, number> {
  const sums = new Map<number, number>();
  const replications = new Set<number>();
  for (const row of series) {
    if (row.design !== design || !metrics.includes(row.metric)) continue;
    replications.add(row.replication);
    sums.set(row.bin_start, (sums.get(row.bin_start) ?? 0) + row.value);
  }
  for (const [bin, total] of sums) sums.set(bin, total / replications.size);
  return sums;
}

/** Largest value of a bin → value map with `from ≤ bin start < to` (seconds); 0 when none. */
export function maxBetween(values: Map<number, number>, from: number, to: number): number {
  let best = 0;
  for (const [bin, value] of values) if (bin >= from && bin < to && value > best) best = value;
  return best;
}
