/**
 * Gradient concurrency limit, after Netflix concurrency-limits' `Gradient2Limit`: compares
 * the latest latency (short RTT) with a slow exponential average (long RTT); when requests
 * take longer than `rttTolerance ×` the long-run average, queueing is building and the limit
 * shrinks by the gradient `longRtt / shortRtt` (at most halving); otherwise it grows by a
 * queue allowance (`queueSize`, 4 requests by default as in Gradient2). The new limit is
 * smoothed.
 *
 * @module
 */
import {
  checkLimitBounds,
  clampLimit,
  type ConcurrencyLimiter,
  releasePermit,
} from "./concurrency_limiter.ts";
import {
  requireInRange,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "./option_checks.ts";

/** Options of a {@link GradientLimit}; defaults are Netflix's. */
export interface GradientLimitOptions {
  /** Starting limit, requests (default 20). */
  initialLimit?: number;
  /** Lowest limit, requests (default 20). */
  minLimit?: number;
  /** Highest limit, requests (default 200). */
  maxLimit?: number;
  /** Weight of a new limit estimate, in (0, 1] (default 0.2). */
  smoothing?: number;
  /** Latency ratio tolerated before shrinking, ≥ 1 (default 1.5). */
  rttTolerance?: number;
  /** Window of the long-run latency average, samples (default 600). */
  longWindow?: number;
  /** Samples averaged plainly before the exponential average starts (default 10). */
  warmupSamples?: number;
  /** Requests allowed to queue on top of the estimated limit (default 4). */
  queueSize?: number;
}

/** Gradient (Gradient2) adaptive concurrency limit. No allocation per call. */
export class GradientLimit implements ConcurrencyLimiter {
  /** Lowest limit, requests. */
  readonly minLimit: number;
  /** Highest limit, requests. */
  readonly maxLimit: number;
  /** Smoothing of the limit. */
  readonly smoothing: number;
  /** Latency ratio tolerated. */
  readonly rttTolerance: number;
  readonly #longFactor: number;
  readonly #warmupSamples: number;
  readonly #queueSize: number;
  #estimatedLimit: number;
  #inflight = 0;
  #longRtt = 0;
  #samples = 0;

  /** Creates the limiter; throws a `RangeError` naming a bad option. */
  constructor(options: GradientLimitOptions = {}) {
    const initial = options.initialLimit ?? 20;
    this.minLimit = options.minLimit ?? Math.min(20, initial);
    this.maxLimit = options.maxLimit ?? Math.max(200, initial);
    checkLimitBounds("gradientLimit", initial, this.minLimit, this.maxLimit);
    this.smoothing = requireInRange("gradientLimit.smoothing", options.smoothing ?? 0.2, 0, 1);
    if (this.smoothing === 0) {
      throw new RangeError("gradientLimit.smoothing must be in (0, 1], got 0");
    }
    this.rttTolerance = requireInRange(
      "gradientLimit.rttTolerance",
      options.rttTolerance ?? 1.5,
      1,
      Infinity,
    );
    const window = requirePositive("gradientLimit.longWindow", options.longWindow ?? 600);
    this.#longFactor = 2 / (window + 1);
    this.#warmupSamples = requireInteger(
      "gradientLimit.warmupSamples",
      options.warmupSamples ?? 10,
      0,
    );
    this.#queueSize = requireNonNegative("gradientLimit.queueSize", options.queueSize ?? 4);
    this.#estimatedLimit = initial;
  }

  /** Current limit (whole requests). */
  get limit(): number {
    return Math.floor(this.#estimatedLimit);
  }

  /** Requests in flight. */
  get inflight(): number {
    return this.#inflight;
  }

  /** Long-run average latency, seconds (0 before the first sample). */
  get longRttSeconds(): number {
    return this.#longRtt;
  }

  /** Takes a permit if `inflight < limit`. */
  tryAcquire(): boolean {
    if (this.#inflight < Math.floor(this.#estimatedLimit)) {
      this.#inflight++;
      return true;
    }
    return false;
  }

  /** Returns a permit and adapts the limit from the latency sample. */
  release(_now: number, latencySeconds: number, _dropped: boolean): void {
    releasePermit(this, "gradientLimit");
    const inflightAtSample = this.#inflight;
    this.#inflight--;
    if (!(latencySeconds > 0)) return; // a zero latency carries no queueing signal
    const shortRtt = latencySeconds;
    this.#samples++;
    if (this.#samples <= this.#warmupSamples) {
      this.#longRtt += (shortRtt - this.#longRtt) / this.#samples;
    } else {
      this.#longRtt = this.#longRtt * (1 - this.#longFactor) + shortRtt * this.#longFactor;
    }
    // After a long overload the average lags behind a recovered latency: pull it down faster.
    if (this.#longRtt / shortRtt > 2) this.#longRtt *= 0.95;
    const estimated = this.#estimatedLimit;
    if (inflightAtSample < estimated / 2) return; // app-limited: no evidence to grow
    const ratio = this.rttTolerance * this.#longRtt / shortRtt;
    const gradient = ratio < 0.5 ? 0.5 : ratio > 1 ? 1 : ratio;
    const proposed = estimated * gradient + this.#queueSize;
    const smoothed = estimated * (1 - this.smoothing) + proposed * this.smoothing;
    this.#estimatedLimit = clampLimit(smoothed, this.minLimit, this.maxLimit);
  }
}
