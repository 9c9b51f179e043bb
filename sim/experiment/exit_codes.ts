/**
 * Exit codes of every clickday command, and how a failure is told to the user: a mistake in
 * the input (code 2) is one message naming the field, the value and what is allowed, never a
 * stack trace; a run stopped by a limit or by another process (code 3) says how to resume; a
 * bug in clickday (code 1) says so, and how to report it, with the stack trace.
 *
 * | code | meaning                                                                      |
 * | ---- | ---------------------------------------------------------------------------- |
 * | 0    | done                                                                         |
 * | 1    | a bug in clickday (or a failure of the machine): the message says how to report it |
 * | 2    | a mistake in the input (flags, files, output folder): nothing was run or changed |
 * | 3    | stopped before the end (`--timeout`, another process on the folder): rerun to resume |
 *
 * @module
 */
import { ReplicationError } from "./replication_error.ts";
import { RunStoppedError, UsageError } from "./usage_error.ts";

/** The exit codes (documented in the README, "Exit codes"). */
export const EXIT_CODES = {
  /** Done. */
  ok: 0,
  /** A bug in clickday (or the machine failed): nothing of it is the user's input's fault. */
  bug: 1,
  /** A mistake in the input: nothing was run, nothing was changed. */
  usage: 2,
  /** Stopped before the end; finished replications are kept and a rerun resumes. */
  stopped: 3,
} as const;

/** How to report a bug (printed with every exit code 1). */
export const HOW_TO_REPORT =
  "This is a bug in clickday, not a mistake in your input. Please report it (README, " +
  '"Exit codes and reporting a bug"): the command you ran, the scenario or experiment files it ' +
  "read, and everything printed below.";

/** Names of errors that are the user's mistake wherever they come from (scenario validation). */
const USER_ERROR_NAMES = new Set(["UsageError", "ScenarioError", "ExperimentSpecError"]);

/** True for an error that is the user's mistake (exit code 2). */
export function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return true;
  }
  return error instanceof Error && USER_ERROR_NAMES.has(error.name);
}

/** The exit code and the text to print on stderr for an error a command did not expect. */
export function describeFailure(
  error: unknown,
  program: string,
): { code: number; message: string } {
  if (isUsageError(error)) {
    let message = (error as Error).message;
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      message += "\n(outputs go under out/ only; every task's permissions are in the README)";
    }
    return { code: EXIT_CODES.usage, message: `${program}: ${message}` };
  }
  if (error instanceof RunStoppedError) {
    return { code: EXIT_CODES.stopped, message: `${program}: ${error.message}` };
  }
  if (error instanceof ReplicationError && error.timedOut) {
    return {
      code: EXIT_CODES.stopped,
      message: `${program}: ${error.message}\nFinished replications are kept in the output ` +
        "folder (with --out): rerun the same command to resume, with a larger --timeout.",
    };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: EXIT_CODES.bug, message: `${program}: ${HOW_TO_REPORT}\n${detail}` };
}

/**
 * Runs a command's body and turns what it throws into an exit code, printing the message on
 * stderr (`printError`, default `console.error`).
 */
export async function runCommand(
  program: string,
  body: () => Promise<number> | number,
  printError: (text: string) => void = (text) => console.error(text),
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const { code, message } = describeFailure(error, program);
    printError(message);
    return code;
  }
}
