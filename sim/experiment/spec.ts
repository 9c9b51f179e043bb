/**
 * Experiment declarations: validating an experiment (from code or a JSON file) with errors
 * that name the field, the value found and what is allowed.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { dirname, isAbsolute, resolve } from "node:path";
import {
  jsonDepth,
  MAX_DESIGNS,
  MAX_EXPERIMENT_FILE_BYTES,
  MAX_GRID_POINTS,
  MAX_JSON_NESTING,
  MAX_NAME_LENGTH,
  MAX_REPLICATIONS,
  MAX_SCENARIOS,
  MAX_UNTIL_SECONDS,
} from "./limits.ts";
import { DEFAULT_MODEL, registeredModels } from "./model_registry.ts";
import { readBoundedTextFileAsync } from "../scenario/mod.ts";
import type { ExperimentSpec } from "./types.ts";
import { describeValue, UsageError } from "./usage_error.ts";

const positiveFinite = z.number().positive().finite();

const sequentialSchema = z.strictObject({
  metric: z.string().min(1).max(200),
  halfWidth: positiveFinite,
  relative: z.boolean().optional(),
  of: z.enum(["estimate", "difference"]).optional(),
  initial: z.number().int().min(2).max(MAX_REPLICATIONS).optional(),
  batch: z.number().int().min(1).max(MAX_REPLICATIONS).optional(),
  max: z.number().int().min(2).max(MAX_REPLICATIONS),
});

const experimentSchema = z.strictObject({
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  scenarios: z.array(
    z.union([z.string().min(1).max(4096), z.record(z.string(), z.unknown())], {
      error: "expected a scenario file path (string) or a scenario object",
    }),
  ).min(1).max(MAX_SCENARIOS),
  designs: z.array(z.string().min(1).max(200)).min(1).max(MAX_DESIGNS).optional(),
  baseline: z.string().min(1).max(200).optional(),
  grid: z.record(z.string().min(1).max(500), z.array(z.unknown()).min(1).max(MAX_GRID_POINTS))
    .optional(),
  replications: z.number().int().min(1).max(MAX_REPLICATIONS).optional(),
  sequential: sequentialSchema.optional(),
  confidence: z.number().gt(0).lt(1).optional(),
  model: z.string().min(1).max(64).optional(),
  until: z.number().positive().max(MAX_UNTIL_SECONDS).optional(),
  description: z.string().max(4000).optional(),
});

/** The `runner` field of older experiment files: refused (files carry no code). */
const RUNNER_REFUSED = 'field "runner": an experiment names its model by a registered name ' +
  '("model", default "scenario-model"), never by a module URL or path (an experiment file ' +
  "carries no code); remove the field";

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

/**
 * Validates an experiment declaration. Throws one error listing every problem as
 * `field "path": got <value>; <what is allowed>`. `source` names the file in messages.
 */
export function parseExperiment(input: unknown, source = "experiment"): ExperimentSpec {
  if (jsonDepth(input) > MAX_JSON_NESTING) {
    throw new UsageError(
      `${source} is not a valid experiment: nested deeper than ${MAX_JSON_NESTING} levels`,
    );
  }
  const problems: string[] = [];
  if (input !== null && typeof input === "object" && Object.hasOwn(input, "runner")) {
    problems.push(RUNNER_REFUSED);
    const { runner: _runner, ...rest } = input as Record<string, unknown>;
    input = rest;
  }
  const parsed = experimentSchema.safeParse(input);
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
    const model = spec.model ?? DEFAULT_MODEL;
    if (!registeredModels().includes(model)) {
      problems.push(
        `field "model": got ${describeValue(model)}; allowed: a registered model name (` +
          `${registeredModels().map((name) => `"${name}"`).join(", ")})`,
      );
    }
    let points = 1;
    for (const [path, values] of Object.entries(spec.grid ?? {})) {
      points *= values.length;
      const texts = values.map((value) => JSON.stringify(value));
      const repeated = texts.find((text, index) => texts.indexOf(text) !== index);
      if (repeated !== undefined) {
        problems.push(
          `field "grid.${path}": got ${repeated} twice; allowed: distinct values (each is a ` +
            `grid point of its own)`,
        );
      }
    }
    if (points > MAX_GRID_POINTS) {
      problems.push(
        `field "grid": ${points} grid points (the product of its value lists); allowed: at ` +
          `most ${MAX_GRID_POINTS}`,
      );
    }
    if (spec.designs && spec.baseline && !spec.designs.includes(spec.baseline)) {
      problems.push(
        `field "baseline": got "${spec.baseline}"; allowed: one of the designs ` +
          `${describeValue(spec.designs)}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new UsageError(`${source} is not a valid experiment:\n  - ${problems.join("\n  - ")}`);
  }
  return parsed.data as ExperimentSpec;
}

/**
 * Reads and validates an experiment JSON file (anywhere: reading is harmless). Scenario paths
 * are resolved against the file's folder (so the returned spec holds absolute paths).
 *
 * @throws UsageError naming the file and every bad field.
 */
export async function loadExperiment(path: string): Promise<ExperimentSpec> {
  let text: string;
  try {
    text = await readBoundedTextFileAsync(path, MAX_EXPERIMENT_FILE_BYTES);
  } catch (error) {
    throw new UsageError(`experiment file ${path}: cannot read it (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`experiment file ${path}: not valid JSON (${(error as Error).message})`);
  }
  const spec = parseExperiment(json, `experiment file ${path}`);
  const folder = dirname(resolve(path));
  const absolute = (file: string) => isAbsolute(file) ? file : resolve(folder, file);
  return {
    ...spec,
    scenarios: spec.scenarios.map((scenario) =>
      typeof scenario === "string" ? absolute(scenario) : scenario
    ),
  };
}
