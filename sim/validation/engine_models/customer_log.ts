/**
 * Per-customer records of one replication, in typed arrays reused across replications, and the
 * estimators the validation cases compute from them after MSER-5 warm-up deletion.
 *
 * Time-average levels (number in system, in queue, in orbit) are computed exactly from the
 * records: the time-average of N(t) over [t0, t1] is Σ_i |[start_i, end_i] ∩ [t0, t1]| / (t1 − t0).
 *
 * @module
 */
import { mser5Truncation } from "../../stats/mod.ts";

/** Customer outcome flags. */
export const OUTCOME_SERVED = 0;
/** Blocked on arrival (finite capacity). */
export const OUTCOME_BLOCKED = 1;
/** Abandoned the queue before service. */
export const OUTCOME_ABANDONED = 2;
/**
 * Present at time 0 (a stationary start): counted in time-average levels, left out of
 * customer averages and fractions.
 */
export const OUTCOME_INITIAL = 3;

/** Typed-array records of up to `capacity` customers (one replication). */
export class CustomerLog {
  /** Arrival time, seconds. */
  readonly arrival: Float64Array;
  /** Service start time (or abandonment / blocking time), seconds. */
  readonly serviceStart: Float64Array;
  /** Departure time from the system, seconds. */
  readonly departure: Float64Array;
  /** Outcome: {@link OUTCOME_SERVED}, {@link OUTCOME_BLOCKED}, {@link OUTCOME_ABANDONED}. */
  readonly outcome: Uint8Array;
  /**
   * State seen at arrival (number in system, or in orbit): the series MSER-5 is applied to,
   * since it carries the start-up transient of time-average levels (e.g. 1,000 servers filling
   * up from empty) that sojourn times barely show.
   */
  readonly seenAtArrival: Float64Array;
  /** Number of customers recorded. */
  count = 0;

  /** @param capacity Largest number of customers per replication. */
  constructor(readonly capacity: number) {
    this.arrival = new Float64Array(capacity);
    this.serviceStart = new Float64Array(capacity);
    this.departure = new Float64Array(capacity);
    this.outcome = new Uint8Array(capacity);
    this.seenAtArrival = new Float64Array(capacity);
  }

  /** Forgets all records (arrays are reused). */
  reset(): void {
    this.count = 0;
  }

  /** Sojourn times (departure − arrival) of customers in arrival order. */
  sojourns(): Float64Array {
    const out = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.departure[i] - this.arrival[i];
    return out;
  }

  /** Waiting times (service start − arrival) of customers in arrival order. */
  waits(): Float64Array {
    const out = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.serviceStart[i] - this.arrival[i];
    return out;
  }

  /**
   * First customer kept after MSER-5 warm-up deletion on a per-customer series.
   * @param series One value per customer, in arrival order.
   * @returns Index of the first customer kept.
   */
  warmupCut(series: Float64Array): number {
    return mser5Truncation(series).truncatedObservations;
  }

  /**
   * Time-average number of customers whose interval [from_i, to_i] covers t, over
   * [arrival of customer `first`, arrival of the last customer].
   * @param from Interval starts per customer (e.g. arrival).
   * @param to Interval ends per customer (e.g. departure or service start).
   * @param first First customer after warm-up.
   * @returns Time-average level.
   */
  timeAverage(from: Float64Array, to: Float64Array, first: number): number {
    const start = this.arrival[first];
    const end = this.arrival[this.count - 1];
    let area = 0;
    for (let i = 0; i < this.count; i++) {
      const low = Math.max(from[i], start);
      const high = Math.min(to[i], end);
      if (high > low) area += high - low;
    }
    return area / (end - start);
  }

  /**
   * Mean of a per-customer series over customers `first..count−1`, optionally only those with a
   * given outcome.
   * @param series Per-customer values.
   * @param first First customer kept.
   * @param outcome Only customers with this outcome (all when omitted).
   * @returns The mean.
   */
  meanFrom(series: Float64Array, first: number, outcome?: number): number {
    let sum = 0;
    let n = 0;
    for (let i = first; i < this.count; i++) {
      if (outcome !== undefined && this.outcome[i] !== outcome) continue;
      sum += series[i];
      n++;
    }
    return sum / n;
  }

  /**
   * Fraction of customers `first..count−1` (initial ones excluded) with a predicate true.
   * @param first First customer kept.
   * @param predicate Test on a customer index.
   * @returns The fraction.
   */
  fractionFrom(first: number, predicate: (index: number) => boolean): number {
    let n = 0;
    let total = 0;
    for (let i = first; i < this.count; i++) {
      if (this.outcome[i] === OUTCOME_INITIAL) continue;
      total++;
      if (predicate(i)) n++;
    }
    return n / total;
  }
}

/**
 * A FIFO queue of customer indices in a ring buffer that doubles when full (growth is rare and
 * amortised; nothing is allocated per event in steady state).
 */
export class IndexQueue {
  private items: Int32Array;
  private head = 0;
  /** Number of queued indices. */
  length = 0;

  /** @param initialCapacity Starting size of the ring (power of two is not required). */
  constructor(initialCapacity = 1024) {
    this.items = new Int32Array(initialCapacity);
  }

  /** Removes everything. */
  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  /** @param index Customer index to append. */
  push(index: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      for (let i = 0; i < this.length; i++) {
        grown[i] = this.items[(this.head + i) % this.items.length];
      }
      this.items = grown;
      this.head = 0;
    }
    this.items[(this.head + this.length) % this.items.length] = index;
    this.length++;
  }

  /** @returns The oldest index, removed (−1 when empty). */
  shift(): number {
    if (this.length === 0) return -1;
    const index = this.items[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return index;
  }
}
