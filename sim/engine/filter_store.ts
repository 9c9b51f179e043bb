/**
 * {@link FilterStore}: a store whose gets take the first item matching a predicate.
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { Store, StoreGet } from "./store.ts";

/**
 * A store where `get(filter)` takes the oldest item for which `filter(item)` is true. Gets are
 * checked in order; a get with no matching item waits without blocking later gets.
 */
export class FilterStore<T> extends Store<T> {
  /**
   * Creates a FilterStore.
   *
   * @param env environment
   * @param capacity maximum items held (default Infinity)
   */
  constructor(env: Environment, capacity = Infinity) {
    super(env, capacity);
  }

  /** Takes the oldest item matching `filter` (any item if omitted). */
  override get(filter?: (item: T) => boolean): StoreGet<T> {
    if (filter !== undefined && typeof filter !== "function") {
      throw new TypeError(`FilterStore.get: filter must be a function, got ${String(filter)}`);
    }
    const event = new StoreGet<T>(this.env, filter ?? null);
    this.gets.push(event);
    this.settle();
    return event;
  }
}
