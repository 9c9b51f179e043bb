/**
 * Retry kind `exponential`: capped exponential backoff, `d = min(cap, base · multiplier^(n−1))`
 * before retry n, optionally jittered.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeNumber, positiveNumber } from "../../../scenario/numbers.ts";
import { attemptLimits, jittered, JitterSchema, type RetryKind } from "../retry_policy.ts";

/** `{ "kind": "exponential", "delay_seconds": base, "multiplier": m, "cap_seconds": c, … }`. */
export const ExponentialRetrySchema = z.strictObject({
  kind: z.literal("exponential"),
  ...attemptLimits,
  delay_seconds: nonNegativeNumber("time").default(1).describe("Base delay"),
  multiplier: positiveNumber("unscaled").default(2).describe("Growth per retry"),
  cap_seconds: nonNegativeNumber("time").default(60).describe("Longest delay"),
  jitter: JitterSchema,
});

/** The `exponential` retry kind. */
export const exponentialRetry: RetryKind<typeof ExponentialRetrySchema> = {
  kind: "exponential",
  schema: ExponentialRetrySchema,
  build(config, { stream }) {
    const base = config.delay_seconds;
    const cap = config.cap_seconds;
    const multiplier = config.multiplier;
    const uniform = stream.random;
    return {
      retries: true,
      constantDelay: NaN,
      firstDelay: base,
      delay: (retry, previous) =>
        jittered(
          config.jitter,
          Math.min(cap, base * Math.pow(multiplier, retry - 1)),
          base,
          cap,
          previous,
          uniform,
        ),
    };
  },
};
