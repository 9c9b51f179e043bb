/**
 * {@link TimeWeightedLevel}: the time average of a level that changes at event times (queue
 * length, busy servers, citizens in the waiting room).
 *
 * @module
 */
import type { Environment } from "./environment.ts";

/**
 * Tracks a piecewise-constant level over simulated time. `mean()` is the integral of the
 * level over time divided by the elapsed time since creation (or the last reset), O(1) per
 * change.
 */
export class TimeWeightedLevel {
  /** The environment whose clock is used. */
  readonly env: Environment;
  private current: number;
  private startTime: number;
  private lastTime: number;
  private area = 0;
  private highest: number;

  /**
   * Creates a TimeWeightedLevel.
   *
   * @param env environment (its `now` timestamps the changes)
   * @param initial level at creation (default 0)
   */
  constructor(env: Environment, initial = 0) {
    if (!Number.isFinite(initial)) {
      throw new RangeError(`TimeWeightedLevel: initial must be a finite number, got ${initial}`);
    }
    this.env = env;
    this.current = initial;
    this.highest = initial;
    this.startTime = env.now;
    this.lastTime = env.now;
  }

  /** Sets the level from now on. */
  set(level: number): void {
    if (!Number.isFinite(level)) {
      throw new RangeError(`TimeWeightedLevel.set: level must be a finite number, got ${level}`);
    }
    const now = this.env.now;
    this.area += this.current * (now - this.lastTime);
    this.lastTime = now;
    this.current = level;
    if (level > this.highest) this.highest = level;
  }

  /** Adds `delta` to the level (e.g. +1 on arrival, −1 on departure). */
  add(delta: number): void {
    this.set(this.current + delta);
  }

  /** Current level. */
  get level(): number {
    return this.current;
  }

  /** Highest level seen. */
  get max(): number {
    return this.highest;
  }

  /**
   * Time-average level from creation (or reset) up to `untilTime` seconds (default now, not
   * before the last change). NaN if no time has elapsed.
   */
  mean(untilTime: number = this.env.now): number {
    if (!(untilTime >= this.lastTime)) {
      throw new RangeError(
        `TimeWeightedLevel.mean: untilTime must be >= the last change (${this.lastTime} s), got ${untilTime}`,
      );
    }
    const elapsed = untilTime - this.startTime;
    if (elapsed <= 0) return NaN;
    return (this.area + this.current * (untilTime - this.lastTime)) / elapsed;
  }

  /** Starts a new averaging window now (e.g. after a warm-up), keeping the level. */
  reset(): void {
    const now = this.env.now;
    this.startTime = now;
    this.lastTime = now;
    this.area = 0;
    this.highest = this.current;
  }
}
