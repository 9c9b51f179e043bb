/**
 * {@link TimerWheel}: a holding area for timers that are usually cancelled before they are due —
 * a client's reload timer, set for almost every attempt and dropped when the attempt ends a
 * fraction of a second later. Putting each on the event calendar costs a heap insertion, a
 * cancellation and, when the cancelled entry reaches the heap's top, a removal; a click-day run
 * at full scale sets tens of millions of them.
 *
 * The wheel sorts entries into time buckets of a fixed width (a ring of buckets covering a
 * span ahead of now). At the start of a bucket it drops the entries that have gone stale (the
 * caller's `isStale` says so) and hands the live ones to `transfer(time, payload, tag)`, which
 * schedules each on the calendar at its exact time. So a timer fires at the same time, in the
 * same order, as if it had been put on the calendar when it was set; only timers still live a
 * bucket before they are due ever reach it. (Sequence numbers, which break ties between events
 * due at exactly the same time, follow the transfer instead of the setting: timers drawn from
 * continuous distributions never tie.) A timer due within the bucket holding now, or too far
 * from the timers held for the ring to hold it too, is refused by {@link TimerWheel.push}
 * (false): the caller schedules it on the calendar itself.
 *
 * The wheel's next bucket start competes with the calendar through the environment's
 * {@link LaneSet}, like a {@link DelayLane}'s head. Nothing is allocated per timer.
 *
 * @module
 */
import type { Environment } from "./environment.ts";
import { grown } from "./grown.ts";
import type { LaneHead } from "./lane_set.ts";

/** Called at the start of a timer's bucket for each live timer: its time, payload and tag. */
export type TransferCallback = (time: number, payload: number, tag: number) => void;

/** Options of {@link TimerWheel}. */
export interface TimerWheelOptions {
  /** The environment whose calendar receives the live timers. */
  env: Environment;
  /** Width of a bucket, seconds (> 0). */
  bucketSeconds: number;
  /** Buckets in the ring (a power of two ≥ 2); the span ahead is buckets × width. */
  buckets: number;
  /** Schedules a live timer on the calendar at its time. */
  transfer: TransferCallback;
  /** True for a timer that no longer needs to fire (once true, always true). */
  isStale: (payload: number, tag: number) => boolean;
  /** Timers to preallocate (grows by doubling; default 1024). */
  initialCapacity?: number;
}

/** Time buckets of timers that hand their live timers to the calendar when their bucket starts. */
export class TimerWheel implements LaneHead {
  private readonly env: Environment;
  private readonly width: number;
  private readonly bucketMask: number;
  private readonly transfer: TransferCallback;
  private readonly isStale: (payload: number, tag: number) => boolean;
  private readonly laneIndex: number;
  /** First and last timer of each bucket (−1: empty); timers chain through `next`. */
  private readonly firstOf: Int32Array;
  private readonly lastOf: Int32Array;
  private times: Float64Array;
  private payloads: Float64Array;
  private tags: Uint32Array;
  private next: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  private count = 0;
  /** Number (time ÷ width, floored) of the earliest bucket holding timers. */
  private nextBucket = 0;
  /** Number of the latest bucket holding timers. */
  private lastBucket = 0;

  /** Creates an empty wheel on `options.env`. */
  constructor(options: TimerWheelOptions) {
    const { bucketSeconds, buckets } = options;
    if (!(bucketSeconds > 0) || bucketSeconds === Infinity) {
      throw new RangeError(
        `TimerWheel: bucketSeconds must be a finite number > 0, got ${bucketSeconds}`,
      );
    }
    if (!Number.isInteger(buckets) || buckets < 2 || (buckets & (buckets - 1)) !== 0) {
      throw new RangeError(`TimerWheel: buckets must be a power of two >= 2, got ${buckets}`);
    }
    this.env = options.env;
    this.width = bucketSeconds;
    this.bucketMask = buckets - 1;
    this.transfer = options.transfer;
    this.isStale = options.isStale;
    this.firstOf = new Int32Array(buckets).fill(-1);
    this.lastOf = new Int32Array(buckets).fill(-1);
    const capacity = Math.max(16, options.initialCapacity ?? 1024);
    this.times = new Float64Array(capacity);
    this.payloads = new Float64Array(capacity);
    this.tags = new Uint32Array(capacity);
    this.next = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    this.laneIndex = this.env.lanes.add(this);
  }

