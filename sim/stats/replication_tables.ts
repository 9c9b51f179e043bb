/**
 * Turns per-run summary rows into replication estimates and paired differences — the bridge the
 * experiment layer calls between per-run scalars and the result tables.
 *
 * - `EstimateRow`: rows grouped by (scenario, design, metric); Student-t interval over
 *   replications.
 * - `DifferenceRow`: for every non-baseline design, the values are paired with the baseline's by
 *   (scenario, metric, replication) — the CRN pairing — and a paired-t interval of
 *   design − baseline is reported over the replications present in both.
 *
 * @module
 */
import type { DifferenceRow, EstimateRow, SummaryRow } from "../table/types.ts";
import { meanConfidenceInterval, requireConfidence } from "./confidence_interval.ts";
import { pairedDifferenceInterval } from "./paired.ts";

/** Options for {@link estimateReplications}. */
export interface ReplicationTableOptions {
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Design to take differences against; no differences when omitted. */
  baseline?: string;
}

/** Estimates and differences computed from summary rows. */
export interface ReplicationTables {
  /** One row per (scenario, design, metric). */
  estimates: EstimateRow[];
  /** One row per (scenario, non-baseline design, metric) with a baseline counterpart. */
  differences: DifferenceRow[];
}

const separator = "\u0000";

/**
 * Aggregates per-run summaries over replications, and pairs designs against a baseline.
 * Non-finite values are skipped (a run that produced no value for a metric).
 * @param rows Per-run summary rows (any order).
 * @param options Confidence level and baseline design.
 * @returns Estimate rows and difference rows, in first-seen group order.
 */
export function estimateReplications(
  rows: readonly SummaryRow[],
  options: ReplicationTableOptions = {},
): ReplicationTables {
  const confidence = options.confidence ?? 0.95;
  requireConfidence(confidence);
  // (scenario, design, metric) → replication → value
  const groups = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (!Number.isFinite(row.value)) continue;
    const key = [row.scenario, row.design, row.metric].join(separator);
    let byReplication = groups.get(key);
    if (!byReplication) groups.set(key, byReplication = new Map());
    if (byReplication.has(row.replication)) {
      throw new RangeError(
        `duplicate summary row for scenario=${row.scenario} design=${row.design} ` +
          `metric=${row.metric} replication=${row.replication}`,
      );
    }
    byReplication.set(row.replication, row.value);
  }
  const estimates: EstimateRow[] = [];
  const differences: DifferenceRow[] = [];
  for (const [key, byReplication] of groups) {
    const [scenario, design, metric] = key.split(separator);
    const interval = meanConfidenceInterval([...byReplication.values()], confidence);
    estimates.push({
      scenario,
      design,
      metric,
      n: interval.n,
      mean: interval.mean,
      ci_low: interval.low,
      ci_high: interval.high,
      confidence,
    });
    const baseline = options.baseline;
    if (baseline === undefined || design === baseline) continue;
    const reference = groups.get([scenario, baseline, metric].join(separator));
    if (!reference) continue;
    const designValues: number[] = [];
    const baselineValues: number[] = [];
    for (const [replication, value] of [...byReplication].sort((a, b) => a[0] - b[0])) {
      const other = reference.get(replication);
      if (other === undefined) continue;
      designValues.push(value);
      baselineValues.push(other);
    }
    if (designValues.length === 0) continue;
    const difference = pairedDifferenceInterval(designValues, baselineValues, confidence);
    differences.push({
      scenario,
      design,
      metric,
      baseline,
      n: difference.n,
      mean: difference.mean,
      ci_low: difference.low,
      ci_high: difference.high,
      confidence,
    });
  }
  return { estimates, differences };
}
