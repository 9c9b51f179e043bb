/**
 * Retry kind `fixed`: every retry waits `delay_seconds`, optionally jittered.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeNumber } from "../../../scenario/numbers.ts";
import { attemptLimits, jittered, JitterSchema, type RetryKind } from "../retry_policy.ts";

/** `{ "kind": "fixed", "delay_seconds": d, "jitter": … }`. */
export const FixedRetrySchema = z.strictObject({
  kind: z.literal("fixed"),
  ...attemptLimits,
  delay_seconds: nonNegativeNumber("time").default(1).describe("Delay before each retry"),
  jitter: JitterSchema,
  cap_seconds: nonNegativeNumber("time").default(60).describe("Longest delay (decorrelated)"),
});

/** The `fixed` retry kind. */
export const fixedRetry: RetryKind<typeof FixedRetrySchema> = {
  kind: "fixed",
  schema: FixedRetrySchema,
  build(config, { stream }) {
    const base = config.delay_seconds;
    const uniform = stream.random;
    return {
      retries: true,
      constantDelay: config.jitter === "none" ? base : NaN,
      firstDelay: base,
      delay: (_retry, previous) =>
        jittered(config.jitter, base, base, config.cap_seconds, previous, uniform),
    };
  },
};
