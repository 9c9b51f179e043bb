/**
 * Processes (SimPy-style process interaction): a generator function that yields events and is
 * resumed when each of them is processed. A {@link Process} is itself an event that succeeds
 * with the generator's return value (or fails with its uncaught error).
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import {
  EVENT_PENDING,
  EVENT_PROCESSED,
  EVENT_STARTING,
  type EventListener,
  PRIORITY_URGENT,
  SimEvent,
} from "./event.ts";

/**
 * The generator type a process runs: it yields events and may return a value of type
 * `Result` (default void, so generator functions need no return statement). `yield event`
 * evaluates to the event's value (typed unknown; narrow it where needed).
 */
export type ProcessGenerator<Result = void> = Generator<SimEvent, Result, unknown>;

/**
 * Thrown into a process's generator by {@link Process.interrupt}. `cause` is whatever the
 * interrupter passed (e.g. a {@link Preempted} record, a reason string).
 */
export class Interrupt extends Error {
  /** Why the process was interrupted. */
  override readonly cause: unknown;
  /**
   * Creates an Interrupt.
   *
   * @param cause why the process was interrupted.
   */
  constructor(cause: unknown) {
    super(`process interrupted: ${String(cause)}`);
    this.name = "Interrupt";
    this.cause = cause;
  }
}

/** Internal event that delivers an interrupt to a process at urgent priority. */
class Interruption extends SimEvent implements EventListener {
  constructor(env: Environment, private readonly target: Process, cause: unknown) {
    super(env);
    this.ok = false;
    this.value = new Interrupt(cause);
    this.defused = true;
    this.listener = this;
    env.trigger(this, PRIORITY_URGENT);
  }

  resume(): void {
    const process = this.target;
    if (process.state !== EVENT_PENDING) return; // finished meanwhile: nothing to interrupt
    const waitedFor = process.waitingFor;
    if (waitedFor !== null) {
      waitedFor.removeListener(process);
      process.waitingFor = null;
    }
    process.resume(this);
  }
}

/**
 * A running generator. Create with {@link Environment.process}. It starts at the current time
 * (urgent priority, before ordinary events due now), runs until it yields an event, and is
 * resumed with that event's value when it is processed (or has the error thrown in).
 */
export class Process extends SimEvent implements EventListener {
  /** The generator being run. */
  readonly generator: ProcessGenerator<unknown>;
  /** The event the process currently waits for, null when running or finished. */
  waitingFor: SimEvent | null = null;

  /**
   * Creates a Process.
   *
   * @param env environment
   * @param generator a started-but-not-advanced generator (call the generator function first)
   */
  constructor(env: Environment, generator: ProcessGenerator<unknown>) {
    super(env);
    if (
      generator === null || typeof generator !== "object" ||
      typeof (generator as ProcessGenerator<unknown>).next !== "function"
    ) {
      throw new TypeError(
        `Environment.process: expected a generator object (call the generator function), got ${
          String(generator)
        }`,
      );
    }
    this.generator = generator;
    this.state = EVENT_STARTING;
    env.trigger(this, PRIORITY_URGENT);
  }

  /** True while the generator has not returned or thrown. */
  get isAlive(): boolean {
    return this.state === EVENT_PENDING || this.state === EVENT_STARTING;
  }

  /**
   * Throws an {@link Interrupt} carrying `cause` into the process at the current time (before
   * ordinary events due now). The process stops waiting for its current event. Throws if the
   * process has finished or interrupts itself.
   */
  interrupt(cause?: unknown): void {
    if (!this.isAlive) throw new Error("Process.interrupt: the process has already finished");
    if (this.env.activeProcess === this) {
      throw new Error("Process.interrupt: a process cannot interrupt itself");
    }
    new Interruption(this.env, this, cause);
  }

  /** Advances the generator with `event`'s outcome (called by the calendar; not for users). */
  resume(event: SimEvent): void {
    const env = this.env;
    const generator = this.generator;
    const previous = env.activeProcess;
    env.activeProcess = this;
    this.waitingFor = null;
    let current = event;
    for (;;) {
      let result: IteratorResult<SimEvent, unknown>;
      try {
        if (current.ok) {
          result = generator.next(current.value);
        } else {
          current.defused = true;
          result = generator.throw(current.value);
        }
      } catch (error) {
        env.activeProcess = previous;
        this.finish(false, error);
        return;
      }
      if (result.done) {
        env.activeProcess = previous;
        this.finish(true, result.value);
        return;
      }
      const next = result.value;
      if (!(next instanceof SimEvent)) {
        const error = new TypeError(
          `process yielded ${String(next)}; a process must yield SimEvent objects ` +
            "(env.timeout(...), resource.request(), env.anyOf([...]), ...)",
        );
        try {
          generator.return(undefined);
        } catch { /* the generator's finally blocks failed: report the first error */ }
        env.activeProcess = previous;
        this.finish(false, error);
        return;
      }
      if (next.state === EVENT_PROCESSED) {
        current = next;
        continue;
      }
      if (next.listener === null && next.listeners === null) next.listener = this;
      else next.addListener(this);
      this.waitingFor = next;
      env.activeProcess = previous;
      return;
    }
  }

  /**
   * Ends the process. A successful process nobody waits for is marked processed at once
   * (no calendar entry); otherwise it is triggered like any event.
   */
  private finish(ok: boolean, value: unknown): void {
    this.ok = ok;
    this.value = value;
    if (ok && this.listener === null && this.listeners === null) {
      this.state = EVENT_PROCESSED;
      return;
    }
    this.state = EVENT_PENDING;
    this.env.trigger(this);
  }
}
