/**
 * The bonus budget: a fixed sum in euro held in an engine `Container`.
 *
 * The container counts whole euro cents, so that funding hundreds of thousands of grants
 * never leaves a rounding residue (215 M € in cents is far below 2^53). Grants are rounded
 * to the cent. A grant is made only if the remaining budget covers it in full.
 *
 * `exhaustedAt` is the first time the budget could not pay a grant asked of it, or the
 * remaining sum fell below `minimumGrantEuro` (by default: reached 0).
 *
 * @module
 */
import { Container, type Environment } from "../../engine/mod.ts";
import { requireNonNegative, requirePositive } from "./option_checks.ts";

/** Options of a {@link Budget}. */
export interface BudgetOptions {
  /** The whole budget, euro. */
  totalEuro: number;
  /** Smallest grant there is, euro: below this remaining sum the budget counts as exhausted. */
  minimumGrantEuro?: number;
}

/** Euro → whole cents. */
export function euroToCents(euro: number): number {
  return Math.round(euro * 100);
}

/** A budget in euro on an engine container. No allocation per call. */
export class Budget {
  /** The whole budget, euro. */
  readonly totalEuro: number;
  /** The engine container holding the remaining budget, in euro cents. */
  readonly container: Container;
  readonly #minimumGrantCents: number;
  #exhaustedAt = NaN;
  #funded = 0;
  #denied = 0;

  /** Creates a full budget; throws a `RangeError` naming a bad option. */
  constructor(env: Environment, options: BudgetOptions) {
    this.totalEuro = requirePositive("budget.totalEuro", options.totalEuro);
    const cents = euroToCents(this.totalEuro);
    this.container = new Container(env, { capacity: cents, initial: cents });
    this.#minimumGrantCents = euroToCents(
      requireNonNegative("budget.minimumGrantEuro", options.minimumGrantEuro ?? 0.01),
    );
  }

  /** Remaining budget, euro (the `budget_remaining_euro` metric). */
  get remaining(): number {
    return this.container.level / 100;
  }

  /** Sum granted so far, euro. */
  get spent(): number {
    return (euroToCents(this.totalEuro) - this.container.level) / 100;
  }

  /** Grants made. */
  get funded(): number {
    return this.#funded;
  }

  /** Grants refused for lack of funds. */
  get denied(): number {
    return this.#denied;
  }

  /** When the budget ran out, seconds (NaN while it has not). */
  get exhaustedAt(): number {
    return this.#exhaustedAt;
  }

  /** True once the budget has run out. */
  get exhausted(): boolean {
    return !Number.isNaN(this.#exhaustedAt);
  }

  /**
   * Grants `amountEuro` (rounded to the cent) if the remaining budget covers it.
   *
   * @param _citizenId the applicant (kept in the signature for tracing)
   * @param amountEuro the grant, euro (> 0)
   * @param now time, seconds
   * @returns true if funded, false if the budget could not cover it
   */
  tryFund(_citizenId: number, amountEuro: number, now: number): boolean {
    const cents = euroToCents(amountEuro);
    if (!(cents > 0)) {
      throw new RangeError(`budget.tryFund: amountEuro must be >= 0.01 euro, got ${amountEuro}`);
    }
    // (checked first: the container refuses a request above its capacity as an error)
    if (cents <= this.container.level && this.container.tryGet(cents)) {
      this.#funded++;
      if (this.container.level < this.#minimumGrantCents) this.#markExhausted(now);
      return true;
    }
    this.#denied++;
    this.#markExhausted(now);
    return false;
  }

  #markExhausted(now: number): void {
    if (Number.isNaN(this.#exhaustedAt)) this.#exhaustedAt = now;
  }
}
