/**
 * Queue disciplines as strategy objects: which queued request a tier serves next. Each holds
 * request slot numbers in the engine's ring deque; entries whose request already left the
 * queue (reneged) stay until they surface and the tier skips them, so the tier keeps the live
 * count itself.
 *
 * - `fifo`: first come, first served.
 * - `lifo`: newest first (Facebook's "adaptive LIFO" without the adaptation): under a backlog
 *   the requests still worth serving — whose clients are still waiting — go first.
 * - `adaptive_lifo`: FIFO while the queue is at most `adaptive_lifo_threshold` long, LIFO above.
 * - `priority`: FIFO within the operations' priority levels, level 0 first (non-preemptive).
 * - `deadline_drop`: FIFO, but a request that waited longer than `deadline_seconds` is dropped
 *   at dequeue instead of served (its client, if still waiting, sees a failure) — the server
 *   spends no time on work its client has most likely given up on.
 *
 * Adding a discipline = one class here plus one line in {@link DISCIPLINES}.
 *
 * @module
 */
import { RingQueue } from "../../engine/mod.ts";

/** A queue discipline's state for one tier. */
export interface QueueDiscipline {
  /** Queues `request` at priority `level` (0 = first; ignored by most disciplines). */
  push(request: number, level: number): void;
  /**
   * Takes the next request to serve (possibly one that already left; the tier checks), or −1
   * when no entry is left. `queued` is the tier's live queue length before this pop.
   */
  pop(queued: number): number;
  /** The oldest entry (front), or −1 when empty (for queue-delay signals). */
  oldest(): number;
  /** Takes every entry out, oldest first, calling `each` on it. */
  drain(each: (request: number) => void): void;
  /** Requests waiting longer than this are dropped at dequeue, seconds (Infinity: never). */
  readonly deadline: number;
}

/** Options a discipline is built with. */
export interface DisciplineOptions {
  /** Priority levels (the distinct operation priorities). */
  levels: number;
  /** Adaptive LIFO's threshold, requests. */
  threshold: number;
  /** Deadline of `deadline_drop`, seconds. */
  deadline: number;
}

class Fifo implements QueueDiscipline {
  protected readonly queue = new RingQueue<number>(256);
  readonly deadline: number = Infinity;
  push(request: number, _level: number): void {
    this.queue.push(request);
  }
  pop(_queued: number): number {
    return this.queue.shift() ?? -1;
  }
  oldest(): number {
    return this.queue.peek() ?? -1;
  }
  drain(each: (request: number) => void): void {
    for (let request = this.queue.shift(); request !== undefined; request = this.queue.shift()) {
      each(request);
    }
  }
}

class Lifo extends Fifo {
  override pop(_queued: number): number {
    return this.queue.pop() ?? -1;
  }
}

class AdaptiveLifo extends Fifo {
  constructor(private readonly threshold: number) {
    super();
  }
  override pop(queued: number): number {
    return (queued > this.threshold ? this.queue.pop() : this.queue.shift()) ?? -1;
  }
}

class DeadlineDrop extends Fifo {
  override readonly deadline: number;
  constructor(deadline: number) {
    super();
    this.deadline = deadline;
  }
}

class Priority implements QueueDiscipline {
  private readonly queues: RingQueue<number>[];
  readonly deadline: number = Infinity;
  constructor(levels: number) {
    this.queues = Array.from({ length: Math.max(1, levels) }, () => new RingQueue<number>(256));
  }
  push(request: number, level: number): void {
    this.queues[level].push(request);
  }
  pop(_queued: number): number {
    for (const queue of this.queues) if (queue.length > 0) return queue.shift()!;
    return -1;
  }
  oldest(): number {
    // the front of the highest-priority non-empty level (what is served next)
    for (const queue of this.queues) if (queue.length > 0) return queue.peek()!;
    return -1;
  }
  drain(each: (request: number) => void): void {
    for (const queue of this.queues) {
      for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
        each(request);
      }
    }
  }
}

/** Every discipline, by its scenario name. */
export const DISCIPLINES = {
  fifo: () => new Fifo(),
  lifo: () => new Lifo(),
  adaptive_lifo: (options: DisciplineOptions) => new AdaptiveLifo(options.threshold),
  priority: (options: DisciplineOptions) => new Priority(options.levels),
  deadline_drop: (options: DisciplineOptions) => new DeadlineDrop(options.deadline),
} as const;

/** A discipline's scenario name. */
export type DisciplineName = keyof typeof DISCIPLINES;

/** The discipline names, for the schema. */
export const DISCIPLINE_NAMES = Object.keys(DISCIPLINES) as [DisciplineName, ...DisciplineName[]];

/** Builds the discipline named `name`. */
export function buildDiscipline(name: DisciplineName, options: DisciplineOptions): QueueDiscipline {
  return DISCIPLINES[name](options);
}
