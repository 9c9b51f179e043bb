/**
 * Shared machinery of the validation cases: replication seeds, the replication loop, and the
 * evaluation of a case metric against theory with a Student-t interval.
 *
 * Every case runs {@link REPLICATIONS} independent replications with fixed seeds; each
 * replication either starts in steady state (M/M/c: the number present at time 0 is drawn from
 * the exact stationary distribution) or deletes its own warm-up by MSER-5 (on the state each
 * customer sees at arrival) and yields one value per metric. The interval
 * is the 99.9% Student-t interval over replications. A metric passes when the theoretical value
 * lies inside the interval AND the half-width is at most {@link fullSizeRelativeHalfWidth} of
 * the value at full size (size 1); at a smaller size the allowed half-width grows like
 * 1/√size, since the interval shrinks with the square root of the customers simulated.
 *
 * @module
 */
import { meanConfidenceInterval } from "../stats/mod.ts";
import { CustomerLog } from "./engine_models/customer_log.ts";

/** Independent replications per case. */
export const REPLICATIONS = 20;
/** Confidence level of every interval. */
export const CONFIDENCE = 0.999;
/** Largest relative half-width allowed at full size. */
export const fullSizeRelativeHalfWidth = 0.02;

/** One metric of one case: its theoretical value and one simulated value per replication. */
export interface CaseResult {
  /** Case name, e.g. "M/M/1 rho=0.9". */
  case: string;
  /** Metric name with its unit. */
  metric: string;
  /** Value from theory (sim/analytic). */
  theory: number;
  /** One estimate per replication. */
  samples: number[];
}

/** A validation case: runs at a size (1 = full) with a base seed. */
export interface ValidationCase {
  /** Case name. */
  name: string;
  /** Customers per replication at full size. */
  customersAtFullSize: number;
  /** Runs all replications and returns one result per metric. */
  run(size: number, seed: number): CaseResult[];
}

/** One row of the validation table. */
export interface ValidationRow {
  /** Case name. */
  case: string;
  /** Metric name. */
  metric: string;
  /** Theoretical value. */
  theory: number;
  /** Mean over replications. */
  mean: number;
  /** Lower bound of the 99.9% interval. */
  ci_low: number;
  /** Upper bound of the 99.9% interval. */
  ci_high: number;
  /** Half-width divided by |theory|. */
  relative_half_width: number;
  /** Allowed relative half-width at this size. */
  allowed_relative_half_width: number;
  /** Theory inside the interval and half-width within the allowance. */
  pass: boolean;
}

/**
 * Allowed relative half-width at a size: 2% at full size, growing like 1/√size below it.
 * @param size Fraction of the full size (0 < size ≤ 1; larger sizes keep 2%).
 * @returns Allowed half-width / |theory|.
 */
export function allowedRelativeHalfWidth(size: number): number {
  return fullSizeRelativeHalfWidth / Math.sqrt(Math.min(1, size));
}

/**
 * Evaluates one result.
 * @param result Theory and replicate samples.
 * @param size The size the case ran at.
 * @returns The table row.
 */
export function evaluate(result: CaseResult, size: number): ValidationRow {
  const interval = meanConfidenceInterval(result.samples, CONFIDENCE);
  const relative = interval.halfWidth / Math.abs(result.theory);
  const allowed = allowedRelativeHalfWidth(size);
  return {
    case: result.case,
    metric: result.metric,
    theory: result.theory,
    mean: interval.mean,
    ci_low: interval.low,
    ci_high: interval.high,
    relative_half_width: relative,
    allowed_relative_half_width: allowed,
    pass: interval.low <= result.theory && result.theory <= interval.high && relative <= allowed,
  };
}

/** FNV-1a hash of a string, for per-case seeds. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Seed of replication `replication` of a case.
 * @param caseName Case name.
 * @param seed Base seed.
 * @param replication Replication index.
 * @returns A non-negative safe integer.
 */
export function replicationSeed(caseName: string, seed: number, replication: number): number {
  return ((hashName(caseName) ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0) + replication * 2 ** 32;
}

/** A metric of a case: name, theory, and how to read it from one replication's log. */
export interface MetricDefinition {
  /** Metric name with unit. */
  metric: string;
  /** Theoretical value. */
  theory: number;
  /** Reads the replication's estimate; `first` is the first customer after warm-up. */
  estimate: (log: CustomerLog, first: number) => number;
}

/**
 * Runs the replications of a case and collects each metric's samples.
 * @param caseName Case name.
 * @param customers Customers per replication (already scaled by size).
 * @param seed Base seed.
 * @param runOne Runs one replication into the log.
 * @param warmupSeries Per-customer series MSER-5 is applied to (default: the state seen at
 *   arrival); `null` when the replication starts in steady state and nothing is deleted.
 * @param metrics The metrics.
 * @returns One result per metric.
 */
export function replicate(
  caseName: string,
  customers: number,
  seed: number,
  runOne: (seed: number, log: CustomerLog) => void,
  metrics: MetricDefinition[],
  warmupSeries: ((log: CustomerLog) => Float64Array) | null = (log) =>
    log.seenAtArrival.subarray(0, log.count),
): CaseResult[] {
  const log = new CustomerLog(customers);
  const results = metrics.map((m) => ({
    case: caseName,
    metric: m.metric,
    theory: m.theory,
    samples: [] as number[],
  }));
  for (let r = 0; r < REPLICATIONS; r++) {
    runOne(replicationSeed(caseName, seed, r), log);
    const first = warmupSeries === null ? 0 : log.warmupCut(warmupSeries(log));
    metrics.forEach((m, i) => results[i].samples.push(m.estimate(log, first)));
  }
  return results;
}

/**
 * Customers per replication at a size (at least 2,000 so MSER-5 and the estimates make sense).
 * @param customersAtFullSize Customers at size 1.
 * @param size Fraction of the full size.
 * @returns Rounded customer count.
 */
export function scaledCustomers(customersAtFullSize: number, size: number): number {
  return Math.max(2000, Math.round(customersAtFullSize * size));
}

/**
 * A validation case run as independent replications of one simulation: `simulate` runs one
 * replication with the given seed, logging its customers into `log`.
 */
export function replicatedCase(
  name: string,
  customersAtFullSize: number,
  metrics: MetricDefinition[],
  simulate: (seed: number, log: CustomerLog) => void,
): ValidationCase {
  return {
    name,
    customersAtFullSize,
    run: (size, seed) =>
      replicate(name, scaledCustomers(customersAtFullSize, size), seed, simulate, metrics),
  };
}
