/**
 * From per-replication summaries to estimates (mean with a Student-t interval per design)
 * and paired differences from each scenario's baseline design (common random numbers:
 * replication r of each design is paired with replication r of the baseline), per grid
 * point. The statistics are sim/stats' `estimateReplications`; this file only splits the
 * rows by (scenario, grid point) and tags the results with the grid point.
 *
 * @module
 */
import { estimateReplications } from "../stats/mod.ts";
import type {
  ExperimentDifferenceRow,
  ExperimentEstimateRow,
  ExperimentSummaryRow,
} from "./types.ts";

/** Estimates and paired differences of an experiment's summaries. */
export interface ExperimentAggregates {
  /** One row per (scenario, grid point, design, metric). */
  estimates: ExperimentEstimateRow[];
  /** One row per (scenario, grid point, non-baseline design, metric). */
  differences: ExperimentDifferenceRow[];
}

/**
 * Aggregates summaries (in canonical order) per (scenario, grid point), in order of first
 * appearance; `baselineOf` gives each scenario's baseline design.
 */
export function aggregateSummaries(
  summaries: readonly ExperimentSummaryRow[],
  baselineOf: (scenario: string) => string,
  confidence: number,
): ExperimentAggregates {
  const groups = new Map<string, ExperimentSummaryRow[]>();
  for (const row of summaries) {
    const key = JSON.stringify([row.scenario, row.grid_point]);
    let rows = groups.get(key);
    if (!rows) groups.set(key, rows = []);
    rows.push(row);
  }
  const result: ExperimentAggregates = { estimates: [], differences: [] };
  for (const rows of groups.values()) {
    const { scenario, grid_point } = rows[0];
    const { estimates, differences } = estimateReplications(rows, {
      confidence,
      baseline: baselineOf(scenario),
    });
    for (const row of estimates) result.estimates.push({ ...row, grid_point });
    for (const row of differences) result.differences.push({ ...row, grid_point });
  }
  return result;
}
