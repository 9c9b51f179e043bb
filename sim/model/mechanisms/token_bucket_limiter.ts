/**
 * Token-bucket rate limiting at the edge.
 *
 * Tokens accrue at `ratePerSecond` up to `burst`; each admitted request takes one. A rejected
 * request is told when to retry (`retryAfter`), as an HTTP 429 with a `Retry-After` header
 * would; whether the client honours it is the client model's business. Over any interval of
 * length t the bucket admits at most `ratePerSecond × t + burst` requests.
 *
 * Hand-written (a dozen lines) because the simulator needs simulated time, not a wall-clock
 * rate limiter library.
 *
 * @module
 */
import { requirePositive, requireTime } from "./option_checks.ts";

/**
 * Tokens short of 1 still counted as a whole token: refilling in floating point can leave
 * 0.9999999999 where exact arithmetic gives 1. The shortfall is carried (the level goes
 * slightly negative), so the admission bound is exceeded by at most this much in total.
 */
const TOKEN_ROUNDING = 1e-9;

/** Options of a {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Sustained admission rate, requests/s (> 0). */
  ratePerSecond: number;
  /** Bucket size: the most requests admitted back to back, requests (≥ 1). */
  burst: number;
  /** Tokens at the start, requests (default: `burst`, a full bucket). */
  initialTokens?: number;
  /** Time of the start, seconds (default 0). */
  startTime?: number;
}

/** A token bucket in simulated time. No allocation per call. */
export class TokenBucket {
  /** Sustained rate, requests/s. */
  readonly ratePerSecond: number;
  /** Bucket size, requests. */
  readonly burst: number;
  #tokens: number;
  #updatedAt: number;

  /** Creates a bucket; throws a `RangeError` naming the bad option. */
  constructor(options: TokenBucketOptions) {
    this.ratePerSecond = requirePositive("tokenBucket.ratePerSecond", options.ratePerSecond);
    this.burst = requirePositive("tokenBucket.burst", options.burst);
    if (this.burst < 1) {
      throw new RangeError(`tokenBucket.burst must be >= 1 request, got ${options.burst}`);
    }
    const initial = options.initialTokens ?? this.burst;
    if (!(initial >= 0 && initial <= this.burst)) {
      throw new RangeError(
        `tokenBucket.initialTokens must be in [0, burst = ${this.burst}], got ${initial}`,
      );
    }
    this.#tokens = initial;
    this.#updatedAt = requireTime("tokenBucket.startTime", options.startTime ?? 0);
  }

  #refill(now: number): void {
    if (now > this.#updatedAt) {
      const tokens = this.#tokens + (now - this.#updatedAt) * this.ratePerSecond;
      this.#tokens = tokens < this.burst ? tokens : this.burst;
      this.#updatedAt = now;
    }
  }

  /** Takes a token at time `now` (seconds) if one is available; true when the request is admitted. */
  tryTake(now: number): boolean {
    this.#refill(now);
    if (this.#tokens >= 1 - TOKEN_ROUNDING) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }

  /** Seconds from `now` until a token will be available (0 if one is available now). */
  retryAfter(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 - TOKEN_ROUNDING ? 0 : (1 - this.#tokens) / this.ratePerSecond;
  }

  /** Tokens available at time `now`, requests. */
  tokensAt(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }
}
