/**
 * Distributions of durations in the scenario language — service times, inter-arrival times,
 * patience, retry delays, think times — with one schema, one sampler factory and the moments
 * the analytic formulas need (mean, squared coefficient of variation).
 *
 * Kinds: `deterministic`, `exponential`, `erlang` (shape k), `gamma` and `lognormal` (mean and
 * coefficient of variation), `hyperexponential` (branch probabilities and means), `uniform`
 * (min, max) and `empirical` (values drawn with equal probability, or with weights).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import type { RandomStream } from "../engine/mod.ts";
import {
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  probability,
  type ScalingRole,
} from "../scenario/numbers.ts";

/**
 * The schema of a duration distribution whose seconds scale with `role` (`time`, or
 * `service_time` for a tier's service, or `interarrival` for a renewal process).
 */
// deno-lint-ignore explicit-module-boundary-types
export function distributionSchema(role: ScalingRole) {
  return z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("deterministic"), mean_seconds: nonNegativeNumber(role) }),
    z.strictObject({ kind: z.literal("exponential"), mean_seconds: positiveNumber(role) }),
    z.strictObject({
      kind: z.literal("erlang"),
      mean_seconds: positiveNumber(role),
      shape: positiveInteger("unscaled").describe("Number of exponential phases k"),
    }),
    z.strictObject({
      kind: z.literal("gamma"),
      mean_seconds: positiveNumber(role),
      cv: positiveNumber("unscaled").describe("Coefficient of variation"),
    }),
    z.strictObject({
      kind: z.literal("lognormal"),
      mean_seconds: positiveNumber(role),
      cv: positiveNumber("unscaled").describe("Coefficient of variation"),
    }),
    z.strictObject({
      kind: z.literal("hyperexponential"),
      probabilities: z.array(probability()).min(1).max(16),
      means_seconds: z.array(positiveNumber(role)).min(1).max(16),
    }).refine((value) => value.probabilities.length === value.means_seconds.length, {
      error: "needs as many probabilities as means_seconds",
    }).refine(
      (value) => Math.abs(value.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9,
      { error: "probabilities must sum to 1" },
    ),
    z.strictObject({
      kind: z.literal("uniform"),
      min_seconds: nonNegativeNumber(role),
      max_seconds: positiveNumber(role),
    }).refine((value) => value.min_seconds <= value.max_seconds, {
      error: "needs min_seconds <= max_seconds",
    }),
    z.strictObject({
      kind: z.literal("empirical"),
      values_seconds: z.array(nonNegativeNumber(role)).min(1).max(100_000),
      weights: z.array(nonNegativeNumber("unscaled")).optional().describe(
        "Relative weights (default equal)",
      ),
    }).refine(
      (value) =>
        value.weights === undefined || value.weights.length === value.values_seconds.length,
      { error: "needs one weight per value" },
    ).refine(
      (value) => value.weights === undefined || value.weights.some((weight) => weight > 0),
      { error: "weights must not all be 0" },
    ).refine(
      (value) => value.values_seconds.some((v) => v > 0),
      { error: "values_seconds must not all be 0" },
    ),
  ], {
    error: "is not a distribution (deterministic, exponential, erlang, gamma, lognormal, " +
      "hyperexponential, uniform, empirical)",
  });
}

/** A parsed duration distribution (seconds). */
export type Distribution = z.output<ReturnType<typeof distributionSchema>>;

/** Mean of a distribution, seconds. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case "uniform":
      return (d.min_seconds + d.max_seconds) / 2;
    case "hyperexponential":
      return d.probabilities.reduce((sum, p, i) => sum + p * d.means_seconds[i], 0);
    case "empirical": {
      const weights = d.weights ?? d.values_seconds.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      return d.values_seconds.reduce((sum, v, i) => sum + (v * weights[i]) / total, 0);
    }
    default:
      return d.mean_seconds;
  }
}

/** Squared coefficient of variation (variance ÷ mean²) of a distribution. */
export function distributionScv(d: Distribution): number {
  const mean = distributionMean(d);
  switch (d.kind) {
    case "deterministic":
      return 0;
    case "exponential":
      return 1;
    case "erlang":
      return 1 / d.shape;
    case "gamma":
    case "lognormal":
      return d.cv * d.cv;
    case "uniform":
      return ((d.max_seconds - d.min_seconds) ** 2 / 12) / (mean * mean);
    case "hyperexponential": {
      const second = d.probabilities.reduce((s, p, i) => s + 2 * p * d.means_seconds[i] ** 2, 0);
      return second / (mean * mean) - 1;
    }
    case "empirical": {
      const weights = d.weights ?? d.values_seconds.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const second = d.values_seconds.reduce((s, v, i) => s + (v * v * weights[i]) / total, 0);
      return second / (mean * mean) - 1;
    }
  }
}

/**
 * A sampler of `d` (seconds) drawing from `stream`. Log-normal and gamma are parametrised by
 * mean and coefficient of variation: log-normal σ² = ln(1 + cv²), μ = ln(mean) − σ²/2; gamma
 * shape = 1/cv², scale = mean·cv²; Erlang-k is gamma with integer shape k.
 */
export function distributionSampler(d: Distribution, stream: RandomStream): () => number {
  switch (d.kind) {
    case "deterministic": {
      const mean = d.mean_seconds;
      return () => mean;
    }
    case "exponential":
      return stream.exponential(1 / d.mean_seconds);
    case "erlang":
      return stream.gamma(d.shape, d.mean_seconds / d.shape);
    case "gamma":
      return stream.gamma(1 / (d.cv * d.cv), d.mean_seconds * d.cv * d.cv);
    case "lognormal": {
      const variance = Math.log(1 + d.cv * d.cv);
      return stream.logNormal(Math.log(d.mean_seconds) - variance / 2, Math.sqrt(variance));
    }
    case "uniform":
      return d.min_seconds === d.max_seconds
        ? () => d.min_seconds
        : stream.uniform(d.min_seconds, d.max_seconds);
    case "hyperexponential": {
      const branch = stream.discrete(d.means_seconds.map((_, i) => i), d.probabilities);
      const unit = stream.exponential(1);
      const means = Float64Array.from(d.means_seconds);
      return () => means[branch()] * unit();
    }
    case "empirical":
      return stream.discrete(d.values_seconds, d.weights ?? d.values_seconds.map(() => 1));
  }
}
