/**
 * The command-line parser of clickday's commands: every flag is checked before anything runs,
 * and a bad one is a {@link UsageError} naming the flag, the value and what is allowed. A
 * value flag takes the next argument verbatim (so `--reps -1` reaches the range check instead
 * of a generic parser message) or `--flag=value`; `--` ends the flags.
 *
 * @module
 */
import { UsageError } from "./usage_error.ts";

/** How a flag's value is read. */
export type FlagKind = "string" | "boolean" | "integer" | "number";

/** One flag of a command. */
export interface FlagSpec {
  /** How its value is read (booleans take no value). */
  kind: FlagKind;
  /** Smallest value (integers and numbers). */
  min?: number;
  /** Largest value (integers and numbers). */
  max?: number;
  /** When true, `min` itself is not allowed (numbers: "> min"). */
  exclusiveMin?: boolean;
  /** What the flag holds, for messages (e.g. "a folder under out/"). */
  meaning?: string;
}

/** Parsed flags: each given flag's value (string, number or true) and the positionals. */
export interface ParsedFlags {
  /** Values by flag name (without the dashes); absent flags are absent. */
  values: Record<string, string | number | boolean>;
  /** Arguments that are not flags, in order. */
  positionals: string[];
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What an integer or number flag allows, in words. */
function allowedRange(spec: FlagSpec): string {
  const noun = spec.kind === "integer" ? "an integer" : "a number";
  const low = spec.min === undefined ? "" : `${spec.exclusiveMin ? ">" : "≥"} ${spec.min}`;
  const high = spec.max === undefined ? "" : `≤ ${spec.max}`;
  const range = [low, high].filter((part) => part !== "").join(" and ");
  return `${noun}${range ? ` ${range}` : ""}${spec.meaning ? ` (${spec.meaning})` : ""}`;
}

/**
 * Reads one flag's value.
 *
 * @throws UsageError naming the flag, the value and what is allowed.
 */
export function readFlagValue(name: string, text: string, spec: FlagSpec): string | number {
  const flag = `--${name}`;
  if (spec.kind === "string") {
    if (text.trim() === "") {
      throw UsageError.field(flag, text, spec.meaning ?? "a non-empty value");
    }
    return text;
  }
  const trimmed = text.trim();
  const pattern = spec.kind === "integer" ? INTEGER : DECIMAL;
  const value = Number(trimmed);
  const inRange = Number.isFinite(value) &&
    (spec.kind !== "integer" || Number.isSafeInteger(value)) &&
    (spec.min === undefined || (spec.exclusiveMin ? value > spec.min : value >= spec.min)) &&
    (spec.max === undefined || value <= spec.max);
  if (!pattern.test(trimmed) || !inRange) {
    throw UsageError.field(flag, text, allowedRange(spec));
  }
  return value;
}

/**
 * Parses `args` against `specs` (flag name → spec).
 *
 * @param usage appended to every error (the command's usage line).
 * @throws UsageError for an unknown flag, a flag given twice, a missing or bad value.
 */
export function parseFlags(
  args: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
  usage = "",
): ParsedFlags {
  const values: Record<string, string | number | boolean> = {};
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new UsageError(usage ? `${message}\n${usage}` : message);
  };
  const allowedFlags = () =>
    Object.entries(specs).map(([name, spec]) =>
      spec.kind === "boolean" ? `--${name}` : `--${name} ${spec.kind === "string" ? "X" : "N"}`
    ).join(", ");
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === "--") {
      for (let rest = index + 1; rest < args.length; rest++) positionals.push(args[rest]);
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = arg.replace(/^--?/, "").slice(0, equals < 0 ? undefined : equals - 2);
    const spec = arg.startsWith("--") ? specs[name] : undefined;
    if (!spec || !Object.hasOwn(specs, name)) {
      fail(`${describeFlag(arg)}: unknown flag; allowed: ${allowedFlags()}`);
    }
    if (Object.hasOwn(values, name)) fail(`--${name}: given twice; give it once`);
    if (spec!.kind === "boolean") {
      if (equals >= 0) fail(`--${name}: takes no value (got ${describeFlag(arg)})`);
      values[name] = true;
      continue;
    }
    let text: string;
    if (equals >= 0) text = arg.slice(equals + 1);
    else {
      if (index + 1 >= args.length) fail(`--${name}: needs a value (${allowedRange(spec!)})`);
      text = args[++index];
    }
    try {
      values[name] = readFlagValue(name, text, spec!);
    } catch (error) {
      fail((error as Error).message);
    }
  }
  return { values, positionals };
}

function describeFlag(arg: string): string {
  const text = JSON.stringify(arg);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

/** True when the arguments ask for help (`--help` or `-h` anywhere before `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}
