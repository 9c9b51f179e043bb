/**
 * {@link Store}: a FIFO buffer of items (messages, tickets, documents) with optional
 * capacity; `put` waits for room, `get` waits for an item.
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { SimEvent } from "./event.ts";
import { RingQueue } from "./ring_queue.ts";

/** A pending put on a store; succeeds when the item is stored. */
export class StorePut<T> extends SimEvent {
  /** The item to store. */
  readonly item: T;
  /**
   * Creates a StorePut.
   *
   * @param env environment
   * @param item the item
   */
  constructor(env: Environment, item: T) {
    super(env);
    this.item = item;
  }
}

/** A pending get on a store; succeeds with the item taken. */
export class StoreGet<T> extends SimEvent {
  /** Only items for which this returns true are taken (FilterStore); null takes any. */
  readonly filter: ((item: T) => boolean) | null;
  /**
   * Creates a StoreGet.
   *
   * @param env environment
   * @param filter item predicate, or null
   */
  constructor(env: Environment, filter: ((item: T) => boolean) | null) {
    super(env);
    this.filter = filter;
  }
}

/**
 * A FIFO store of items holding at most `capacity` items (default Infinity). Gets are served
 * in order; a get's value is the item.
 */
export class Store<T> {
  /** The environment. */
  readonly env: Environment;
  /** Maximum number of items held. */
  readonly capacity: number;
  /** Items held, oldest first. */
  protected readonly items: T[] = [];
  private head = 0;
  /** Waiting gets, oldest first. */
  protected readonly gets: StoreGet<T>[] = [];
  private readonly puts = new RingQueue<StorePut<T>>();

  /**
   * Creates a Store.
   *
   * @param env environment
   * @param capacity maximum items held (integer >= 1, or Infinity; default Infinity)
   */
  constructor(env: Environment, capacity = Infinity) {
    if (!(capacity >= 1) || (capacity !== Infinity && !Number.isInteger(capacity))) {
      throw new RangeError(
        `${new.target.name}: capacity must be an integer >= 1 (or Infinity), got ${capacity}`,
      );
    }
    this.env = env;
    this.capacity = capacity;
  }

  /** Number of items held. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Gets waiting for an item. */
  get getQueueLength(): number {
    return this.gets.length;
  }

  /** Puts waiting for room. */
  get putQueueLength(): number {
    return this.puts.length;
  }

  /** Stores `item`; the event succeeds once it is in the store. */
  put(item: T): StorePut<T> {
    const event = new StorePut(this.env, item);
    this.puts.push(event);
    this.settle();
    return event;
  }

  /** Takes the oldest item; the event succeeds with it. */
  get(): StoreGet<T> {
    const event = new StoreGet<T>(this.env, null);
    this.gets.push(event);
    this.settle();
    return event;
  }

  /** Withdraws a waiting get (e.g. after a timeout); true if it was waiting. */
  cancel(event: StoreGet<T>): boolean {
    const index = this.gets.indexOf(event);
    if (index < 0) return false;
    this.gets.splice(index, 1);
    return true;
  }

  /** Removes and returns the item at `index` from the front (internal). */
  protected takeItem(index: number): T {
    const position = this.head + index;
    const item = this.items[position];
    if (index === 0) {
      this.items[position] = undefined as T;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
    } else {
      this.items.splice(position, 1);
    }
    return item;
  }

  /** Index (from the front) of the first item `get` can take, or -1 (internal). */
  protected findItem(get: StoreGet<T>): number {
    const filter = get.filter;
    const size = this.size;
    if (filter === null) return size > 0 ? 0 : -1;
    for (let i = 0; i < size; i++) if (filter(this.items[this.head + i])) return i;
    return -1;
  }

  /** Moves puts into the store and items to gets while possible (internal). */
  protected settle(): void {
    let progress = true;
    while (progress) {
      progress = false;
      while (this.puts.length > 0 && this.size < this.capacity) {
        const put = this.puts.shift()!;
        this.items.push(put.item);
        put.succeed(put.item);
        progress = true;
      }
      // Serve gets in order; a get with no matching item does not block later ones
      // (for a plain store no get can match when the first cannot).
      for (let g = 0; g < this.gets.length && this.size > 0;) {
        const get = this.gets[g];
        const index = this.findItem(get);
        if (index < 0) {
          g++;
          continue;
        }
        this.gets.splice(g, 1);
        get.succeed(this.takeItem(index));
        progress = true;
      }
    }
  }
}
