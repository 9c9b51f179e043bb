/**
 * Conditions: events that wait for several other events ({@link Environment.anyOf},
 * {@link Environment.allOf}).
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { EVENT_PENDING, EVENT_PROCESSED, type EventListener, SimEvent } from "./event.ts";

/**
 * Succeeds when any (`mode` "any") or all (`mode` "all") of `events` have been processed
 * successfully; fails as soon as one of them fails. Value: for "any", the first event that
 * was processed (check `event === timeout` to see which won); for "all", the array of the
 * events' values in the order given. An empty list succeeds at once. When the condition is
 * decided it stops listening to the remaining events (they still fire on their own; cancel a
 * losing {@link Timeout} yourself if it should not).
 */
export class Condition extends SimEvent implements EventListener {
  /** The events waited for, in the order given. */
  readonly events: readonly SimEvent[];
  /** "any" or "all". */
  readonly mode: "any" | "all";
  private remaining: number;

  /**
   * Creates a Condition.
   *
   * @param env environment
   * @param mode "any" or "all"
   * @param events events of the same environment
   */
  constructor(env: Environment, mode: "any" | "all", events: readonly SimEvent[]) {
    super(env);
    this.mode = mode;
    this.events = events;
    this.remaining = events.length;
    for (const event of events) {
      if (!(event instanceof SimEvent)) {
        throw new TypeError(
          `Environment.${mode}Of: expected SimEvent objects, got ${String(event)}`,
        );
      }
      if (event.env !== env) {
        throw new Error(`Environment.${mode}Of: an event belongs to another environment`);
      }
    }
    if (events.length === 0) {
      this.succeed(mode === "any" ? undefined : []);
      return;
    }
    for (const event of events) {
      if (this.state !== EVENT_PENDING) break;
      if (event.state === EVENT_PROCESSED) this.resume(event);
      else event.addListener(this);
    }
  }

  /** Counts a processed event (called by the calendar; not for users). */
  resume(event: SimEvent): void {
    if (this.state !== EVENT_PENDING) return;
    if (!event.ok) {
      event.defused = true;
      this.detach();
      this.fail(event.value);
      return;
    }
    this.remaining--;
    if (this.mode === "any") {
      this.detach();
      this.succeed(event);
    } else if (this.remaining === 0) {
      this.succeed(this.events.map((e) => e.value));
    }
  }

  /** Stops listening to the events not yet processed. */
  private detach(): void {
    for (const event of this.events) {
      if (event.state !== EVENT_PROCESSED) event.removeListener(this);
    }
  }
}
