/**
 * The simulation environment: simulated clock, event calendar, and the two ways of writing
 * models on it — fast-path callbacks ({@link Environment.schedule}) and SimPy-style processes
 * ({@link Environment.process}).
 *
 * @module
 */
import { EventCalendar, type EventCallback } from "./calendar.ts";
import { Condition } from "./condition.ts";
import {
  EVENT_PENDING,
  EVENT_PROCESSED,
  EVENT_STARTING,
  EVENT_TRIGGERED,
  PRIORITY_NORMAL,
  SimEvent,
  Timeout,
} from "./event.ts";
import { Process, type ProcessGenerator } from "./process.ts";
import { LaneSet } from "./lane_set.ts";

/** Options of {@link Environment}. */
export interface EnvironmentOptions {
  /** Simulated time at start, seconds (default 0). */
  startTime?: number;
  /** Calendar slots to preallocate (default 1024; grows as needed). */
  initialCapacity?: number;
}

/** Options of {@link Environment.run}. */
export interface RunOptions {
  /**
   * Stop at this simulated time (seconds; events due exactly then stay pending, and `now`
   * becomes `until`), or when this event has been processed.
   */
  until?: number | SimEvent;
}

function checkDelay(method: string, delay: number): void {
  if (!(delay >= 0) || delay === Infinity) {
    throw new RangeError(
      `Environment.${method}: delay must be a finite number of seconds >= 0, got ${delay}`,
    );
  }
}

function checkPriority(method: string, priority: number): void {
  if (!Number.isFinite(priority)) {
    throw new RangeError(
      `Environment.${method}: priority must be a finite number (lower fires first), got ${priority}`,
    );
  }
}

/**
 * A discrete-event simulation environment. Time is a float in seconds. The calendar orders
 * events by (time, priority ascending, insertion sequence): ties are first-in first-out.
 */
export class Environment {
  private readonly calendar: EventCalendar;
  /** FIFO lanes of constant-delay events beside the calendar (see `delay_lane.ts`). */
  readonly lanes: LaneSet = new LaneSet();
  private currentTime: number;
  private processedCount = 0;
  private stopRequested = false;
  /** The process whose generator is running right now, null in callbacks. */
  activeProcess: Process | null = null;

  /**
   * Creates an environment.
   *
   * @param options start time (seconds) and calendar preallocation.
   */
  constructor(options: EnvironmentOptions = {}) {
    const startTime = options.startTime ?? 0;
    if (!Number.isFinite(startTime)) {
      throw new RangeError(
        `Environment: startTime must be a finite number of seconds, got ${startTime}`,
      );
    }
    this.currentTime = startTime;
    this.calendar = new EventCalendar(options.initialCapacity ?? 1024);
  }

  /** Current simulated time, seconds. */
  get now(): number {
    return this.currentTime;
  }

  /** Number of events fired so far (callbacks run plus events processed; cancelled excluded). */
  get eventsProcessed(): number {
    return this.processedCount;
  }

  /** Number of pending (not cancelled) events, on the calendar and in lanes. */
  get pendingEvents(): number {
    return this.calendar.size + this.lanes.pending;
  }

  /**
   * Fast path: calls `callback(payload)` after `delay` seconds. Allocates nothing per call
   * when `callback` is created once; `payload` is typically an index into the caller's typed
   * arrays. Returns a handle for {@link cancel}.
   *
   * @param delay seconds from now, finite and >= 0
   * @param callback function called with `payload`
   * @param payload number passed to the callback (default 0)
   * @param priority tie-break at equal times, lower first (default 0)
   */
  schedule(delay: number, callback: EventCallback, payload = 0, priority = 0): number {
    checkDelay("schedule", delay);
    if (delay === 0 && (priority === 0 || priority === -1)) {
      return this.calendar.pushNow(this.currentTime, priority, callback, null, payload);
    }
    checkPriority("schedule", priority);
    return this.calendar.push(this.currentTime + delay, priority, callback, null, payload);
  }

  /**
   * Fast path at an absolute time (seconds, not before {@link now}). See {@link schedule}.
   */
  scheduleAt(time: number, callback: EventCallback, payload = 0, priority = 0): number {
    if (!(time >= this.currentTime) || time === Infinity) {
      throw new RangeError(
        `Environment.scheduleAt: time must be finite and not before now (${this.currentTime} s), got ${time}`,
      );
    }
    checkPriority("scheduleAt", priority);
    if (time === this.currentTime && (priority === 0 || priority === -1)) {
      return this.calendar.pushNow(time, priority, callback, null, payload);
    }
    return this.calendar.push(time, priority, callback, null, payload);
  }

  /** Cancels a scheduled event by handle; true if it was still pending. It will never fire. */
  cancel(handle: number): boolean {
    return this.calendar.cancel(handle);
  }

  /** True if the event with `handle` is still pending. */
  isPending(handle: number): boolean {
    return this.calendar.isPending(handle);
  }

  /** Time of the next pending event in seconds, Infinity if none. */
  peek(): number {
    return Math.min(this.calendar.peekTime(), this.lanes.nextTime);
  }

