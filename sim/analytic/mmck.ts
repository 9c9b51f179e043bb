/**
 * The M/M/c/K queue: c exponential servers, room for K customers in total (K ≥ c, so K − c
 * waiting places); arrivals finding K present are blocked. M/M/1/K is the case c = 1, and
 * M/M/c/c (K = c) reproduces Erlang B.
 *
 * Birth–death stationary distribution (Gross et al., *Fundamentals of Queueing Theory*, 2008,
 * §2.5): with a = λ/μ, `p_n ∝ a^n/n!` for n ≤ c and `p_n ∝ a^c/c!·(a/c)^{n−c}` for c < n ≤ K.
 * Computed from the mode outwards with the ratios `p_{n+1}/p_n = a/min(n+1, c)` (no factorials
 * or powers), so c and K in the tens of thousands neither overflow nor lose precision. Any load is allowed (the
 * system is finite). Measures: blocking `p_K`, effective arrival rate `λ(1 − p_K)`,
 * `L = Σ n p_n`, `Lq = Σ (n−c)⁺ p_n`, and by Little's law `W = L/λ_eff`, `Wq = Lq/λ_eff`.
 *
 * @module
 */
import { requireInteger, requirePositive } from "./input.ts";

/** Steady-state measures of an M/M/c/K queue. Times in seconds, rates per second. */
export interface MMcKMeasures {
  /** Probability an arrival is blocked (finds K customers present). */
  blockingProbability: number;
  /** Accepted arrivals per second, λ(1 − blocking). */
  effectiveArrivalRate: number;
  /** Probability that an accepted arrival has to wait (finds all c servers busy). */
  probabilityOfWait: number;
  /** Mean number of busy servers divided by c. */
  utilisation: number;
  /** Mean number in system L. */
  meanNumberInSystem: number;
  /** Mean number waiting Lq. */
  meanQueueLength: number;
  /** Mean sojourn time of accepted customers W, seconds. */
  meanSojourn: number;
  /** Mean wait in queue of accepted customers Wq, seconds. */
  meanWait: number;
}

/**
 * Stationary distribution of the number in an M/M/c/K system.
 * @param arrivalRate λ, per second (> 0).
 * @param serviceRate μ, per second per server (> 0).
 * @param servers c (integer ≥ 1).
 * @param capacity K, total places including those in service (integer ≥ c).
 * @returns Probabilities p_0..p_K (length K + 1).
 */
export function mmckDistribution(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  capacity: number,
): Float64Array {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requireInteger("servers", servers, 1);
  requireInteger("capacity", capacity, servers);
  const load = arrivalRate / serviceRate;
  // Start from the mode (weight 1) and multiply by the birth–death ratios outwards, so the
  // largest weight is 1 and small ones underflow harmlessly to 0; the relative error grows
  // like n·ε (about 1e-12 at K = 20,000), unlike a running sum of logarithms.
  const mode = load < servers ? Math.min(Math.floor(load), capacity) : capacity;
  const weights = new Float64Array(capacity + 1);
  weights[mode] = 1;
  for (let n = mode; n > 0; n--) weights[n - 1] = (weights[n] * Math.min(n, servers)) / load;
  for (let n = mode; n < capacity; n++) {
    weights[n + 1] = (weights[n] * load) / Math.min(n + 1, servers);
  }
  let total = 0;
  for (let n = 0; n <= capacity; n++) total += weights[n];
  for (let n = 0; n <= capacity; n++) weights[n] /= total;
  return weights;
}

/**
 * Steady-state measures of the M/M/c/K queue.
 * @param arrivalRate λ, per second (> 0).
 * @param serviceRate μ, per second per server (> 0).
 * @param servers c (integer ≥ 1).
 * @param capacity K, total places including those in service (integer ≥ c).
 * @returns The measures (see {@link MMcKMeasures}).
 */
export function mmckMeasures(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  capacity: number,
): MMcKMeasures {
  const p = mmckDistribution(arrivalRate, serviceRate, servers, capacity);
  let meanNumberInSystem = 0;
  let meanQueueLength = 0;
  let meanBusy = 0;
  let waitingMass = 0;
  for (let n = 0; n <= capacity; n++) {
    meanNumberInSystem += n * p[n];
    meanBusy += Math.min(n, servers) * p[n];
    if (n > servers) meanQueueLength += (n - servers) * p[n];
    if (n >= servers && n < capacity) waitingMass += p[n];
  }
  const blockingProbability = p[capacity];
  const effectiveArrivalRate = arrivalRate * (1 - blockingProbability);
  return {
    blockingProbability,
    effectiveArrivalRate,
    probabilityOfWait: waitingMass / (1 - blockingProbability),
    utilisation: meanBusy / servers,
    meanNumberInSystem,
    meanQueueLength,
    meanSojourn: meanNumberInSystem / effectiveArrivalRate,
    meanWait: meanQueueLength / effectiveArrivalRate,
  };
}

/**
 * Steady-state measures of the M/M/1/K queue (the M/M/c/K case c = 1).
 * @param arrivalRate λ, per second.
 * @param serviceRate μ, per second.
 * @param capacity K, total places including the one in service (integer ≥ 1).
 * @returns The measures (see {@link MMcKMeasures}).
 */
export function mm1kMeasures(
  arrivalRate: number,
  serviceRate: number,
  capacity: number,
): MMcKMeasures {
  return mmckMeasures(arrivalRate, serviceRate, 1, capacity);
}
