/**
 * Client retry delays: none, immediate, fixed and capped exponential backoff, with the jitter
 * variants of Brooker's "Exponential Backoff and Jitter" (AWS Architecture Blog, 2015):
 *
 * - exponential: `d = min(cap, base · multiplier^(n−1))` for retry n ≥ 1 (fixed: `d = base`)
 * - jitter none: `d`; full: `U(0, d)`; equal: `d/2 + U(0, d/2)`;
 * - decorrelated: `min(cap, U(base, 3 · previous))`, previous starting at base.
 *
 * @module
 */

/** Retry policy kinds. */
export type RetryKind = "none" | "immediate" | "fixed" | "exponential";
/** Jitter kinds. */
export type JitterKind = "none" | "full" | "equal" | "decorrelated";

/** What the delay formula needs from a retry policy (seconds). */
export interface RetryDelayParameters {
  /** Policy kind. */
  kind: RetryKind;
  /** Fixed delay, or the exponential base, seconds. */
  delay_seconds: number;
  /** Growth factor per retry (exponential). */
  multiplier: number;
  /** Longest delay, seconds. */
  cap_seconds: number;
  /** Jitter kind. */
  jitter: JitterKind;
}

/**
 * The delay before retry number `retry` (1 for the first retry), seconds.
 *
 * @param previousDelay the delay before the previous retry (decorrelated jitter), seconds;
 *   pass the base for the first retry.
 * @param uniform a uniform [0, 1) draw from the "retry" stream (unused without jitter).
 */
export function retryDelay(
  policy: RetryDelayParameters,
  retry: number,
  previousDelay: number,
  uniform: number,
): number {
  if (policy.kind === "none" || policy.kind === "immediate") return 0;
  const base = policy.delay_seconds;
  const cap = policy.cap_seconds;
  if (policy.jitter === "decorrelated") {
    const high = Math.max(base, 3 * previousDelay);
    return Math.min(cap, base + uniform * (high - base));
  }
  const delay = policy.kind === "fixed"
    ? base
    : Math.min(cap, base * Math.pow(policy.multiplier, retry - 1));
  switch (policy.jitter) {
    case "full":
      return uniform * delay;
    case "equal":
      return delay / 2 + uniform * (delay / 2);
    default:
      return delay;
  }
}

/**
 * Probability that Google's adaptive client-side throttling rejects a request locally
 * (SRE book, "Handling Overload"): `max(0, (requests − K · accepts) / (requests + 1))`.
 *
 * @param requests requests the client attempted (locally rejected ones included).
 * @param accepts requests the backend accepted.
 * @param k the multiplier K (2 in the book).
 */
export function throttleRejectProbability(requests: number, accepts: number, k: number): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}