  /** Places a SimEvent on the calendar `delay` seconds from now (internal; used by Timeout). */
  scheduleEvent(delay: number, event: SimEvent, priority = PRIORITY_NORMAL): number {
    checkDelay("timeout", delay);
    if (priority === 0 && delay === 0) {
      return this.calendar.pushNow(this.currentTime, 0, null, event, 0);
    }
    return this.calendar.push(this.currentTime + delay, priority, null, event, 0);
  }

  /** Puts a just-triggered event on the calendar at the current time (internal). */
  trigger(event: SimEvent, priority = PRIORITY_NORMAL): void {
    if (event.state === EVENT_PENDING) event.state = EVENT_TRIGGERED;
    if (priority === 0 || priority === -1) {
      this.calendar.pushNow(this.currentTime, priority, null, event, 0);
    } else this.calendar.push(this.currentTime, priority, null, event, 0);
  }

  /**
   * Processes the next event. Returns false when the calendar is empty. Throws the error of a
   * failed event nobody waited for (e.g. a process that crashed).
   */
  step(): boolean {
    const calendar = this.calendar;
    const lanes = this.lanes;
    const next = calendar.peekTime();
    if (lanes.nextTime < next) {
      this.currentTime = lanes.nextTime;
      this.processedCount++;
      lanes.fireNext();
      return true;
    }
    const slot = calendar.pop();
    if (slot < 0) return false;
    this.fire(slot, next);
    return true;
  }

  /** Fires the calendar event in `slot`, due at `time` (just popped, right after a peek). */
  private fire(slot: number, time: number): void {
    const calendar = this.calendar;
    this.currentTime = time;
    const callback = calendar.callbacks[slot];
    const subject = calendar.subjects[slot];
    const payload = calendar.payloads[slot];
    calendar.release(slot);
    this.processedCount++;
    if (callback !== null) callback(payload);
    else this.processEvent(subject as SimEvent);
  }

  /** Runs a processed event's listeners (or starts a process). */
  private processEvent(event: SimEvent): void {
    if (event.state === EVENT_STARTING) {
      event.state = EVENT_PENDING;
      (event as Process).resume(event);
      return;
    }
    event.state = EVENT_PROCESSED;
    const first = event.listener;
    const rest = event.listeners;
    if (first === null && rest === null) {
      if (!event.ok && !event.defused) throw event.value;
      return;
    }
    event.listener = null;
    event.listeners = null;
    if (first !== null) first.resume(event);
    if (rest !== null) { for (let i = 0; i < rest.length; i++) rest[i].resume(event); }
  }

  /**
   * Runs the simulation: until the calendar is empty, until simulated time `until` (seconds;
   * `now` is then set to `until`), or until the event `until` has been processed (its value is
   * returned; its error is thrown if it failed). {@link stop} makes it return early.
   */
  run(options: RunOptions = {}): unknown {
    const until = options.until;
    this.stopRequested = false;
    if (until === undefined) {
      while (!this.stopRequested && this.step());
      return undefined;
    }
    if (typeof until === "number") {
      if (Number.isNaN(until) || until < this.currentTime) {
        throw new RangeError(
          `Environment.run: until must be a time (seconds) not before now (${this.currentTime}), got ${until}`,
        );
      }
      const calendar = this.calendar;
      const lanes = this.lanes;
      while (!this.stopRequested) {
        const next = calendar.peekTime();
        if (lanes.nextTime < next) {
          if (lanes.nextTime >= until) break;
          this.currentTime = lanes.nextTime;
          this.processedCount++;
          lanes.fireNext();
          continue;
        }
        if (next >= until) break;
        this.fire(calendar.pop(), next);
      }
      if (!this.stopRequested && until !== Infinity) this.currentTime = until;
      return undefined;
    }
    if (!(until instanceof SimEvent)) {
      throw new TypeError(
        `Environment.run: until must be a number or a SimEvent, got ${String(until)}`,
      );
    }
    while (!this.stopRequested && until.state !== EVENT_PROCESSED) {
      if (!this.step()) {
        throw new Error(
          "Environment.run: the calendar is empty but the until event was never processed",
        );
      }
    }
    if (until.state === EVENT_PROCESSED && !until.ok) {
      until.defused = true;
      throw until.value;
    }
    return until.value;
  }

  /** Makes {@link run} return after the event being processed now. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Starts a process: `generator` (the result of calling a generator function) yields events
   * and is resumed when each is processed. The process starts at the current time.
   */
  process(generator: ProcessGenerator<unknown>): Process {
    return new Process(this, generator);
  }

  /** An event that succeeds with `value` after `delay` seconds (finite, >= 0). */
  timeout(delay: number, value?: unknown): Timeout {
    return new Timeout(this, delay, value);
  }

  /** A fresh pending event; trigger it with `.succeed(value)` or `.fail(error)`. */
  event(): SimEvent {
    return new SimEvent(this);
  }

  /** An event that succeeds when the first of `events` is processed (value: that event). */
  anyOf(events: readonly SimEvent[]): Condition {
    return new Condition(this, "any", events);
  }

  /** An event that succeeds when all `events` are processed (value: their values in order). */
  allOf(events: readonly SimEvent[]): Condition {
    return new Condition(this, "all", events);
  }
}
