/**
 * Mechanism `admission.concurrency_limit`: at most `limit` requests in a tier (queued or in
 * service); static, or adaptive like Netflix's concurrency-limits library (AIMD, gradient).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import {
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  probability,
} from "../../scenario/numbers.ts";
import { ConcurrencyLimit, type ConcurrencyLimiter } from "./concurrency_limiter.ts";
import { AimdLimit } from "./aimd_limit.ts";
import { GradientLimit } from "./gradient_limit.ts";
import { defineMechanism } from "./mechanism.ts";
import { tierField } from "./tier_field.ts";

const limitBounds = {
  initial_limit: positiveInteger("capacity").default(20).describe("Starting limit, requests"),
  min_limit: positiveInteger("capacity").default(20).describe("Lowest limit, requests"),
  max_limit: positiveInteger("capacity").default(200).describe("Highest limit, requests"),
};

const boundsInOrder = (value: { initial_limit: number; min_limit: number; max_limit: number }) =>
  value.min_limit <= value.initial_limit && value.initial_limit <= value.max_limit;
const boundsError = { error: "needs min_limit <= initial_limit <= max_limit" };

/** Concurrency-limit options: static, AIMD or gradient. */
export const ConcurrencyLimitSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("static"),
    tier: tierField(),
    limit: positiveInteger("capacity").describe("Requests in flight allowed"),
  }),
  z.strictObject({
    kind: z.literal("aimd"),
    tier: tierField(),
    ...limitBounds,
    backoff_ratio: probability().default(0.9).describe("Factor applied on a drop"),
    timeout_seconds: positiveNumber("time").default(5).describe("Latency counted as a drop"),
  }).refine(boundsInOrder, boundsError),
  z.strictObject({
    kind: z.literal("gradient"),
    tier: tierField(),
    ...limitBounds,
    smoothing: probability().default(0.2).describe("Weight of a new estimate"),
    rtt_tolerance: positiveNumber("unscaled").default(1.5).describe("Latency ratio tolerated"),
    long_window: positiveInteger("unscaled").default(600).describe("Long-run window, samples"),
    queue_size: nonNegativeNumber("capacity").default(4).describe(
      "Queueing allowed above the limit, requests",
    ),
  }).refine(boundsInOrder, boundsError),
], { error: "is not a concurrency limit (kind static, aimd or gradient)" });

/** Parsed concurrency-limit options. */
export type ConcurrencyLimitConfig = z.output<typeof ConcurrencyLimitSchema>;

function limiterOf(config: ConcurrencyLimitConfig): ConcurrencyLimiter {
  switch (config.kind) {
    case "static":
      return new ConcurrencyLimit(config.limit);
    case "aimd":
      return new AimdLimit({
        initialLimit: config.initial_limit,
        minLimit: config.min_limit,
        maxLimit: config.max_limit,
        backoffRatio: config.backoff_ratio,
        timeoutSeconds: config.timeout_seconds,
      });
    case "gradient":
      return new GradientLimit({
        initialLimit: config.initial_limit,
        minLimit: config.min_limit,
        maxLimit: config.max_limit,
        smoothing: config.smoothing,
        rttTolerance: config.rtt_tolerance,
        longWindow: config.long_window,
        queueSize: config.queue_size,
      });
  }
}

/** The concurrency-limit mechanism. */
export const concurrencyLimit = defineMechanism({
  key: "concurrency_limit",
  place: "admission",
  description: "Requests allowed in a tier (queued or in service): static, AIMD or gradient",
  schema: ConcurrencyLimitSchema,
  build(config, context) {
    const limiter = limiterOf(config);
    const tier = context.scenario.service.tiers[context.tierIndex(config.tier)].name;
    return {
      hooks: {
        admission: {
          [tier]: {
            admit: () => limiter.tryAcquire(),
            release: (now, _tier, latencySeconds, ok) => limiter.release(now, latencySeconds, !ok),
          },
        },
      },
    };
  },
});
