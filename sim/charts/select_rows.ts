/**
 * Picking the rows a chart shows from result tables: one scenario and one design, averaged
 * over replications (or one replication).
 *
 * @module
 */
import type { RunKey, SeriesRow } from "../table/types.ts";

/** Which runs a chart shows. Omitted fields must be unambiguous in the table. */
export interface RunSelection {
  /** Scenario name; may be omitted when the table holds only one. */
  scenario?: string;
  /** Design name; may be omitted when the table holds only one. */
  design?: string;
  /** One replication index; omitted: the mean over replications. */
  replication?: number;
}

/** One point of a time series: bin start and width (seconds) and the value. */
export interface BinPoint {
  /** Start of the bin, seconds from the scenario origin. */
  start: number;
  /** Width of the bin, seconds. */
  width: number;
  /** Value (mean over the selected replications). */
  value: number;
}

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * Keeps the rows of one scenario and one design (and replication, if given). Throws a clear
 * error when the table is empty for the selection or a field is ambiguous.
 */
export function selectRuns<Row extends Partial<RunKey> & { scenario: string; design: string }>(
  rows: readonly Row[],
  selection: RunSelection,
  tableName: string,
): Row[] {
  let kept = [...rows];
  for (const field of ["scenario", "design"] as const) {
    const wanted = selection[field];
    const available = distinct(kept.map((row) => row[field]));
    if (wanted === undefined) {
      if (available.length > 1) {
        throw new RangeError(
          `${field}: the ${tableName} table holds ${available.length} ${field}s ` +
            `(${
              available.map((name) => JSON.stringify(name)).join(", ")
            }); pass { ${field} } to choose one`,
        );
      }
    } else {
      if (!available.includes(wanted)) {
        throw new RangeError(
          `${field}: ${JSON.stringify(wanted)} is not in the ${tableName} table; it holds ${
            available.map((name) => JSON.stringify(name)).join(", ") || "no rows"
          }`,
        );
      }
      kept = kept.filter((row) => row[field] === wanted);
    }
  }
  if (selection.replication !== undefined) {
    const wanted = selection.replication;
    kept = kept.filter((row) => row.replication === wanted);
    if (kept.length === 0) {
      throw new RangeError(`replication: ${wanted} is not in the ${tableName} table`);
    }
  }
  if (kept.length === 0) throw new RangeError(`the ${tableName} table has no rows to chart`);
  return kept;
}

/**
 * The series of one metric, one point per bin, averaged over replications (bins a run lacks
 * are averaged over the runs that have them). Empty when the metric is absent.
 */
export function meanSeries(rows: readonly SeriesRow[], metric: string): BinPoint[] {
  const sums = new Map<number, { width: number; sum: number; count: number }>();
  for (const row of rows) {
    if (row.metric !== metric) continue;
    const entry = sums.get(row.bin_start);
    if (entry) {
      entry.sum += row.value;
      entry.count += 1;
    } else {
      sums.set(row.bin_start, { width: row.bin_width, sum: row.value, count: 1 });
    }
  }
  return [...sums.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, entry]) => ({ start, width: entry.width, value: entry.sum / entry.count }));
}

/** Metric names in `rows` that start with `prefix:` (per-tier metrics), tier names in order seen. */
export function tiersOf(rows: readonly SeriesRow[], prefix: string): string[] {
  const tiers = new Set<string>();
  for (const row of rows) {
    if (row.metric.startsWith(`${prefix}:`)) tiers.add(row.metric.slice(prefix.length + 1));
  }
  return [...tiers];
}

/** The point with the largest value (undefined for an empty series). */
export function peakOf(points: readonly BinPoint[]): BinPoint | undefined {
  let best: BinPoint | undefined;
  for (const point of points) if (!best || point.value > best.value) best = point;
  return best;
}

/** The integral of a rate series over time (rate × bin width summed): a count. */
export function integral(points: readonly BinPoint[]): number {
  let total = 0;
  for (const point of points) total += point.value * point.width;
  return total;
}

/** The value at a bin start (undefined when the series has no such bin). */
export function valueAt(points: readonly BinPoint[], start: number): number | undefined {
  return points.find((point) => point.start === start)?.value;
}
