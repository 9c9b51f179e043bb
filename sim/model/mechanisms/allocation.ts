/**
 * Allocation rules: who among the citizens who submitted an application gets the bonus.
 *
 * - `"fcfs"` (click day): decided at submission, in the order submissions succeed.
 * - `"lottery"`: a registration window, then at {@link Allocation.close} a uniformly random
 *   order (Fisher–Yates on the run's stream) decides; funds `floor(budget ÷ amount)` winners
 *   for a fixed amount.
 * - `"ranking"`: a registration window, then at close applications are funded by score,
 *   highest first (ties: earlier submission first). For "lowest ISEE first", pass −ISEE.
 * - `"staggered-shares"`: each cohort has its own share of the budget, first come first served
 *   within the cohort; {@link Allocation.closeCohort} can roll a cohort's unspent share over to
 *   a later cohort.
 *
 * In every rule an application is funded only if the remaining budget covers its amount; one
 * submitted outside its window — before the allocation opens ({@link Allocation.refuseEarly}),
 * after a lottery's or ranking's registration closed, after its cohort's window closed under
 * staggered shares — is denied (`OUTCOME_DENIED_CLOSED`), whatever money is left.
 * Per-citizen outcomes are kept in typed arrays; citizens who never submitted keep
 * `OUTCOME_NOT_SUBMITTED`, which the model turns into "failed for technical reasons" for those
 * who tried (see `fairness.ts`).
 *
 * @module
 */
import type { RandomStream } from "../../engine/mod.ts";
import { type Budget, euroToCents } from "./budget_account.ts";
import { requireInRange, requireInteger } from "./option_checks.ts";

/** An allocation rule's name. */
export type AllocationRule = "fcfs" | "lottery" | "ranking" | "staggered-shares";

/** The allocation rules, for validation and menus. */
export const ALLOCATION_RULES: readonly AllocationRule[] = [
  "fcfs",
  "lottery",
  "ranking",
  "staggered-shares",
];

/** Outcome: the citizen never submitted a successful application. */
export const OUTCOME_NOT_SUBMITTED = 0;
/** Outcome: submitted, waiting for the lottery or ranking at the window's close. */
export const OUTCOME_PENDING = 1;
/** Outcome: funded. */
export const OUTCOME_FUNDED = 2;
/** Outcome: submitted in time but denied because the budget (or the cohort's share) ran out. */
export const OUTCOME_DENIED_BUDGET = 3;
/**
 * Outcome: submitted outside the window — before the allocation opened, after the registration
 * closed (a lottery's or ranking's) or after the citizen's cohort window closed (staggered
 * shares) — whatever money is left.
 */
export const OUTCOME_DENIED_CLOSED = 4;

/** Options of an {@link Allocation}. */
export interface AllocationOptions {
  /** The rule. */
  rule: AllocationRule;
  /** Number of citizens expected; ids are 0, 1, …; the allocation grows for larger ids. */
  citizens: number;
  /** The budget grants are paid from. */
  budget: Budget;
  /** Random stream for the lottery (required for `"lottery"`). */
  random?: RandomStream;
  /** Cohort of each citizen, by id or as a function of the id (`"staggered-shares"`). */
  cohortOf?: ArrayLike<number> | ((citizenId: number) => number);
  /** Share of the budget per cohort, each in [0, 1], summing to at most 1 (`"staggered-shares"`). */
  shares?: number[];
}

/** Applies an allocation rule and records each citizen's outcome. */
export class Allocation {
  /** The rule. */
  readonly rule: AllocationRule;
  /** The budget. */
  readonly budget: Budget;
  readonly #options: AllocationOptions;
  #outcome: Uint8Array;
  #submittedAt: Float64Array;
  #decidedAt: Float64Array;
  #amount: Float64Array;
  #score: Float64Array;
  #pendingIds: Int32Array;
  #pendingCount = 0;
  #funded = 0;
  #denied = 0;
  #late = 0;
  #closed = false;
  readonly #shareCapCents: Float64Array;
  readonly #shareSpentCents: Float64Array;
  readonly #shareExhaustedAt: Float64Array;
  /** 1 for a cohort whose window has closed (`"staggered-shares"`). */
  readonly #cohortClosed: Uint8Array;

