/**
 * A growable double-ended ring buffer (O(1) push, shift and pop at either end, no per-item
 * allocation): the engine's queue of waiting requests and events, and the model's tier queues
 * of request slot numbers. Hand-written because `Array.prototype.shift` is O(n) on large
 * arrays.
 *
 * @module
 */

/** Double-ended queue of items backed by a power-of-two ring. */
export class RingQueue<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;
  private mask: number;

  /**
   * Creates a RingQueue.
   *
   * @param initialCapacity starting capacity (rounded up to a power of two).
   */
  constructor(initialCapacity = 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.items = new Array(capacity);
    this.mask = capacity - 1;
  }

  /** Number of items held. */
  get length(): number {
    return this.count;
  }

  /** Appends an item at the back. */
  push(item: T): void {
    if (this.count > this.mask) this.grow();
    this.items[(this.head + this.count++) & this.mask] = item;
  }

  /** Removes and returns the front item (undefined when empty). */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return item;
  }

  /** Removes and returns the back item (undefined when empty). */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.head + --this.count) & this.mask;
    const item = this.items[index];
    this.items[index] = undefined;
    return item;
  }

  /** Removes every item. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.items[(this.head + i) & this.mask] = undefined;
    this.head = 0;
    this.count = 0;
  }

  /** The front item without removing it (undefined when empty). */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** The item at position `index` from the front (0 = front). */
  at(index: number): T | undefined {
    return index < this.count ? this.items[(this.head + index) & this.mask] : undefined;
  }

  /** Removes the item at position `index` from the front, keeping the others' order. O(n). */
  removeAt(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const item = this.items[(this.head + index) & this.mask];
    for (let i = index; i < this.count - 1; i++) {
      this.items[(this.head + i) & this.mask] = this.items[(this.head + i + 1) & this.mask];
    }
    this.items[(this.head + this.count - 1) & this.mask] = undefined;
    this.count--;
    return item;
  }

  /** Doubles every per-slot array (amortised O(1) per event). */
  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const items = new Array<T | undefined>(capacity);
    for (let i = 0; i < this.count; i++) items[i] = this.items[(this.head + i) & this.mask];
    this.items = items;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
