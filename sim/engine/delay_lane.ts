/**
 * {@link DelayLane}: a first-in first-out lane of timed callbacks whose times arrive in
 * non-decreasing order — the events of one constant delay (every client timeout of 20 s, every
 * fixed 2-s retry, every 8-minute come-back). Since they are already sorted, the lane keeps
 * them in a typed-array ring and only its head competes with the event calendar (through the
 * environment's {@link LaneSet}): pushing and firing cost O(1) instead of a heap insertion and
 * removal each, and the calendar's heap stays small (a click-day run at full scale has
 * millions of such events pending).
 *
 * Order at equal times: the calendar's events go before lane heads, and lanes among themselves
 * by creation order. Runs stay fully deterministic.
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import type { LaneHead } from "./lane_set.ts";
/** Called for each entry when its time comes: the entry's payload and tag. */
export type LaneCallback = (payload: number, tag: number) => void;

/** Options of {@link DelayLane}. */
export interface DelayLaneOptions {
  /** The environment whose calendar holds the lane's head. */
  env: Environment;
  /** Called with each entry's payload and tag at the entry's time. */
  callback: LaneCallback;
  /** Entries to preallocate (grows by doubling; default 1024). */
  initialCapacity?: number;
  /**
   * Optional: true for an entry that no longer needs to fire (its request already ended).
   * Such entries at the head are dropped without a calendar event; the answer for an entry must
   * not change from true back to false. The lane asks after each firing, so an entry that turns
   * stale while it is already the head is still called: the callback checks too.
   */
  isStale?: (payload: number, tag: number) => boolean;
  /**
   * Optional: reads (and returns) a number from the memory an entry's callback will read first.
   * The lane calls it for the next few entries at once, before the first of them fires, so
   * that their cache misses overlap instead of stalling one by one (results do not change).
   */
  warm?: (payload: number) => number;
}

/** Entries warmed in one batch (see {@link DelayLaneOptions.warm}). */
const WARM_BATCH = 8;

/** FIFO of (time, payload, tag) entries with non-decreasing times, fired in order. */
export class DelayLane implements LaneHead {
  private readonly env: Environment;
  private readonly callback: LaneCallback;
  private readonly isStale: ((payload: number, tag: number) => boolean) | null;
  private readonly warm: ((payload: number) => number) | null;
  /** Entries from the head already warmed. */
  private warmed = 0;
  /** Sum of the warm reads (kept so that the reads are not optimised away). */
  private warmSink = 0;
  private times: Float64Array;
  private payloads: Float64Array;
  private tags: Uint32Array;
  private head = 0;
  private count = 0;
  private mask: number;
  /** Time of the last entry waiting (−Infinity when the lane is empty). */
  private lastTime = -Infinity;
  private readonly index: number;

  /** Creates a lane on `options.env`. */
  constructor(options: DelayLaneOptions) {
    let capacity = 16;
    while (capacity < (options.initialCapacity ?? 1024)) capacity *= 2;
    this.env = options.env;
    this.callback = options.callback;
    this.isStale = options.isStale ?? null;
    this.warm = options.warm ?? null;
    this.times = new Float64Array(capacity);
    this.payloads = new Float64Array(capacity);
    this.tags = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.index = this.env.lanes.add(this);
  }

  /** Entries waiting. */
  get length(): number {
    return this.count;
  }

  /**
   * Adds an entry firing at `time` (seconds; not before now, and not before the last entry
   * pushed). `tag` is an unsigned 32-bit number handed back with the payload (e.g. a slot
   * generation, so that a stale entry can be recognised and skipped).
   */
  push(time: number, payload: number, tag = 0): void {
    if (this.count > this.mask) this.grow();
    if (!(time >= this.lastTime) || !(time >= this.env.now) || time === Infinity) {
      const last = this.count > 0
        ? this.times[(this.head + this.count - 1) & this.mask]
        : -Infinity;
      throw new RangeError(
        `DelayLane.push: time ${time} is before the lane's last entry (${last}) or before now ` +
          `(${this.env.now}), or not finite`,
      );
    }
    this.lastTime = time;
    const j = (this.head + this.count) & this.mask;
    this.times[j] = time;
    this.payloads[j] = payload;
    this.tags[j] = tag;
    this.count++;
    this.env.lanes.pending++;
    if (this.count === 1) this.env.lanes.setHead(this.index, time);
  }

  /** Adds an entry `delay` seconds from now (see {@link push}). */
  pushAfter(delay: number, payload: number, tag = 0): void {
    this.push(this.env.now + delay, payload, tag);
  }

  /** Fires the head entry, then publishes the next live head. */
  fireHead(): void {
    if (this.warm !== null) {
      if (this.warmed === 0) this.warmNext();
      this.warmed--;
    }
    const payload = this.payloads[this.head];
    const tag = this.tags[this.head];
    this.head = (this.head + 1) & this.mask;
    this.count--;
    this.env.lanes.pending--;
    this.callback(payload, tag);
    const isStale = this.isStale;
    if (isStale !== null) {
      while (this.count > 0 && isStale(this.payloads[this.head], this.tags[this.head])) {
        if (this.warmed > 0) this.warmed--;
        this.head = (this.head + 1) & this.mask;
        this.count--;
        this.env.lanes.pending--;
      }
    }
    if (this.count === 0) this.lastTime = -Infinity;
    this.env.lanes.setHead(this.index, this.count > 0 ? this.times[this.head] : Infinity);
  }

  /** Warms the next entries from the head (at most {@link WARM_BATCH}). */
  private warmNext(): void {
    const warm = this.warm!;
    const n = Math.min(WARM_BATCH, this.count);
    let sink = 0;
    for (let i = 0; i < n; i++) sink += warm(this.payloads[(this.head + i) & this.mask]);
    this.warmSink += sink;
    this.warmed = n;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const times = new Float64Array(capacity);
    const payloads = new Float64Array(capacity);
    const tags = new Uint32Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) & this.mask;
      times[i] = this.times[j];
      payloads[i] = this.payloads[j];
      tags[i] = this.tags[j];
    }
    this.times = times;
    this.payloads = payloads;
    this.tags = tags;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
