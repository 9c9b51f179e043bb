/**
 * Client-side circuit breakers (closed → open → half-open).
 *
 * Closed: requests go through; `failureThreshold` consecutive failures open the breaker.
 * Open: requests fail fast (the client does not even try) for `openSeconds`. Half-open:
 * up to `halfOpenProbes` trial requests go through; `halfOpenProbes` successes close the
 * breaker, any failure opens it again.
 *
 * {@link CircuitBreakers} keeps one breaker per client (e.g. per citizen's app) in typed
 * arrays, so a population of a million clients costs no objects; {@link CircuitBreaker} is a
 * single breaker.
 *
 * @module
 */
import { requireInteger, requirePositive } from "./option_checks.ts";

/** Breaker state: requests pass. */
export const BREAKER_CLOSED = 0;
/** Breaker state: requests fail fast. */
export const BREAKER_OPEN = 1;
/** Breaker state: a few trial requests pass. */
export const BREAKER_HALF_OPEN = 2;
/** A breaker state. */
export type BreakerState = typeof BREAKER_CLOSED | typeof BREAKER_OPEN | typeof BREAKER_HALF_OPEN;

/** Options of a circuit breaker. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open a closed breaker (integer ≥ 1, default 5). */
  failureThreshold?: number;
  /** Time an open breaker stays open, seconds (default 30). */
  openSeconds?: number;
  /** Trial requests let through half-open, and successes needed to close (default 1). */
  halfOpenProbes?: number;
}

/** One circuit breaker per client, stored in typed arrays. No allocation per call. */
export class CircuitBreakers {
  /** Consecutive failures that open a breaker. */
  readonly failureThreshold: number;
  /** Open duration, seconds. */
  readonly openSeconds: number;
  /** Trial requests when half-open. */
  readonly halfOpenProbes: number;
  #state: Uint8Array;
  #failures: Int32Array;
  #probes: Int32Array;
  #openedAt: Float64Array;

  /**
   * @param clients number of breakers expected (client ids 0, 1, …; grows for larger ids)
   * @param options thresholds shared by every breaker
   */
  constructor(clients: number, options: CircuitBreakerOptions = {}) {
    requireInteger("circuitBreakers.clients", clients, 1);
    this.failureThreshold = requireInteger(
      "circuitBreaker.failureThreshold",
      options.failureThreshold ?? 5,
      1,
    );
    this.openSeconds = requirePositive("circuitBreaker.openSeconds", options.openSeconds ?? 30);
    this.halfOpenProbes = requireInteger(
      "circuitBreaker.halfOpenProbes",
      options.halfOpenProbes ?? 1,
      1,
    );
    this.#state = new Uint8Array(clients);
    this.#failures = new Int32Array(clients);
    this.#probes = new Int32Array(clients);
    this.#openedAt = new Float64Array(clients);
  }

  /** State of client `id`'s breaker at time `now` (an open breaker turns half-open when due). */
  state(id: number, now: number): BreakerState {
    if (id >= this.#state.length) this.#grow(id);
    if (this.#state[id] === BREAKER_OPEN && now - this.#openedAt[id] >= this.openSeconds) {
      this.#state[id] = BREAKER_HALF_OPEN;
      this.#probes[id] = 0;
      this.#failures[id] = 0;
    }
    return this.#state[id] as BreakerState;
  }

  /** True if client `id` may send a request at time `now` (counts a half-open probe). */
  allowRequest(id: number, now: number): boolean {
    const state = this.state(id, now);
    if (state === BREAKER_CLOSED) return true;
    if (state === BREAKER_OPEN) return false;
    if (this.#probes[id] < this.halfOpenProbes) {
      this.#probes[id]++;
      return true;
    }
    return false;
  }

  /** Records a success of client `id`'s request. */
  onSuccess(id: number, _now: number): void {
    if (id >= this.#state.length) this.#grow(id);
    if (this.#state[id] === BREAKER_HALF_OPEN) {
      this.#failures[id]--; // counts successes downwards while half-open
      if (-this.#failures[id] >= this.halfOpenProbes) {
        this.#state[id] = BREAKER_CLOSED;
        this.#failures[id] = 0;
      }
    } else {
      this.#failures[id] = 0;
    }
  }

  /** Records a failure (timeout, error) of client `id`'s request. */
  onFailure(id: number, now: number): void {
    if (id >= this.#state.length) this.#grow(id);
    const state = this.#state[id];
    if (state === BREAKER_HALF_OPEN) {
      this.#open(id, now);
    } else if (state === BREAKER_CLOSED) {
      if (++this.#failures[id] >= this.failureThreshold) this.#open(id, now);
    }
  }

  /** Makes room for client ids up to `id` (doubling: rare). */
  #grow(id: number): void {
    const size = Math.max(id + 1, this.#state.length * 2);
    const state = new Uint8Array(size);
    state.set(this.#state);
    const failures = new Int32Array(size);
    failures.set(this.#failures);
    const probes = new Int32Array(size);
    probes.set(this.#probes);
    const openedAt = new Float64Array(size);
    openedAt.set(this.#openedAt);
    this.#state = state;
    this.#failures = failures;
    this.#probes = probes;
    this.#openedAt = openedAt;
  }

  #open(id: number, now: number): void {
    this.#state[id] = BREAKER_OPEN;
    this.#openedAt[id] = now;
    this.#failures[id] = 0;
  }
}

/** A single circuit breaker (e.g. one shared by all instances of a client app). */
export class CircuitBreaker {
  readonly #breakers: CircuitBreakers;

  /** Creates a closed breaker; throws a `RangeError` naming a bad option. */
  constructor(options: CircuitBreakerOptions = {}) {
    this.#breakers = new CircuitBreakers(1, options);
  }

  /** State at time `now`, seconds. */
  state(now: number): BreakerState {
    return this.#breakers.state(0, now);
  }

  /** True if a request may be sent at time `now`. */
  allowRequest(now: number): boolean {
    return this.#breakers.allowRequest(0, now);
  }

  /** Records a success. */
  onSuccess(now: number): void {
    this.#breakers.onSuccess(0, now);
  }

  /** Records a failure. */
  onFailure(now: number): void {
    this.#breakers.onFailure(0, now);
  }
}
