/**
 * Additive-increase / multiplicative-decrease concurrency limit, after Netflix
 * concurrency-limits' `AIMDLimit`: on a drop (or a latency above `timeoutSeconds`) the limit is
 * multiplied by `backoffRatio`; otherwise, when the limit is actually in use
 * (`inflight ≥ limit / 2`), it grows by one.
 *
 * @module
 */
import {
  checkLimitBounds,
  clampLimit,
  type ConcurrencyLimiter,
  releasePermit,
} from "./concurrency_limiter.ts";
import { requireInRange, requirePositive } from "./option_checks.ts";

/** Options of an {@link AimdLimit}; defaults are Netflix's. */
export interface AimdLimitOptions {
  /** Starting limit, requests (default 20). */
  initialLimit?: number;
  /** Lowest limit, requests (default 20). */
  minLimit?: number;
  /** Highest limit, requests (default 200). */
  maxLimit?: number;
  /** Factor applied on a drop, in (0, 1) (default 0.9). */
  backoffRatio?: number;
  /** A latency above this counts as a drop, seconds (default 5). */
  timeoutSeconds?: number;
}

/** AIMD adaptive concurrency limit. No allocation per call. */
export class AimdLimit implements ConcurrencyLimiter {
  /** Lowest limit, requests. */
  readonly minLimit: number;
  /** Highest limit, requests. */
  readonly maxLimit: number;
  /** Multiplicative decrease factor. */
  readonly backoffRatio: number;
  /** Latency counted as a drop, seconds. */
  readonly timeoutSeconds: number;
  #limit: number;
  #inflight = 0;

  /** Creates the limiter; throws a `RangeError` naming a bad option. */
  constructor(options: AimdLimitOptions = {}) {
    const initial = options.initialLimit ?? 20;
    this.minLimit = options.minLimit ?? Math.min(20, initial);
    this.maxLimit = options.maxLimit ?? Math.max(200, initial);
    checkLimitBounds("aimdLimit", initial, this.minLimit, this.maxLimit);
    this.backoffRatio = requireInRange("aimdLimit.backoffRatio", options.backoffRatio ?? 0.9, 0, 1);
    if (this.backoffRatio === 0 || this.backoffRatio === 1) {
      throw new RangeError(`aimdLimit.backoffRatio must be in (0, 1), got ${this.backoffRatio}`);
    }
    this.timeoutSeconds = requirePositive("aimdLimit.timeoutSeconds", options.timeoutSeconds ?? 5);
    this.#limit = initial;
  }

  /** Current limit (whole requests). */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /** Requests in flight. */
  get inflight(): number {
    return this.#inflight;
  }

  /** Takes a permit if `inflight < limit`. */
  tryAcquire(): boolean {
    if (this.#inflight < Math.floor(this.#limit)) {
      this.#inflight++;
      return true;
    }
    return false;
  }

  /** Returns a permit and adapts the limit from the sample. */
  release(_now: number, latencySeconds: number, dropped: boolean): void {
    releasePermit(this, "aimdLimit");
    const inflightAtSample = this.#inflight;
    this.#inflight--;
    let next = this.#limit;
    if (dropped || latencySeconds > this.timeoutSeconds) {
      next = Math.floor(next * this.backoffRatio); // whole requests, as Netflix's
    } else if (inflightAtSample * 2 >= next) {
      next = next + 1;
    }
    this.#limit = clampLimit(next, this.minLimit, this.maxLimit);
  }
}
