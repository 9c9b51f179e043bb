/**
 * {@link PriorityResource} (queue served by priority) and {@link PreemptiveResource} (a
 * high-priority request can take a unit from a lower-priority user, whose process is
 * interrupted with a {@link Preempted} cause).
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { Request, REQUEST_PREEMPTED, REQUEST_QUEUED, Resource } from "./resource.ts";
import type { Process } from "./process.ts";

function checkPriority(owner: string, priority: number): void {
  if (!Number.isFinite(priority)) {
    throw new RangeError(
      `${owner}.request: priority must be a finite number (lower first), got ${priority}`,
    );
  }
}

/** True if request `a` is served before `b`: lower priority value, then earlier arrival. */
function servedBefore(a: Request, b: Request): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.sequence < b.sequence);
}

/**
 * A resource whose queue is served by priority (lower value first), FIFO among equal
 * priorities. Capacity changes as for {@link Resource}.
 */
export class PriorityResource extends Resource {
  private readonly heap: Request[] = [];

  /**
   * Creates a PriorityResource.
   *
   * @param env environment
   * @param capacity number of units (integer >= 0, or Infinity)
   */
  constructor(env: Environment, capacity: number) {
    super(env, capacity);
  }

  /**
   * Asks for one unit with `priority` (lower is served first; default 0).
   * `preempt` is ignored here; see {@link PreemptiveResource}.
   */
  override request(priority = 0, preempt = false): Request {
    checkPriority(this.constructor.name, priority);
    const request = new Request(this, priority, preempt, this.nextSequence++);
    this.admit(request);
    return request;
  }

  /** Grants or queues a new request (internal). */
  protected admit(request: Request): void {
    if (this.waiting === 0 && this.inUse < this.capacity) this.grant(request);
    else {
      this.enqueue(request);
      this.grantWaiting();
    }
  }

  /** Inserts into the priority heap (lower priority value, then earlier arrival, first). */
  protected override enqueue(request: Request): void {
    this.waiting++;
    const heap = this.heap;
    let i = heap.length;
    heap.push(request);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!servedBefore(request, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = request;
  }

  /** Pops the best waiting request that was not withdrawn. */
  protected override takeNext(): Request | undefined {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        const size = heap.length;
        for (;;) {
          let child = 2 * i + 1;
          if (child >= size) break;
          if (child + 1 < size && servedBefore(heap[child + 1], heap[child])) child++;
          if (!servedBefore(heap[child], last)) break;
          heap[i] = heap[child];
          i = child;
        }
        heap[i] = last;
      }
      if (top.status === REQUEST_QUEUED) return top;
    }
    return undefined;
  }
}

/** Interrupt cause given to a process that lost its unit to a higher-priority request. */
export class Preempted {
  /**
   * Creates a Preempted.
   *
   * @param by the process of the preempting request (null if made from a callback)
   * @param request the preempting request
   * @param usageSince when the preempted request got its unit, seconds
   * @param resource the resource
   */
  constructor(
    readonly by: Process | null,
    readonly request: Request,
    readonly usageSince: number,
    readonly resource: Resource,
  ) {}
}

/**
 * A priority resource where `request(priority, true)` takes a unit from the user with the
 * worst (highest) priority value if that is strictly worse than its own; among equals the
 * most recently granted user is evicted. The evicted request gets status
 * REQUEST_PREEMPTED and its process is interrupted with a {@link Preempted} cause (release is
 * then unnecessary). Lowering the capacity never preempts.
 */
export class PreemptiveResource extends PriorityResource {
  private readonly users: Request[] = [];

  /**
   * Creates a PreemptiveResource.
   *
   * @param env environment
   * @param capacity number of units (integer >= 0, or Infinity)
   */
  constructor(env: Environment, capacity: number) {
    super(env, capacity);
  }

  /** Asks for one unit with `priority` (lower first); `preempt` (default true) may evict. */
  override request(priority = 0, preempt = true): Request {
    return super.request(priority, preempt);
  }

  /** Evicts a worse user if this request may preempt, then grants or queues it. */
  protected override admit(request: Request): void {
    if (request.preempt && this.inUse >= this.capacity && this.capacity > 0) {
      let victim: Request | null = null;
      for (const user of this.users) {
        if (
          victim === null || user.priority > victim.priority ||
          (user.priority === victim.priority && user.grantedAt >= victim.grantedAt)
        ) victim = user;
      }
      if (victim !== null && victim.priority > request.priority) {
        this.evict(victim, request);
      }
    }
    super.admit(request);
  }

  /** Takes the unit from `victim` and interrupts its process with a Preempted cause. */
  private evict(victim: Request, by: Request): void {
    victim.status = REQUEST_PREEMPTED;
    this.inUse--;
    this.removeUser(victim);
    const process = victim.process;
    if (process !== null && process.isAlive) {
      process.interrupt(new Preempted(by.process, by, victim.grantedAt, this));
    }
  }

  /** Remembers a request holding a unit. */
  protected override addUser(request: Request): void {
    this.users.push(request);
  }

  /** Forgets a request that no longer holds a unit. */
  protected override removeUser(request: Request): void {
    const index = this.users.indexOf(request);
    if (index >= 0) this.users.splice(index, 1);
  }

  /** Requests currently holding a unit (read-only view). */
  get currentUsers(): readonly Request[] {
    return this.users;
  }
}