  /** Timers held (stale ones included until their bucket starts). */
  get length(): number {
    return this.count;
  }

  /**
   * Holds a timer due at `time` (seconds) with `payload` and an unsigned 32-bit `tag`. Returns
   * false, holding nothing, when `time` falls in the bucket holding now or more than the span
   * away from the timers held: the caller then schedules the timer on the calendar itself.
   */
  push(time: number, payload: number, tag: number): boolean {
    const width = this.width;
    const bucket = Math.floor(time / width);
    // Refused: the bucket holding now (its start is past), a start rounded above `time`, or a
    // bucket the ring cannot hold beside the ones it holds.
    if (!(bucket > Math.floor(this.env.now / width)) || !(bucket * width <= time)) return false;
    let headMoved = false;
    if (this.count === 0) {
      this.nextBucket = bucket;
      this.lastBucket = bucket;
      headMoved = true;
    } else if (bucket < this.nextBucket) {
      if (this.lastBucket - bucket > this.bucketMask) return false;
      this.nextBucket = bucket;
      headMoved = true;
    } else if (bucket - this.nextBucket > this.bucketMask) return false;
    else if (bucket > this.lastBucket) this.lastBucket = bucket;
    let entry: number;
    if (this.freeCount > 0) entry = this.free[--this.freeCount];
    else {
      if (this.used === this.times.length) this.grow();
      entry = this.used++;
    }
    this.times[entry] = time;
    this.payloads[entry] = payload;
    this.tags[entry] = tag;
    this.next[entry] = -1;
    const ring = bucket & this.bucketMask;
    const last = this.lastOf[ring];
    if (last < 0) this.firstOf[ring] = entry;
    else this.next[last] = entry;
    this.lastOf[ring] = entry;
    this.count++;
    if (headMoved) this.env.lanes.setHead(this.laneIndex, bucket * width);
    return true;
  }

  /**
   * Hands over the bucket `nextBucket` (never empty while timers are held: `push` and
   * `publishHead` keep it so; the lane set has checked it is due now).
   */
  fireHead(): void {
    const ring = this.nextBucket & this.bucketMask;
    let entry = this.firstOf[ring];
    this.firstOf[ring] = -1;
    this.lastOf[ring] = -1;
    this.nextBucket++;
    while (entry >= 0) {
      const following = this.next[entry];
      const payload = this.payloads[entry];
      const tag = this.tags[entry];
      if (!this.isStale(payload, tag)) this.transfer(this.times[entry], payload, tag);
      this.free[this.freeCount++] = entry;
      this.count--;
      entry = following;
    }
    this.publishHead();
  }

  /** Moves `nextBucket` to the first non-empty bucket (there is one: count > 0). */
  private skipEmptyBuckets(): void {
    while (this.firstOf[this.nextBucket & this.bucketMask] < 0) this.nextBucket++;
  }

  /** Tells the lane set when the next non-empty bucket starts (Infinity when empty). */
  private publishHead(): void {
    if (this.count === 0) {
      this.env.lanes.setHead(this.laneIndex, Infinity);
      return;
    }
    this.skipEmptyBuckets();
    this.env.lanes.setHead(this.laneIndex, this.nextBucket * this.width);
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = grown(this.times, capacity);
    this.payloads = grown(this.payloads, capacity);
    this.tags = grown(this.tags, capacity);
    this.next = grown(this.next, capacity);
    this.free = grown(this.free, capacity);
  }
}
