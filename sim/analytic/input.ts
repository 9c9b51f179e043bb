/**
 * Input checks shared by the analytic formulas: every bad argument fails with an error that
 * names the field, the value and what is allowed.
 *
 * @module
 */

/**
 * Throws unless `value` is a finite number strictly greater than zero.
 * @param field Name of the argument, used in the error message.
 * @param value The value to check.
 */
export function requirePositive(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${field} must be a finite number > 0, got ${value}`);
  }
}

/**
 * Throws unless `value` is a finite number ≥ 0.
 * @param field Name of the argument, used in the error message.
 * @param value The value to check.
 */
export function requireNonNegative(field: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${field} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * Throws unless `value` is an integer ≥ `minimum`.
 * @param field Name of the argument, used in the error message.
 * @param value The value to check.
 * @param minimum Smallest allowed value (default 1).
 */
export function requireInteger(field: string, value: number, minimum = 1): void {
  if (!(Number.isInteger(value) && value >= minimum)) {
    throw new RangeError(`${field} must be an integer >= ${minimum}, got ${value}`);
  }
}

/**
 * Throws unless `value` lies in the open interval (0, 1).
 * @param field Name of the argument, used in the error message.
 * @param value The value to check.
 */
export function requireProbability(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0 && value < 1)) {
    throw new RangeError(`${field} must be a probability in (0, 1), got ${value}`);
  }
}

/**
 * Throws unless the traffic intensity `load / servers` is below 1 (a stable queue).
 * @param load Offered load in erlangs (arrival rate × mean service time).
 * @param servers Number of servers.
 */
export function requireStable(load: number, servers: number): void {
  if (!(load < servers)) {
    throw new RangeError(
      `offered load (${load} erlangs) must be below the number of servers (${servers}) ` +
        `for a stable queue (utilisation ${load / servers} must be < 1)`,
    );
  }
}
