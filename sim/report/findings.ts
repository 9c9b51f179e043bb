/**
 * What the report says about each incident, computed from the experiment's tables: the
 * headline outcome per design with its confidence interval and paired (CRN) difference from
 * the as-built design, the best alternative, its cost, and the overload mechanism.
 *
 * Pure functions of the tables.
 *
 * @module
 */
import type { ExperimentTables } from "../experiment/mod.ts";
import { type EstimateRow, metricRange } from "../table/mod.ts";

/** A mean over replications with its confidence interval. */
export interface Interval {
  /** Mean over replications. */
  mean: number;
  /** Lower bound of the confidence interval. */
  low: number;
  /** Upper bound of the confidence interval. */
  high: number;
  /** Replications. */
  n: number;
}

/** The citizen-level metric an incident's designs are ranked by. */
export type HeadlineMetric = "technical_failure_share" | "funded_share" | "citizen_success_share";

/** One design's results. */
export interface DesignFinding {
  /** Design name (`"base"` is the as-built system). */
  design: string;
  /** The headline metric (share of citizens, 0..1). */
  headline: Interval;
  /** Paired difference of the headline from the as-built design (absent for the as-built). */
  headlineDifference?: Interval;
  /** Other estimates by metric name (every summary metric the tables hold). */
  estimates: Record<string, Interval>;
}

/** What the report states about one incident. */
export interface IncidentFindings {
  /** Scenario name. */
  incident: string;
  /** Metric the designs are ranked by. */
  headlineMetric: HeadlineMetric;
  /** True when more of the headline is better. */
  higherIsBetter: boolean;
  /** Every design, the as-built first. */
  designs: DesignFinding[];
  /** The as-built design. */
  asBuilt: DesignFinding;
  /** The alternative with the best headline mean (absent when the scenario has none). */
  best?: DesignFinding;
  /**
   * Offered load (first attempts + retries) over capacity in the bin where the offered load
   * peaks (as-built; as the load chart states it).
   */
  peakLoadRatio: number;
  /** Start of that bin, seconds from the origin. */
  peakLoadAtSeconds: number;
  /** True when the service had no capacity in the bin where the offered load peaked. */
  downAtPeak: boolean;
  /** Summary metrics present in the tables, in catalogue order of appearance. */
  metrics: string[];
}

/** The interval of an estimate (or difference) row. */
function intervalOf(row: EstimateRow | undefined): Interval {
  if (row === undefined) return { mean: NaN, low: NaN, high: NaN, n: 0 };
  return { mean: row.mean, low: row.ci_low, high: row.ci_high, n: row.n };
}

/**
 * An estimate's interval within the values its metric can take (`metricRange`): the table
 * shows what the prose states, not a count below 0 or a share above 100 %.
 */
function clipped(interval: Interval, metric: string): Interval {
  const [low, high] = metricRange(metric);
  return {
    ...interval,
    low: Math.min(Math.max(interval.low, low), high),
    high: Math.max(Math.min(interval.high, high), low),
  };
}

/** Per-replication values of a summary metric for one design, by replication index. */
export function replicationValues(
  tables: ExperimentTables,
  incident: string,
  design: string,
  metric: string,
): Map<number, number> {
  const values = new Map<number, number>();
  for (const row of tables.summaries) {
    if (row.scenario === incident && row.design === design && row.metric === metric) {
      values.set(row.replication, row.value);
    }
  }
  return values;
}

/** Picks the headline metric: one every design has, preferring technical failure, then funded. */
export function chooseHeadline(
  tables: ExperimentTables,
  incident: string,
  designs: readonly string[],
): HeadlineMetric {
  for (const metric of ["technical_failure_share", "funded_share"] as const) {
    const everywhere = designs.every((design) =>
      [...replicationValues(tables, incident, design, metric).values()].some(Number.isFinite)
    );
    if (everywhere) return metric;
  }
  return "citizen_success_share";
}

