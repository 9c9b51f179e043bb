/**
 * Retry policies: when a client retries a failed attempt. Each kind is one module in
 * `retry/` exporting a {@link RetryKind} — its schema (with the common attempt limits) and a
 * `build` returning a {@link RetryDelayPolicy} object — registered in `retry_kinds.ts`.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import type { RandomStream } from "../../engine/mod.ts";
import { positiveInteger } from "../../scenario/numbers.ts";

/** The delays a client waits before its retries. */
export interface RetryDelayPolicy {
  /** False for the `none` policy: the first failure ends the operation's attempts. */
  readonly retries: boolean;
  /**
   * The delay when every retry waits the same (lets the model keep retries in a FIFO lane),
   * else NaN. When it is a number, {@link delay} returns it and draws nothing, so the model
   * does not call it.
   */
  readonly constantDelay: number;
  /** Delay before the first retry, seconds (the decorrelated-jitter seed). */
  readonly firstDelay: number;
  /**
   * The delay before retry number `retry` (1 for the first retry), seconds.
   *
   * @param previousDelay the delay before the previous retry, seconds ({@link firstDelay}
   *   for the first).
   */
  delay(retry: number, previousDelay: number): number;
}

/** What a retry kind's `build` gets. */
export interface RetryBuildContext {
  /** The client's retry random stream (jitter, random delays). */
  stream: RandomStream;
}

/** One retry kind: its schema (a strict object with `kind`) and its builder. */
export interface RetryKind<S extends z.ZodType = z.ZodType> {
  /** The `kind` value. */
  readonly kind: string;
  /** Its schema. */
  readonly schema: S;
  /** A delay policy for parsed options `config`. */
  build(config: z.output<S>, context: RetryBuildContext): RetryDelayPolicy;
}

/** Attempt limits shared by every kind that retries. */
export const attemptLimits = {
  max_attempts: positiveInteger("unscaled").default(1).describe(
    "Attempts per operation, the first included",
  ),
  max_retries_total: positiveInteger("unscaled").optional().describe(
    "Retries a citizen may make over the whole journey (absent: no limit)",
  ),
};

/** Jitter kinds (Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog, 2015). */
export const JitterSchema = z.enum(["none", "full", "equal", "decorrelated"], {
  error: "is not one of none, full, equal, decorrelated",
}).default("none");

/** A jitter kind. */
export type Jitter = z.output<typeof JitterSchema>;

/**
 * Applies jitter to a nominal delay `d` (seconds): none `d`; full `U(0, d)`; equal
 * `d/2 + U(0, d/2)`; decorrelated `min(cap, U(base, 3·previous))`.
 */
export function jittered(
  jitter: Jitter,
  nominal: number,
  base: number,
  cap: number,
  previousDelay: number,
  uniform: () => number,
): number {
  switch (jitter) {
    case "none":
      return nominal;
    case "full":
      return uniform() * nominal;
    case "equal":
      return nominal / 2 + uniform() * (nominal / 2);
    case "decorrelated": {
      const high = Math.max(base, 3 * previousDelay);
      return Math.min(cap, base + uniform() * (high - base));
    }
  }
}
