/**
 * A user's mistake — a bad flag, an experiment file that does not validate, an output folder
 * that is not ours to replace — as opposed to a bug in clickday. Commands exit with code 2 on
 * it, print its message (field, value, what is allowed) and never a stack trace.
 *
 * @module
 */

/** Describes a value for an error message: JSON, at most ~80 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Bad input from the user: a command exits with code 2 and prints the message only. */
export class UsageError extends Error {
  /** Builds the error from its full message (it should name the field and the value). */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }

  /**
   * `field: got <value>; allowed: <allowed>` — the usual shape.
   *
   * @param field the flag (`--workers`) or the field path (`sequential.max`).
   * @param value the value found (described as JSON).
   * @param allowed what would be accepted.
   */
  static field(field: string, value: unknown, allowed: string): UsageError {
    return new UsageError(`${field}: got ${describeValue(value)}; allowed: ${allowed}`);
  }
}

/**
 * A run that stopped before finishing for a reason that is neither a mistake nor a bug: a
 * replication exceeded `--timeout`, or another process holds the output folder. Finished
 * replications are kept; rerunning the command resumes (exit code 3).
 */
export class RunStoppedError extends Error {
  /** Builds the error from what stopped the run and how to resume. */
  constructor(message: string) {
    super(message);
    this.name = "RunStoppedError";
  }
}
