/**
 * Theory of the validation scenarios of client behaviour (`data/validation/*.json`): the M/M/1
 * retrial queue (retry kind `random` with exponential delays: the classical orbit) and
 * client-side adaptive throttling against a rate limit (the fixed point of its mean-count
 * model, an approximation). Every value is computed from the scenario's own numbers.
 *
 * @module
 */
import { adaptiveThrottleFixedPoint, mm1RetrialMeasures } from "../analytic/mod.ts";
import type { ResolvedScenario } from "../model/mod.ts";
import {
  constantRate,
  exponentialRetrialRate,
  queueCapacityOf,
  serviceMean,
  serviceRate,
  slotsOf,
} from "./scenario_parameters.ts";
import { type CaseTheory, onlyTier, requireService, tierChecks } from "./scenario_theory.ts";

/**
 * The M/M/1 retrial queue (`mm1RetrialMeasures`): the mean orbit size, the utilisation ρ, and,
 * since every citizen is served once, attempts at rate λ + θE[N]: attempts per success
 * 1 + θE[N]/λ and a share θE[N]/(λ + θE[N]) of attempts finding the server busy.
 */
export function retrialTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  requireService(tier, "exponential");
  if (slotsOf(tier) !== 1 || queueCapacityOf(tier) !== 0) {
    throw new Error(`${scenario.name}: the retrial queue needs one server and no waiting place`);
  }
  const lambda = constantRate(scenario);
  const theta = exponentialRetrialRate(scenario);
  const m = mm1RetrialMeasures(lambda, serviceRate(tier), theta);
  const retryRate = theta * m.meanOrbitSize;
  return {
    source: "mm1RetrialMeasures (Falin & Templeton)",
    arrivalRate: lambda,
    meanInSystem: m.meanNumberInSystem,
    lengthBiasedTime: (2 * m.meanNumberInSystem) / lambda,
    checks: [
      { metric: "orbit_mean", theory: m.meanOrbitSize, kind: "exact", censoring: "none" },
      {
        metric: "retry_amplification",
        theory: 1 + retryRate / lambda,
        kind: "exact",
        censoring: "ratio",
      },
      ...tierChecks(tier.name, {
        utilisation: [m.probabilityServerBusy, "none"],
        blocking_probability: [retryRate / (lambda + retryRate), "none"],
      }),
    ],
  };
}

/**
 * Adaptive throttling in front of a token bucket (`adaptiveThrottleFixedPoint` with the
 * bucket's rate as μ_acc and the counters' time constant as W): the share of attempts rejected
 * locally and the share of those sent that succeed, accepted/sent. Both approximations: the
 * fixed point takes the window counts at their means.
 */
export function throttleTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  const throttle = scenario.demand.client.adaptive_throttle;
  const bucket = scenario.admission?.token_bucket;
  if (!throttle || throttle.scope !== "gateway" || throttle.gateways !== 1 || !bucket) {
    throw new Error(`${scenario.name}: needs one gateway's adaptive_throttle and a token_bucket`);
  }
  if (scenario.demand.client.retry.kind !== "none") throw new Error("the model has no retries");
  const lambda = constantRate(scenario);
  const fixedPoint = adaptiveThrottleFixedPoint({
    arrivalRate: lambda,
    k: throttle.k,
    acceptCapacity: bucket.rate_per_second,
    windowSeconds: throttle.window_seconds,
  });
  return {
    source: "adaptiveThrottleFixedPoint (mean-count fixed point)",
    arrivalRate: lambda,
    meanInSystem: fixedPoint.acceptedRate * serviceMean(tier),
    lengthBiasedTime: 2 * serviceMean(tier),
    checks: [
      {
        metric: "local_rejection_probability",
        theory: fixedPoint.localRejectProbability,
        kind: "approximation",
        censoring: "none",
      },
      {
        metric: "goodput_share",
        theory: fixedPoint.acceptedRate / fixedPoint.sentRate,
        kind: "approximation",
        censoring: "share",
      },
    ],
  };
}
