/**
 * {@link Counter}: a running total (requests arrived, bonuses granted, euro paid).
 *
 * @module
 */

/** A running total; `add(n)` adds n (default 1). */
export class Counter {
  private total = 0;

  /** Adds `amount` (default 1; any finite number, so it also counts euro). */
  add(amount = 1): void {
    if (!Number.isFinite(amount)) {
      throw new RangeError(`Counter.add: amount must be a finite number, got ${amount}`);
    }
    this.total += amount;
  }

  /** The total so far. */
  get value(): number {
    return this.total;
  }

  /** Sets the total back to 0. */
  reset(): void {
    this.total = 0;
  }
}
