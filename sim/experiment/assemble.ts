/**
 * Assembling an experiment's tables from its replications' results: re-ordered by
 * (scenario, design, grid point, replication) first, so the tables are the same bit for bit
 * whatever the number of workers, shards or resumptions that produced the results.
 *
 * @module
 */
import { aggregateSummaries } from "./aggregate.ts";
import { compareJobKeys } from "./run_store.ts";
import type { ExperimentTables, JobResult } from "./types.ts";

/** How estimates and differences are computed. */
export interface AggregationSettings {
  /** Baseline design per scenario name. */
  baselines: Record<string, string>;
  /** Confidence level of intervals, e.g. 0.95. */
  confidence: number;
}

/**
 * Concatenates the results' rows in canonical order and, unless `aggregation` is undefined,
 * computes the estimates and paired differences from the summaries.
 */
export function assembleTables(
  results: readonly JobResult[],
  aggregation: AggregationSettings | undefined,
): ExperimentTables {
  const ordered = [...results].sort((a, b) => compareJobKeys(a.key, b.key));
  const tables: ExperimentTables = {
    summaries: [],
    series: [],
    outcomes: [],
    estimates: [],
    differences: [],
  };
  for (const { tables: run } of ordered) {
    for (const row of run.summaries) tables.summaries.push(row);
    for (const row of run.series) tables.series.push(row);
    for (const row of run.outcomes) tables.outcomes.push(row);
  }
  if (aggregation) {
    const { estimates, differences } = aggregateSummaries(
      tables.summaries,
      (scenario) => aggregation.baselines[scenario],
      aggregation.confidence,
    );
    tables.estimates = estimates;
    tables.differences = differences;
  }
  return tables;
}
