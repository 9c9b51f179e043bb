/**
 * {@link BinnedSeries}: counts per time bin (arrivals per second, errors per minute), memory
 * O(bins) whatever the number of events.
 *
 * @module
 */

/** Checks bin width and horizon; returns the number of bins. */
export function binCount(owner: string, binWidth: number, horizon: number): number {
  if (!(binWidth > 0) || binWidth === Infinity) {
    throw new RangeError(`${owner}: binWidthSeconds must be a finite number > 0, got ${binWidth}`);
  }
  if (!(horizon > 0) || horizon === Infinity) {
    throw new RangeError(`${owner}: horizonSeconds must be a finite number > 0, got ${horizon}`);
  }
  const bins = Math.ceil(horizon / binWidth - 1e-9);
  if (bins > 50_000_000) {
    throw new RangeError(`${owner}: ${bins} bins is too many (horizon / bin width must be <= 5e7)`);
  }
  return bins;
}

/**
 * Sums amounts into fixed-width time bins over [start, start + horizon). Bin i covers
 * [start + i·width, start + (i+1)·width). Amounts at or after the horizon are added to
 * `overflow` instead.
 */
export class BinnedSeries {
  /** Bin width, seconds. */
  readonly binWidth: number;
  /** Start of bin 0, seconds. */
  readonly start: number;
  /** Total amount added at or after the horizon. */
  overflow = 0;
  private readonly bins: Float64Array;

  /**
   * Creates a BinnedSeries.
   *
   * @param binWidthSeconds width of each bin, seconds
   * @param horizonSeconds length of the covered period, seconds
   * @param startSeconds start of bin 0 (default 0)
   */
  constructor(binWidthSeconds: number, horizonSeconds: number, startSeconds = 0) {
    this.bins = new Float64Array(binCount("BinnedSeries", binWidthSeconds, horizonSeconds));
    this.binWidth = binWidthSeconds;
    this.start = startSeconds;
  }

  /** Adds `amount` (default 1) at `time` seconds. */
  add(time: number, amount = 1): void {
    const index = Math.floor((time - this.start) / this.binWidth);
    if (index >= 0 && index < this.bins.length) this.bins[index] += amount;
    else if (index >= this.bins.length) this.overflow += amount;
    else {
      throw new RangeError(
        `BinnedSeries.add: time must be >= start (${this.start} s) and not NaN, got ${time}`,
      );
    }
  }

  /** Number of bins. */
  get length(): number {
    return this.bins.length;
  }

  /** A copy of the per-bin sums. */
  values(): Float64Array {
    return this.bins.slice();
  }

  /** Per-bin sums divided by the bin width (e.g. requests/s). */
  rates(): Float64Array {
    const rates = new Float64Array(this.bins.length);
    for (let i = 0; i < rates.length; i++) rates[i] = this.bins[i] / this.binWidth;
    return rates;
  }
}
