/**
 * Non-overlapping batch means for one long run (Law 2015, §9.5.3): the (warm-up-free) series is
 * cut into b equal batches, and the batch means are treated as approximately i.i.d. normal, so
 * a Student-t interval with b − 1 degrees of freedom applies. Optionally deletes the warm-up
 * found by MSER-5 first.
 *
 * @module
 */
import { meanConfidenceInterval, type MeanInterval } from "./confidence_interval.ts";
import { mser5Truncation } from "./warmup.ts";

/** Options for {@link batchMeansInterval}. */
export interface BatchMeansOptions {
  /** Number of batches b (integer ≥ 2, default 30). */
  batches?: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Delete the MSER-5 warm-up before batching (default true). */
  deleteWarmup?: boolean;
}

/** A batch-means interval together with the warm-up that was deleted. */
export interface BatchMeansInterval extends MeanInterval {
  /** Leading observations deleted as warm-up. */
  truncatedObservations: number;
  /** Observations per batch. */
  batchSize: number;
}

/**
 * Batch-means confidence interval for the steady-state mean of one long run.
 * @param observations The output series in time order.
 * @param options Number of batches, confidence, warm-up deletion.
 * @returns The interval over batch means (see {@link BatchMeansInterval}).
 */
export function batchMeansInterval(
  observations: ArrayLike<number>,
  options: BatchMeansOptions = {},
): BatchMeansInterval {
  const batches = options.batches ?? 30;
  if (!(Number.isInteger(batches) && batches >= 2)) {
    throw new RangeError(`batches must be an integer >= 2, got ${batches}`);
  }
  const truncatedObservations = (options.deleteWarmup ?? true)
    ? mser5Truncation(observations).truncatedObservations
    : 0;
  const batchSize = Math.floor((observations.length - truncatedObservations) / batches);
  if (batchSize < 1) {
    throw new RangeError(
      `observations (${observations.length}, ${truncatedObservations} deleted as warm-up) ` +
        `must be at least batches (${batches})`,
    );
  }
  const means = new Float64Array(batches);
  for (let j = 0; j < batches; j++) {
    let sum = 0;
    const start = truncatedObservations + j * batchSize;
    for (let i = 0; i < batchSize; i++) sum += observations[start + i];
    means[j] = sum / batchSize;
  }
  return {
    ...meanConfidenceInterval(means, options.confidence ?? 0.95),
    truncatedObservations,
    batchSize,
  };
}
