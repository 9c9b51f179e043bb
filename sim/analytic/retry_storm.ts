/**
 * The retry-storm (metastability) criterion: can a FIFO system whose clients time out and
 * retry stay collapsed after a transient spike, even once the load is back to normal?
 *
 * Argument (Bronson, Aghayev, Charapko & Zhu, "Metastable failures in distributed systems",
 * HotOS 2021, the retry example; Huang et al., "Metastable failures in the wild", OSDI 2022,
 * §2 on retry amplification as the sustaining effect): in the collapsed state the FIFO queue is
 * so long that every attempt times out before it is served, so each request is attempted
 * R + 1 times (the first try and R retries), and the server keeps spending capacity on
 * attempts whose client has already given up. Attempts then arrive at λ(R + 1). If that
 * exceeds the capacity the queue cannot drain, every attempt keeps timing out, and the
 * collapse sustains itself; if λ < capacity as well, the system is *metastable*: healthy
 * without a trigger, stuck after one. If λ(R + 1) ≤ capacity the queue drains (fluid limit)
 * and the system recovers by itself (at equality it neither drains nor grows). The criterion
 * assumes no cancellation of abandoned attempts and no retry budget or backoff that lowers
 * the retry rate in the bad state.
 *
 * @module
 */
import { requireNonNegative, requirePositive } from "./input.ts";

/** Inputs of {@link retryStormCriterion}. Rates per second. */
export interface RetryStormInput {
  /** λ, new requests per second (> 0). */
  arrivalRate: number;
  /** R, retries per failed request (≥ 0; a mean is allowed, e.g. 1.5). */
  retriesPerFailure: number;
  /** Attempts per second the system can complete (e.g. cμ), (> 0). */
  capacity: number;
}

/** Result of {@link retryStormCriterion}. Rates per second. */
export interface RetryStormCriterion {
  /** λ(R + 1), attempts per second when every attempt fails. */
  collapsedAttemptRate: number;
  /** The capacity, attempts per second (as given). */
  capacity: number;
  /** λ(R + 1) > capacity: once collapsed, the system stays collapsed. */
  collapseSustains: boolean;
  /** λ < capacity: the system is healthy without a trigger. */
  stableWithoutTrigger: boolean;
  /** Both: healthy now, but a spike can tip it into a collapse that persists. */
  metastable: boolean;
  /** capacity/λ − 1: the most retries per failure that still let a collapse drain. */
  retryThreshold: number;
}

/**
 * Metastability criterion for timeouts with retries: compares λ(R + 1) with the capacity.
 * @param input λ (per second), R, capacity (per second); see {@link RetryStormInput}.
 * @returns The collapsed attempt rate and the verdicts (see {@link RetryStormCriterion}).
 */
export function retryStormCriterion(input: RetryStormInput): RetryStormCriterion {
  const { arrivalRate, retriesPerFailure, capacity } = input;
  requirePositive("arrivalRate", arrivalRate);
  requireNonNegative("retriesPerFailure", retriesPerFailure);
  requirePositive("capacity", capacity);
  const collapsedAttemptRate = arrivalRate * (retriesPerFailure + 1);
  const collapseSustains = collapsedAttemptRate > capacity;
  const stableWithoutTrigger = arrivalRate < capacity;
  return {
    collapsedAttemptRate,
    capacity,
    collapseSustains,
    stableWithoutTrigger,
    metastable: collapseSustains && stableWithoutTrigger,
    retryThreshold: capacity / arrivalRate - 1,
  };
}
