/**
 * Demand side of a scenario: arrival profiles, population, journey, client behaviour and
 * persistence classes.
 *
 * @module
 */
import { z } from "zod";
import {
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  probability,
} from "./numbers.ts";

const name = () =>
  z.string({ error: "is not a string" }).regex(/^[A-Za-z0-9_.-]+$/, {
    error: "is not a name (letters, digits, _ . -)",
  });

/** Constant arrival rate λ, citizens/s. */
export const ConstantProfileSchema = z.strictObject({
  kind: z.literal("constant"),
  rate_per_second: nonNegativeNumber().describe("Arrival rate, citizens/s"),
});

/** Piecewise-constant rate: each step holds from its `from_seconds` until the next step. */
export const PiecewiseProfileSchema = z.strictObject({
  kind: z.literal("piecewise"),
  steps: z.array(
    z.strictObject({
      from_seconds: nonNegativeNumber(),
      rate_per_second: nonNegativeNumber(),
    }),
  ).min(1, { error: "must hold at least one step" }),
});

/**
 * Launch surge: `baseline` before `ramp_start_seconds`, a linear build-up to
 * `pre_opening_rate_per_second` at `opening_seconds`, a jump to `peak_rate_per_second`, then an
 * exponential decay (time constant `decay_seconds`) towards `plateau_rate_per_second`.
 */
export const SurgeProfileSchema = z.strictObject({
  kind: z.literal("surge"),
  baseline_rate_per_second: nonNegativeNumber(),
  ramp_start_seconds: nonNegativeNumber(),
  pre_opening_rate_per_second: nonNegativeNumber(),
  opening_seconds: nonNegativeNumber(),
  peak_rate_per_second: nonNegativeNumber(),
  decay_seconds: positiveNumber(),
  plateau_rate_per_second: nonNegativeNumber(),
});

/** Daily cycle: `mean · (1 + amplitude · cos(2π (t − peak_at_seconds) / period_seconds))`. */
export const DailyProfileSchema = z.strictObject({
  kind: z.literal("daily"),
  mean_rate_per_second: nonNegativeNumber(),
  amplitude: probability().describe("Relative amplitude in [0, 1]"),
  peak_at_seconds: nonNegativeNumber(),
  period_seconds: positiveNumber().default(86400),
});

/**
 * Trace-driven rate: piecewise-constant between points. Give `csv` (a path inside the project,
 * columns `time,rate` in seconds and citizens/s) or inline `points`; the loader turns `csv`
 * into `points`.
 */
export const TraceProfileSchema = z.strictObject({
  kind: z.literal("trace"),
  csv: z.string().optional(),
  points: z.array(z.tuple([nonNegativeNumber(), nonNegativeNumber()])).optional(),
  scale: positiveNumber().default(1),
});

/** Any arrival profile (scaled by `demand.multiplier`). */
export const ArrivalProfileSchema = z.discriminatedUnion("kind", [
  ConstantProfileSchema,
  PiecewiseProfileSchema,
  SurgeProfileSchema,
  DailyProfileSchema,
  TraceProfileSchema,
], { error: "is not an arrival profile (constant, piecewise, surge, daily, trace)" });

/** Client retry policy. Delays in seconds; `max_attempts` counts the first attempt. */
export const RetryPolicySchema = z.strictObject({
  kind: z.enum(["none", "immediate", "fixed", "exponential"], {
    error: "is not one of none, immediate, fixed, exponential",
  }),
  max_attempts: positiveInteger().default(1).describe("Attempts per operation incl. the first"),
  delay_seconds: nonNegativeNumber().default(1).describe("Fixed delay, or the backoff base"),
  multiplier: positiveNumber().default(2),
  cap_seconds: nonNegativeNumber().default(60),
  jitter: z.enum(["none", "full", "equal", "decorrelated"], {
    error: "is not one of none, full, equal, decorrelated",
  }).default("none"),
  budget: nonNegativeInteger().optional().describe("Retries a citizen may make in all"),
  adaptive_throttle_k: positiveNumber().optional().describe(
    "K of the SRE book's client-side throttling",
  ),
});

/** Come back later after giving up a session. */
export const ComeBackSchema = z.strictObject({
  probability: probability().default(0),
  delay_seconds: positiveNumber().default(3600),
});

/** Impatient reloads: a new request while the old one is still being served. */
export const ReloadSchema = z.strictObject({
  probability: probability().default(0).describe("Chance an attempt is reloaded if slow"),
  patience_mean_seconds: positiveNumber().default(10),
});

/** How a citizen's client behaves on each request. */
export const ClientSchema = z.strictObject({
  timeout_seconds: positiveNumber().nullable().default(null).describe("null: waits forever"),
  retry: RetryPolicySchema.prefault({ kind: "none" }),
  reload: ReloadSchema.prefault({}),
  give_up_probability: probability().default(0).describe("Chance to abandon after a failure"),
  come_back: ComeBackSchema.prefault({}),
});

/** A persistence class: a share of the citizens whose client overrides the base one. */
export const PersistenceClassSchema = z.strictObject({
  name: name(),
  share: positiveNumber(),
  client: z.record(z.string(), z.unknown()).optional().describe(
    "Fields of demand.client to override",
  ),
});

/** One operation of a journey: a request through the tiers of `route`, in order. */
export const OperationSchema = z.strictObject({
  name: name(),
  route: z.array(name()).min(1, { error: "must name at least one tier" }),
  priority: nonNegativeInteger().default(0).describe("0 is served first under priority"),
  think_time_mean_seconds: nonNegativeNumber().default(0).describe(
    "Exponential pause before this operation",
  ),
});

/** Demand: who arrives, when, and what they do. */
export const DemandSchema = z.strictObject({
  arrivals: ArrivalProfileSchema,
  multiplier: positiveNumber().default(1).describe("Scales the arrival rate"),
  population: positiveInteger().nullable().default(null).describe(
    "Finite population: at most this many citizens arrive",
  ),
  journey: z.array(OperationSchema).min(1, { error: "must hold at least one operation" }),
  client: ClientSchema.prefault({}),
  persistence: z.array(PersistenceClassSchema).min(1, { error: "must hold at least one class" })
    .prefault([{ name: "typical", share: 1 }]),
});
