/**
 * The bare event calendar of the reference benchmarks: a binary heap of (time, payload) pairs in
 * typed arrays, ordered by time and then by insertion (first in, first out at equal times). No
 * cancellation, no priorities, no growth: the least a discrete-event loop must do, against which
 * the engine and the model are measured.
 *
 * @module
 */

/** Options of {@link MinimalHeap}. */
export interface MinimalHeapOptions {
  /** Most entries pending at once (pushing one more throws a RangeError). */
  capacity: number;
}

/** A binary heap of (time in seconds, integer payload), earliest first, FIFO at equal times. */
export class MinimalHeap {
  /** Entries pending. */
  size = 0;
  private readonly times: Float64Array;
  private readonly sequences: Float64Array;
  private readonly payloads: Int32Array;
  private nextSequence = 0;

  /**
   * Creates an empty MinimalHeap.
   *
   * @param options its capacity
   */
  constructor(options: MinimalHeapOptions) {
    this.times = new Float64Array(options.capacity);
    this.sequences = new Float64Array(options.capacity);
    this.payloads = new Int32Array(options.capacity);
  }

  /** Time of the earliest entry, seconds (meaningless when empty). */
  get topTime(): number {
    return this.times[0];
  }

  /** Payload of the earliest entry (meaningless when empty). */
  get topPayload(): number {
    return this.payloads[0];
  }

  /** Adds an entry due at `time` (seconds) carrying `payload` (an int32). */
  push(time: number, payload: number): void {
    if (this.size === this.times.length) {
      throw new RangeError(`MinimalHeap: more than ${this.times.length} entries pending`);
    }
    const { times, sequences } = this;
    const sequence = this.nextSequence++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] < time || (times[parent] === time && sequences[parent] < sequence)) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, time, payload, sequence);
  }

  /** Removes the earliest entry (read it first with {@link topTime} and {@link topPayload}). */
  pop(): void {
    const { times, sequences } = this;
    const size = --this.size;
    const time = times[size];
    const payload = this.payloads[size];
    const sequence = sequences[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (
        child + 1 < size &&
        (times[child + 1] < times[child] ||
          (times[child + 1] === times[child] && sequences[child + 1] < sequences[child]))
      ) child++;
      if (times[child] > time || (times[child] === time && sequences[child] > sequence)) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, time, payload, sequence);
  }

  /** Copies the entry at position `from` to position `to`. */
  private move(from: number, to: number): void {
    this.put(to, this.times[from], this.payloads[from], this.sequences[from]);
  }

  /** Writes an entry at position `i`. */
  private put(i: number, time: number, payload: number, sequence: number): void {
    this.times[i] = time;
    this.payloads[i] = payload;
    this.sequences[i] = sequence;
  }
}
