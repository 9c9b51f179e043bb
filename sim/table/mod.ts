/**
 * Result tables shared by the experiment layer, charts, notebooks and the report.
 *
 * @module
 */
export type {
  DifferenceRow,
  EstimateRow,
  OutcomeRow,
  ResultTables,
  RunKey,
  SeriesRow,
  SummaryRow,
} from "./types.ts";
export { describeMetrics, metricInfo, SERIES_METRICS, SUMMARY_METRICS } from "./metrics.ts";
export type { MetricInfo, MetricKind, SeriesMetric, SummaryMetric } from "./metrics.ts";
export { fullScaleMultiplier, metricRange, SIZE_DEPENDENT_KINDS } from "./metrics.ts";
export { fullScaleTables } from "./full_scale.ts";
export type { ScalableTables } from "./full_scale.ts";
