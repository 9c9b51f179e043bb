/**
 * Retry kind `random`: each retry waits a draw from a distribution. With an exponential delay
 * this is the classical retrial orbit (Falin & Templeton, "Retrial Queues", 1997): every
 * citizen waiting to retry does so at rate 1/mean.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { distributionMean, distributionSampler, distributionSchema } from "../../distributions.ts";
import { attemptLimits, type RetryKind } from "../retry_policy.ts";

/** `{ "kind": "random", "delay": { "kind": "exponential", "mean_seconds": 30 } }`. */
export const RandomRetrySchema = z.strictObject({
  kind: z.literal("random"),
  ...attemptLimits,
  delay: distributionSchema("time").describe("Distribution of the delay before each retry"),
});

/** The `random` retry kind. */
export const randomRetry: RetryKind<typeof RandomRetrySchema> = {
  kind: "random",
  schema: RandomRetrySchema,
  build(config, { stream }) {
    const sample = distributionSampler(config.delay, stream);
    const constant = config.delay.kind === "deterministic" ? config.delay.mean_seconds : NaN;
    return {
      retries: true,
      constantDelay: constant,
      firstDelay: distributionMean(config.delay),
      delay: () => sample(),
    };
  },
};
