/**
 * What the exact single-tier CTMC says about metastability: where its stationary mass sits
 * (healthy vs degraded), and the two time scales of the mixing picture — the expected time
 * for a healthy tier to fall into the degraded region, and for a degraded one to escape back
 * (`gth.ts` solves both without loss of precision, however long). A metastable tier has both
 * times far longer than its relaxation within each region; the fluid model sees only which
 * side of the separatrix a state is on.
 *
 * The default healthy region is where an attempt admitted now is more likely than not to be
 * answered in time (f < 1/2) *and* the attempts offered, λ + o/D, stay below the capacity cμ
 * (so the queue is not being pushed up); every other state is degraded.
 *
 * @module
 */
import { type SingleTierCtmc, singleTierCtmc, type SingleTierCtmcOptions } from "./ctmc.ts";
import type { Equilibrium } from "./equilibria.ts";
import { expectedHittingTimes, stationaryDistribution } from "./gth.ts";
import type { SingleTierModel } from "./single_tier.ts";

/** Options for `analyseSingleTierCtmc`. */
export interface CtmcAnalysisOptions extends SingleTierCtmcOptions {
  /** Healthy region as a predicate on (n, o) (default: f < 1/2 and λ + o/D < cμ). */
  healthy?: (queue: number, orbit: number) => boolean;
  /** The fluid model's equilibria at the same λ, to start the hitting times from. */
  equilibria?: readonly Equilibrium[];
}

/** The CTMC's stationary and hitting-time picture. Times in seconds, rates per second. */
export interface CtmcAnalysis {
  /** The chain. */
  chain: SingleTierCtmc;
  /** Stationary probability of each state (index with `chain.index(n, o)`). */
  stationary: Float64Array;
  /** Whether each state is in the healthy region (1) or not (0). */
  healthyState: Uint8Array;
  /** Stationary probability of the healthy region. */
  healthyMass: number;
  /** Stationary probability of the degraded region (1 − healthyMass). */
  degradedMass: number;
  /** Stationary mean queue E[n]. */
  meanQueue: number;
  /** Stationary mean orbit E[o]. */
  meanOrbit: number;
  /** Stationary mean goodput, attempts answered in time per second. */
  meanGoodput: number;
  /** Stationary probability that the orbit is at its truncation O (should be tiny). */
  orbitLimitMass: number;
  /** State (n, o) the fall time starts from: the fluid healthy equilibrium, rounded. */
  healthyStart: [number, number] | undefined;
  /** Expected time from `healthyStart` to first enter the degraded region, seconds. */
  fallSeconds: number;
  /** State (n, o) the escape time starts from: the fluid degraded equilibrium, rounded (else the degraded mode). */
  degradedStart: [number, number] | undefined;
  /** Expected time from `degradedStart` to first enter the healthy region, seconds. */
  escapeSeconds: number;
  /** Stationary-weighted mean escape time over the degraded region, seconds. */
  meanEscapeSeconds: number;
}

/** Builds the chain and computes its stationary distribution and escape/fall times. */
export function analyseSingleTierCtmc(
  model: SingleTierModel,
  options: CtmcAnalysisOptions,
): CtmcAnalysis {
  const chain = singleTierCtmc(model, options);
  const lambda = chain.arrivalRate;
  const healthy = options.healthy ??
    ((n: number, o: number) =>
      chain.timeoutProbability[chain.index(n, o)] < 0.5 &&
      lambda + o / model.orbitDelay < model.capacity);
  const healthyState = new Uint8Array(chain.size);
  for (let i = 0; i < chain.size; i++) {
    healthyState[i] = healthy(chain.queueOf(i), chain.orbitOf(i)) ? 1 : 0;
  }
  const stationary = stationaryDistribution(chain);
  let healthyMass = 0;
  let meanQueue = 0;
  let meanOrbit = 0;
  let meanGoodput = 0;
  let orbitLimitMass = 0;
  let degradedMode = -1;
  for (let i = 0; i < chain.size; i++) {
    const p = stationary[i];
    if (healthyState[i]) healthyMass += p;
    else if (degradedMode < 0 || p > stationary[degradedMode]) degradedMode = i;
    meanQueue += p * chain.queueOf(i);
    meanOrbit += p * chain.orbitOf(i);
    meanGoodput += p * chain.goodput[i];
    if (chain.orbitOf(i) === chain.orbitLimit) orbitLimitMass += p;
  }
  const clampState = (q: number, o: number): [number, number] => [
    Math.min(chain.queueLimit, Math.max(0, Math.round(q))),
    Math.min(chain.orbitLimit, Math.max(0, Math.round(o))),
  ];
  const healthyEq = options.equilibria?.find((e) => e.kind === "healthy");
  const degradedEq = options.equilibria?.find((e) => e.kind === "degraded");
  let healthyStart = healthyEq ? clampState(healthyEq.queue, healthyEq.orbit) : undefined;
  if (!healthyStart && healthyState[chain.index(0, 0)]) healthyStart = [0, 0];
  let degradedStart = degradedEq ? clampState(degradedEq.queue, degradedEq.orbit) : undefined;
  if (!degradedStart && degradedMode >= 0) {
    degradedStart = [chain.queueOf(degradedMode), chain.orbitOf(degradedMode)];
  }
  let fallSeconds = NaN;
  if (healthyStart && healthyState[chain.index(healthyStart[0], healthyStart[1])]) {
    const fall = expectedHittingTimes(chain, (i) => healthyState[i] === 0);
    fallSeconds = fall[chain.index(healthyStart[0], healthyStart[1])];
  }
  let escapeSeconds = NaN;
  let meanEscapeSeconds = NaN;
  if (
    degradedStart && healthyMass > 0 &&
    !healthyState[chain.index(degradedStart[0], degradedStart[1])]
  ) {
    const escape = expectedHittingTimes(chain, (i) => healthyState[i] === 1);
    escapeSeconds = escape[chain.index(degradedStart[0], degradedStart[1])];
    let weighted = 0;
    for (let i = 0; i < chain.size; i++) {
      if (!healthyState[i]) weighted += stationary[i] * escape[i];
    }
    meanEscapeSeconds = weighted / (1 - healthyMass);
  } else if (degradedStart && healthyMass === 0) {
    escapeSeconds = Infinity;
    meanEscapeSeconds = Infinity;
  }
  return {
    chain,
    stationary,
    healthyState,
    healthyMass,
    degradedMass: 1 - healthyMass,
    meanQueue,
    meanOrbit,
    meanGoodput,
    orbitLimitMass,
    healthyStart,
    fallSeconds,
    degradedStart,
    escapeSeconds,
    meanEscapeSeconds,
  };
}
