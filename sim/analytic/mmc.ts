/**
 * Steady-state measures of the M/M/c queue (Poisson arrivals at rate λ, c servers each serving
 * at exponential rate μ, unlimited FIFO queue), from Erlang C.
 *
 * Formulas (Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed.,
 * 2008, §2.3): with a = λ/μ, ρ = a/c and C = ErlangC(c, a):
 * `Lq = C·ρ/(1−ρ)`, `Wq = C/(cμ−λ)`, `W = Wq + 1/μ`, `L = λ·W`,
 * `P(Wq > t) = C·e^{−(cμ−λ)t}`, and the sojourn-time tail (eq. 2.37)
 * `P(W > t) = e^{−μt}·[1 + C·(1 − e^{−μt(c−1−a)})/(c−1−a)]` (→ `e^{−μt}(1 + Cμt)` when c−1 = a).
 *
 * @module
 */
import { erlangC } from "./erlang.ts";
import {
  requireInteger,
  requireNonNegative,
  requirePositive,
  requireProbability,
} from "./input.ts";

/** Steady-state measures of an M/M/c queue. Times in seconds, rates per second. */
export interface MMcMeasures {
  /** Utilisation ρ = λ/(cμ) of each server. */
  utilisation: number;
  /** Offered load a = λ/μ, erlangs (mean number of busy servers). */
  offeredLoad: number;
  /** Probability an arrival waits (Erlang C). */
  probabilityOfWait: number;
  /** Mean waiting time in queue Wq, seconds. */
  meanWait: number;
  /** Mean sojourn (response) time W = Wq + 1/μ, seconds. */
  meanSojourn: number;
  /** Mean number waiting in queue Lq. */
  meanQueueLength: number;
  /** Mean number in system L. */
  meanNumberInSystem: number;
}

/**
 * Steady-state measures of the M/M/c queue.
 * @param arrivalRate λ, arrivals per second (> 0).
 * @param serviceRate μ, services per second per server (> 0).
 * @param servers c (integer ≥ 1); λ must be below cμ.
 * @returns The measures (see {@link MMcMeasures}).
 */
export function mmcMeasures(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
): MMcMeasures {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requireInteger("servers", servers, 1);
  const load = arrivalRate / serviceRate;
  const probabilityOfWait = erlangC(servers, load);
  const utilisation = load / servers;
  const meanWait = probabilityOfWait / (servers * serviceRate - arrivalRate);
  const meanSojourn = meanWait + 1 / serviceRate;
  return {
    utilisation,
    offeredLoad: load,
    probabilityOfWait,
    meanWait,
    meanSojourn,
    meanQueueLength: arrivalRate * meanWait,
    meanNumberInSystem: arrivalRate * meanSojourn,
  };
}

/**
 * Tail of the M/M/c waiting time in queue: P(Wq > t) = C·e^{−(cμ−λ)t}.
 * @param arrivalRate λ, per second.
 * @param serviceRate μ, per second per server.
 * @param servers c.
 * @param t Time, seconds (≥ 0).
 * @returns Probability that an arrival waits longer than t seconds.
 */
export function mmcWaitTail(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  t: number,
): number {
  requireNonNegative("t", t);
  const { probabilityOfWait } = mmcMeasures(arrivalRate, serviceRate, servers);
  return probabilityOfWait * Math.exp(-(servers * serviceRate - arrivalRate) * t);
}

/**
 * Quantile of the M/M/c waiting time in queue: the smallest t with P(Wq ≤ t) ≥ q.
 * It is 0 when q ≤ 1 − C, else ln(C/(1−q))/(cμ−λ).
 * @param arrivalRate λ, per second.
 * @param serviceRate μ, per second per server.
 * @param servers c.
 * @param q Probability in (0, 1), e.g. 0.95.
 * @returns Waiting-time quantile, seconds.
 */
export function mmcWaitQuantile(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  q: number,
): number {
  requireProbability("q", q);
  const { probabilityOfWait } = mmcMeasures(arrivalRate, serviceRate, servers);
  if (q <= 1 - probabilityOfWait) return 0;
  return Math.log(probabilityOfWait / (1 - q)) / (servers * serviceRate - arrivalRate);
}

/**
 * Tail of the M/M/c sojourn time (wait + service), FIFO: P(W > t).
 * @param arrivalRate λ, per second.
 * @param serviceRate μ, per second per server.
 * @param servers c.
 * @param t Time, seconds (≥ 0).
 * @returns Probability that a customer spends more than t seconds in the system.
 */
export function mmcSojournTail(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  t: number,
): number {
  requireNonNegative("t", t);
  const { probabilityOfWait, offeredLoad } = mmcMeasures(arrivalRate, serviceRate, servers);
  const gap = servers - 1 - offeredLoad;
  const serviceTail = Math.exp(-serviceRate * t);
  if (Math.abs(gap) < 1e-9) return serviceTail * (1 + probabilityOfWait * serviceRate * t);
  return serviceTail * (1 + (probabilityOfWait * -Math.expm1(-serviceRate * t * gap)) / gap);
}
