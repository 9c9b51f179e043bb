/**
 * Output analysis for simulation runs: Student-t intervals over replications, batch means with
 * MSER-5 warm-up deletion, a sequential stopping rule, paired (CRN) comparisons, fairness
 * indices, and the SummaryRow → EstimateRow/DifferenceRow aggregation.
 *
 * @module
 */
export { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from "./student_t.ts";
export { meanConfidenceInterval } from "./confidence_interval.ts";
export type { MeanInterval } from "./confidence_interval.ts";
export { mser5Truncation } from "./warmup.ts";
export type { WarmupTruncation } from "./warmup.ts";
export { batchMeansInterval } from "./batch_means.ts";
export type { BatchMeansInterval, BatchMeansOptions } from "./batch_means.ts";
export { replicateUntilPrecise } from "./sequential.ts";
export type { SequentialOptions, SequentialResult } from "./sequential.ts";
export { pairedDifferenceInterval } from "./paired.ts";
export { giniCoefficient, jainIndex } from "./fairness.ts";
export { estimateReplications } from "./replication_tables.ts";
export type { ReplicationTableOptions, ReplicationTables } from "./replication_tables.ts";
