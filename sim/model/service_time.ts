/**
 * Service-time samplers built once per tier from the scenario's distribution.
 *
 * @module
 */
import type { ServiceTime } from "../scenario/mod.ts";

/** The sampler factories a seeded random stream offers (a subset of the engine's RandomStream). */
export interface SamplerSource {
  /** Uniform [0, 1). */
  random(): number;
  /** Exponential sampler with `rate` (1/mean). */
  exponential(rate: number): () => number;
  /** Log-normal sampler: exp(normal(mu, sigma)). */
  logNormal(mu: number, sigma: number): () => number;
  /** Gamma sampler with shape k and scale θ. */
  gamma(shape: number, scale: number): () => number;
  /** Uniform sampler on [min, max). */
  uniform(min: number, max: number): () => number;
}

/** Mean of a service-time distribution, seconds. */
export function serviceTimeMean(config: ServiceTime): number {
  return config.kind === "uniform"
    ? (config.min_seconds + config.max_seconds) / 2
    : config.mean_seconds;
}

/**
 * A sampler of service times (seconds) for `config`, drawing from `source`.
 * Log-normal and gamma are parametrised by mean and coefficient of variation:
 * log-normal σ² = ln(1 + cv²), μ = ln(mean) − σ²/2; gamma shape = 1/cv², scale = mean·cv².
 */
export function serviceTimeSampler(config: ServiceTime, source: SamplerSource): () => number {
  switch (config.kind) {
    case "exponential":
      return source.exponential(1 / config.mean_seconds);
    case "deterministic": {
      const mean = config.mean_seconds;
      return () => mean;
    }
    case "lognormal": {
      const variance = Math.log(1 + config.cv * config.cv);
      return source.logNormal(Math.log(config.mean_seconds) - variance / 2, Math.sqrt(variance));
    }
    case "gamma":
      return source.gamma(1 / (config.cv * config.cv), config.mean_seconds * config.cv * config.cv);
    case "uniform":
      return source.uniform(config.min_seconds, config.max_seconds);
  }
}