/** Mean over replications of a series metric per bin start, for one design. */
export function meanSeries(
  tables: ExperimentTables,
  incident: string,
  design: string,
  metric: string,
): Map<number, number> {
  const sums = new Map<number, { total: number; count: number }>();
  for (const row of tables.series) {
    if (row.scenario !== incident || row.design !== design || row.metric !== metric) continue;
    const entry = sums.get(row.bin_start) ?? { total: 0, count: 0 };
    entry.total += row.value;
    entry.count++;
    sums.set(row.bin_start, entry);
  }
  return new Map([...sums].map(([bin, { total, count }]) => [bin, total / count]));
}

/** Computes the findings of one incident from the experiment's tables. */
export function incidentFindings(
  tables: ExperimentTables,
  incident: string,
  designs: readonly string[],
): IncidentFindings {
  const present = designs.filter((design) =>
    tables.summaries.some((row) => row.scenario === incident && row.design === design)
  );
  const headlineMetric = chooseHeadline(tables, incident, present);
  const higherIsBetter = headlineMetric !== "technical_failure_share";
  const metrics = [
    ...new Set(
      tables.summaries.filter((row) => row.scenario === incident).map((row) => row.metric),
    ),
  ];
  // Intervals and paired (CRN) differences as the experiment wrote them, not recomputed.
  const estimateRows = tables.estimates.filter((row) => row.scenario === incident);
  const differenceRows = tables.differences.filter((row) =>
    row.scenario === incident && row.baseline === present[0]
  );
  const findings: DesignFinding[] = present.map((design, index) => {
    const estimates: Record<string, Interval> = {};
    for (const row of estimateRows) {
      if (row.design === design) estimates[row.metric] = clipped(intervalOf(row), row.metric);
    }
    for (const metric of metrics) estimates[metric] ??= intervalOf(undefined);
    const difference = differenceRows.find((row) =>
      row.design === design && row.metric === headlineMetric
    );
    return {
      design,
      headline: estimates[headlineMetric] ?? intervalOf(undefined),
      headlineDifference: index === 0 || difference === undefined || difference.n < 2
        ? undefined
        : intervalOf(difference),
      estimates,
    };
  });
  const alternatives = findings.slice(1).filter((finding) =>
    Number.isFinite(finding.headline.mean)
  );
  const best = alternatives.reduce<DesignFinding | undefined>(
    (winner, finding) =>
      !winner ||
        (higherIsBetter
          ? finding.headline.mean > winner.headline.mean
          : finding.headline.mean < winner.headline.mean)
        ? finding
        : winner,
    undefined,
  );
  const first = meanSeries(tables, incident, present[0], "offered_first_per_s");
  const retry = meanSeries(tables, incident, present[0], "offered_retry_per_s");
  const capacity = meanSeries(tables, incident, present[0], "capacity_per_s");
  // As the load chart does: offered load at its peak bin over the capacity in that bin; when
  // the service is down in that bin, the highest ratio over the bins with capacity.
  let peakLoadRatio = NaN;
  let peakLoadAtSeconds = NaN;
  let peakOffered = -Infinity;
  for (const [bin, firstRate] of first) {
    const offered = firstRate + (retry.get(bin) ?? 0);
    if (offered > peakOffered) {
      peakOffered = offered;
      peakLoadAtSeconds = bin;
    }
  }
  const capacityAtPeak = capacity.get(peakLoadAtSeconds);
  const downAtPeak = capacityAtPeak !== undefined && !(capacityAtPeak > 0);
  if (capacityAtPeak !== undefined && capacityAtPeak > 0) {
    peakLoadRatio = peakOffered / capacityAtPeak;
  } else {
    for (const [bin, firstRate] of first) {
      const cap = capacity.get(bin);
      if (cap === undefined || !(cap > 0)) continue;
      const ratio = (firstRate + (retry.get(bin) ?? 0)) / cap;
      if (!(ratio <= peakLoadRatio)) {
        peakLoadRatio = ratio;
        peakLoadAtSeconds = bin;
      }
    }
  }
  return {
    incident,
    headlineMetric,
    higherIsBetter,
    designs: findings,
    asBuilt: findings[0],
    best,
    peakLoadRatio,
    peakLoadAtSeconds,
    downAtPeak,
    metrics,
  };
}
