/**
 * The GI/M/c queue, exactly: renewal arrivals with a general inter-arrival distribution A
 * (mean 1/λ), c exponential servers of rate μ, unlimited FIFO queue, ρ = λ/(cμ) < 1.
 * GI/M/1 and D/M/1 are the cases c = 1 and deterministic A.
 *
 * σ is the unique root in (0, 1) of `σ = A*(cμ(1 − σ))` (A* the Laplace–Stieltjes transform,
 * {@link logLaplaceTransformOf}). It is found through x = 1 − σ, the root in (0, 1) of
 * `h(x) = 1 − A*(cμx) − x`: h(0) = 0, h′(0) = 1/ρ − 1 > 0, h is concave (A* is convex) and
 * h(1) = −A*(cμ) < 0, so bisection on (0, 1) brackets it; solving for x keeps 1 − σ accurate
 * when ρ → 1, and σ = A*(cμx) keeps σ accurate (even below 1e-300) when ρ is small. The
 * number an arrival finds is geometric (ratio σ) from c − 1 on, and an arrival that waits
 * waits an exponential time of rate cμ(1 − σ).
 *
 * P(wait) by Takács' formula (Takács, *Introduction to the Theory of Queues*, 1962, ch. 5;
 * Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed., 2008, §6.3):
 * with Aⱼ = A*(jμ) and Cⱼ = Π_{i=1..j} Aᵢ/(1 − Aᵢ),
 * `D⁻¹ = 1/(1−σ) + Σ_{j=1..c} binom(c, j)/(Cⱼ(1 − Aⱼ)) · (c(1 − Aⱼ) − j)/(c(1 − σ) − j)`,
 * `P(wait) = D/(1 − σ)` (for c = 1 it reduces to σ). Every term is positive — the last
 * factor's numerator and denominator change sign together at j = c(1 − σ), because
 * (1 − A*(s))/s decreases in s — so the sum is taken in log space without cancellation. The
 * factor is evaluated as `((c − j) − cAⱼ)/((c − j) − cσ)`; for j = c that is exactly A_c/σ,
 * and within 5e-6·j of the removable singularity j = c(1 − σ) it is the mean of its values at
 * j·(1 ± 1e-5) (continuous j; relative error ~1e-10). Then `Wq = P(wait)/(cμ(1 − σ))`, `W = Wq + 1/μ`,
 * `Lq = λWq`, `L = λW`, `P(Wq > t) = P(wait)·e^{−cμ(1−σ)t}`. For exponential arrivals σ = ρ and
 * P(wait) is Erlang C; tests/analytic/gim1_test.ts checks that, D/M/1 against a fixed-point
 * iteration, and Erlang-2 (c = 1, 2, 3) and hyperexponential (c = 1, 3) arrivals against a
 * phase-type CTMC.
 *
 * @module
 */
import {
  type DistributionDescription,
  distributionMoments,
  logLaplaceTransformOf,
} from "./distribution_transform.ts";
import { requireInteger, requireNonNegative, requirePositive, requireStable } from "./input.ts";

/** Options of {@link giMcMeasures}. */
export interface GIMcOptions {
  /** Inter-arrival time distribution, seconds (λ = 1/mean). */
  interarrival: DistributionDescription;
  /** μ, services per second per server (> 0). */
  serviceRate: number;
  /** c, servers (integer ≥ 1, default 1). */
  servers?: number;
}

/** Steady-state measures of a GI/M/c queue. Times in seconds, rates per second. */
export interface GIMcMeasures {
  /** λ = 1/E[inter-arrival], per second. */
  arrivalRate: number;
  /** ρ = λ/(cμ). */
  utilisation: number;
  /** σ, root in (0, 1) of σ = A*(cμ(1 − σ)); for c = 1 the probability of waiting. */
  sigma: number;
  /** Probability an arrival has to wait (finds all c servers busy). */
  probabilityOfWait: number;
  /** Rate of the exponential wait of those who wait, cμ(1 − σ), per second. */
  conditionalWaitRate: number;
  /** Mean wait in queue Wq, seconds. */
  meanWait: number;
  /** Mean sojourn W = Wq + 1/μ, seconds. */
  meanSojourn: number;
  /** Mean number waiting Lq = λWq. */
  meanQueueLength: number;
  /** Mean number in system L = λW. */
  meanNumberInSystem: number;
}

/** The root as x = 1 − σ and ln σ = ln A*(cμx). */
interface SigmaRoot {
  oneMinusSigma: number;
  logSigma: number;
}

function checkedInput(interarrival: DistributionDescription, serviceRate: number, servers: number) {
  const logTransform = logLaplaceTransformOf(interarrival);
  requirePositive("serviceRate", serviceRate);
  requireInteger("servers", servers, 1);
  const arrivalRate = 1 / distributionMoments(interarrival).mean;
  requireStable(arrivalRate / serviceRate, servers);
  return { logTransform, arrivalRate };
}

function sigmaRoot(logTransform: (s: number) => number, capacity: number): SigmaRoot {
  // h(x) = 1 − A*(cμx) − x: positive on (0, root), negative on (root, 1].
  let low = 0;
  let high = 1;
  for (let i = 0; i < 1100 && high - low > 4e-16 * high; i++) {
    const middle = (low + high) / 2;
    if (-Math.expm1(logTransform(capacity * middle)) > middle) low = middle;
    else high = middle;
  }
  const oneMinusSigma = (low + high) / 2;
  return { oneMinusSigma, logSigma: logTransform(capacity * oneMinusSigma) };
}

