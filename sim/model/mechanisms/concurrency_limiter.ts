/**
 * Static concurrency limit per tier, and the interface the adaptive limits share.
 *
 * A request must acquire a permit before entering the tier and releases it when it leaves,
 * reporting its latency and whether it was dropped (timed out, rejected downstream). The
 * adaptive limits ({@link AimdLimit}, {@link GradientLimit}) move `limit` from those samples,
 * as Netflix's concurrency-limits library does.
 *
 * @module
 */
import { requireInteger, requirePositive } from "./option_checks.ts";

/** What every concurrency limiter offers the tier that uses it. */
export interface ConcurrencyLimiter {
  /** Current limit on requests in flight, requests. */
  readonly limit: number;
  /** Requests in flight now, requests. */
  readonly inflight: number;
  /** Takes a permit if `inflight < limit`; true when the request may enter. */
  tryAcquire(): boolean;
  /**
   * Returns a permit taken by {@link tryAcquire}.
   *
   * @param now time, seconds
   * @param latencySeconds the request's time in the tier, seconds
   * @param dropped true if the request failed (timed out, rejected, crashed)
   */
  release(now: number, latencySeconds: number, dropped: boolean): void;
}

/** A fixed concurrency limit: at most `limit` requests in flight. */
export class ConcurrencyLimit implements ConcurrencyLimiter {
  #limit: number;
  #inflight = 0;

  /** @param limit requests in flight allowed (integer ≥ 1) */
  constructor(limit: number) {
    this.#limit = requireInteger("concurrencyLimit.limit", limit, 1);
  }

  /** Current limit, requests. */
  get limit(): number {
    return this.#limit;
  }

  /** Changes the limit (integer ≥ 1); requests already in flight are not evicted. */
  set limit(value: number) {
    this.#limit = requireInteger("concurrencyLimit.limit", value, 1);
  }

  /** Requests in flight, requests. */
  get inflight(): number {
    return this.#inflight;
  }

  /** Takes a permit if one is free. */
  tryAcquire(): boolean {
    if (this.#inflight < this.#limit) {
      this.#inflight++;
      return true;
    }
    return false;
  }

  /** Returns a permit; latency and drop are ignored by a static limit. */
  release(_now: number, _latencySeconds: number, _dropped: boolean): void {
    releasePermit(this, "concurrencyLimit");
    this.#inflight--;
  }
}

/** Throws when a limiter is released more often than acquired (a model bug). */
export function releasePermit(limiter: { readonly inflight: number }, name: string): void {
  if (limiter.inflight <= 0) {
    throw new Error(`${name}.release called with no request in flight`);
  }
}

/** Clamps `value` into `[minimum, maximum]`. */
export function clampLimit(value: number, minimum: number, maximum: number): number {
  return value < minimum ? minimum : value > maximum ? maximum : value;
}

/** Checks `minLimit ≤ initialLimit ≤ maxLimit` (all ≥ 1); throws naming the field. */
export function checkLimitBounds(
  name: string,
  initialLimit: number,
  minLimit: number,
  maxLimit: number,
): void {
  requirePositive(`${name}.initialLimit`, initialLimit);
  requirePositive(`${name}.minLimit`, minLimit);
  requirePositive(`${name}.maxLimit`, maxLimit);
  if (minLimit < 1 || minLimit > maxLimit || initialLimit < minLimit || initialLimit > maxLimit) {
    throw new RangeError(
      `${name}: need 1 <= minLimit <= initialLimit <= maxLimit, got minLimit=${minLimit}, ` +
        `initialLimit=${initialLimit}, maxLimit=${maxLimit}`,
    );
  }
}
