/**
 * A growable double-ended queue of 32-bit integers in a typed-array ring buffer (request slot
 * numbers in tier queues). Push, pop and shift allocate nothing until the buffer doubles.
 *
 * @module
 */

/** Deque of int32 values (power-of-two ring buffer). */
export class IntDeque {
  private buffer: Int32Array;
  private head = 0;
  private count = 0;
  private mask: number;

  /** @param initialCapacity preallocated slots (rounded up to a power of two). */
  constructor(initialCapacity = 64) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.buffer = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Number of items. */
  get length(): number {
    return this.count;
  }

  private grow(): void {
    const next = new Int32Array(this.buffer.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buffer[(this.head + i) & this.mask];
    this.buffer = next;
    this.head = 0;
    this.mask = next.length - 1;
  }

  /** Appends at the back. */
  pushBack(value: number): void {
    if (this.count === this.buffer.length) this.grow();
    this.buffer[(this.head + this.count) & this.mask] = value;
    this.count++;
  }

  /** Removes and returns the front item (−1 when empty). */
  popFront(): number {
    if (this.count === 0) return -1;
    const value = this.buffer[this.head];
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return value;
  }

  /** Removes and returns the back item (−1 when empty). */
  popBack(): number {
    if (this.count === 0) return -1;
    this.count--;
    return this.buffer[(this.head + this.count) & this.mask];
  }

  /** The item at position `index` from the front (no bounds check). */
  at(index: number): number {
    return this.buffer[(this.head + index) & this.mask];
  }

  /** Removes every item. */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
