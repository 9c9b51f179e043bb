/**
 * Student-t confidence interval for the mean of independent, identically distributed
 * observations (replication means, batch means, paired differences):
 * `x̄ ± t_{1−α/2, n−1} · s/√n` (Law, *Simulation Modeling and Analysis*, 5th ed., §9.4.1).
 *
 * @module
 */
import { mean, sampleStandardDeviation } from "npm:simple-statistics@7.12.1";
import { studentTQuantile } from "./student_t.ts";

/** A mean with its Student-t confidence interval. */
export interface MeanInterval {
  /** Number of observations. */
  n: number;
  /** Sample mean (NaN when n = 0). */
  mean: number;
  /** Sample standard deviation (NaN when n < 2). */
  standardDeviation: number;
  /** Half-width t·s/√n (NaN when n < 2). */
  halfWidth: number;
  /** Lower bound (NaN when n < 2). */
  low: number;
  /** Upper bound (NaN when n < 2). */
  high: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
}

/**
 * Throws unless `confidence` is in (0, 1).
 * @param confidence The value to check.
 */
export function requireConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), e.g. 0.95, got ${confidence}`);
  }
}

/**
 * Student-t confidence interval for the mean of i.i.d. observations.
 * @param observations The observations (e.g. one value per replication); non-finite values are
 *   refused.
 * @param confidence Confidence level in (0, 1) (default 0.95).
 * @returns Mean, standard deviation and interval (see {@link MeanInterval}).
 */
export function meanConfidenceInterval(
  observations: ArrayLike<number>,
  confidence = 0.95,
): MeanInterval {
  requireConfidence(confidence);
  const values = Array.from(observations);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`observations[${i}] must be finite, got ${v}`);
  });
  const n = values.length;
  if (n === 0) {
    return {
      n,
      mean: NaN,
      standardDeviation: NaN,
      halfWidth: NaN,
      low: NaN,
      high: NaN,
      confidence,
    };
  }
  const average = mean(values);
  if (n < 2) {
    return {
      n,
      mean: average,
      standardDeviation: NaN,
      halfWidth: NaN,
      low: NaN,
      high: NaN,
      confidence,
    };
  }
  const standardDeviation = sampleStandardDeviation(values);
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * standardDeviation /
    Math.sqrt(n);
  return {
    n,
    mean: average,
    standardDeviation,
    halfWidth,
    low: average - halfWidth,
    high: average + halfWidth,
    confidence,
  };
}
