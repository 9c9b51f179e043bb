/**
 * Stationary distribution and mean hitting times of a banded CTMC by state reduction
 * (Grassmann, Taksar & Heyman 1985, "Regenerative analysis and steady state distributions
 * for Markov chains", Operations Research 33: the GTH algorithm). Each state in turn, from
 * the highest index down, is removed and its rates are redistributed over the remaining
 * states; the exit rate of a state is always recomputed as a *sum of its remaining
 * off-diagonal rates*, never as a difference, so there is no cancellation: probabilities that
 * span hundreds of orders of magnitude and hitting times of 10^30 s (a metastable chain's
 * very purpose) come out to full relative precision, where Gaussian elimination or power
 * iteration fail. Removing state k creates rates only between states within the band below k,
 * so a band of half-width w stays a band: time O(N·w²), memory N·(2w + 1) numbers.
 *
 * @module
 */

/** A chain given by its off-diagonal rates in compressed rows, with a known half-bandwidth. */
export interface BandedChain {
  /** Number of states N. */
  readonly size: number;
  /** w: every rate i → j has |i − j| ≤ w. */
  readonly bandwidth: number;
  /** Row i's transitions are `column[rowStart[i] .. rowStart[i+1])`. */
  readonly rowStart: Int32Array;
  /** Target of each transition. */
  readonly column: Int32Array;
  /** Rate of each transition, per second. */
  readonly rate: Float64Array;
}

/** Largest band storage (numbers) allowed: 40 million doubles, 320 MB. */
const MAX_BAND_CELLS = 40_000_000;

class Band {
  readonly stride: number;
  readonly cells: Float64Array;
  constructor(readonly size: number, readonly width: number) {
    this.stride = 2 * width + 1;
    const cells = size * this.stride;
    if (cells > MAX_BAND_CELLS) {
      throw new RangeError(
        `chain: ${size} states with bandwidth ${width} need ${cells} band cells (limit ${MAX_BAND_CELLS}); use a smaller truncation`,
      );
    }
    this.cells = new Float64Array(cells);
  }
  at(i: number, j: number): number {
    return i * this.stride + (j - i + this.width);
  }
}

function loadBand(chain: BandedChain, keep?: (state: number) => boolean): Band {
  const band = new Band(chain.size, chain.bandwidth);
  for (let i = 0; i < chain.size; i++) {
    if (keep && !keep(i)) continue;
    for (let k = chain.rowStart[i]; k < chain.rowStart[i + 1]; k++) {
      const j = chain.column[k];
      if (j === i || (keep && !keep(j))) continue;
      if (Math.abs(j - i) > chain.bandwidth) {
        throw new RangeError(
          `chain: transition ${i} → ${j} lies outside the bandwidth ${chain.bandwidth}`,
        );
      }
      band.cells[band.at(i, j)] += chain.rate[k];
    }
  }
  return band;
}

/**
 * The stationary distribution π (πQ = 0, Σπ = 1) of an irreducible chain, by GTH.
 * Transient states (not reachable from state 0) get probability 0.
 * @throws RangeError if a state has no way down (the chain is not irreducible through 0).
 */
export function stationaryDistribution(chain: BandedChain): Float64Array {
  const n = chain.size;
  const w = chain.bandwidth;
  const band = loadBand(chain);
  const a = band.cells;
  const stride = band.stride;
  for (let k = n - 1; k >= 1; k--) {
    const low = Math.max(0, k - w);
    const rowK = k * stride + w - k; // a[k][j] = a[rowK + j]
    let out = 0;
    for (let j = low; j < k; j++) out += a[rowK + j];
    if (!(out > 0)) throw new RangeError(`chain: state ${k} cannot reach a lower state`);
    for (let i = low; i < k; i++) {
      const rowI = i * stride + w - i;
      const toK = a[rowI + k];
      if (toK === 0) continue;
      const factor = toK / out;
      a[rowI + k] = factor;
      for (let j = low; j < k; j++) {
        if (j !== i) a[rowI + j] += factor * a[rowK + j];
      }
    }
  }
  const pi = new Float64Array(n);
  pi[0] = 1;
  let total = 1;
  for (let j = 1; j < n; j++) {
    let sum = 0;
    for (let i = Math.max(0, j - w); i < j; i++) sum += pi[i] * a[i * stride + w - i + j];
    pi[j] = sum;
    total += sum;
  }
  for (let j = 0; j < n; j++) pi[j] /= total;
  return pi;
}

/**
 * Expected time to first reach a target set from every state, seconds (0 on the target,
 * Infinity where the target may never be reached), by GTH-style state reduction with the
 * target as an absorbing sink: `h_i = (1 + Σ_j q_ij h_j)/q_i` solved without subtraction.
 * @param target Whether each state is in the target set.
 */
export function expectedHittingTimes(
  chain: BandedChain,
  target: (state: number) => boolean,
): Float64Array {
  const n = chain.size;
  const w = chain.bandwidth;
  const free = new Uint8Array(n);
  for (let i = 0; i < n; i++) free[i] = target(i) ? 0 : 1;
  const band = loadBand(chain, (i) => free[i] === 1);
  const a = band.cells;
  const stride = band.stride;
  const toSink = new Float64Array(n);
  const reward = new Float64Array(n).fill(1);
  const outRate = new Float64Array(n);
  const never = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue;
    for (let k = chain.rowStart[i]; k < chain.rowStart[i + 1]; k++) {
      if (!free[chain.column[k]]) toSink[i] += chain.rate[k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    if (!free[k]) continue;
    const low = Math.max(0, k - w);
    const rowK = k * stride + w - k;
    let out = toSink[k];
    for (let j = low; j < k; j++) if (free[j]) out += a[rowK + j];
    outRate[k] = out;
    if (!(out > 0)) never[k] = 1;
    for (let i = low; i < k; i++) {
      if (!free[i]) continue;
      const rowI = i * stride + w - i;
      const toK = a[rowI + k];
      if (toK === 0) continue;
      if (never[k]) {
        never[i] = 1;
        continue;
      }
      const factor = toK / out;
      toSink[i] += factor * toSink[k];
      reward[i] += factor * reward[k];
      for (let j = low; j < k; j++) {
        if (j !== i && free[j]) a[rowI + j] += factor * a[rowK + j];
      }
    }
  }
  const time = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (!free[k]) continue;
    if (never[k]) {
      time[k] = Infinity;
      continue;
    }
    const rowK = k * stride + w - k;
    let sum = reward[k];
    for (let j = Math.max(0, k - w); j < k; j++) {
      if (free[j] && a[rowK + j] !== 0) sum += a[rowK + j] * time[j];
    }
    time[k] = sum / outRate[k];
  }
  return time;
}
