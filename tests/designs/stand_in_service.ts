/**
 * A minimal stand-in service on the engine fast path, for the design tests while the
 * click-day model is being built: c identical servers, exponential service times, a FIFO
 * queue with an optional cap (arrivals finding it full are rejected), and servers that can be
 * added or removed during the run (for the autoscaler).
 */
import type { Environment, RandomStream } from "../../sim/engine/mod.ts";

/** Options of the stand-in service. */
export interface StandInOptions {
  /** Servers at the start. */
  servers: number;
  /** Service rate per server, requests/s. */
  serviceRatePerSecond: number;
  /** Queue places (not counting requests in service); Infinity for unbounded. */
  queueCapacity?: number;
  /** Stream for service times. */
  random: RandomStream;
  /** Called when a request completes. */
  onComplete?: (requestId: number, now: number) => void;
}

/** c-server FIFO queue with exponential service (M/M/c/K when fed by Poisson arrivals). */
export class StandInService {
  readonly #env: Environment;
  readonly #serviceTime: () => number;
  readonly #queueCapacity: number;
  readonly #onComplete: (requestId: number, now: number) => void;
  readonly #finish: (requestId: number) => void;
  #queue: number[] = [];
  #queueHead = 0;
  #servers: number;
  #busy = 0;
  #peakQueue = 0;
  #rejected = 0;
  #busyArea = 0;
  #areaSince = 0;
  #lastChange = 0;

  constructor(env: Environment, options: StandInOptions) {
    this.#env = env;
    this.#servers = options.servers;
    this.#serviceTime = options.random.exponential(options.serviceRatePerSecond);
    this.#queueCapacity = options.queueCapacity ?? Infinity;
    this.#onComplete = options.onComplete ?? (() => {});
    this.#finish = (requestId) => {
      this.#accumulate();
      this.#busy--;
      this.#onComplete(requestId, this.#env.now);
      this.#startWaiting();
    };
  }

  /** Busy servers. */
  busy(): number {
    return this.#busy;
  }

  /** Time-averaged busy servers since the previous call (what a metrics agent reports). */
  averageBusySinceLastCall(): number {
    this.#accumulate();
    const now = this.#env.now;
    const average = now > this.#areaSince ? this.#busyArea / (now - this.#areaSince) : this.#busy;
    this.#busyArea = 0;
    this.#areaSince = now;
    return average;
  }

  #accumulate(): void {
    const now = this.#env.now;
    this.#busyArea += this.#busy * (now - this.#lastChange);
    this.#lastChange = now;
  }

  /** Servers online. */
  servers(): number {
    return this.#servers;
  }

  /** Requests waiting (not in service). */
  get queueLength(): number {
    return this.#queue.length - this.#queueHead;
  }

  /** Largest queue length seen. */
  get peakQueue(): number {
    return this.#peakQueue;
  }

  /** Requests rejected because the queue was full. */
  get rejected(): number {
    return this.#rejected;
  }

  /** Sets the servers online (busy servers above the new count finish their request). */
  setServers(servers: number): void {
    this.#servers = servers;
    this.#startWaiting();
  }

  /** Offers a request; false if the queue is full and it is rejected. */
  offer(requestId: number): boolean {
    if (this.#busy < this.#servers) {
      this.#start(requestId);
      return true;
    }
    if (this.queueLength >= this.#queueCapacity) {
      this.#rejected++;
      return false;
    }
    this.#queue.push(requestId);
    if (this.queueLength > this.#peakQueue) this.#peakQueue = this.queueLength;
    return true;
  }

  #start(requestId: number): void {
    this.#accumulate();
    this.#busy++;
    this.#env.schedule(this.#serviceTime(), this.#finish, requestId);
  }

  #startWaiting(): void {
    while (this.#busy < this.#servers && this.queueLength > 0) {
      this.#start(this.#queue[this.#queueHead++]);
    }
    if (this.#queueHead > 4096 && this.#queueHead * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#queueHead);
      this.#queueHead = 0;
    }
  }
}
