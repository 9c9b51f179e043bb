/**
 * Mechanism `admission.codel`: CoDel (RFC 8289) at a tier's queue — drops queued requests at
 * dequeue while the queue delay has stayed above `target_seconds` for `interval_seconds`.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { positiveNumber } from "../../scenario/numbers.ts";
import { CoDelQueuePolicy } from "./codel_queue_policy.ts";
import { defineMechanism } from "./mechanism.ts";
import { tierField } from "./tier_field.ts";

/** CoDel options. */
export const CoDelSchema = z.strictObject({
  tier: tierField(),
  target_seconds: positiveNumber("time").describe("Acceptable standing queue delay"),
  interval_seconds: positiveNumber("time").describe("Time above target before dropping"),
});

/** The CoDel mechanism. */
export const codel = defineMechanism({
  key: "codel",
  place: "admission",
  description: "Drops queued requests at dequeue when the queue delay stays above target",
  schema: CoDelSchema,
  build(config, context) {
    const policy = new CoDelQueuePolicy({
      targetSeconds: config.target_seconds,
      intervalSeconds: config.interval_seconds,
    });
    const tier = context.scenario.service.tiers[context.tierIndex(config.tier)].name;
    return { hooks: { queuePolicy: { [tier]: policy } } };
  },
});
