/**
 * Sequential stopping rule (Law 2015, §9.4.1, "relative precision"): keep adding independent
 * replications until the Student-t half-width is at most a target fraction of |mean|, with a
 * minimum number of replications first and a hard maximum.
 *
 * @module
 */
import {
  meanConfidenceInterval,
  type MeanInterval,
  requireConfidence,
} from "./confidence_interval.ts";

/** Options for {@link replicateUntilPrecise}. */
export interface SequentialOptions {
  /** Target relative half-width, e.g. 0.02 for ±2% of the mean (> 0). */
  relativeHalfWidth: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Replications before the rule is first checked (integer ≥ 2, default 5). */
  minReplications?: number;
  /** Hard cap on replications (default 1000). */
  maxReplications?: number;
}

/** Outcome of a sequential replication experiment. */
export interface SequentialResult {
  /** One value per replication, in order. */
  samples: number[];
  /** Interval over all samples. */
  interval: MeanInterval;
  /** True when the relative half-width target was met (false when stopped by the cap). */
  reachedTarget: boolean;
}

/**
 * Runs replications `runReplication(0), runReplication(1), …` until the relative half-width of
 * the mean's confidence interval is at most the target.
 * @param runReplication Runs replication `index` (use the index to pick the seed) and returns
 *   its scalar output.
 * @param options Target precision, confidence and replication limits.
 * @returns Samples, the final interval and whether the target was met.
 */
export function replicateUntilPrecise(
  runReplication: (index: number) => number,
  options: SequentialOptions,
): SequentialResult {
  const confidence = options.confidence ?? 0.95;
  requireConfidence(confidence);
  if (!(options.relativeHalfWidth > 0)) {
    throw new RangeError(`relativeHalfWidth must be > 0, got ${options.relativeHalfWidth}`);
  }
  const minimum = options.minReplications ?? 5;
  const maximum = options.maxReplications ?? 1000;
  if (!(Number.isInteger(minimum) && minimum >= 2)) {
    throw new RangeError(`minReplications must be an integer >= 2, got ${minimum}`);
  }
  if (!(Number.isInteger(maximum) && maximum >= minimum)) {
    throw new RangeError(`maxReplications must be an integer >= minReplications, got ${maximum}`);
  }
  const samples: number[] = [];
  for (;;) {
    samples.push(runReplication(samples.length));
    if (samples.length < minimum) continue;
    const interval = meanConfidenceInterval(samples, confidence);
    const precise = interval.halfWidth <= options.relativeHalfWidth * Math.abs(interval.mean);
    if (precise || samples.length >= maximum) {
      return { samples, interval, reachedTarget: precise };
    }
  }
}
