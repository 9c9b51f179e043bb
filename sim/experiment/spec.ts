/**
 * Experiment declarations: validating an experiment (from code or a JSON file) with errors
 * that name the field, the value found and what is allowed.
 *
 * @module
 */
import { z } from "zod";
import { dirname, isAbsolute, resolve } from "node:path";
import type { ExperimentSpec } from "./types.ts";

const positiveFinite = z.number().positive().finite();

const sequentialSchema = z.strictObject({
  metric: z.string().min(1),
  halfWidth: positiveFinite,
  relative: z.boolean().optional(),
  of: z.enum(["estimate", "difference"]).optional(),
  initial: z.number().int().min(2).optional(),
  batch: z.number().int().min(1).optional(),
  max: z.number().int().min(2),
});

const experimentSchema = z.strictObject({
  name: z.string().min(1),
  scenarios: z.array(
    z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
      error: "expected a scenario file path (string) or a scenario object",
    }),
  ).min(1),
  designs: z.array(z.string().min(1)).min(1).optional(),
  baseline: z.string().min(1).optional(),
  grid: z.record(z.string().min(1), z.array(z.unknown()).min(1)).optional(),
  replications: z.number().int().min(1).optional(),
  sequential: sequentialSchema.optional(),
  confidence: z.number().gt(0).lt(1).optional(),
  runner: z.string().min(1).optional(),
});

/** Fields allowed at each object path, for "unknown field" errors. */
const ALLOWED_FIELDS: Record<string, string[]> = {
  "": Object.keys(experimentSchema.shape),
  sequential: Object.keys(sequentialSchema.shape),
};

/** The value at a path in the input, for error messages. */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) + "..." : text;
}

/**
 * Validates an experiment declaration. Throws one error listing every problem as
 * `field "path": got <value>; <what is allowed>`. `source` names the file in messages.
 */
export function parseExperiment(input: unknown, source = "experiment"): ExperimentSpec {
  const parsed = experimentSchema.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".").replace(/\.(\d+)(?=\.|$)/g, "[$1]");
      if (issue.code === "unrecognized_keys") {
        const allowed = ALLOWED_FIELDS[path] ?? [];
        for (const key of issue.keys) {
          problems.push(
            `unknown field "${path ? path + "." : ""}${key}"; allowed fields: ${
              allowed.join(", ")
            }`,
          );
        }
      } else {
        const value = describeValue(valueAt(input, issue.path));
        problems.push(`field "${path || "(root)"}": got ${value}; ${issue.message}`);
      }
    }
  } else {
    const spec = parsed.data;
    if (spec.replications !== undefined && spec.sequential !== undefined) {
      problems.push(
        `fields "replications" and "sequential" both given; allowed: one of them ` +
          `(a fixed count, or a stop rule with its own "max")`,
      );
    }
    const rule = spec.sequential;
    if (rule && (rule.initial ?? 10) > rule.max) {
      problems.push(
        `field "sequential.initial": got ${rule.initial ?? 10} (default 10 when absent); ` +
          `allowed: at most "sequential.max" (${rule.max})`,
      );
    }
    if (spec.designs && new Set(spec.designs).size !== spec.designs.length) {
      problems.push(`field "designs": got ${describeValue(spec.designs)}; names must be unique`);
    }
    if (spec.designs && spec.baseline && !spec.designs.includes(spec.baseline)) {
      problems.push(
        `field "baseline": got "${spec.baseline}"; allowed: one of the designs ` +
          `${describeValue(spec.designs)}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(`${source} is not a valid experiment:\n  - ${problems.join("\n  - ")}`);
  }
  return parsed.data as ExperimentSpec;
}

/**
 * Reads and validates an experiment JSON file. Scenario paths and the runner path are
 * resolved against the file's folder (so the returned spec holds absolute paths).
 */
export async function loadExperiment(path: string): Promise<ExperimentSpec> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(`experiment file ${path}: cannot read it (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`experiment file ${path}: not valid JSON (${(error as Error).message})`);
  }
  const spec = parseExperiment(json, `experiment file ${path}`);
  const folder = dirname(resolve(path));
  const absolute = (file: string) => isAbsolute(file) ? file : resolve(folder, file);
  return {
    ...spec,
    scenarios: spec.scenarios.map((scenario) =>
      typeof scenario === "string" ? absolute(scenario) : scenario
    ),
    ...(spec.runner && !/^[a-z]+:/.test(spec.runner) ? { runner: absolute(spec.runner) } : {}),
  };
}
