/**
 * Scenario validation errors that name the field path, the value and what is allowed.
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";

/** A scenario that failed validation; `problems` holds one line per bad field. */
export class ScenarioError extends Error {
  /** One message per problem, e.g. `service.tiers[1].servers: -4 is not a positive integer`. */
  readonly problems: string[];
  /** Builds the error from its problem lines. */
  constructor(problems: string[], context = "invalid scenario") {
    super(`${context}:\n  ${problems.join("\n  ")}`);
    this.name = "ScenarioError";
    this.problems = problems;
  }
}

/** Formats a path like `service.tiers[1].servers`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text === "" ? "(root)" : text;
}

function formatValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}

/** Turns zod issues into `path: value message` lines; `prefix` is prepended to each path. */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch that got furthest (most specific path) rather than "Invalid input";
      // of those, the one with the fewest problems (`{ value: "3", assumption }` is a bad
      // value of the assumption form, not also a source missing from the source form).
      const depth = (issues: readonly z.core.$ZodIssue[]) =>
        issues.reduce((deepest, i) => Math.max(deepest, i.path.length), 0);
      const better = (a: readonly z.core.$ZodIssue[], b: readonly z.core.$ZodIssue[]) =>
        depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length);
      const best = issue.errors.reduce((a, b) => better(a, b) ? b : a);
      for (const line of formatIssues(best, path)) lines.push(line);
      continue;
    }
    if (issue.code === "invalid_key" && issue.issues.length > 0) {
      // A bad record key: say what the key schema says, not "Invalid key in record".
      const key = path.at(-1);
      lines.push(`${formatPath(path)}: ${formatValue(key)} ${issue.issues[0].message}`);
      continue;
    }
    let input = (issue as { input?: unknown }).input;
    const last = path.at(-1);
    if (
      issue.code !== "invalid_type" && typeof last === "string" && typeof input === "object" &&
      input !== null && last in input
    ) {
      input = (input as Record<string, unknown>)[last]; // e.g. a bad discriminator
    }
    if (issue.code === "unrecognized_keys") {
      lines.push(`${formatPath(path)}: unknown field(s) ${issue.keys.join(", ")}`);
    } else if (input === undefined && issue.code === "invalid_type") {
      lines.push(`${formatPath(path)}: missing (${issue.message})`);
    } else if (input === undefined && /^is missing/.test(issue.message)) {
      lines.push(`${formatPath(path)}: ${issue.message.replace(/^is /, "")}`);
    } else if (/^(is|must) /.test(issue.message)) {
      lines.push(`${formatPath(path)}: ${formatValue(input)} ${issue.message}`);
    } else {
      lines.push(`${formatPath(path)}: ${formatValue(input)}: ${issue.message}`);
    }
  }
  return [...new Set(lines)];
}
