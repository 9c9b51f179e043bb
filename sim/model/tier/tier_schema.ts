/**
 * The service part of the scenario language: tiers of servers, each a queueing station
 * (Kendall `·/G/c/K` with c = `servers` × `concurrency_per_server` service slots, K = c +
 * `queue.capacity`, its discipline, and `servers: "infinite"` for a delay station ·/G/∞),
 * with slowdown under load, crashes, maintenance windows and a capacity schedule.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import {
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
} from "../../scenario/numbers.ts";
import { distributionSchema } from "../distributions.ts";
import { DISCIPLINE_NAMES } from "./disciplines.ts";

/** A name of a tier, an operation or a class: letters, digits, `_ . -`. */
// deno-lint-ignore explicit-module-boundary-types
export const nameSchema = () =>
  z.string({ error: "is not a string" }).regex(/^[A-Za-z0-9_.-]{1,64}$/, {
    error: "is not a name (1–64 letters, digits, _ . -)",
  });

/** A tier's queue: capacity (null = unbounded) and discipline. */
export const QueueSchema = z.strictObject({
  capacity: nonNegativeInteger("capacity").nullable().default(null).describe(
    "Waiting places, requests; null: unbounded",
  ),
  discipline: z.enum(DISCIPLINE_NAMES, {
    error: `is not one of ${DISCIPLINE_NAMES.join(", ")}`,
  }).default("fifo"),
  adaptive_lifo_threshold: nonNegativeInteger("capacity").default(0).describe(
    "Queue length above which adaptive_lifo serves the newest first",
  ),
  deadline_seconds: positiveNumber("time").optional().describe(
    "deadline_drop: requests that waited longer are dropped instead of served",
  ),
}).refine((queue) => queue.discipline !== "deadline_drop" || queue.deadline_seconds, {
  error: "deadline_drop needs deadline_seconds",
  path: ["deadline_seconds"],
});

/** Universal Scalability Law: service time × (1 + σ(N−1) + κN(N−1)), N = requests per server. */
export const UslSchema = z.strictObject({
  sigma: nonNegativeNumber("unscaled").describe("Contention σ"),
  kappa: nonNegativeNumber("unscaled").describe("Coherency κ"),
});

/** Crash when queued + in-service requests exceed a threshold; restart after a delay. */
export const CrashSchema = z.strictObject({
  in_system_threshold: positiveInteger("capacity"),
  restart_seconds: positiveNumber("time"),
});

/**
 * A period with no capacity. Queued work is kept, unless `drop_queued`: then the tier is offline
 * as if crashed for the window (its queued and in-service requests fail at the start, requests
 * arriving before the end fail at once; clients react as to any failure).
 */
export const MaintenanceSchema = z.strictObject({
  start_seconds: nonNegativeNumber("time"),
  end_seconds: positiveNumber("time"),
  drop_queued: z.boolean().default(false).describe(
    "Offline as if crashed: fail queued and in-service requests at the start and arriving ones " +
      "until the end (a closure that drops sessions) instead of keeping them queued",
  ),
}).refine((window) => window.end_seconds > window.start_seconds, {
  error: "end_seconds must be after start_seconds",
  path: ["end_seconds"],
});

/** A change of the number of servers at a time; queued work is kept. */
export const CapacityStepSchema = z.strictObject({
  at_seconds: nonNegativeNumber("time"),
  servers: nonNegativeInteger("servers"),
});

/** One tier (gateway, application, wallet provider, database…). */
export const TierSchema = z.strictObject({
  name: nameSchema(),
  servers: z.union([nonNegativeInteger("servers"), z.literal("infinite")], {
    error: 'is not a number of servers (an integer >= 0, or "infinite")',
  }),
  concurrency_per_server: positiveInteger("unscaled").default(1),
  service_time: distributionSchema("service_time"),
  service_time_by_operation: z.record(nameSchema(), distributionSchema("service_time"))
    .optional().describe("Service time of particular operations (per-class service times)"),
  queue: QueueSchema.prefault({}),
  usl: UslSchema.optional(),
  drop_abandoned: z.boolean().default(false).describe(
    "Drop queued requests whose client has gone instead of serving them",
  ),
  crash: CrashSchema.optional(),
  maintenance: z.array(MaintenanceSchema).max(10_000).nullable().default([])
    .transform((windows) => windows ?? [])
    .describe("null: no maintenance (lets a design remove the base's windows)"),
  capacity_schedule: z.array(CapacityStepSchema).max(100_000).default([]),
  service_time_stretch: positiveNumber("service_time").optional().describe(
    "How many times slower than the real servers this tier's servers are (default 1). Scaling " +
      "a scenario down sets it (fewer, slower servers for the same capacity per citizen); " +
      "results count real servers: each simulated server counts as 1/stretch of one",
  ),
});

/** The service: its tiers. */
export const ServiceSchema = z.strictObject({
  tiers: z.array(TierSchema).min(1, { error: "must hold at least one tier" }).max(256),
});

/** A parsed tier. */
export type Tier = z.output<typeof TierSchema>;
