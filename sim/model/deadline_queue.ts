/**
 * Deadlines in issue order for one constant timeout: since every request of a client class
 * gets the same timeout, deadlines arrive sorted, so a FIFO ring (with one pending engine
 * event for its head) replaces one calendar event per request. Entries carry the request slot
 * and its generation so a reused slot is recognised as stale.
 *
 * @module
 */

/** FIFO of (deadline, request slot, slot generation) in typed-array rings. */
export class DeadlineQueue {
  private deadlines = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private generations = new Uint32Array(1024);
  private head = 0;
  private count = 0;
  /** True while an engine event is pending for the head. */
  scheduled = false;

  /** Number of entries. */
  get length(): number {
    return this.count;
  }

  private grow(): void {
    const capacity = this.deadlines.length * 2;
    const mask = this.deadlines.length - 1;
    const deadlines = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    const generations = new Uint32Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) & mask;
      deadlines[i] = this.deadlines[j];
      slots[i] = this.slots[j];
      generations[i] = this.generations[j];
    }
    this.deadlines = deadlines;
    this.slots = slots;
    this.generations = generations;
    this.head = 0;
  }

  /** Appends an entry (deadline in seconds, not before the last one). */
  push(deadline: number, slot: number, generation: number): void {
    if (this.count === this.deadlines.length) this.grow();
    const j = (this.head + this.count) & (this.deadlines.length - 1);
    this.deadlines[j] = deadline;
    this.slots[j] = slot;
    this.generations[j] = generation;
    this.count++;
  }

  /** Deadline of the head, seconds (Infinity when empty). */
  headDeadline(): number {
    return this.count > 0 ? this.deadlines[this.head] : Infinity;
  }

  /** Slot of the head. */
  headSlot(): number {
    return this.slots[this.head];
  }

  /** Generation of the head. */
  headGeneration(): number {
    return this.generations[this.head];
  }

  /** Drops the head. */
  shift(): void {
    this.head = (this.head + 1) & (this.deadlines.length - 1);
    this.count--;
  }
}
