/**
 * Warm-up truncation by MSER-5 (White, Cobb & Spratt 2000, "A comparison of five steady-state
 * truncation heuristics"; Hoad, Robinson & Davies 2010 recommend it).
 *
 * The output series is averaged in non-overlapping batches of 5 (a final partial batch is
 * dropped); for each candidate truncation d (batches deleted) the statistic
 * `MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (k − d)²` is computed, and the d minimising it over the
 * first half of the series (d < k/2, the usual guard against deleting almost everything) is
 * chosen. Truncation = 5·d observations.
 *
 * @module
 */

/** Result of an MSER-5 warm-up analysis. */
export interface WarmupTruncation {
  /** Number of leading observations to delete. */
  truncatedObservations: number;
  /** The minimal MSER statistic (NaN for series shorter than 10 observations). */
  statistic: number;
}

/**
 * MSER-5 warm-up truncation point of an output series.
 * @param observations The series in time order (e.g. successive waiting times).
 * @returns How many leading observations to delete (0 for series shorter than 10).
 */
export function mser5Truncation(observations: ArrayLike<number>): WarmupTruncation {
  const batchSize = 5;
  const batches = Math.floor(observations.length / batchSize);
  if (batches < 2) return { truncatedObservations: 0, statistic: NaN };
  const batchMeans = new Float64Array(batches);
  for (let j = 0; j < batches; j++) {
    let sum = 0;
    for (let i = 0; i < batchSize; i++) sum += observations[j * batchSize + i];
    batchMeans[j] = sum / batchSize;
  }
  // Suffix sums make every candidate O(1): Σ(Z−Z̄)² = ΣZ² − (ΣZ)²/m.
  let suffixSum = 0;
  let suffixSquares = 0;
  let best = Infinity;
  let bestDeleted = 0;
  const candidates = new Float64Array(batches);
  for (let d = batches - 1; d >= 0; d--) {
    suffixSum += batchMeans[d];
    suffixSquares += batchMeans[d] * batchMeans[d];
    const remaining = batches - d;
    const squaredDeviations = Math.max(0, suffixSquares - (suffixSum * suffixSum) / remaining);
    candidates[d] = squaredDeviations / (remaining * remaining);
  }
  for (let d = 0; d < batches / 2; d++) {
    if (candidates[d] < best) {
      best = candidates[d];
      bestDeleted = d;
    }
  }
  return { truncatedObservations: bestDeleted * batchSize, statistic: best };
}