  /** Creates the allocation; throws a `RangeError` naming a bad option. */
  constructor(options: AllocationOptions) {
    if (!ALLOCATION_RULES.includes(options.rule)) {
      throw new RangeError(
        `allocation.rule must be one of ${ALLOCATION_RULES.join(", ")}, got ${
          JSON.stringify(options.rule)
        }`,
      );
    }
    const citizens = requireInteger("allocation.citizens", options.citizens, 1);
    this.rule = options.rule;
    this.budget = options.budget;
    this.#options = options;
    if (options.rule === "lottery" && !options.random) {
      throw new RangeError('allocation.random (a random stream) is required for "lottery"');
    }
    let cohorts = 0;
    if (options.rule === "staggered-shares") {
      const shares = options.shares;
      if (!options.cohortOf || !Array.isArray(shares) || shares.length === 0) {
        throw new RangeError(
          'allocation "staggered-shares" needs cohortOf (a cohort per citizen) and shares',
        );
      }
      shares.forEach((share, cohort) =>
        requireInRange(`allocation.shares[${cohort}]`, share, 0, 1)
      );
      const total = shares.reduce((sum, share) => sum + share, 0);
      if (total > 1 + 1e-9) {
        throw new RangeError(`allocation.shares must sum to at most 1, got ${total}`);
      }
      cohorts = shares.length;
    }
    this.#shareCapCents = new Float64Array(cohorts);
    this.#shareSpentCents = new Float64Array(cohorts);
    this.#shareExhaustedAt = new Float64Array(cohorts).fill(NaN);
    this.#cohortClosed = new Uint8Array(cohorts);
    const totalCents = euroToCents(this.budget.totalEuro);
    for (let cohort = 0; cohort < cohorts; cohort++) {
      this.#shareCapCents[cohort] = Math.floor(options.shares![cohort] * totalCents);
    }
    this.#outcome = new Uint8Array(citizens);
    this.#submittedAt = new Float64Array(citizens).fill(NaN);
    this.#decidedAt = new Float64Array(citizens).fill(NaN);
    this.#amount = new Float64Array(citizens);
    this.#score = new Float64Array(citizens);
    this.#pendingIds = new Int32Array(
      this.rule === "lottery" || this.rule === "ranking" ? citizens : 0,
    );
  }

  /** Per-citizen outcomes (`OUTCOME_*`), indexed by citizen id. Do not modify. */
  get outcomes(): Uint8Array {
    return this.#outcome;
  }

  /** Per-citizen time of the successful submission, seconds (NaN if none). Do not modify. */
  get submissionTimes(): Float64Array {
    return this.#submittedAt;
  }

  /** Citizens funded so far. */
  get fundedCount(): number {
    return this.#funded;
  }

  /** Citizens denied for lack of budget so far. */
  get deniedCount(): number {
    return this.#denied;
  }

  /** Citizens whose application came outside its window (early or late), so far. */
  get lateCount(): number {
    return this.#late;
  }

  /** Applications waiting for the close of the registration window. */
  get pendingCount(): number {
    return this.#pendingCount;
  }

  /** True after {@link close}. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Outcome of a citizen (`OUTCOME_*`). */
  outcome(citizenId: number): number {
    return citizenId < this.#outcome.length ? this.#outcome[citizenId] : OUTCOME_NOT_SUBMITTED;
  }

  /** When a citizen's application was decided, seconds (NaN if not yet). */
  decidedAt(citizenId: number): number {
    return this.#decidedAt[citizenId];
  }

  /** The grant a funded citizen received, euro (0 otherwise). */
  grantedEuro(citizenId: number): number {
    return this.#outcome[citizenId] === OUTCOME_FUNDED ? this.#amount[citizenId] : 0;
  }

  /** When a cohort's share ran out (`"staggered-shares"`), seconds (NaN if it has not). */
  shareExhaustedAt(cohort: number): number {
    return this.#shareExhaustedAt[cohort];
  }

  /**
   * A citizen's application has just been submitted successfully.
   *
   * @param citizenId the applicant
   * @param now time of the successful submission, seconds
   * @param amountEuro the grant asked for, euro
   * @param score ranking score (higher is funded first; `"ranking"` only)
   * @returns the outcome now: funded or denied (FCFS, staggered shares) or pending
   */
  submit(citizenId: number, now: number, amountEuro: number, score = 0): number {
    if (citizenId >= this.#outcome.length) this.#grow(citizenId);
    const current = this.#outcome[citizenId];
    if (current !== OUTCOME_NOT_SUBMITTED) return current; // a duplicate submission changes nothing
    this.#submittedAt[citizenId] = now;
    this.#amount[citizenId] = amountEuro;
    this.#score[citizenId] = score;
    switch (this.rule) {
      case "fcfs":
        this.#decide(citizenId, now, this.budget.tryFund(citizenId, amountEuro, now));
        break;
      case "staggered-shares":
        if (this.#cohortClosed[this.#cohortOf(citizenId)] === 1) this.#tooLate(citizenId, now);
        else this.#decide(citizenId, now, this.#fundFromShare(citizenId, amountEuro, now));
        break;
      default:
        if (this.#closed) {
          this.#tooLate(citizenId, now); // the draw (or the ranking) was made
        } else {
          this.#outcome[citizenId] = OUTCOME_PENDING;
          this.#pendingIds[this.#pendingCount++] = citizenId;
        }
    }
    return this.#outcome[citizenId];
  }

  /**
   * A citizen's application completed before the allocation opened: refused as outside the
   * window (`OUTCOME_DENIED_CLOSED`), whatever money is left; a later one changes nothing.
   */
  refuseEarly(citizenId: number, now: number): void {
    if (citizenId >= this.#outcome.length) this.#grow(citizenId);
    if (this.#outcome[citizenId] !== OUTCOME_NOT_SUBMITTED) return;
    this.#submittedAt[citizenId] = now;
    this.#tooLate(citizenId, now);
  }

  /**
   * Closes the registration window at `now`: runs the lottery or the ranking over the pending
   * applications (FCFS and staggered shares have nothing pending).
   */
  close(now: number): void {
    if (this.#closed) return;
    this.#closed = true;
    const count = this.#pendingCount;
    const order = this.#pendingIds;
    if (this.rule === "lottery") {
      const random = this.#options.random!;
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(random.random() * (i + 1));
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    } else if (this.rule === "ranking") {
      const score = this.#score;
      const submittedAt = this.#submittedAt;
      order.subarray(0, count).sort((a, b) =>
        score[b] - score[a] || submittedAt[a] - submittedAt[b] || a - b
      );
    }
    for (let i = 0; i < count; i++) {
      const citizenId = order[i];
      this.#decide(citizenId, now, this.budget.tryFund(citizenId, this.#amount[citizenId], now));
    }
    this.#pendingCount = 0;
  }

  /**
   * Ends a cohort's window (`"staggered-shares"`): its later applications are too late
   * (`OUTCOME_DENIED_CLOSED`), and with `rollover` its unspent share moves to cohort `to`
   * (default: the next cohort; nothing moves if there is none).
   */
  closeCohort(cohort: number, _now: number, to: number = cohort + 1, rollover = true): void {
    if (this.rule !== "staggered-shares") {
      throw new Error(`allocation.closeCohort is only for "staggered-shares", not ${this.rule}`);
    }
    this.#cohortClosed[cohort] = 1;
    if (!rollover || to >= this.#shareCapCents.length || to === cohort) return;
    const unspent = this.#shareCapCents[cohort] - this.#shareSpentCents[cohort];
    if (unspent <= 0) return;
    this.#shareCapCents[cohort] -= unspent;
    this.#shareCapCents[to] += unspent;
  }

  /** Makes room for citizen ids up to `citizenId` (doubling: rare). */
  #grow(citizenId: number): void {
    const size = Math.max(citizenId + 1, this.#outcome.length * 2);
    const grown = <T extends Uint8Array | Float64Array | Int32Array>(array: T, fill: number): T => {
      const next = new (array.constructor as new (size: number) => T)(size);
      next.fill(fill);
      next.set(array);
      return next;
    };
    this.#outcome = grown(this.#outcome, OUTCOME_NOT_SUBMITTED);
    this.#submittedAt = grown(this.#submittedAt, NaN);
    this.#decidedAt = grown(this.#decidedAt, NaN);
    this.#amount = grown(this.#amount, 0);
    this.#score = grown(this.#score, 0);
    if (this.#pendingIds.length > 0) this.#pendingIds = grown(this.#pendingIds, 0);
  }

  /** The cohort of a citizen (`"staggered-shares"`). */
  #cohortOf(citizenId: number): number {
    const cohortOf = this.#options.cohortOf!;
    const cohort = typeof cohortOf === "function" ? cohortOf(citizenId) : cohortOf[citizenId];
    if (!(cohort >= 0 && cohort < this.#shareCapCents.length)) {
      throw new RangeError(
        `allocation: citizen ${citizenId} has cohort ${cohort}, but shares cover cohorts 0–${
          this.#shareCapCents.length - 1
        }`,
      );
    }
    return cohort;
  }

  /** An application after its window closed: too late, whatever money is left. */
  #tooLate(citizenId: number, now: number): void {
    this.#decidedAt[citizenId] = now;
    this.#outcome[citizenId] = OUTCOME_DENIED_CLOSED;
    this.#late++;
  }

  #fundFromShare(citizenId: number, amountEuro: number, now: number): boolean {
    const cohort = this.#cohortOf(citizenId);
    const cents = euroToCents(amountEuro);
    if (this.#shareSpentCents[cohort] + cents > this.#shareCapCents[cohort]) {
      if (Number.isNaN(this.#shareExhaustedAt[cohort])) this.#shareExhaustedAt[cohort] = now;
      return false;
    }
    if (!this.budget.tryFund(citizenId, amountEuro, now)) return false;
    this.#shareSpentCents[cohort] += cents;
    return true;
  }

  #decide(citizenId: number, now: number, funded: boolean): void {
    this.#decidedAt[citizenId] = now;
    if (funded) {
      this.#outcome[citizenId] = OUTCOME_FUNDED;
      this.#funded++;
    } else {
      this.#outcome[citizenId] = OUTCOME_DENIED_BUDGET;
      this.#denied++;
    }
  }
}
