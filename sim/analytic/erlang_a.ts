/**
 * Erlang-A (M/M/n+M, Palm's model): Poisson arrivals λ, n exponential servers of rate μ, and
 * customers who abandon the queue after an exponential patience of rate θ.
 *
 * Birth–death chain (Palm 1943; Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of
 * performance measures", 2004): death rate `min(k, n)·μ + (k − n)⁺·θ`, so
 * `π_k ∝ a^k/k!` (k ≤ n) and `π_k = π_n·Π_{j=1..k−n} λ/(nμ + jθ)` (k > n). Computed in log
 * space; the infinite tail is summed until its terms fall below 1e-17 of the largest.
 * Any load is stable when θ > 0. Measures, by PASTA:
 * - P(wait) = Σ_{k ≥ n} π_k.
 * - An arrival that finds k ≥ n present is at queue position m = k − n + 1. It moves up at rate
 *   nμ + (m−1)θ and abandons at rate θ, so it is served with probability
 *   Π_{i=1..m} (nμ + (i−1)θ)/(nμ + iθ) = nμ/(nμ + mθ), and, given it is served, waits
 *   Σ_{i=1..m} 1/(nμ + iθ) on average (competing exponential risks).
 * - P(abandon) = 1 − Σ P(position m)·nμ/(nμ + mθ) (equals θ·Lq/λ, checked in tests).
 * - Mean wait of all customers = Lq/λ (Little), of served customers as above.
 *
 * @module
 */
import { requireInteger, requirePositive } from "./input.ts";

/** Steady-state measures of the Erlang-A queue. Times in seconds. */
export interface ErlangAMeasures {
  /** Probability an arrival has to wait (finds all servers busy). */
  probabilityOfWait: number;
  /** Probability an arrival abandons before service. */
  probabilityOfAbandonment: number;
  /** Mean time in queue over all arrivals (served or abandoning), seconds. */
  meanWait: number;
  /** Mean time in queue of the customers who are eventually served, seconds. */
  meanWaitOfServed: number;
  /** Mean number waiting Lq. */
  meanQueueLength: number;
  /** Mean number of busy servers divided by n. */
  utilisation: number;
}

/**
 * Steady-state measures of the Erlang-A (M/M/n+M) queue.
 * @param arrivalRate λ, arrivals per second (> 0).
 * @param serviceRate μ, services per second per server (> 0).
 * @param servers n (integer ≥ 1).
 * @param abandonmentRate θ, 1/mean patience, per second (> 0).
 * @returns The measures (see {@link ErlangAMeasures}).
 */
export function erlangAMeasures(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  abandonmentRate: number,
): ErlangAMeasures {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requireInteger("servers", servers, 1);
  requirePositive("abandonmentRate", abandonmentRate);
  const logArrival = Math.log(arrivalRate);
  const logLoad = Math.log(arrivalRate / serviceRate);
  const serviceCapacity = servers * serviceRate;
  // Pass 1: largest log-term, over k ≤ n and the (unimodal) tail.
  let logTerm = 0;
  let largest = 0;
  for (let k = 1; k <= servers; k++) {
    logTerm += logLoad - Math.log(k);
    if (logTerm > largest) largest = logTerm;
  }
  const logTermAtServers = logTerm;
  for (let j = 1;; j++) {
    logTerm += logArrival - Math.log(serviceCapacity + j * abandonmentRate);
    if (logTerm > largest) largest = logTerm;
    if (arrivalRate < serviceCapacity + j * abandonmentRate && logTerm < largest - 40) break;
  }
  // Pass 2: sums with terms scaled by e^{-largest}.
  let total = 0;
  let busy = 0;
  logTerm = 0;
  for (let k = 0; k <= servers; k++) {
    if (k > 0) logTerm += logLoad - Math.log(k);
    const term = Math.exp(logTerm - largest);
    total += term;
    busy += Math.min(k, servers) * term;
  }
  let waiting = Math.exp(logTermAtServers - largest); // the k = n term: position 1
  let queueLength = 0;
  let servedAfterWaiting = 0;
  let waitOfServed = 0;
  let stageTimes = 0;
  logTerm = logTermAtServers;
  // k = n + j − 1 present at arrival ⇒ position m = j. Term for the state k = n + j is used
  // for the queue length j.
  for (let position = 1;; position++) {
    const arrivalTerm = Math.exp(logTerm - largest); // state k = n + position − 1
    stageTimes += 1 / (serviceCapacity + position * abandonmentRate);
    const servedProbability = serviceCapacity / (serviceCapacity + position * abandonmentRate);
    servedAfterWaiting += arrivalTerm * servedProbability;
    waitOfServed += arrivalTerm * servedProbability * stageTimes;
    logTerm += logArrival - Math.log(serviceCapacity + position * abandonmentRate);
    const queueTerm = Math.exp(logTerm - largest); // state k = n + position
    total += queueTerm;
    waiting += queueTerm;
    busy += servers * queueTerm;
    queueLength += position * queueTerm;
    if (
      arrivalRate < serviceCapacity + position * abandonmentRate && logTerm < largest - 40
    ) break;
  }
  const probabilityOfWait = waiting / total;
  const served = (total - waiting) / total + servedAfterWaiting / total;
  const meanQueueLength = queueLength / total;
  return {
    probabilityOfWait,
    probabilityOfAbandonment: 1 - served,
    meanWait: meanQueueLength / arrivalRate,
    meanWaitOfServed: waitOfServed / total / served,
    meanQueueLength,
    utilisation: busy / total / servers,
  };
}