/**
 * σ of the GI/M/c queue: the root in (0, 1) of σ = A*(cμ(1 − σ)).
 * @param interarrival Inter-arrival distribution, seconds.
 * @param serviceRate μ, per second per server (> 0).
 * @param servers c (integer ≥ 1, default 1); ρ = λ/(cμ) must be < 1.
 * @returns σ (dimensionless, in (0, 1); may underflow to 0 at very light loads).
 */
export function giMcSigma(
  interarrival: DistributionDescription,
  serviceRate: number,
  servers = 1,
): number {
  const { logTransform } = checkedInput(interarrival, serviceRate, servers);
  return Math.exp(sigmaRoot(logTransform, servers * serviceRate).logSigma);
}

function logSumExp(terms: readonly number[]): number {
  let largest = -Infinity;
  for (const x of terms) if (x > largest) largest = x;
  let sum = 0;
  for (const x of terms) sum += Math.exp(x - largest);
  return largest + Math.log(sum);
}

/**
 * ln of Takács' factor (c(1 − A*(jμ)) − j)/(c(1 − σ) − j) for continuous j < c, written as
 * ((c − j) − c·A*(jμ))/((c − j) − cσ) to avoid cancellation.
 */
function logTakacsFactor(
  logTransform: (s: number) => number,
  serviceRate: number,
  servers: number,
  sigma: number,
  j: number,
): number {
  const ratio = (servers - j - servers * Math.exp(logTransform(j * serviceRate))) /
    (servers - j - servers * sigma);
  return Math.log(ratio);
}

/**
 * Exact steady-state measures of the GI/M/c queue (Takács).
 * @param options Inter-arrival distribution (seconds), service rate (per second), servers
 *   (see {@link GIMcOptions}).
 * @returns The measures (see {@link GIMcMeasures}).
 */
export function giMcMeasures(options: GIMcOptions): GIMcMeasures {
  const { interarrival, serviceRate } = options;
  const c = options.servers ?? 1;
  const { logTransform, arrivalRate } = checkedInput(interarrival, serviceRate, c);
  const { oneMinusSigma, logSigma } = sigmaRoot(logTransform, c * serviceRate);
  const sigma = Math.exp(logSigma);
  const singularJ = c * oneMinusSigma;
  const logTerms = [-Math.log(oneMinusSigma)];
  let logBinomial = 0;
  let logC = 0;
  for (let j = 1; j <= c; j++) {
    logBinomial += Math.log(c - j + 1) - Math.log(j);
    const logA = logTransform(j * serviceRate);
    const logOneMinusA = Math.log(-Math.expm1(logA));
    logC += logA - logOneMinusA;
    let logFactor: number;
    if (j === c) {
      logFactor = logA - logSigma; // (−cAc)/(−cσ)
    } else if (Math.abs(j - singularJ) >= 5e-6 * j) {
      logFactor = logTakacsFactor(logTransform, serviceRate, c, sigma, j);
    } else {
      const below = logTakacsFactor(logTransform, serviceRate, c, sigma, j * (1 - 1e-5));
      const above = logTakacsFactor(logTransform, serviceRate, c, sigma, j * (1 + 1e-5));
      logFactor = Math.log((Math.exp(below) + Math.exp(above)) / 2);
    }
    logTerms.push(logBinomial - logC - logOneMinusA + logFactor);
  }
  const probabilityOfWait = Math.exp(-logSumExp(logTerms) - Math.log(oneMinusSigma));
  const conditionalWaitRate = c * serviceRate * oneMinusSigma;
  const meanWait = probabilityOfWait / conditionalWaitRate;
  const meanSojourn = meanWait + 1 / serviceRate;
  return {
    arrivalRate,
    utilisation: arrivalRate / (c * serviceRate),
    sigma,
    probabilityOfWait,
    conditionalWaitRate,
    meanWait,
    meanSojourn,
    meanQueueLength: arrivalRate * meanWait,
    meanNumberInSystem: arrivalRate * meanSojourn,
  };
}

/**
 * GI/M/1 measures (the GI/M/c case c = 1: P(wait) = σ, Wq = σ/(μ(1 − σ))).
 * @param interarrival Inter-arrival distribution, seconds.
 * @param serviceRate μ, per second (> 0); λ/μ must be < 1.
 * @returns The measures (see {@link GIMcMeasures}).
 */
export function gim1Measures(
  interarrival: DistributionDescription,
  serviceRate: number,
): GIMcMeasures {
  return giMcMeasures({ interarrival, serviceRate, servers: 1 });
}

/**
 * D/M/c measures: arrivals exactly every 1/λ seconds (D/M/1 when servers = 1).
 * @param arrivalRate λ, arrivals per second (> 0).
 * @param serviceRate μ, per second per server (> 0).
 * @param servers c (integer ≥ 1, default 1); λ must be below cμ.
 * @returns The measures (see {@link GIMcMeasures}).
 */
export function dmcMeasures(arrivalRate: number, serviceRate: number, servers = 1): GIMcMeasures {
  requirePositive("arrivalRate", arrivalRate);
  return giMcMeasures({
    interarrival: { kind: "deterministic", mean: 1 / arrivalRate },
    serviceRate,
    servers,
  });
}

/**
 * Tail of the GI/M/c wait in queue: P(Wq > t) = P(wait)·e^{−cμ(1−σ)t}.
 * @param measures Result of {@link giMcMeasures}.
 * @param t Time, seconds (≥ 0).
 * @returns Probability an arrival waits longer than t seconds.
 */
export function giMcWaitTail(measures: GIMcMeasures, t: number): number {
  requireNonNegative("t", t);
  return measures.probabilityOfWait * Math.exp(-measures.conditionalWaitRate * t);
}
