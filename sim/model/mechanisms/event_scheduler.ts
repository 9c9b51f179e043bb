/**
 * The slice of the engine the design mechanisms need to schedule their own events: the
 * engine's `Environment` satisfies it, and so does the model's `CapacityControl` (which has no
 * `cancel`; mechanisms then let stale events fire and ignore them).
 *
 * @module
 */

/** Something that knows the simulated time and can schedule fast-path events. */
export interface EventScheduler {
  /** Simulated time, seconds. */
  readonly now: number;
  /** Schedules `callback(payload)` after `delay` seconds; returns a handle. */
  schedule(delay: number, callback: (payload: number) => void, payload?: number): number;
  /** Cancels a scheduled event; true if it was still pending (optional). */
  cancel?(handle: number): boolean;
}
