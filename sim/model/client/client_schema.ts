/**
 * The client part of the scenario language: how a citizen's app or browser behaves on each
 * attempt — how long it waits (timeout, or a patience distribution with a scope), whether it
 * balks at a long queue, how it retries, reloads, gives up and comes back, and the client-side
 * limits registered as mechanisms (`adaptive_throttle`, `retry_budget`). Persistence classes
 * override any of it for a share of the citizens.
 *
 * Semantics (queueing terms in `sim/model/README.md`): `timeout_seconds` is a deterministic,
 * end-to-end patience — the client stops waiting for an attempt that has not completed within
 * that time, counted from sending it over every queue and service on its route; the service
 * still finishes the orphaned work unless a tier `drop_abandoned`. `patience` generalises it
 * to any distribution and to scope `queue`: the request leaves a tier's queue (reneges) if its
 * service has not started there in time, and once started it is waited for.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeInteger, positiveNumber, probability } from "../../scenario/numbers.ts";
import { distributionSchema } from "../distributions.ts";
import { mechanismShape } from "../mechanisms/registry.ts";
import { RetryPolicySchema } from "./retry_kinds.ts";

/** Patience: how long the client waits, and over what. */
export const PatienceSchema = z.strictObject({
  distribution: distributionSchema("time").describe("Patience, seconds"),
  scope: z.enum(["queue", "end_to_end"], { error: "is not one of queue, end_to_end" }).describe(
    "queue: leave a tier's queue if service has not started in time (reneging); " +
      "end_to_end: stop waiting for the attempt, over queues and service",
  ),
});

/** Balking: a request does not join a tier's queue when it is already this long. */
export const BalkingSchema = z.strictObject({
  queue_length: nonNegativeInteger("capacity").describe(
    "Queue length (requests) at or above which an arriving request may balk",
  ),
  probability: probability().default(1).describe("Chance to balk at or above that length"),
});

/** Come back later after giving up a session. */
export const ComeBackSchema = z.strictObject({
  probability: probability().default(0),
  delay_seconds: positiveNumber("time").default(3600),
});

/** Impatient reloads: a new request while the old one is still being served. */
export const ReloadSchema = z.strictObject({
  probability: probability().default(0).describe("Chance an attempt is reloaded if slow"),
  patience_mean_seconds: positiveNumber("time").default(10).describe(
    "Mean (exponential) time before the reload",
  ),
});

/** How a citizen's client behaves on each attempt. */
export const ClientSchema = z.strictObject({
  timeout_seconds: positiveNumber("time").nullable().default(null).describe(
    "Deterministic end-to-end patience, seconds; null: waits forever",
  ),
  patience: PatienceSchema.nullable().default(null).describe(
    "Patience as a distribution with a scope (instead of timeout_seconds)",
  ),
  balking: BalkingSchema.nullable().default(null),
  retry: RetryPolicySchema.prefault({ kind: "none" }),
  reload: ReloadSchema.prefault({}),
  give_up_probability: probability().default(0).describe(
    "Chance to abandon the operation after a failed attempt",
  ),
  come_back: ComeBackSchema.prefault({}),
  ...mechanismShape("client"),
}).refine((client) => client.timeout_seconds === null || client.patience === null, {
  error: "give timeout_seconds or patience, not both",
  path: ["patience"],
});

/** A parsed client. */
export type Client = z.output<typeof ClientSchema>;

/** A persistence class: a share of the citizens whose client overrides the base one. */
export const PersistenceClassSchema = z.strictObject({
  name: z.string({ error: "is not a string" }).regex(/^[A-Za-z0-9_.-]{1,64}$/, {
    error: "is not a name (1–64 letters, digits, _ . -)",
  }),
  share: positiveNumber("unscaled"),
  client: z.record(z.string(), z.unknown()).optional().describe(
    "Fields of demand.client to override (deep-merged)",
  ),
});
