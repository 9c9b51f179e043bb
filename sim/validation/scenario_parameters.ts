/**
 * Reading a validation scenario's own numbers for the theory: arrival rates, tiers, service,
 * patience and retry distributions, in the units of `sim/analytic` (seconds, per second), so
 * the theory a case checks is computed from the same file the simulator runs and the two
 * cannot drift apart. Each accessor refuses a scenario that does not have the shape the theory
 * assumes (e.g. a non-constant rate where a Poisson process is meant).
 *
 * Also the documented bias bound of the finite horizon ({@link censoringBias}).
 *
 * @module
 */
import type { DistributionDescription } from "../analytic/mod.ts";
import type { Distribution, ResolvedScenario, TierConfig } from "../model/mod.ts";
import { distributionMean, distributionScv } from "../model/mod.ts";

/**
 * The Poisson arrival rate λ of a scenario with constant arrivals, citizens per second (the
 * rate times `demand.multiplier`). Throws for any other arrival process or for batches.
 */
export function constantRate(scenario: ResolvedScenario): number {
  const arrivals = scenario.demand.arrivals;
  if (arrivals.kind !== "constant" || scenario.demand.batch_size !== null) {
    throw new Error(`${scenario.name}: the theory needs constant Poisson arrivals without batches`);
  }
  return arrivals.rate_per_second * scenario.demand.multiplier;
}

/** The inter-arrival distribution of a renewal process, seconds (÷ `demand.multiplier`). */
export function renewalInterarrival(scenario: ResolvedScenario): DistributionDescription {
  const arrivals = scenario.demand.arrivals;
  if (arrivals.kind !== "renewal" || scenario.demand.batch_size !== null) {
    throw new Error(`${scenario.name}: the theory needs renewal arrivals without batches`);
  }
  return described(arrivals.interarrival, 1 / scenario.demand.multiplier);
}

/** The tier called `name`. */
export function tierNamed(scenario: ResolvedScenario, name: string): TierConfig {
  const tier = scenario.service.tiers.find((candidate) => candidate.name === name);
  if (tier === undefined) throw new Error(`${scenario.name}: no tier ${name}`);
  return tier;
}

/** Service slots c of a finite tier: servers × concurrency per server. */
export function slotsOf(tier: TierConfig): number {
  if (tier.servers === "infinite") throw new Error(`tier ${tier.name} has infinite servers`);
  return tier.servers * tier.concurrency_per_server;
}

/** Waiting places of a tier (Infinity when unbounded). */
export function queueCapacityOf(tier: TierConfig): number {
  return tier.queue.capacity ?? Infinity;
}

/** Mean service time E[S] of a tier, seconds. */
export function serviceMean(tier: TierConfig): number {
  return distributionMean(tier.service_time);
}

/** Squared coefficient of variation of a tier's service time. */
export function serviceScv(tier: TierConfig): number {
  return distributionScv(tier.service_time);
}

/** Service rate μ = 1/E[S] of a tier, per second. */
export function serviceRate(tier: TierConfig): number {
  return 1 / serviceMean(tier);
}

/**
 * Third moment E[S³] of a distribution, seconds³ (for the second moment of the M/G/1 wait):
 * deterministic m³, exponential 6m³, Erlang-k and gamma m³(1 + cv²)(1 + 2cv²), log-normal
 * m³(1 + cv²)³, hyperexponential Σ 6pᵢmᵢ³, uniform (b⁴ − a⁴)/(4(b − a)), empirical Σ wᵢvᵢ³/Σ wᵢ.
 */
