/**
 * A fixed-size histogram with logarithmic buckets for positive values (latencies in seconds),
 * for per-bin percentiles in the hot loop: recording is one log and one increment, nothing is
 * allocated. Hand-written rather than hdr-histogram-js because it records floats directly and
 * one small instance is needed per time bin (relative error ≈ 1 %).
 *
 * @module
 */

const BUCKETS_PER_DECADE = 115; // 10^(1/115) ≈ 1.0202: ±1 % relative error
const MIN_VALUE = 1e-6; // seconds
const DECADES = 13; // 1 µs … 10^7 s
const BUCKETS = BUCKETS_PER_DECADE * DECADES + 2;
const SCALE = BUCKETS_PER_DECADE / Math.LN10;
const LOG_MIN = Math.log(MIN_VALUE);

/** Logarithmic-bucket histogram of positive numbers, with exact count, sum and maximum. */
export class LogHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  /** Number of recorded values. */
  count = 0;
  /** Sum of recorded values. */
  sum = 0;
  /** Largest recorded value. */
  max = 0;

  /** Records one value (values ≤ 1 µs go to the first bucket). */
  record(value: number): void {
    let index = value <= MIN_VALUE ? 0 : 1 + Math.floor((Math.log(value) - LOG_MIN) * SCALE);
    if (index >= BUCKETS) index = BUCKETS - 1;
    this.counts[index]++;
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  /** Mean of the recorded values (NaN when empty). */
  mean(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }

  /** The q-quantile (0 ≤ q ≤ 1), as the geometric middle of its bucket (NaN when empty). */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index];
      if (seen >= rank) {
        if (index === 0) return MIN_VALUE;
        const low = Math.exp(LOG_MIN + (index - 1) / SCALE);
        const high = Math.exp(LOG_MIN + index / SCALE);
        return Math.min(Math.sqrt(low * high), this.max);
      }
    }
    return this.max;
  }

  /** Forgets every recorded value. */
  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }
}
