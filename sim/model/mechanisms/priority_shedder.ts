/**
 * Load shedding by priority class.
 *
 * Requests carry a priority class, 0 the most important (e.g. 0 = submitting an application,
 * 1 = login, 2 = polling the status page). The tier reports its load as a number in the same
 * unit as the thresholds (utilisation, queue length, queue delay in seconds — the caller
 * chooses) and class p is shed while load ≥ `thresholds[p]`. Thresholds must not increase
 * with p: less important work is shed first.
 *
 * @module
 */
import { requireNonNegative } from "./option_checks.ts";

/** Options of a {@link PriorityShedder}. */
export interface PriorityShedderOptions {
  /**
   * Load at or above which each class is shed, one per class, non-increasing; use
   * `Infinity` for a class never shed.
   */
  thresholds: number[];
}

/** Sheds requests of lower-priority classes first as load rises. No allocation per call. */
export class PriorityShedder {
  readonly #thresholds: Float64Array;
  readonly #shed: Float64Array;
  readonly #offered: Float64Array;

  /** Creates the shedder; throws a `RangeError` naming a bad option. */
  constructor(options: PriorityShedderOptions) {
    const thresholds = options.thresholds;
    if (!Array.isArray(thresholds) || thresholds.length === 0) {
      throw new RangeError("priorityShedder.thresholds must be a non-empty array of numbers");
    }
    thresholds.forEach((value, index) => {
      if (value !== Infinity) requireNonNegative(`priorityShedder.thresholds[${index}]`, value);
      if (index > 0 && value > thresholds[index - 1]) {
        throw new RangeError(
          `priorityShedder.thresholds must not increase with the class number (less important ` +
            `work is shed first), but thresholds[${index}] = ${value} > thresholds[${
              index - 1
            }] = ${thresholds[index - 1]}`,
        );
      }
    });
    this.#thresholds = Float64Array.from(thresholds);
    this.#shed = new Float64Array(thresholds.length);
    this.#offered = new Float64Array(thresholds.length);
  }

  /** Number of priority classes. */
  get classes(): number {
    return this.#thresholds.length;
  }

  /**
   * Decides whether to shed a request of class `priority` at the current `load`.
   *
   * @returns true if the request must be rejected
   */
  shouldShed(priority: number, load: number): boolean {
    if (!(priority >= 0 && priority < this.#thresholds.length) || !Number.isInteger(priority)) {
      throw new RangeError(
        `priority must be an integer in [0, ${this.#thresholds.length - 1}], got ${priority}`,
      );
    }
    this.#offered[priority]++;
    if (load >= this.#thresholds[priority]) {
      this.#shed[priority]++;
      return true;
    }
    return false;
  }

  /** Requests of class `priority` shed so far. */
  shedCount(priority: number): number {
    return this.#shed[priority];
  }

  /** Requests of class `priority` offered so far. */
  offeredCount(priority: number): number {
    return this.#offered[priority];
  }
}
