/**
 * {@link BinnedLevel}: the time-weighted mean of a piecewise-constant level in each time bin
 * (queue length per minute, busy servers, servers up), its integral and its peak. A change
 * inside the current bin costs O(1) and allocates nothing; a change after a long quiet spell
 * costs O(bins crossed). Memory O(bins).
 *
 * @module
 */
import { binCount } from "./binned_series.ts";

/** Options of {@link BinnedLevel}. */
export interface BinnedLevelOptions {
  /** Width of each bin, seconds. */
  binWidthSeconds: number;
  /** Length of the covered period, seconds. */
  horizonSeconds: number;
  /** Start of bin 0, seconds (default 0). */
  startSeconds?: number;
  /** Level at the start (default 0). */
  initial?: number;
  /**
   * Start of the period {@link BinnedLevel.integralAfterWarmup} covers, seconds (default: the
   * start) — the end of a warm-up.
   */
  warmupSeconds?: number;
}

/**
 * Integrates a level over [start, start + horizon) into bins. Times passed to {@link set}
 * must not decrease; time after the horizon is not recorded.
 */
export class BinnedLevel {
  /** Bin width, seconds. */
  readonly binWidth: number;
  /** Start of bin 0, seconds. */
  readonly start: number;
  /** End of the covered period, seconds. */
  readonly end: number;
  private readonly areas: Float64Array;
  private current: number;
  private lastTime: number;
  private largest: number;
  private readonly warmup: number;
  private warmArea = 0;
  /** Index and end time of the bin holding `lastTime` (fast path for changes inside it). */
  private bin = 0;
  private binEnd: number;

  /** Creates a BinnedLevel (see {@link BinnedLevelOptions}). */
  constructor(options: BinnedLevelOptions) {
    const initial = options.initial ?? 0;
    if (!Number.isFinite(initial)) {
      throw new RangeError(`BinnedLevel: initial must be a finite number, got ${initial}`);
    }
    this.areas = new Float64Array(
      binCount("BinnedLevel", options.binWidthSeconds, options.horizonSeconds),
    );
    this.binWidth = options.binWidthSeconds;
    this.start = options.startSeconds ?? 0;
    this.end = this.start + options.horizonSeconds;
    this.lastTime = this.start;
    this.current = initial;
    this.largest = initial;
    this.binEnd = Math.min(this.start + this.binWidth, this.end);
    this.warmup = Math.max(this.start, options.warmupSeconds ?? this.start);
  }

  /** Current level. */
  get level(): number {
    return this.current;
  }

  /** Largest level held so far. */
  get peak(): number {
    return this.largest;
  }

  /** Sets the level from time `now` (seconds) on. */
  set(now: number, level: number): void {
    if (level === this.current) return;
    if (now < this.binEnd && now >= this.lastTime) {
      const area = this.current * (now - this.lastTime);
      this.areas[this.bin] += area;
      if (this.lastTime >= this.warmup) this.warmArea += area;
      else if (now > this.warmup) this.warmArea += this.current * (now - this.warmup);
      this.lastTime = now;
    } else {
      if (!Number.isFinite(level)) {
        throw new RangeError(`BinnedLevel.set: level must be a finite number, got ${level}`);
      }
      this.advance(this.areas, now);
    }
    this.current = level;
    if (level > this.largest) this.largest = level;
  }

  /** Adds `delta` to the level at time `now` (seconds). */
  add(now: number, delta: number): void {
    this.set(now, this.current + delta);
  }

  /** Integrates the current level from `lastTime` to `now` into `areas` and moves `lastTime`. */
  private advance(areas: Float64Array, now: number): void {
    const to = Math.min(now, this.end);
    let time = this.lastTime;
    if (to > time && this.current !== 0) {
      const width = this.binWidth;
      let index = Math.floor((time - this.start) / width);
      while (time < to && index < areas.length) {
        const binEnd = this.start + (index + 1) * width;
        const end = binEnd < to ? binEnd : to;
        areas[index] += this.current * (end - time);
        time = end;
        index++;
      }
    }
    if (areas === this.areas && to > this.lastTime) {
      const from = Math.max(this.lastTime, this.warmup);
      if (to > from) this.warmArea += this.current * (to - from);
      this.lastTime = to;
      this.bin = Math.min(areas.length - 1, Math.floor((to - this.start) / this.binWidth));
      this.binEnd = Math.min(this.start + (this.bin + 1) * this.binWidth, this.end);
    }
  }

  /**
   * Mean level per bin up to `now` (seconds): full bins divide by the bin width, the bin
   * holding `now` by the part elapsed; bins not reached yet are NaN.
   */
  means(now: number): Float64Array {
    const areas = this.areas.slice();
    this.advance(areas, now);
    const means = new Float64Array(areas.length);
    const to = Math.min(now, this.end);
    for (let i = 0; i < means.length; i++) {
      const binStart = this.start + i * this.binWidth;
      const covered = Math.min(to - binStart, this.binWidth);
      means[i] = covered > 0 ? areas[i] / covered : NaN;
    }
    return means;
  }

  /** Integral of the level over [start, min(now, end)] (level × seconds). */
  integral(now: number): number {
    const areas = this.areas.slice();
    this.advance(areas, now);
    let total = 0;
    for (let i = 0; i < areas.length; i++) total += areas[i];
    return total;
  }

  /** Integral of the level over [warm-up end, min(now, end)] (level × seconds), exact. */
  integralAfterWarmup(now: number): number {
    const to = Math.min(now, this.end);
    const from = Math.max(this.lastTime, this.warmup);
    return this.warmArea + (to > from ? this.current * (to - from) : 0);
  }
}
