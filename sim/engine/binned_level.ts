/**
 * {@link BinnedLevel}: the time-weighted mean of a level in each time bin (queue length per
 * minute, servers busy per second). Cost O(bins crossed) per change, memory O(bins).
 *
 * @module
 */
import { binCount } from "./binned_series.ts";
import type { Environment } from "./environment.ts";

/**
 * Time-weighted mean of a piecewise-constant level per bin over [start, start + horizon),
 * where start is the environment's time at creation.
 */
export class BinnedLevel {
  /** The environment whose clock is used. */
  readonly env: Environment;
  /** Bin width, seconds. */
  readonly binWidth: number;
  /** Start of bin 0, seconds. */
  readonly start: number;
  private readonly areas: Float64Array;
  private current: number;
  private lastTime: number;

  /**
   * Creates a BinnedLevel.
   *
   * @param env environment
   * @param binWidthSeconds width of each bin, seconds
   * @param horizonSeconds length of the covered period, seconds
   * @param initial level at creation (default 0)
   */
  constructor(env: Environment, binWidthSeconds: number, horizonSeconds: number, initial = 0) {
    this.areas = new Float64Array(binCount("BinnedLevel", binWidthSeconds, horizonSeconds));
    if (!Number.isFinite(initial)) {
      throw new RangeError(`BinnedLevel: initial must be a finite number, got ${initial}`);
    }
    this.env = env;
    this.binWidth = binWidthSeconds;
    this.start = env.now;
    this.lastTime = env.now;
    this.current = initial;
  }

  /** Current level. */
  get level(): number {
    return this.current;
  }

  /** Sets the level from now on. */
  set(level: number): void {
    if (!Number.isFinite(level)) {
      throw new RangeError(`BinnedLevel.set: level must be a finite number, got ${level}`);
    }
    const now = this.env.now;
    this.accumulate(this.areas, this.lastTime, now);
    this.lastTime = now;
    this.current = level;
  }

  /** Adds `delta` to the level. */
  add(delta: number): void {
    this.set(this.current + delta);
  }

  /** Adds current·(overlap with each bin) of [from, to) into `areas`. */
  private accumulate(areas: Float64Array, from: number, to: number): void {
    if (this.current === 0 || to <= from) return;
    const width = this.binWidth;
    const bins = areas.length;
    let index = Math.floor((from - this.start) / width);
    let time = from;
    while (time < to && index < bins) {
      const binEnd = this.start + (index + 1) * width;
      const end = binEnd < to ? binEnd : to;
      areas[index] += this.current * (end - time);
      time = end;
      index++;
    }
  }

  /**
   * Mean level per bin up to now: full bins divide by the bin width, the bin holding `now`
   * by the part elapsed; bins not reached yet are NaN.
   */
  means(): Float64Array {
    const now = this.env.now;
    const areas = this.areas.slice();
    this.accumulate(areas, this.lastTime, now);
    const means = new Float64Array(areas.length);
    for (let i = 0; i < means.length; i++) {
      const binStart = this.start + i * this.binWidth;
      const covered = Math.min(now - binStart, this.binWidth);
      means[i] = covered > 0 ? areas[i] / covered : NaN;
    }
    return means;
  }
}
