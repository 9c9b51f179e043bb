/**
 * Fairness indices of a non-negative allocation (e.g. successes per citizen group, waiting time
 * per user).
 *
 * - Jain's index (Jain, Chiu & Hawe 1984, DEC-TR-301): `J = (Σx)² / (n·Σx²)`, from 1/n (one
 *   gets everything) to 1 (all equal).
 * - Gini coefficient (mean absolute difference form, on sorted values):
 *   `G = Σ_i (2i − n − 1)·x_(i) / (n·Σx)`, i = 1..n, from 0 (all equal) to (n−1)/n.
 *
 * simple-statistics has neither, so both are written here (a few lines each).
 *
 * @module
 */

function checkAllocation(values: ArrayLike<number>): void {
  if (values.length === 0) throw new RangeError("values must not be empty");
  for (let i = 0; i < values.length; i++) {
    if (!(Number.isFinite(values[i]) && values[i] >= 0)) {
      throw new RangeError(`values[${i}] must be a finite number >= 0, got ${values[i]}`);
    }
  }
}

/**
 * Jain's fairness index.
 * @param values Non-negative allocations, one per user or group.
 * @returns J in [1/n, 1]; 1 when every value is 0.
 */
export function jainIndex(values: ArrayLike<number>): number {
  checkAllocation(values);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    squares += values[i] * values[i];
  }
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/**
 * Gini coefficient.
 * @param values Non-negative allocations, one per user or group.
 * @returns G in [0, (n−1)/n]; 0 when every value is 0.
 */
export function giniCoefficient(values: ArrayLike<number>): number {
  checkAllocation(values);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i];
    weighted += (2 * (i + 1) - n - 1) * sorted[i];
  }
  return total === 0 ? 0 : weighted / (n * total);
}
