/**
 * Events of the process-interaction style: {@link SimEvent} (a one-shot occurrence that
 * processes wait for) and {@link Timeout} (an event that fires after a delay).
 *
 * @module
 */
import type { Environment } from "./environment.ts";

/** Something resumed when an event it waits for is processed (processes, conditions). */
export interface EventListener {
  /** Called once when the event is processed (its value or error is then final). */
  resume(event: SimEvent): void;
}

/** Event lifecycle: created, not yet triggered. */
export const EVENT_PENDING = 0;
/** Event lifecycle: triggered (value set) and on the calendar, listeners not yet called. */
export const EVENT_TRIGGERED = 1;
/** Event lifecycle: processed; listeners have been called. */
export const EVENT_PROCESSED = 2;
/** Event lifecycle of a process that was created but has not started running yet. */
export const EVENT_STARTING = 3;

/** Calendar priority of interrupts and process starts (before normal events at equal time). */
export const PRIORITY_URGENT: number = -1;
/** Calendar priority of ordinary events. */
export const PRIORITY_NORMAL = 0;

/** Wraps a plain function as an {@link EventListener}. */
class CallbackListener implements EventListener {
  constructor(private readonly callback: (event: SimEvent) => void) {}
  resume(event: SimEvent): void {
    this.callback(event);
  }
}

/**
 * A one-shot event on an {@link Environment}'s calendar. Processes `yield` it to wait; it is
 * triggered by {@link SimEvent.succeed} or {@link SimEvent.fail}, then processed at the current
 * simulated time, when its listeners run in the order they were added.
 */
export class SimEvent {
  /** The environment whose calendar this event lives on. */
  readonly env: Environment;
  /** Lifecycle state: one of the EVENT_* constants. */
  state: number = EVENT_PENDING;
  /** True if the event succeeded, false if it failed (meaningful once triggered). */
  ok = true;
  /** Value on success, error on failure (meaningful once triggered). */
  value: unknown = undefined;
  /** Set when a failure has been handed to someone (so it is not rethrown from run()). */
  defused = false;
  /** First listener (kept apart so a single waiter needs no array). */
  listener: EventListener | null = null;
  /** Further listeners, in the order they were added. */
  listeners: EventListener[] | null = null;

  /**
   * Creates a SimEvent.
   *
   * @param env the environment the event belongs to.
   */
  constructor(env: Environment) {
    this.env = env;
  }

  /** True once the event has a value (succeeded or failed), even if not yet processed. */
  get triggered(): boolean {
    return this.state === EVENT_TRIGGERED || this.state === EVENT_PROCESSED;
  }

  /** True once listeners have been called. */
  get processed(): boolean {
    return this.state === EVENT_PROCESSED;
  }

  /**
   * Triggers the event successfully with `value`; it is processed at the current time after
   * events already due now. Throws if it was already triggered.
   */
  succeed(value?: unknown): this {
    if (this.state !== EVENT_PENDING) {
      throw new Error(`SimEvent.succeed: event already triggered (state ${this.state})`);
    }
    this.ok = true;
    this.value = value;
    this.env.trigger(this);
    return this;
  }

  /** Triggers the event as failed with `error`; waiting processes get it thrown. */
  fail(error: unknown): this {
    if (this.state !== EVENT_PENDING) {
      throw new Error(`SimEvent.fail: event already triggered (state ${this.state})`);
    }
    this.ok = false;
    this.value = error;
    this.env.trigger(this);
    return this;
  }

  /** Adds a listener; it is resumed when the event is processed. */
  addListener(listener: EventListener): void {
    if (this.listener === null && this.listeners === null) this.listener = listener;
    else if (this.listeners === null) this.listeners = [listener];
    else this.listeners.push(listener);
  }

  /** Removes a listener added earlier; no-op if absent. */
  removeListener(listener: EventListener): void {
    if (this.listener === listener) {
      this.listener = null;
      return;
    }
    const listeners = this.listeners;
    if (listeners === null) return;
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  }

  /** Calls `callback(event)` when the event is processed (after earlier listeners). */
  onProcessed(callback: (event: SimEvent) => void): void {
    this.addListener(new CallbackListener(callback));
  }
}

/**
 * An event that succeeds `delay` seconds after it is created. Created by
 * {@link Environment.timeout}. It can be cancelled (e.g. a client timeout when the reply came
 * first): a cancelled timeout never fires and its listeners are never called.
 */
export class Timeout extends SimEvent {
  /** Calendar handle (see {@link Environment.cancel}). */
  handle: number;
  /** Delay in seconds from creation. */
  readonly delay: number;

  /**
   * Creates a Timeout.
   *
   * @param env environment
   * @param delay seconds from now, finite and >= 0
   * @param value value the timeout succeeds with
   */
  constructor(env: Environment, delay: number, value?: unknown) {
    super(env);
    this.delay = delay;
    this.value = value;
    this.state = EVENT_TRIGGERED;
    this.handle = env.scheduleEvent(delay, this);
  }

  /** Cancels the timeout; true if it was still pending. Its listeners will never run. */
  cancel(): boolean {
    return this.env.cancel(this.handle);
  }
}
