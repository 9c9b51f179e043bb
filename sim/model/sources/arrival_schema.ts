/**
 * The arrival part of the scenario language: how citizens arrive.
 *
 * - Non-homogeneous Poisson processes with a rate profile λ(t), citizens/s: `constant`,
 *   `piecewise`, `surge` (a launch), `daily` (a cosine cycle) and `trace` (piecewise-constant
 *   between measured points) — Kendall's M (or M_t).
 * - `renewal`: independent inter-arrival times from any distribution — Kendall's GI (D for
 *   deterministic, E_k for Erlang, H for hyperexponential…).
 * - `batch_size`: each arrival instant brings a batch of citizens (M^X, GI^X).
 *
 * Rates are multiplied by `demand.multiplier` (what-if factor, unscaled).
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
import { distributionSchema } from "../distributions.ts";

/** Constant arrival rate λ, citizens/s. */
export const ConstantProfileSchema = z.strictObject({
  kind: z.literal("constant"),
  rate_per_second: nonNegativeNumber("rate").describe("Arrival rate, citizens/s"),
});

/** Piecewise-constant rate: each step holds from its `from_seconds` until the next step. */
export const PiecewiseProfileSchema = z.strictObject({
  kind: z.literal("piecewise"),
  steps: z.array(
    z.strictObject({
      from_seconds: nonNegativeNumber("time"),
      rate_per_second: nonNegativeNumber("rate"),
    }),
  ).min(1, { error: "must hold at least one step" }).max(1_000_000),
}).superRefine((value, context) => {
  value.steps.forEach((step, index) => {
    if (index > 0 && step.from_seconds <= value.steps[index - 1].from_seconds) {
      context.addIssue({
        code: "custom",
        path: ["steps", index, "from_seconds"],
        input: step.from_seconds,
        message: `is not after the previous step's ${value.steps[index - 1].from_seconds}`,
      });
    }
  });
});

/**
 * Launch surge: `baseline` before `ramp_start_seconds`, a linear build-up to
 * `pre_opening_rate_per_second` at `opening_seconds`, a jump to `peak_rate_per_second`, then an
 * exponential decay (time constant `decay_seconds`) towards `plateau_rate_per_second`.
 */
export const SurgeProfileSchema = z.strictObject({
  kind: z.literal("surge"),
  baseline_rate_per_second: nonNegativeNumber("rate"),
  ramp_start_seconds: nonNegativeNumber("time"),
  pre_opening_rate_per_second: nonNegativeNumber("rate"),
  opening_seconds: nonNegativeNumber("time"),
  peak_rate_per_second: nonNegativeNumber("rate"),
  decay_seconds: positiveNumber("time"),
  plateau_rate_per_second: nonNegativeNumber("rate"),
});

/** Daily cycle: `mean · (1 + amplitude · cos(2π (t − peak_at_seconds) / period_seconds))`. */
export const DailyProfileSchema = z.strictObject({
  kind: z.literal("daily"),
  mean_rate_per_second: nonNegativeNumber("rate"),
  amplitude: probability().describe("Relative amplitude in [0, 1]"),
  peak_at_seconds: nonNegativeNumber("time"),
  period_seconds: positiveNumber("time").default(86400),
});

/**
 * Trace-driven rate: piecewise-constant between points `[time_seconds, citizens_per_second]`.
 * Give `csv` (a path, columns `time,rate`; the loader reads it into `points`) or inline
 * `points`.
 */
export const TraceProfileSchema = z.strictObject({
  kind: z.literal("trace"),
  csv: z.string().max(4096).optional(),
  points: z.array(z.tuple([nonNegativeNumber("time"), nonNegativeNumber("rate")])).max(1_000_000)
    .optional(),
  scale: positiveNumber("unscaled").default(1),
}).superRefine((value, context) => {
  if (!value.points || value.points.length === 0) {
    context.addIssue({
      code: "custom",
      path: ["points"],
      input: value.points,
      message: "is missing (give points, or a csv file read by the scenario loader)",
    });
    return;
  }
  value.points.forEach((point, index) => {
    if (index > 0 && point[0] <= value.points![index - 1][0]) {
      context.addIssue({
        code: "custom",
        path: ["points", index],
        input: point,
        message: `has a time not after the previous point's ${value.points![index - 1][0]}`,
      });
    }
  });
});

/** Renewal arrivals: independent inter-arrival times drawn from a distribution. */
export const RenewalArrivalsSchema = z.strictObject({
  kind: z.literal("renewal"),
  interarrival: distributionSchema("interarrival").describe(
    "Time between arrival instants, seconds",
  ),
  start_seconds: nonNegativeNumber("time").default(0).describe(
    "When the process starts, seconds: the first arrival comes one inter-arrival time later",
  ),
});

/** Any arrival process. */
export const ArrivalsSchema = z.discriminatedUnion("kind", [
  ConstantProfileSchema,
  PiecewiseProfileSchema,
  SurgeProfileSchema,
  DailyProfileSchema,
  TraceProfileSchema,
  RenewalArrivalsSchema,
], {
  error: "is not an arrival process (constant, piecewise, surge, daily, trace, renewal)",
});

/** Citizens per arrival instant. */
export const BatchSizeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fixed"), size: positiveInteger("unscaled") }),
  z.strictObject({
    kind: z.literal("geometric"),
    mean: positiveNumber("unscaled").refine((mean) => mean >= 1, { error: "must be >= 1" })
      .describe("Mean batch size (≥ 1); P(size = n) = p(1−p)^(n−1), p = 1/mean"),
  }),
  z.strictObject({
    kind: z.literal("empirical"),
    sizes: z.array(positiveInteger("unscaled")).min(1).max(10_000),
    weights: z.array(nonNegativeNumber("unscaled")).min(1).max(10_000),
  }).refine((value) => value.sizes.length === value.weights.length, {
    error: "needs one weight per size",
  }).refine((value) => value.weights.some((weight) => weight > 0), {
    error: "weights must not all be 0",
  }),
], { error: "is not a batch size (fixed, geometric, empirical)" });

/** A parsed arrival process. */
export type ArrivalsConfig = z.output<typeof ArrivalsSchema>;
/** A parsed batch size. */
export type BatchSizeConfig = z.output<typeof BatchSizeSchema>;
