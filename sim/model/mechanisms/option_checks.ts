/**
 * Argument checks shared by the design mechanisms (admission, waiting room, autoscaler,
 * budget, allocation): every bad option fails with an error naming the field, the value and
 * what is allowed.
 *
 * @module
 */

/** Throws a `RangeError` unless `value` is a finite number > 0. Returns the value. */
export function requirePositive(field: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${field} must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

/** Throws a `RangeError` unless `value` is a finite number ≥ 0. Returns the value. */
export function requireNonNegative(field: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${field} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** Throws a `RangeError` unless `value` is an integer ≥ `minimum`. Returns the value. */
export function requireInteger(field: string, value: number, minimum = 0): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${field} must be an integer >= ${minimum}, got ${String(value)}`);
  }
  return value;
}

/** Throws a `RangeError` unless `value` is a number in `[minimum, maximum]`. Returns the value. */
export function requireInRange(
  field: string,
  value: number,
  minimum: number,
  maximum: number,
): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < minimum || value > maximum) {
    throw new RangeError(
      `${field} must be a number in [${minimum}, ${maximum}], got ${String(value)}`,
    );
  }
  return value;
}

/** Throws a `RangeError` unless `value` is a number (±Infinity allowed, NaN not). */
export function requireTime(field: string, value: number): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new RangeError(`${field} must be a time in seconds (a number), got ${String(value)}`);
  }
  return value;
}

/** Throws a `RangeError` unless `value` is > 0 (`Infinity` allowed, meaning "never"). */
export function requirePositiveOrInfinity(field: string, value: number): number {
  if (typeof value !== "number" || !(value > 0)) {
    throw new RangeError(`${field} must be > 0 (or Infinity for never), got ${String(value)}`);
  }
  return value;
}
