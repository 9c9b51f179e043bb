/**
 * {@link Resource}: `capacity` identical servers (threads, workers, licences) shared by
 * requests, with a first-in first-out wait queue. Capacity can change during a run
 * (autoscaling, breakdowns, maintenance) without losing or reordering queued requests.
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { SimEvent } from "./event.ts";
import type { Process } from "./process.ts";
import { RingQueue } from "./ring_queue.ts";

/** Request status: waiting in the queue. */
export const REQUEST_QUEUED = 0;
/** Request status: holds a unit of the resource. */
export const REQUEST_GRANTED = 1;
/** Request status: released after use, or withdrawn from the queue. */
export const REQUEST_RELEASED = 2;
/** Request status: lost its unit to a higher-priority request (preemptive resource). */
export const REQUEST_PREEMPTED = 3;

/**
 * A request for one unit of a resource. It is an event that succeeds when the unit is
 * granted; yield it from a process, then call `resource.release(request)` when done (also to
 * withdraw a request still waiting, e.g. after a client timeout).
 */
export class Request extends SimEvent {
  /** The resource asked. */
  readonly resource: Resource;
  /** Priority (lower is served first; 0 for plain resources). */
  readonly priority: number;
  /** Whether this request may preempt a lower-priority user (preemptive resources only). */
  readonly preempt: boolean;
  /** Order of arrival at the resource (tie-break). */
  readonly sequence: number;
  /** Simulated time the request was made, seconds. */
  readonly requestedAt: number;
  /** Simulated time the unit was granted, seconds (NaN until granted). */
  grantedAt: number = NaN;
  /** One of the REQUEST_* statuses. */
  status: number = REQUEST_QUEUED;
  /** The process that made the request (null if made from a callback). */
  readonly process: Process | null;

  /**
   * Creates a Request.
   *
   * @param resource resource asked
   * @param priority lower is served first
   * @param preempt may preempt lower-priority users
   * @param sequence arrival order
   */
  constructor(resource: Resource, priority: number, preempt: boolean, sequence: number) {
    const env = resource.env;
    super(env);
    this.resource = resource;
    this.priority = priority;
    this.preempt = preempt;
    this.sequence = sequence;
    this.requestedAt = env.now;
    this.process = env.activeProcess;
  }
}

function checkCapacity(owner: string, capacity: number): void {
  if (!(capacity >= 0) || (capacity !== Infinity && !Number.isInteger(capacity))) {
    throw new RangeError(
      `${owner}: capacity must be an integer >= 0 (or Infinity), got ${capacity}`,
    );
  }
}

/**
 * A resource with `capacity` units and a FIFO queue. Invariant: units in use never exceed the
 * capacity, except right after a capacity decrease — running requests are not evicted; no new
 * grants happen until usage drops below the new capacity.
 */
export class Resource {
  /** The environment. */
  readonly env: Environment;
  private units: number;
  /** Units in use. */
  protected inUse = 0;
  /** Requests waiting (withdrawn ones excluded). */
  protected waiting = 0;
  /** Arrival counter for tie-breaks. */
  protected nextSequence = 0;
  private readonly fifo = new RingQueue<Request>();

  /**
   * Creates a Resource.
   *
   * @param env environment
   * @param capacity number of units (integer >= 0, or Infinity)
   */
  constructor(env: Environment, capacity: number) {
    checkCapacity(new.target.name, capacity);
    this.env = env;
    this.units = capacity;
  }

  /** Number of units. Setting it grants waiting requests if it grew; see class docs. */
  get capacity(): number {
    return this.units;
  }

  set capacity(capacity: number) {
    checkCapacity(`${this.constructor.name}.capacity`, capacity);
    this.units = capacity;
    this.grantWaiting();
  }

  /** Units in use. */
  get count(): number {
    return this.inUse;
  }

  /** Requests waiting for a unit. */
  get queueLength(): number {
    return this.waiting;
  }

  /** Asks for one unit; the returned request succeeds when it is granted (FIFO). */
  request(): Request {
    const request = new Request(this, 0, false, this.nextSequence++);
    if (this.waiting === 0 && this.inUse < this.units) this.grant(request);
    else this.enqueue(request);
    return request;
  }

  /**
   * Gives back the unit held by `request`, or withdraws it from the queue if still waiting.
   * Releasing twice, or after a preemption, does nothing.
   */
  release(request: Request): void {
    if (request.resource !== this) {
      throw new Error(`${this.constructor.name}.release: the request belongs to another resource`);
    }
    if (request.status === REQUEST_GRANTED) {
      request.status = REQUEST_RELEASED;
      this.inUse--;
      this.removeUser(request);
      this.grantWaiting();
    } else if (request.status === REQUEST_QUEUED) {
      request.status = REQUEST_RELEASED; // withdrawn: skipped when it reaches the front
      this.waiting--;
    }
  }

  /** Grants one unit to `request` (internal). */
  protected grant(request: Request): void {
    this.inUse++;
    request.status = REQUEST_GRANTED;
    request.grantedAt = this.env.now;
    this.addUser(request);
    request.succeed();
  }

  /** Grants units to waiting requests while capacity allows (internal). */
  protected grantWaiting(): void {
    while (this.waiting > 0 && this.inUse < this.units) {
      const next = this.takeNext();
      if (next === undefined) break;
      this.waiting--;
      this.grant(next);
    }
  }

  /** Queues a request (internal; overridden by priority resources). */
  protected enqueue(request: Request): void {
    this.waiting++;
    this.fifo.push(request);
  }

  /** Removes the next waiting request that was not withdrawn (internal). */
  protected takeNext(): Request | undefined {
    for (;;) {
      const request = this.fifo.shift();
      if (request === undefined || request.status === REQUEST_QUEUED) return request;
    }
  }

  /** Hook: a request got a unit (preemptive resources track users). */
  protected addUser(_request: Request): void {}

  /** Hook: a request gave its unit back. */
  protected removeUser(_request: Request): void {}
}
