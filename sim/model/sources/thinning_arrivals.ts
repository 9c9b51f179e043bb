/**
 * Non-homogeneous Poisson arrivals by thinning (Lewis & Shedler 1979) with a piecewise bound:
 * time is cut into segments (at the profile's breakpoints and at most `segmentSeconds` long),
 * candidates are drawn at the segment's bound λ̄ and kept with probability λ(t)/λ̄. Exact for
 * any profile whose `maxRate` is a true bound, and efficient when the rate swings by orders of
 * magnitude (launch spikes), unlike a single global bound.
 *
 * @module
 */
import type { ArrivalProfile } from "./rate_profiles.ts";

/**
 * Generates successive arrival times of a non-homogeneous Poisson process. Holds no
 * per-arrival state; `next` allocates nothing.
 */
export class ThinningArrivals {
  private readonly profile: ArrivalProfile;
  private readonly uniform: () => number;
  private readonly segmentSeconds: number;
  private readonly breakpoints: readonly number[];
  private segmentEnd = -Infinity;
  private segmentBound = 0;

  /**
   * @param profile the rate λ(t), citizens/s.
   * @param uniform a seeded uniform [0, 1) source (the "arrivals" stream).
   * @param segmentSeconds longest thinning segment, seconds.
   */
  constructor(profile: ArrivalProfile, uniform: () => number, segmentSeconds = 1) {
    this.profile = profile;
    this.uniform = uniform;
    this.segmentSeconds = segmentSeconds;
    this.breakpoints = [...profile.breakpoints].sort((a, b) => a - b);
  }

  private openSegment(t: number): void {
    let end = t + this.segmentSeconds;
    // first breakpoint after t (binary search: traces may have many points)
    const points = this.breakpoints;
    let low = 0;
    let high = points.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (points[mid] <= t) low = mid + 1;
      else high = mid;
    }
    if (low < points.length && points[low] < end) end = points[low];
    this.segmentEnd = end;
    this.segmentBound = this.profile.maxRate(t, end);
  }

  /**
   * The first arrival after time `t` (seconds), or `Infinity` when none comes before `until`.
   */
  next(t: number, until: number): number {
    let time = t;
    while (time < until) {
      if (time >= this.segmentEnd) this.openSegment(time);
      const bound = this.segmentBound;
      if (bound <= 0) {
        time = this.segmentEnd;
        continue;
      }
      const candidate = time - Math.log(1 - this.uniform()) / bound;
      if (candidate >= this.segmentEnd) {
        time = this.segmentEnd; // memoryless: restart at the segment's end
        continue;
      }
      time = candidate;
      if (this.uniform() * bound <= this.profile.rate(time)) return time < until ? time : Infinity;
    }
    return Infinity;
  }
}
