/**
 * Test helper (not a test): the stationary distribution of a small finite continuous-time Markov
 * chain by the Grassmann–Taksar–Heyman state-reduction algorithm (GTH 1985; Stewart,
 * *Introduction to the Numerical Solution of Markov Chains*, 1994, §2.7), which uses no
 * subtractions and so is accurate to rounding for chains of a few hundred states. It is the
 * brute-force reference the analytic tests compare closed forms against.
 *
 * @module
 */

/** A generator under construction: off-diagonal rates only, dense. */
export class RateMatrix {
  /** Number of states. */
  readonly size: number;
  /** Row-major rates, rates[i·size + j] for i ≠ j. */
  readonly rates: Float64Array;

  /** @param size Number of states. */
  constructor(size: number) {
    this.size = size;
    this.rates = new Float64Array(size * size);
  }

  /**
   * Adds a transition rate from state `from` to state `to` (ignored when from = to).
   * @param from Source state.
   * @param to Target state.
   * @param rate Rate, per second.
   */
  add(from: number, to: number, rate: number): void {
    if (from !== to && rate > 0) this.rates[from * this.size + to] += rate;
  }
}

/**
 * Stationary distribution of an irreducible finite CTMC by GTH state reduction.
 * @param matrix The off-diagonal rates.
 * @returns π, summing to 1.
 */
export function stationaryDistribution(matrix: RateMatrix): Float64Array {
  const n = matrix.size;
  const q = Float64Array.from(matrix.rates);
  for (let k = n - 1; k > 0; k--) {
    let out = 0;
    for (let j = 0; j < k; j++) out += q[k * n + j];
    for (let i = 0; i < k; i++) {
      const factor = q[i * n + k] / out;
      q[i * n + k] = factor;
      if (factor === 0) continue;
      for (let j = 0; j < k; j++) q[i * n + j] += factor * q[k * n + j];
    }
  }
  const pi = new Float64Array(n);
  pi[0] = 1;
  let total = 1;
  for (let k = 1; k < n; k++) {
    let value = 0;
    for (let i = 0; i < k; i++) value += pi[i] * q[i * n + k];
    pi[k] = value;
    total += value;
  }
  for (let k = 0; k < n; k++) pi[k] /= total;
  return pi;
}
