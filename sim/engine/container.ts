/**
 * {@link Container}: a continuous or discrete level (e.g. a bonus budget in euro, stock of
 * vouchers) that processes take from and add to, blocking when short or full.
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { SimEvent } from "./event.ts";
import { RingQueue } from "./ring_queue.ts";

/** Options of {@link Container}. */
export interface ContainerOptions {
  /** Maximum level (same unit as amounts, e.g. euro); default Infinity. */
  capacity?: number;
  /** Level at start (default 0). */
  initial?: number;
}

/** A pending get or put on a {@link Container}; succeeds when the amount has moved. */
export class ContainerEvent extends SimEvent {
  /** Amount to move (same unit as the level). */
  readonly amount: number;
  /** Set when withdrawn with {@link Container.cancel}. */
  withdrawn = false;
  /**
   * Creates a ContainerEvent.
   *
   * @param env environment
   * @param amount amount to move, > 0
   */
  constructor(env: Environment, amount: number) {
    super(env);
    this.amount = amount;
  }
}

function checkAmount(method: string, amount: number, capacity: number): void {
  if (!(amount > 0) || amount > capacity) {
    throw new RangeError(
      `Container.${method}: amount must be a number > 0 and <= capacity (${capacity}), got ${amount}`,
    );
  }
}

/**
 * A level between 0 and `capacity`. `get(amount)` waits until the level covers the amount,
 * `put(amount)` waits until there is room. Both queues are served strictly first-in first-out
 * (a large get at the front blocks smaller ones behind it). The level never goes negative or
 * above capacity.
 */
export class Container {
  /** The environment. */
  readonly env: Environment;
  /** Maximum level. */
  readonly capacity: number;
  private current: number;
  private readonly gets = new RingQueue<ContainerEvent>();
  private readonly puts = new RingQueue<ContainerEvent>();
  private waitingGets = 0;
  private waitingPuts = 0;

  /**
   * Creates a Container.
   *
   * @param env environment
   * @param options capacity (default Infinity) and initial level (default 0)
   */
  constructor(env: Environment, options: ContainerOptions = {}) {
    const capacity = options.capacity ?? Infinity;
    const initial = options.initial ?? 0;
    if (!(capacity > 0)) {
      throw new RangeError(`Container: capacity must be a number > 0, got ${capacity}`);
    }
    if (!(initial >= 0) || initial > capacity) {
      throw new RangeError(
        `Container: initial level must be between 0 and capacity (${capacity}), got ${initial}`,
      );
    }
    this.env = env;
    this.capacity = capacity;
    this.current = initial;
  }

  /** Current level. */
  get level(): number {
    return this.current;
  }

  /** Gets waiting for the level to rise. */
  get getQueueLength(): number {
    return this.waitingGets;
  }

  /** Puts waiting for room. */
  get putQueueLength(): number {
    return this.waitingPuts;
  }

  /** Takes `amount` (> 0); the event succeeds once it is taken. */
  get(amount: number): ContainerEvent {
    checkAmount("get", amount, this.capacity);
    const event = new ContainerEvent(this.env, amount);
    this.gets.push(event);
    this.waitingGets++;
    this.settle();
    return event;
  }

  /** Adds `amount` (> 0); the event succeeds once it is added. */
  put(amount: number): ContainerEvent {
    checkAmount("put", amount, this.capacity);
    const event = new ContainerEvent(this.env, amount);
    this.puts.push(event);
    this.waitingPuts++;
    this.settle();
    return event;
  }

  /**
   * Takes `amount` now if the level covers it and no get is waiting; returns false (and takes
   * nothing) otherwise. Never blocks: use it for "funded or denied by budget" decisions.
   */
  tryGet(amount: number): boolean {
    checkAmount("tryGet", amount, this.capacity);
    if (this.waitingGets > 0 || this.current < amount) return false;
    this.current -= amount;
    this.settle();
    return true;
  }

  /** Adds `amount` now if it fits and no put is waiting; returns false otherwise. */
  tryPut(amount: number): boolean {
    checkAmount("tryPut", amount, this.capacity);
    if (this.waitingPuts > 0 || this.current + amount > this.capacity) return false;
    this.current += amount;
    this.settle();
    return true;
  }

  /** Withdraws a waiting get or put (e.g. the client gave up); true if it was waiting. */
  cancel(event: ContainerEvent): boolean {
    if (event.withdrawn || event.triggered) return false;
    event.withdrawn = true;
    if (this.dropWithdrawn(this.gets, event)) this.waitingGets--;
    else if (this.dropWithdrawn(this.puts, event)) this.waitingPuts--;
    this.settle();
    return true;
  }

  /** Removes `event` from `queue`; true if it was there. */
  private dropWithdrawn(queue: RingQueue<ContainerEvent>, event: ContainerEvent): boolean {
    for (let i = 0; i < queue.length; i++) {
      if (queue.at(i) === event) {
        queue.removeAt(i);
        return true;
      }
    }
    return false;
  }

  /** Serves the heads of both queues while possible. */
  private settle(): void {
    let progress = true;
    while (progress) {
      progress = false;
      const put = this.puts.peek();
      if (put !== undefined && this.current + put.amount <= this.capacity) {
        this.puts.shift();
        this.waitingPuts--;
        this.current += put.amount;
        put.succeed(put.amount);
        progress = true;
      }
      const get = this.gets.peek();
      if (get !== undefined && this.current >= get.amount) {
        this.gets.shift();
        this.waitingGets--;
        this.current -= get.amount;
        get.succeed(get.amount);
        progress = true;
      }
    }
  }
}
