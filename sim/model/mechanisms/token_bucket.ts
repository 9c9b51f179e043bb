/**
 * Mechanism `admission.token_bucket`: a rate limit in front of a tier. A request takes a token
 * or is rejected at once (HTTP 429) and told when the next token comes (`Retry-After`), which
 * a share of clients honour instead of their own retry policy. With a `concurrency_limit` on the
 * same tier the bucket is asked first (an edge rate limiter in front of the tier): a request the
 * concurrency limit then refuses has spent its token, which is not refunded.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { positiveNumber, probability } from "../../scenario/numbers.ts";
import { TokenBucket } from "./token_bucket_limiter.ts";
import { defineMechanism } from "./mechanism.ts";
import { tierField } from "./tier_field.ts";

/** Token-bucket options. */
export const TokenBucketSchema = z.strictObject({
  tier: tierField(),
  rate_per_second: positiveNumber("rate").describe("Sustained admission rate, requests/s"),
  // a capacity: scaled to whole requests, at least 1 (a bucket of half a request admits nobody)
  burst: positiveNumber("capacity").refine((value) => value >= 1, { error: "must be at least 1" })
    .describe("Bucket size, requests"),
  honour_retry_after: probability().default(1).describe(
    "Share of clients that wait the Retry-After time before retrying (the rest follow their " +
      "own retry policy)",
  ),
});

/** The token-bucket mechanism. */
export const tokenBucket = defineMechanism({
  key: "token_bucket",
  place: "admission",
  description: "Rate limit in front of a tier; rejected clients are told when to retry",
  schema: TokenBucketSchema,
  build(config, context) {
    const bucket = new TokenBucket({ ratePerSecond: config.rate_per_second, burst: config.burst });
    return {
      hooks: {
        admission: {
          [context.scenario.service.tiers[context.tierIndex(config.tier)].name]: {
            admit: (now) => bucket.tryTake(now),
            retryAfter: (now) => bucket.retryAfter(now),
          },
        },
        honourRetryAfter: config.honour_retry_after,
      },
    };
  },
});
