/**
 * Theory of the single-station validation scenarios (`data/validation/*.json`): M/M/c, M/M/c/K,
 * Erlang B, M/G/1 (Pollaczek–Khinchine), GI/M/c (Takács), GI/G/c (Allen–Cunneen, reported),
 * Erlang-A and M/M/c+D. Every value is computed from the scenario's own numbers.
 *
 * @module
 */
import {
  allenCunneenWait,
  distributionMoments,
  erlangAMeasures,
  erlangB,
  giMcMeasures,
  mg1Measures,
  mmcDeterministicPatience,
  mmckMeasures,
  mmcMeasures,
} from "../analytic/mod.ts";
import type { ResolvedScenario } from "../model/mod.ts";
import {
  constantRate,
  queueCapacityOf,
  queuePatience,
  renewalInterarrival,
  serviceMean,
  serviceRate,
  serviceScv,
  slotsOf,
  thirdMoment,
} from "./scenario_parameters.ts";
import {
  type CaseTheory,
  exponentialWaitLengthBias,
  onlyTier,
  requireService,
  tierChecks,
  type TierValues,
} from "./scenario_theory.ts";

/** The M/M/c metrics a case may check. */
export type MmcMetric =
  | "queue_wait_mean_s"
  | "response_time_mean_s"
  | "wait_probability"
  | "queue_length_mean"
  | "in_system_mean"
  | "utilisation";

/**
 * M/M/c (Erlang C, `mmcMeasures`) for the metrics listed.
 * @param metrics The metrics to check.
 * @returns The case's theory function.
 */
export function mmcTheory(metrics: readonly MmcMetric[]): (s: ResolvedScenario) => CaseTheory {
  return (scenario) => {
    const tier = onlyTier(scenario);
    requireService(tier, "exponential");
    if (queueCapacityOf(tier) !== Infinity) throw new Error("M/M/c needs an unbounded queue");
    const lambda = constantRate(scenario);
    const mu = serviceRate(tier);
    const c = slotsOf(tier);
    const m = mmcMeasures(lambda, mu, c);
    const all: TierValues = {
      queue_wait_mean_s: [m.meanWait, "time"],
      response_time_mean_s: [m.meanSojourn, "time"],
      wait_probability: [m.probabilityOfWait, "share"],
      queue_length_mean: [m.meanQueueLength, "none"],
      in_system_mean: [m.meanNumberInSystem, "none"],
      utilisation: [m.utilisation, "none"],
    };
    const chosen: TierValues = {};
    for (const metric of metrics) chosen[metric] = all[metric];
    return {
      source: "mmcMeasures (Erlang C)",
      arrivalRate: lambda,
      meanInSystem: m.meanNumberInSystem,
      lengthBiasedTime: exponentialWaitLengthBias(m.probabilityOfWait, c * mu - lambda, mu),
      checks: tierChecks(tier.name, chosen),
    };
  };
}

/** M/M/c/K (`mmckMeasures`): blocking, levels, and the wait of accepted requests. */
export function mmckTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  requireService(tier, "exponential");
  const lambda = constantRate(scenario);
  const mu = serviceRate(tier);
  const c = slotsOf(tier);
  const m = mmckMeasures(lambda, mu, c, c + queueCapacityOf(tier));
  return {
    source: "mmckMeasures (birth–death)",
    arrivalRate: lambda,
    meanInSystem: m.meanNumberInSystem,
    lengthBiasedTime: 2 * m.meanSojourn,
    checks: tierChecks(tier.name, {
      blocking_probability: [m.blockingProbability, "none"],
      utilisation: [m.utilisation, "none"],
      queue_length_mean: [m.meanQueueLength, "none"],
      in_system_mean: [m.meanNumberInSystem, "none"],
      queue_wait_mean_s: [m.meanWait, "time"],
      wait_probability: [m.probabilityOfWait, "share"],
      response_time_mean_s: [m.meanSojourn, "time"],
    }),
  };
}

/** Erlang B (`erlangB`): blocking B and utilisation a(1 − B)/c of the loss system. */
export function erlangBTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  requireService(tier, "exponential");
  if (queueCapacityOf(tier) !== 0) throw new Error("Erlang B needs queue capacity 0");
  const lambda = constantRate(scenario);
  const load = lambda * serviceMean(tier);
  const c = slotsOf(tier);
  const blocking = erlangB(c, load);
  return {
    source: "erlangB",
    arrivalRate: lambda,
    meanInSystem: load * (1 - blocking),
    lengthBiasedTime: 2 * serviceMean(tier),
    checks: tierChecks(tier.name, {
      blocking_probability: [blocking, "none"],
      utilisation: [(load * (1 - blocking)) / c, "none"],
    }),
  };
}

/**
 * M/G/1 by Pollaczek–Khinchine (`mg1Measures`; cs² = 0 is M/D/1). The length-biased time in
 * system uses E[Wq²] = 2Wq² + λE[S³]/(3(1 − ρ)) (Takács' second moment).
 */
