/**
 * The event calendar: a priority queue of pending events ordered by (time, priority, insertion
 * sequence), so events at the same time and priority fire first-in first-out.
 *
 * Layout (why it is hand-written rather than a library heap): every pending event lives in a
 * numbered slot whose fields sit in typed arrays (time, priority, sequence, payload, generation)
 * plus two plain arrays for the callback and the optional event object. The binary heap stores
 * slot numbers and a copy of each entry's time side by side, so sifting reads contiguous memory
 * and allocates nothing. Freed slots go on a free-list stack. Entries due "now" at priority 0
 * (normal) or -1 (urgent) skip the heap and go to one of two FIFO rings (nothing pending can
 * be earlier), which is the common case for process-style events (process started, request
 * granted, process finished); `pop` compares the ring head with the heap top by full key.
 *
 * Cancellation is lazy: a cancelled slot is marked and skipped when it reaches the front. When
 * cancelled entries make up more than half of the heap (a model that sets and cancels a timer
 * for most requests), the heap is compacted in O(n), so it never holds more than about twice
 * the live events and cancellation stays amortised O(1). A handle packs the slot number with
 * the slot's generation counter, so a handle kept after its event fired (and the slot was
 * reused) is harmless: `cancel` returns false.
 *
 * @module
 */

import { grown } from "./grown.ts";

/** A fast-path callback; `payload` is the integer (or number) given when scheduling. */
export type EventCallback = (payload: number) => void;

const SLOT_LIMIT = 2 ** 26; // slots per calendar (67 M pending events at once)
const GENERATION_LIMIT = 2 ** 26; // handle = generation * SLOT_LIMIT + slot < 2^52

const FREE = 0;
const PENDING = 1; // pending in the heap
const CANCELLED = 2;
const PENDING_NOW = 3; // pending in one of the "now" rings
const COMPACT_MIN_CANCELLED = 1024;

// What peekTime found (so that pop right after it need not look again).
const PEEKED_NONE = 0; // not peeked since the last change
const PEEKED_URGENT = 1;
const PEEKED_RING = 2;
const PEEKED_HEAP = 3;
const PEEKED_EMPTY = 4;

/**
 * Priority queue of pending events. Used by {@link Environment}; exported for tests and for
 * callers who want a bare calendar. Times are in seconds; lower priority values fire first.
 */
export class EventCalendar {
  /** Event time of each slot, seconds. */
  times: Float64Array;
  /** Priority of each slot (lower fires first at equal time). */
  priorities: Float64Array;
  /** Insertion sequence number of each slot (ties break FIFO). */
  sequences: Float64Array;
  /** Numeric payload handed to the slot's callback. */
  payloads: Float64Array;
  /** Generation counter of each slot; bumped on every release so stale handles miss. */
  private generations: Uint32Array;
  /** Slot state: free, pending or cancelled. */
  private states: Uint8Array;
  /** Fast-path callback of each slot (null when the slot carries an event object). */
  callbacks: (EventCallback | null)[] = [];
  /** Event object of each slot (null for fast-path callbacks). */
  subjects: (unknown | null)[] = [];

  private heapSlots: Int32Array;
  private heapTimes: Float64Array;
  private heapSize = 0;
  /**
   * True when the heap's root was popped but not yet removed: the next push takes its place
   * (one sift instead of a removal plus an insertion, the common case of an event that
   * schedules its successor); anything else that reads the heap removes it first.
   */
  private rootPopped = false;
  /** Where {@link peekTime} found the next event (a PEEKED_* code), valid until a change. */
  private peeked = PEEKED_NONE;

  private ring: Int32Array;
  private ringHead = 0;
  private ringCount = 0;
  private urgentRing: Int32Array;
  private urgentHead = 0;
  private urgentCount = 0;

  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private nextSequence = 0;
  private live = 0;
  private cancelledInHeap = 0;

