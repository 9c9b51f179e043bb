/**
 * Mechanism `admission.load_shedding`: rejects less important operations first as a tier's
 * load rises. The load is measured by one of three signals — give exactly one list of
 * thresholds, one per priority class (an operation's `priority`, 0 first; null: never shed):
 * `utilisation` ((in service + queued) ÷ service slots), `queue_length` (requests) or
 * `queue_delay_seconds` (age of the oldest queued request).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeNumber } from "../../scenario/numbers.ts";
import type { LoadSignal } from "../hooks.ts";
import { PriorityShedder } from "./priority_shedder.ts";
import { defineMechanism } from "./mechanism.ts";
import { tierField } from "./tier_field.ts";

const thresholds = (role: "unscaled" | "capacity" | "time") =>
  z.array(nonNegativeNumber(role).nullable()).min(1, {
    error: "must hold one threshold per priority class",
  }).max(64).refine(
    (values) =>
      values.every((value, index) =>
        index === 0 || (value ?? Infinity) <= (values[index - 1] ?? Infinity)
      ),
    { error: "must not increase with the class number (less important work first)" },
  ).optional();

/** Load-shedding options. */
export const LoadSheddingSchema = z.strictObject({
  tier: tierField(),
  utilisation: thresholds("unscaled").describe("Thresholds of (in service + queued) ÷ slots"),
  queue_length: thresholds("capacity").describe("Thresholds of the queue length, requests"),
  queue_delay_seconds: thresholds("time").describe("Thresholds of the oldest request's wait"),
}).refine(
  (value) =>
    [value.utilisation, value.queue_length, value.queue_delay_seconds].filter((t) => t)
      .length === 1,
  { error: "give exactly one of utilisation, queue_length, queue_delay_seconds" },
);

/** The load-shedding mechanism. */
export const loadShedding = defineMechanism({
  key: "load_shedding",
  place: "admission",
  description: "Rejects less important operations first as a tier's load rises",
  schema: LoadSheddingSchema,
  build(config, context) {
    const [signal, values]: [LoadSignal, (number | null)[]] = config.utilisation
      ? ["utilisation", config.utilisation]
      : config.queue_length
      ? ["queue_length", config.queue_length]
      : ["queue_delay_seconds", config.queue_delay_seconds!];
    const shedder = new PriorityShedder({ thresholds: values.map((v) => v ?? Infinity) });
    const last = shedder.classes - 1;
    const tier = context.scenario.service.tiers[context.tierIndex(config.tier)].name;
    return {
      hooks: {
        shedding: {
          [tier]: {
            signal,
            shouldShed: (priority, load) => shedder.shouldShed(Math.min(priority, last), load),
          },
        },
      },
    };
  },
});
