/**
 * Time-weighted average of a piecewise-constant level over fixed time bins (queue length, busy
 * servers, servers up), updated in O(1) per change without allocation.
 *
 * @module
 */

/** Integrates a level over time into bins of `binWidth` seconds covering `[0, horizon)`. */
export class BinnedLevel {
  private readonly area: Float64Array;
  private readonly binWidth: number;
  private readonly horizon: number;
  private lastTime = 0;
  /** Current level. */
  level = 0;
  /** Largest level seen. */
  peak = 0;

  /**
   * @param binWidth bin width, seconds.
   * @param horizon end of the last bin, seconds.
   */
  constructor(binWidth: number, horizon: number) {
    this.binWidth = binWidth;
    this.horizon = horizon;
    this.area = new Float64Array(Math.max(1, Math.ceil(horizon / binWidth)));
  }

  private advance(now: number): void {
    const end = Math.min(now, this.horizon);
    let time = this.lastTime;
    if (end <= time) {
      this.lastTime = Math.max(time, Math.min(now, this.horizon));
      return;
    }
    const level = this.level;
    if (level !== 0) {
      let bin = Math.floor(time / this.binWidth);
      while (time < end) {
        const binEnd = Math.min((bin + 1) * this.binWidth, end);
        this.area[bin] += level * (binEnd - time);
        time = binEnd;
        bin++;
      }
    }
    this.lastTime = end;
  }

  /** End of the bin `lastTime` is in, seconds (fast path for changes inside one bin). */
  private binEnd = 0;
  private bin = 0;

  /** Sets the level at time `now` (seconds, non-decreasing). */
  set(now: number, level: number): void {
    if (level === this.level) return;
    if (now < this.binEnd && now >= this.lastTime) {
      this.area[this.bin] += this.level * (now - this.lastTime);
      this.lastTime = now;
    } else {
      this.advance(now);
      this.bin = Math.min(this.area.length - 1, Math.floor(this.lastTime / this.binWidth));
      this.binEnd = Math.min((this.bin + 1) * this.binWidth, this.horizon);
    }
    this.level = level;
    if (level > this.peak) this.peak = level;
  }

  /** Adds `delta` to the level at time `now`. */
  add(now: number, delta: number): void {
    this.set(now, this.level + delta);
  }

  /** Time-weighted means per bin, closing the record at `now` (seconds). */
  means(now: number): Float64Array {
    this.advance(now);
    const result = new Float64Array(this.area.length);
    for (let bin = 0; bin < result.length; bin++) {
      const width = Math.min(this.binWidth, this.horizon - bin * this.binWidth);
      result[bin] = width > 0 ? this.area[bin] / width : 0;
    }
    return result;
  }

  /** Integral of the level over `[0, now]` (level × seconds). */
  integral(now: number): number {
    this.advance(now);
    let total = 0;
    for (let bin = 0; bin < this.area.length; bin++) total += this.area[bin];
    return total;
  }
}