export function mg1Theory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  if (slotsOf(tier) !== 1 || queueCapacityOf(tier) !== Infinity) {
    throw new Error("M/G/1 needs one server and an unbounded queue");
  }
  const lambda = constantRate(scenario);
  const mean = serviceMean(tier);
  const scv = serviceScv(tier);
  const m = mg1Measures(lambda, mean, scv);
  const second = mean * mean * (1 + scv);
  const waitSecond = 2 * m.meanWait ** 2 +
    (lambda * thirdMoment(tier.service_time)) / (3 * (1 - m.utilisation));
  const timeSecond = waitSecond + 2 * m.meanWait * mean + second;
  return {
    source: `mg1Measures (Pollaczek–Khinchine, cs² = ${scv.toPrecision(3)})`,
    arrivalRate: lambda,
    meanInSystem: m.meanNumberInSystem,
    lengthBiasedTime: timeSecond / m.meanSojourn,
    checks: tierChecks(tier.name, {
      queue_wait_mean_s: [m.meanWait, "time"],
      response_time_mean_s: [m.meanSojourn, "time"],
      queue_length_mean: [m.meanQueueLength, "none"],
      in_system_mean: [m.meanNumberInSystem, "none"],
      wait_probability: [m.utilisation, "share"],
      utilisation: [m.utilisation, "none"],
    }),
  };
}

/** GI/M/c, exact (`giMcMeasures`, Takács): renewal arrivals, exponential servers. */
export function giMcTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  requireService(tier, "exponential");
  const mu = serviceRate(tier);
  const m = giMcMeasures({
    interarrival: renewalInterarrival(scenario),
    serviceRate: mu,
    servers: slotsOf(tier),
  });
  return {
    source: "giMcMeasures (Takács)",
    arrivalRate: m.arrivalRate,
    meanInSystem: m.meanNumberInSystem,
    lengthBiasedTime: exponentialWaitLengthBias(m.probabilityOfWait, m.conditionalWaitRate, mu),
    checks: tierChecks(tier.name, {
      queue_wait_mean_s: [m.meanWait, "time"],
      wait_probability: [m.probabilityOfWait, "share"],
      queue_length_mean: [m.meanQueueLength, "none"],
      response_time_mean_s: [m.meanSojourn, "time"],
      in_system_mean: [m.meanNumberInSystem, "none"],
      utilisation: [m.utilisation, "none"],
    }),
  };
}

/**
 * GI/G/c: the Allen–Cunneen mean wait (reported as an approximation) and the utilisation
 * λE[S]/c (exact for any GI/G/c, asserted).
 */
export function giGcTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  const interarrival = distributionMoments(renewalInterarrival(scenario));
  const lambda = 1 / interarrival.mean;
  const mean = serviceMean(tier);
  const c = slotsOf(tier);
  const wait = allenCunneenWait(lambda, mean, c, interarrival.scv, serviceScv(tier));
  return {
    source: "allenCunneenWait (approximation); utilisation λE[S]/c",
    arrivalRate: lambda,
    meanInSystem: lambda * (wait + mean),
    lengthBiasedTime: 2 * (wait + mean),
    checks: [
      ...tierChecks(tier.name, { queue_wait_mean_s: [wait, "time"] }, "approximation"),
      ...tierChecks(tier.name, { utilisation: [(lambda * mean) / c, "none"] }),
    ],
  };
}

/** Checks of a many-server queue with abandonment from its measures. */
function abandonmentChecks(
  m: {
    probabilityOfWait: number;
    probabilityOfAbandonment: number;
    meanWaitOfServed: number;
    meanQueueLength: number;
    utilisation: number;
  },
): TierValues {
  const served = 1 - m.probabilityOfAbandonment;
  return {
    abandonment_probability: [m.probabilityOfAbandonment, "share"],
    queue_wait_mean_s: [m.meanWaitOfServed, "time"],
    // Every request that abandons has waited: P(wait, served) = P(wait) − P(abandon).
    wait_probability: [(m.probabilityOfWait - m.probabilityOfAbandonment) / served, "share"],
    queue_length_mean: [m.meanQueueLength, "none"],
    utilisation: [m.utilisation, "none"],
  };
}

/** The M/M/c queue with queue-scope patience: exponential (Erlang-A) or fixed (M/M/c+D). */
export function abandonmentTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  requireService(tier, "exponential");
  const lambda = constantRate(scenario);
  const mu = serviceRate(tier);
  const c = slotsOf(tier);
  const patience = queuePatience(scenario);
  let source: string;
  let m;
  if (patience.kind === "exponential") {
    source = "erlangAMeasures (Palm)";
    m = erlangAMeasures(lambda, mu, c, 1 / patience.mean_seconds);
  } else if (patience.kind === "deterministic") {
    source = "mmcDeterministicPatience (M/M/c+D)";
    m = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: mu,
      servers: c,
      patienceSeconds: patience.mean_seconds,
    });
  } else {
    throw new Error(`${scenario.name}: patience must be exponential or deterministic`);
  }
  const meanInSystem = m.meanQueueLength + c * m.utilisation;
  return {
    source,
    arrivalRate: lambda,
    meanInSystem,
    lengthBiasedTime: 2 * meanInSystem / lambda,
    checks: tierChecks(tier.name, abandonmentChecks(m)),
  };
}
