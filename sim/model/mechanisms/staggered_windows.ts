/**
 * Staggered access: cohorts each with their own time window(s).
 *
 * A cohort is a small integer (see `staggered_cohorts.ts` for birth month, fiscal-code
 * letter and region). Windows are `[start, end)` in seconds; a cohort may have several.
 *
 * @module
 */
import { requireInteger, requireTime } from "./option_checks.ts";

/** One access window of a cohort. */
export interface AccessWindow {
  /** Cohort number (integer ≥ 0). */
  cohort: number;
  /** Opening time, seconds. */
  start: number;
  /** Closing time (exclusive), seconds; `Infinity` for open-ended. */
  end: number;
}

/** The windows of every cohort. No allocation per call. */
export class StaggeredWindows {
  /** Number of cohorts (highest cohort number + 1). */
  readonly cohorts: number;
  // windows sorted by (cohort, start); cohort c's windows are [first[c], first[c + 1])
  readonly #first: Int32Array;
  readonly #starts: Float64Array;
  readonly #ends: Float64Array;

  /** Creates the schedule; throws a `RangeError` naming a bad window. */
  constructor(windows: AccessWindow[]) {
    if (!Array.isArray(windows) || windows.length === 0) {
      throw new RangeError("staggered.windows must be a non-empty array of windows");
    }
    windows.forEach((window, index) => {
      requireInteger(`staggered.windows[${index}].cohort`, window.cohort, 0);
      requireTime(`staggered.windows[${index}].start`, window.start);
      requireTime(`staggered.windows[${index}].end`, window.end);
      if (!(window.end > window.start) || !Number.isFinite(window.start)) {
        throw new RangeError(
          `staggered.windows[${index}] must have a finite start before its end, got start=${window.start}, end=${window.end}`,
        );
      }
    });
    const sorted = [...windows].sort((a, b) => a.cohort - b.cohort || a.start - b.start);
    this.cohorts = sorted[sorted.length - 1].cohort + 1;
    this.#first = new Int32Array(this.cohorts + 1);
    this.#starts = Float64Array.from(sorted, (window) => window.start);
    this.#ends = Float64Array.from(sorted, (window) => window.end);
    let index = 0;
    for (let cohort = 0; cohort <= this.cohorts; cohort++) {
      while (index < sorted.length && sorted[index].cohort < cohort) index++;
      this.#first[cohort] = index;
    }
  }

  /** True if `cohort` may access the service at time `now`, seconds. */
  isOpen(cohort: number, now: number): boolean {
    if (!(cohort >= 0 && cohort < this.cohorts)) return false;
    for (let index = this.#first[cohort]; index < this.#first[cohort + 1]; index++) {
      if (now >= this.#starts[index] && now < this.#ends[index]) return true;
    }
    return false;
  }

  /** Earliest time ≥ `now` at which `cohort` may access the service, seconds (`Infinity` if never). */
  nextOpening(cohort: number, now: number): number {
    if (!(cohort >= 0 && cohort < this.cohorts)) return Infinity;
    for (let index = this.#first[cohort]; index < this.#first[cohort + 1]; index++) {
      if (now < this.#ends[index]) return now >= this.#starts[index] ? now : this.#starts[index];
    }
    return Infinity;
  }

  /** End of the cohort's last window, seconds (`-Infinity` for a cohort with no window). */
  lastClosing(cohort: number): number {
    let last = -Infinity;
    for (let index = this.#first[cohort]; index < this.#first[cohort + 1]; index++) {
      if (this.#ends[index] > last) last = this.#ends[index];
    }
    return last;
  }

  /**
   * Consecutive windows: cohort c opens at `firstOpening + c × spacingSeconds` for
   * `durationSeconds` (e.g. twelve birth-month cohorts a day apart).
   */
  static consecutive(
    cohorts: number,
    firstOpening: number,
    spacingSeconds: number,
    durationSeconds: number,
  ): StaggeredWindows {
    requireInteger("staggered.cohorts", cohorts, 1);
    const windows: AccessWindow[] = [];
    for (let cohort = 0; cohort < cohorts; cohort++) {
      const start = firstOpening + cohort * spacingSeconds;
      windows.push({ cohort, start, end: start + durationSeconds });
    }
    return new StaggeredWindows(windows);
  }
}
