/**
 * Steady state of client-side adaptive throttling (Google SRE book, Beyer et al., *Site
 * Reliability Engineering*, 2016, ch. 21 "Handling Overload", "Client-Side Throttling"): the
 * client rejects an attempt locally with probability
 * `max(0, (requests − K·accepts)/(requests + 1))`, where, over a sliding window of W seconds,
 * `requests` counts the attempts made by the application layer (local rejections included,
 * as in the SRE book and `sim/model/client/adaptive_throttle.ts`) and `accepts` those the
 * backend accepted.
 *
 * Model solved (a fluid, mean-count model): attempts arrive at λ per second; a share p is
 * rejected locally, so λ(1 − p) reach the server; the server accepts each request it receives
 * with probability q, and at most μ_acc accepts per second (it rejects the excess), so
 * accepts/s = min(qλ(1 − p), μ_acc). The counts in the window are replaced by their means,
 * N = λW attempts and A(p) = W·min(qλ(1 − p), μ_acc) accepts, and p is the fixed point of
 * `p = max(0, (N − K·A(p))/(N + 1))`. With C = μ_acc·W it is unique (A(p) is piecewise linear
 * and the two branches below are exclusive):
 * - not capacity-bound (qN(1 − p) ≤ C): `1 − p = 1/(N(1 − Kq) + 1)` if Kq < 1, else p = 0;
 * - capacity-bound (otherwise): `p = max(0, (N − KC)/(N + 1))`.
 *
 * Large-count limit (no window given, N → ∞): p = 1 if Kq < 1 (a server rejecting a fixed
 * share above 1 − 1/K makes the throttle shut the client off, as the local rejections keep
 * counting as requests); else p = 0 if qλ ≤ μ_acc; else `p = max(0, 1 − Kμ_acc/λ)`, so the
 * server receives min(λ, Kμ_acc) — K times what it accepts, the SRE book's "K = 2" rule.
 *
 * @module
 */
import { requirePositive } from "./input.ts";

/** Inputs of {@link adaptiveThrottleFixedPoint}. Rates per second, times in seconds. */
export interface AdaptiveThrottleInput {
  /** λ, attempts per second made by the application layer at the client (> 0). */
  arrivalRate: number;
  /** K, requests allowed per accept (> 0; 2 in the SRE book). */
  k: number;
  /** μ_acc, most requests the server accepts per second (> 0; default Infinity). */
  acceptCapacity?: number;
  /** q, probability the server accepts a request it receives, in (0, 1] (default 1). */
  acceptProbability?: number;
  /** W, counting window, seconds (> 0); omitted: the large-count limit W → ∞. */
  windowSeconds?: number;
}

/** Steady state of the throttle. Rates per second. */
export interface AdaptiveThrottleFixedPoint {
  /** p, share of attempts the client rejects locally (dimensionless, in [0, 1]). */
  localRejectProbability: number;
  /** λ(1 − p), requests per second reaching the server. */
  sentRate: number;
  /** Requests per second the server accepts, min(q·sentRate, μ_acc). */
  acceptedRate: number;
  /** Requests per second the server rejects, sentRate − acceptedRate. */
  serverRejectRate: number;
  /** acceptedRate/λ, share of attempts accepted (dimensionless). */
  acceptedShare: number;
}

/** 1 − p, the share of attempts sent, at the fixed point. */
function sentShare(
  lambda: number,
  k: number,
  capacity: number,
  q: number,
  window: number | undefined,
): number {
  if (window === undefined) {
    if (k * q < 1) return 0;
    if (q * lambda <= capacity) return 1;
    return Math.min(1, (k * capacity) / lambda);
  }
  const n = lambda * window;
  const c = capacity * window;
  const unbound = k * q < 1 ? 1 / (n * (1 - k * q) + 1) : 1;
  if (q * n * unbound <= c) return unbound;
  return n <= k * c ? 1 : (1 + k * c) / (n + 1);
}

/**
 * Fixed point of client-side adaptive throttling (see the module documentation for the model).
 * @param input λ (per second), K, the server's acceptance limits and the window (seconds); see
 *   {@link AdaptiveThrottleInput}.
 * @returns The local rejection share and the rates reaching and accepted by the server.
 */
export function adaptiveThrottleFixedPoint(
  input: AdaptiveThrottleInput,
): AdaptiveThrottleFixedPoint {
  const { arrivalRate: lambda, k, windowSeconds } = input;
  const capacity = input.acceptCapacity ?? Infinity;
  const q = input.acceptProbability ?? 1;
  requirePositive("arrivalRate", lambda);
  requirePositive("k", k);
  if (!(capacity > 0)) {
    throw new RangeError(`acceptCapacity must be a number > 0, got ${capacity}`);
  }
  if (!(Number.isFinite(q) && q > 0 && q <= 1)) {
    throw new RangeError(`acceptProbability must be in (0, 1], got ${q}`);
  }
  if (windowSeconds !== undefined) requirePositive("windowSeconds", windowSeconds);
  const share = sentShare(lambda, k, capacity, q, windowSeconds);
  const sentRate = lambda * share;
  const acceptedRate = Math.min(q * sentRate, capacity);
  return {
    localRejectProbability: 1 - share,
    sentRate,
    acceptedRate,
    serverRejectRate: sentRate - acceptedRate,
    acceptedShare: acceptedRate / lambda,
  };
}
