/**
 * Supply side of a scenario: the tiers a request goes through.
 *
 * @module
 */
import { z } from "zod";
import {
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
} from "./numbers.ts";

/** Service-time distribution of one request at one tier; times in seconds. */
export const ServiceTimeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("exponential"), mean_seconds: positiveNumber() }),
  z.strictObject({ kind: z.literal("deterministic"), mean_seconds: positiveNumber() }),
  z.strictObject({
    kind: z.literal("lognormal"),
    mean_seconds: positiveNumber(),
    cv: positiveNumber().describe("Coefficient of variation"),
  }),
  z.strictObject({
    kind: z.literal("gamma"),
    mean_seconds: positiveNumber(),
    cv: positiveNumber().describe("Coefficient of variation"),
  }),
  z.strictObject({
    kind: z.literal("uniform"),
    min_seconds: nonNegativeNumber(),
    max_seconds: positiveNumber(),
  }),
], {
  error: "is not a service-time distribution (exponential, deterministic, lognormal, gamma, " +
    "uniform)",
});

/** A tier's queue: capacity (null = unbounded) and discipline. */
export const QueueSchema = z.strictObject({
  capacity: nonNegativeInteger().nullable().default(null).describe("null: unbounded"),
  discipline: z.enum(["fifo", "lifo", "adaptive_lifo", "priority"], {
    error: "is not one of fifo, lifo, adaptive_lifo, priority",
  }).default("fifo"),
  adaptive_lifo_threshold: nonNegativeInteger().default(0).describe(
    "Queue length above which adaptive LIFO serves the newest first",
  ),
});

/** Universal Scalability Law: service time × (1 + σ(N−1) + κN(N−1)), N = requests per server. */
export const UslSchema = z.strictObject({
  sigma: nonNegativeNumber().describe("Contention σ"),
  kappa: nonNegativeNumber().describe("Coherency κ"),
});

/** Crash when queued + in-service requests exceed a threshold; restart after a delay. */
export const CrashSchema = z.strictObject({
  in_system_threshold: positiveInteger(),
  restart_seconds: positiveNumber(),
});

/**
 * A period with no capacity. Queued work is kept, unless `drop_queued`: then the tier is offline
 * as if crashed for the window (its queued and in-service requests fail at the start, requests
 * arriving before the end fail at once; clients react as to any failure).
 */
export const MaintenanceSchema = z.strictObject({
  start_seconds: nonNegativeNumber(),
  end_seconds: positiveNumber(),
  drop_queued: z.boolean().default(false).describe(
    "Offline as if crashed: fail queued and in-service requests at the start and arriving ones " +
      "until the end (a closure that drops sessions) instead of keeping them queued",
  ),
});

/** A change of the number of servers at a time; queued work is kept. */
export const CapacityStepSchema = z.strictObject({
  at_seconds: nonNegativeNumber(),
  servers: nonNegativeInteger(),
});

/** One tier (gateway, application, wallet provider, database…). */
export const TierSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, {
    error: "is not a name (letters, digits, _ . -)",
  }),
  servers: nonNegativeInteger(),
  concurrency_per_server: positiveInteger().default(1),
  service_time: ServiceTimeSchema,
  queue: QueueSchema.prefault({}),
  usl: UslSchema.optional(),
  drop_abandoned: z.boolean().default(false).describe(
    "Drop queued requests whose client has gone instead of serving them",
  ),
  crash: CrashSchema.optional(),
  maintenance: z.array(MaintenanceSchema).nullable().default([])
    .transform((windows) => windows ?? [])
    .describe("null: no maintenance (lets a design remove the base's windows)"),
  capacity_schedule: z.array(CapacityStepSchema).default([]),
});

/** The service: its tiers. */
export const ServiceSchema = z.strictObject({
  tiers: z.array(TierSchema).min(1, { error: "must hold at least one tier" }),
});