export function thirdMoment(d: Distribution): number {
  switch (d.kind) {
    case "deterministic":
      return d.mean_seconds ** 3;
    case "exponential":
      return 6 * d.mean_seconds ** 3;
    case "erlang":
    case "gamma": {
      const scv = d.kind === "erlang" ? 1 / d.shape : d.cv * d.cv;
      return d.mean_seconds ** 3 * (1 + scv) * (1 + 2 * scv);
    }
    case "lognormal":
      return d.mean_seconds ** 3 * (1 + d.cv * d.cv) ** 3;
    case "hyperexponential":
      return d.probabilities.reduce((sum, p, i) => sum + 6 * p * d.means_seconds[i] ** 3, 0);
    case "uniform":
      return d.min_seconds === d.max_seconds
        ? d.min_seconds ** 3
        : (d.max_seconds ** 4 - d.min_seconds ** 4) / (4 * (d.max_seconds - d.min_seconds));
    case "empirical": {
      const weights = d.weights ?? d.values_seconds.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      return d.values_seconds.reduce((sum, v, i) => sum + (weights[i] * v ** 3) / total, 0);
    }
  }
}

/**
 * A scenario distribution as `sim/analytic`'s description, its seconds multiplied by `scale`.
 */
export function described(d: Distribution, scale = 1): DistributionDescription {
  switch (d.kind) {
    case "deterministic":
    case "exponential":
      return { kind: d.kind, mean: d.mean_seconds * scale };
    case "erlang":
      return { kind: "erlang", mean: d.mean_seconds * scale, shape: d.shape };
    case "gamma":
    case "lognormal":
      return { kind: d.kind, mean: d.mean_seconds * scale, cv: d.cv };
    case "hyperexponential":
      return {
        kind: "hyperexponential",
        probabilities: d.probabilities,
        rates: d.means_seconds.map((mean) => 1 / (mean * scale)),
      };
    case "uniform":
      return { kind: "uniform", min: d.min_seconds * scale, max: d.max_seconds * scale };
    case "empirical":
      return {
        kind: "empirical",
        values: d.values_seconds.map((v) => v * scale),
        weights: d.weights,
      };
  }
}

/**
 * The client's queue-scope patience distribution (the theory of reneging needs scope
 * `queue`: a request leaves a tier's queue, never its service).
 */
export function queuePatience(scenario: ResolvedScenario): Distribution {
  const patience = scenario.demand.client.patience;
  if (patience === null || patience.scope !== "queue") {
    throw new Error(`${scenario.name}: the theory needs a patience with scope "queue"`);
  }
  return patience.distribution;
}

/**
 * The retrial rate θ of a client whose retries wait an exponential delay (per second, for the
 * citizen in the orbit), or an error for any other retry policy.
 */
export function exponentialRetrialRate(scenario: ResolvedScenario): number {
  const retry = scenario.demand.client.retry;
  if (retry.kind !== "random" || retry.delay.kind !== "exponential") {
    throw new Error(`${scenario.name}: the retrial theory needs retry kind random, exponential`);
  }
  return 1 / retry.delay.mean_seconds;
}

/**
 * Bias bound of a per-request average from the finite horizon, in the metric's unit.
 *
 * A per-request summary (a mean wait, a P(wait), an abandonment share) counts the requests that
 * arrived after the warm-up and reached the counted event (service start, completion,
 * reneging) before the run ended; the requests still in the system at the end are left out,
 * and they are not typical: they are there because they take long (length bias). With K of
 * them out of N counted, the estimate moves by about (K/N)·(their mean − the overall mean),
 * so its bias is at most `scale · L / (λ · window)`, with L the theory's mean number in the
 * system (E[K]), λ·window the expected number counted (N) and `scale` the mean value of the
 * metric over the requests present at the end: for a time, the length-biased mean E[T²]/E[T]
 * of the time in system (2·E[T] for an exponential T); for a probability, 1.
 * Time averages (queue length, utilisation, orbit) are not censored: `scale` 0.
 *
 * @param scale The metric's mean over requests present at the end (metric's unit), or 0.
 * @param meanInSystem L, mean number of requests in the system (theory).
 * @param arrivalRate λ, requests entering per second.
 * @param windowSeconds The observed window, end − warm-up, seconds.
 * @returns The bias bound (≥ 0), in the metric's unit.
 */
export function censoringBias(
  scale: number,
  meanInSystem: number,
  arrivalRate: number,
  windowSeconds: number,
): number {
  if (scale === 0) return 0;
  return Math.abs(scale) * meanInSystem / (arrivalRate * windowSeconds);
}
