/**
 * {@link Tally}: statistics of observations (response times, waits, attempts) with streaming
 * quantiles from an HDR histogram (hdr-histogram-js).
 *
 * HDR histograms record integers, so observations are recorded as round(x / resolution):
 * with the default resolution of 1e-6 (one microsecond when x is in seconds) and 3
 * significant digits, quantiles are within 0.1 % (or one resolution step) of the exact ones.
 * Count, mean, variance, min and max are computed exactly in floating point.
 *
 * @module
 */
import { build, type Histogram } from "hdr-histogram-js";

/** Options of {@link Tally}. */
export interface TallyOptions {
  /** Smallest distinguishable value, in the unit of the observations (default 1e-6). */
  resolution?: number;
  /** Significant decimal digits kept by the histogram, 1–5 (default 3). */
  significantDigits?: number;
}

/**
 * Streaming statistics of non-negative observations. O(1) per record, memory O(log range).
 */
export class Tally {
  /** Value of one histogram unit. */
  readonly resolution: number;
  private readonly histogram: Histogram;
  private n = 0;
  private runningMean = 0;
  private sumSquares = 0;
  private smallest = Infinity;
  private largest = -Infinity;

  /**
   * Creates a Tally.
   *
   * @param options resolution (default 1e-6) and significant digits (default 3).
   */
  constructor(options: TallyOptions = {}) {
    const resolution = options.resolution ?? 1e-6;
    const digits = options.significantDigits ?? 3;
    if (!(resolution > 0) || resolution === Infinity) {
      throw new RangeError(`Tally: resolution must be a finite number > 0, got ${resolution}`);
    }
    if (!Number.isInteger(digits) || digits < 1 || digits > 5) {
      throw new RangeError(`Tally: significantDigits must be an integer 1-5, got ${digits}`);
    }
    this.resolution = resolution;
    this.histogram = build({ numberOfSignificantValueDigits: digits as 1 | 2 | 3 | 4 | 5 });
  }

  /** Records one observation (finite, >= 0). */
  record(x: number): void {
    if (!(x >= 0) || x === Infinity) {
      throw new RangeError(`Tally.record: value must be a finite number >= 0, got ${x}`);
    }
    this.histogram.recordValue(Math.round(x / this.resolution));
    const n = ++this.n;
    const delta = x - this.runningMean;
    this.runningMean += delta / n;
    this.sumSquares += delta * (x - this.runningMean);
    if (x < this.smallest) this.smallest = x;
    if (x > this.largest) this.largest = x;
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /** Mean (exact), NaN when empty. */
  get mean(): number {
    return this.n === 0 ? NaN : this.runningMean;
  }

  /** Sample variance (n − 1 denominator), NaN with fewer than 2 observations. */
  get variance(): number {
    return this.n < 2 ? NaN : this.sumSquares / (this.n - 1);
  }

  /** Sample standard deviation, NaN with fewer than 2 observations. */
  get standardDeviation(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest observation (exact), NaN when empty. */
  get min(): number {
    return this.n === 0 ? NaN : this.smallest;
  }

  /** Largest observation (exact), NaN when empty. */
  get max(): number {
    return this.n === 0 ? NaN : this.largest;
  }

  /**
   * The q-quantile (0 <= q <= 1), from the histogram (see module docs for accuracy), NaN
   * when empty.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) {
      throw new RangeError(`Tally.quantile: q must be in [0, 1], got ${q}`);
    }
    if (this.n === 0) return NaN;
    const value = this.histogram.getValueAtPercentile(q * 100) * this.resolution;
    return Math.min(Math.max(value, this.smallest), this.largest);
  }

  /** Frees the histogram's memory (only needed for WebAssembly histograms; harmless here). */
  destroy(): void {
    this.histogram.destroy();
  }
}