  /**
   * Creates an EventCalendar.
   *
   * @param initialCapacity slots to preallocate (grows by doubling).
   */
  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.times = new Float64Array(capacity);
    this.priorities = new Float64Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.payloads = new Float64Array(capacity);
    this.generations = new Uint32Array(capacity);
    this.states = new Uint8Array(capacity);
    this.heapSlots = new Int32Array(capacity);
    this.heapTimes = new Float64Array(capacity + 1).fill(Infinity); // +1: padding at heapSize
    this.ring = new Int32Array(capacity);
    this.urgentRing = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
  }

  /** Number of pending (not cancelled) events. */
  get size(): number {
    return this.live;
  }

  /** Doubles every per-slot array (amortised O(1) per event). */
  private grow(): void {
    const capacity = this.times.length * 2;
    if (capacity > SLOT_LIMIT) {
      throw new RangeError(`EventCalendar: more than ${SLOT_LIMIT} pending events`);
    }
    this.times = grown(this.times, capacity);
    this.priorities = grown(this.priorities, capacity);
    this.sequences = grown(this.sequences, capacity);
    this.payloads = grown(this.payloads, capacity);
    this.generations = grown(this.generations, capacity);
    this.states = grown(this.states, capacity);
    this.heapSlots = grown(this.heapSlots, capacity);
    this.freeSlots = grown(this.freeSlots, capacity);
    const heapTimes = new Float64Array(capacity + 1).fill(Infinity);
    heapTimes.set(this.heapTimes.subarray(0, this.heapSize));
    this.heapTimes = heapTimes;
    // The rings are unrolled into the new buffers starting at 0.
    const mask = this.ring.length - 1;
    const ring = new Int32Array(capacity);
    for (let i = 0; i < this.ringCount; i++) ring[i] = this.ring[(this.ringHead + i) & mask];
    this.ring = ring;
    this.ringHead = 0;
    const urgentRing = new Int32Array(capacity);
    for (let i = 0; i < this.urgentCount; i++) {
      urgentRing[i] = this.urgentRing[(this.urgentHead + i) & mask];
    }
    this.urgentRing = urgentRing;
    this.urgentHead = 0;
  }

  /** Takes a free slot (or a new one) and fills its fields. */
  private allocate(
    time: number,
    priority: number,
    callback: EventCallback | null,
    subject: unknown,
    payload: number,
    state: number,
  ): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount];
    } else {
      if (this.slotCount === this.times.length) this.grow();
      slot = this.slotCount++;
      this.callbacks.push(null);
      this.subjects.push(null);
    }
    this.times[slot] = time;
    this.priorities[slot] = priority;
    this.sequences[slot] = this.nextSequence++;
    this.payloads[slot] = payload;
    this.states[slot] = state;
    this.callbacks[slot] = callback;
    this.subjects[slot] = subject;
    this.live++;
    return slot;
  }

  /** Returns a slot to the free-list (after its event fired or was skipped). */
  release(slot: number): void {
    this.states[slot] = FREE;
    this.callbacks[slot] = null;
    this.subjects[slot] = null;
    this.generations[slot] = (this.generations[slot] + 1) & (GENERATION_LIMIT - 1);
    this.freeSlots[this.freeCount++] = slot;
  }

  /**
   * Adds an event at `time` (seconds) with `priority`; returns its handle. The caller
   * guarantees `time` is not before the current time.
   */
  push(
    time: number,
    priority: number,
    callback: EventCallback | null,
    subject: unknown,
    payload: number,
  ): number {
    const slot = this.allocate(time, priority, callback, subject, payload, PENDING);
    this.peeked = PEEKED_NONE;
    if (this.rootPopped) {
      // The popped root's place is free: sift the new entry down from the top.
      this.rootPopped = false;
      this.siftDownFromRoot(slot, time, this.heapSize);
      return this.generations[slot] * SLOT_LIMIT + slot;
    }
    // Sift up with a hole: the new entry has the largest sequence number, so it goes after any
    // entry with the same time and priority.
    const heapSlots = this.heapSlots;
    const heapTimes = this.heapTimes;
    const priorities = this.priorities;
    let i = this.heapSize++;
    heapTimes[i + 1] = Infinity; // padding: keeps heapTimes[heapSize] = +Infinity
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = heapTimes[parent];
      if (parentTime < time) break;
      if (parentTime === time && priorities[heapSlots[parent]] <= priority) break;
      heapTimes[i] = parentTime;
      heapSlots[i] = heapSlots[parent];
      i = parent;
    }
    heapTimes[i] = time;
    heapSlots[i] = slot;
    return this.generations[slot] * SLOT_LIMIT + slot;
  }

  /**
   * Adds an event due at the current time with priority 0 (normal) or -1 (urgent; any other
   * value counts as urgent). It goes to a FIFO ring; correct only when `time` is the current
   * time, so that no pending event is earlier.
   */
  pushNow(
    time: number,
    priority: number,
    callback: EventCallback | null,
    subject: unknown,
    payload: number,
  ): number {
    const slot = this.allocate(
      time,
      priority === 0 ? 0 : -1,
      callback,
      subject,
      payload,
      PENDING_NOW,
    );
    this.peeked = PEEKED_NONE;
    const mask = this.ring.length - 1;
    if (priority === 0) this.ring[(this.ringHead + this.ringCount++) & mask] = slot;
    else this.urgentRing[(this.urgentHead + this.urgentCount++) & mask] = slot;
    return this.generations[slot] * SLOT_LIMIT + slot;
  }

  /** Marks the event of `handle` cancelled; false if it already fired or was cancelled. */
  cancel(handle: number): boolean {
    if (!(handle >= 0)) return false;
    // generation and slot of the handle (a division by a power of two and a subtraction are
    // exact, and cheaper than a floating-point remainder)
    const generation = Math.floor(handle / SLOT_LIMIT);
    const slot = handle - generation * SLOT_LIMIT;
    if (slot >= this.slotCount) return false;
    const state = this.states[slot];
    if (state !== PENDING && state !== PENDING_NOW) return false;
    if (this.generations[slot] !== generation) return false;
    this.peeked = PEEKED_NONE;
    this.states[slot] = CANCELLED;
    this.callbacks[slot] = null;
    this.subjects[slot] = null;
    this.live--;
    if (state === PENDING) {
      this.cancelledInHeap++;
      if (
        this.cancelledInHeap > COMPACT_MIN_CANCELLED && this.cancelledInHeap * 2 > this.heapSize
      ) this.compactHeap();
    }
    return true;
  }

  /** True if `handle` names an event that is still pending. */
  isPending(handle: number): boolean {
    if (!(handle >= 0)) return false;
    const generation = Math.floor(handle / SLOT_LIMIT);
    const slot = handle - generation * SLOT_LIMIT;
    if (slot >= this.slotCount) return false;
    const state = this.states[slot];
    return (state === PENDING || state === PENDING_NOW) && this.generations[slot] === generation;
  }

  /** Removes a popped root still standing in the heap. */
  private settleRoot(): void {
    if (this.rootPopped) {
      this.rootPopped = false;
      this.removeHeapTop();
    }
  }

  /** Drops cancelled entries from the fronts of the ring and the heap. */
  private skipCancelled(): void {
    const states = this.states;
    while (this.urgentCount > 0) {
      const slot = this.urgentRing[this.urgentHead];
      if (states[slot] !== CANCELLED) break;
      this.urgentHead = (this.urgentHead + 1) & (this.ring.length - 1);
      this.urgentCount--;
      this.release(slot);
    }
    while (this.ringCount > 0) {
      const slot = this.ring[this.ringHead];
      if (states[slot] !== CANCELLED) break;
      this.ringHead = (this.ringHead + 1) & (this.ring.length - 1);
      this.ringCount--;
      this.release(slot);
    }
    while (this.heapSize > 0) {
      const slot = this.heapSlots[0];
      if (states[slot] !== CANCELLED) break;
      this.removeHeapTop();
      this.release(slot);
      this.cancelledInHeap--;
    }
  }

  /** Time of the next pending event in seconds, Infinity when there is none. */
  peekTime(): number {
    if (this.rootPopped) this.settleRoot();
    this.skipCancelled();
    // Urgent entries precede normal ring entries (same time, lower priority); a ring entry is
    // due now, so the heap's top can only go first at the same time (full key comparison).
    if (this.urgentCount > 0) {
      const ringSlot = this.urgentRing[this.urgentHead];
      if (this.heapSize > 0 && this.heapBefore(this.heapSlots[0], ringSlot)) {
        this.peeked = PEEKED_HEAP;
        return this.heapTimes[0];
      }
      this.peeked = PEEKED_URGENT;
      return this.times[ringSlot];
    }
    if (this.ringCount > 0) {
      const ringSlot = this.ring[this.ringHead];
      if (this.heapSize > 0 && this.heapBefore(this.heapSlots[0], ringSlot)) {
        this.peeked = PEEKED_HEAP;
        return this.heapTimes[0];
      }
      this.peeked = PEEKED_RING;
      return this.times[ringSlot];
    }
    if (this.heapSize > 0) {
      this.peeked = PEEKED_HEAP;
      return this.heapTimes[0];
    }
    this.peeked = PEEKED_EMPTY;
    return Infinity;
  }

  /**
   * Removes the next pending event and returns its slot (still holding its fields until
   * {@link release}), or -1 when the calendar is empty.
   */
  pop(): number {
    if (this.peeked === PEEKED_NONE) this.peekTime();
    const peeked = this.peeked;
    this.peeked = PEEKED_NONE;
    let slot: number;
    if (peeked === PEEKED_HEAP) {
      slot = this.heapSlots[0];
      this.rootPopped = true; // removed by the next push (or the next look at the heap)
    } else if (peeked === PEEKED_URGENT) {
      slot = this.urgentRing[this.urgentHead];
      this.urgentHead = (this.urgentHead + 1) & (this.ring.length - 1);
      this.urgentCount--;
    } else if (peeked === PEEKED_RING) {
      slot = this.ring[this.ringHead];
      this.ringHead = (this.ringHead + 1) & (this.ring.length - 1);
      this.ringCount--;
    } else {
      return -1;
    }
    this.live--;
    return slot;
  }

  /** True if heap entry `a` fires before ring entry `b` (full key comparison). */
  private heapBefore(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    if (ta !== tb) return ta < tb;
    const pa = this.priorities[a];
    const pb = this.priorities[b];
    if (pa !== pb) return pa < pb;
    return this.sequences[a] < this.sequences[b];
  }

  /** Removes the heap root: the last entry takes its place. */
  private removeHeapTop(): void {
    const size = --this.heapSize;
    const lastTime = this.heapTimes[size];
    this.heapTimes[size] = Infinity; // the padding siftDownFromRoot relies on
    if (size > 0) this.siftDownFromRoot(this.heapSlots[size], lastTime, size);
  }

  /**
   * Places entry (`slot`, `time`) in the heap of `size` entries whose root is free: the hole
   * moves down along the earlier children until the entry fits (`heapTimes[size]` is
   * +Infinity, so a missing right child is never chosen).
   */
  private siftDownFromRoot(slot: number, time: number, size: number): void {
    const heapSlots = this.heapSlots;
    const heapTimes = this.heapTimes;
    const priorities = this.priorities;
    const sequences = this.sequences;
    const priority = priorities[slot];
    const sequence = sequences[slot];
    let i = 0;
    const half = size >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const leftTime = heapTimes[child];
      const rightTime = heapTimes[child + 1];
      if (rightTime === leftTime) {
        if (child + 1 < size && this.slotBefore(heapSlots[child + 1], heapSlots[child])) child++;
      } else child += (rightTime < leftTime) as unknown as number; // no branch to mispredict
      const childTime = heapTimes[child];
      if (childTime > time) break;
      if (childTime === time) {
        const childSlot = heapSlots[child];
        const childPriority = priorities[childSlot];
        if (
          childPriority > priority ||
          (childPriority === priority && sequences[childSlot] > sequence)
        ) break;
      }
      heapTimes[i] = childTime;
      heapSlots[i] = heapSlots[child];
      i = child;
    }
    heapTimes[i] = time;
    heapSlots[i] = slot;
  }

  /** Drops every cancelled entry from the heap and re-heapifies (Floyd, O(n)). */
  private compactHeap(): void {
    this.settleRoot();
    const heapSlots = this.heapSlots;
    const heapTimes = this.heapTimes;
    const states = this.states;
    let kept = 0;
    for (let i = 0; i < this.heapSize; i++) {
      const slot = heapSlots[i];
      if (states[slot] === CANCELLED) this.release(slot);
      else {
        heapSlots[kept] = slot;
        heapTimes[kept] = heapTimes[i];
        kept++;
      }
    }
    heapTimes[kept] = Infinity;
    this.heapSize = kept;
    this.cancelledInHeap = 0;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Moves the entry at heap position `start` down to its place. */
  private siftDown(start: number): void {
    const heapSlots = this.heapSlots;
    const heapTimes = this.heapTimes;
    const size = this.heapSize;
    const slot = heapSlots[start];
    const time = heapTimes[start];
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (heapTimes[right] < heapTimes[child] ||
          (heapTimes[right] === heapTimes[child] &&
            this.slotBefore(heapSlots[right], heapSlots[child])))
      ) child = right;
      const childTime = heapTimes[child];
      if (childTime > time || (childTime === time && this.slotBefore(slot, heapSlots[child]))) {
        break;
      }
      heapTimes[i] = childTime;
      heapSlots[i] = heapSlots[child];
      i = child;
    }
    heapTimes[i] = time;
    heapSlots[i] = slot;
  }

  /** Tie-break between two slots with equal time: priority, then sequence. */
  private slotBefore(a: number, b: number): boolean {
    const pa = this.priorities[a];
    const pb = this.priorities[b];
    if (pa !== pb) return pa < pb;
    return this.sequences[a] < this.sequences[b];
  }
}
