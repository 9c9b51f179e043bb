/**
 * Scenario files in the model's language: validating raw JSON (the base and every design
 * merged onto it), applying a design, each persistence class's client, loading a file.
 *
 * @module
 */
import { ScenarioError } from "../scenario/errors.ts";
import { readScenarioJson } from "../scenario/files.ts";
import { mergeDesign } from "../scenario/merge.ts";
import { formatIssues, formatPath } from "../scenario/errors.ts";
import { kindFields } from "../scenario/schema_walk.ts";
import { childPattern } from "../scenario/scaling_roles.ts";
import type { z } from "npm:zod@4.6.7";
import { type Client, ClientSchema } from "./client/client_schema.ts";
import {
  BaseScenarioSchema,
  type ResolvedScenario,
  type Scenario,
  ScenarioFileSchema,
} from "./scenario_schema.ts";

/** Name of the design that applies no override. */
export const BASE_DESIGN = "base";

/**
 * The raw JSON of each parsed scenario's base: designs merge onto what the file says, not onto
 * the parsed base with its defaults filled in (a kind change would inherit those defaults).
 */
const rawBases = new WeakMap<Scenario, Record<string, unknown>>();

/** What parsing a scenario dropped or changed, by scenario (see {@link scenarioWarnings}). */
const parseWarnings = new WeakMap<Scenario, string[]>();

/**
 * The warnings of a parsed scenario: fields of a design (or a persistence class) that do not
 * apply to the kind it ends up with, dropped. Empty when nothing was dropped.
 */
export function scenarioWarnings(scenario: Scenario): string[] {
  return parseWarnings.get(scenario) ?? [];
}

/** Fields of older scenario files, and what replaced them. */
const RENAMED_FIELDS: [RegExp, string][] = [
  [/\.retry\.budget$/, "was renamed max_retries_total (retries a citizen may make in all)"],
  [
    /\.retry\.adaptive_throttle_k$/,
    "was removed: per-journey throttling never acts; use demand.client.adaptive_throttle " +
    "{ k, scope, window_seconds } (scope gateway, citizen or session)",
  ],
];

/** Problems naming renamed fields of older files (so the error says what to write instead). */
function renamedFieldProblems(raw: unknown, prefix: PropertyKey[]): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const at = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      for (const [pattern, message] of RENAMED_FIELDS) {
        if (pattern.test(`.${at}`)) problems.push(`${at}: ${message}`);
      }
      walk(value, at);
    }
  };
  walk(raw, prefix.map(String).join("."));
  return problems;
}

/** Every field of every kind, per discriminated union of the scenario and of a client. */
const KIND_FIELDS = { scenario: kindFields(BaseScenarioSchema), client: kindFields(ClientSchema) };

/** Patterns' prefixes of a kind-field map (to match concrete paths to patterns). */
function prefixesOf(fields: Map<string, Set<string>>): Set<string> {
  const prefixes = new Set<string>([""]);
  for (const pattern of fields.keys()) {
    for (let i = 1; i <= pattern.length; i++) {
      const next = pattern[i];
      if (i === pattern.length || next === "." || next === "[" || next === "{") {
        prefixes.add(pattern.slice(0, i));
      }
    }
  }
  return prefixes;
}
const PREFIXES = {
  scenario: prefixesOf(KIND_FIELDS.scenario),
  client: prefixesOf(KIND_FIELDS.client),
};

/**
 * Parses merged JSON; fields that belong to another kind of an element (left over when a
 * design or a persistence class changes or narrows a `kind`) are dropped, each with a warning
 * naming it; a field no kind knows stays an error (a typo).
 */
function parseMerged<T extends z.ZodType>(
  schema: T,
  which: "scenario" | "client",
  raw: unknown,
  prefix: PropertyKey[],
  warnings: string[],
): z.ZodSafeParseResult<z.output<T>> {
  const value = structuredClone(raw);
  for (;;) {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result;
    let dropped = false;
    for (const issue of result.error.issues) {
      if (issue.code !== "unrecognized_keys") continue;
      let pattern: string | undefined = "";
      for (const key of issue.path) {
        pattern = pattern === undefined ? undefined : childPattern(PREFIXES[which], pattern, key);
      }
      const known = pattern === undefined ? undefined : KIND_FIELDS[which].get(pattern);
      if (!known || !issue.keys.every((key) => known.has(key))) continue;
      let node = value as Record<PropertyKey, unknown>;
      for (const key of issue.path) node = node[key as string] as Record<PropertyKey, unknown>;
      for (const key of issue.keys) delete node[key];
      warnings.push(
        `${formatPath([...prefix, ...issue.path])}: ${issue.keys.join(", ")} ` +
          `${issue.keys.length === 1 ? "does" : "do"} not apply to kind ` +
          `${JSON.stringify(node.kind)} and ${issue.keys.length === 1 ? "was" : "were"} dropped`,
      );
      dropped = true;
    }
    if (!dropped) return result;
  }
}

/** Validates one resolved part (the base, or the base with a design), raw JSON in hand. */
function validateResolved(
  raw: unknown,
  prefix: PropertyKey[],
  context: string,
  warnings: string[] = [],
): ResolvedScenario {
  const renamed = renamedFieldProblems(raw, prefix);
  if (renamed.length > 0) throw new ScenarioError(renamed, context);
  const merged = prefix.length > 0; // a design: fields of an old kind may be left over
  const result = merged
    ? parseMerged(BaseScenarioSchema, "scenario", raw, prefix, warnings)
    : BaseScenarioSchema.safeParse(raw, { reportInput: true });
  const problems = result.success ? [] : formatIssues(result.error.issues, prefix);
  const demand = (raw as { demand?: { client?: unknown; persistence?: unknown } })?.demand;
  if (Array.isArray(demand?.persistence)) {
    demand.persistence.forEach((entry: { client?: unknown }, index: number) => {
      if (entry?.client === undefined) return;
      const at = [...prefix, "demand", "persistence", index, "client"];
      try {
        const client = mergeDesign(demand.client ?? {}, entry.client, at).merged;
        const parsed = parseMerged(ClientSchema, "client", client, at, warnings);
        if (!parsed.success) addAll(problems, formatIssues(parsed.error.issues, at));
      } catch (error) {
        if (error instanceof ScenarioError) addAll(problems, error.problems);
        else throw error;
      }
    });
  }
  if (problems.length > 0 || !result.success) throw new ScenarioError(problems, context);
  return result.data;
}

/**
 * Validates a scenario file given as raw JSON: the base, and every design merged onto it.
 * Throws {@link ScenarioError} naming each bad field. Pure: no file access (trace CSVs must
 * already be inlined as `points`; {@link loadScenario} does that).
 */
export function parseScenario(raw: unknown): Scenario {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ScenarioError(["(root): is not a JSON object"]);
  }
  const { designs, ...base } = raw as Record<string, unknown>;
  const warnings: string[] = [];
  validateResolved(base, [], "invalid scenario", warnings);
  const problems: string[] = [];
  const file = ScenarioFileSchema.safeParse(raw, { reportInput: true });
  if (!file.success) throw new ScenarioError(formatIssues(file.error.issues), "invalid scenario");
  for (const [name, override] of Object.entries(file.data.designs)) {
    if (name === BASE_DESIGN) {
      problems.push(`designs.${name}: "${name}" is reserved for the base scenario`);
      continue;
    }
    try {
      resolveRaw(base, override, name, warnings);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      addAll(problems, error.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems, "invalid design");
  void designs;
  rawBases.set(file.data, base);
  parseWarnings.set(file.data, warnings);
  return file.data;
}

/** Merges a design's raw overrides onto the raw base and validates the result. */
function resolveRaw(
  base: unknown,
  override: unknown,
  name: string,
  warnings: string[] = [],
): ResolvedScenario {
  const prefix = ["designs", name];
  const { merged } = mergeDesign(base, override, prefix);
  return validateResolved(merged, prefix, `invalid design "${name}"`, warnings);
}

/** The design names of a scenario: `"base"` first, then the file's designs in order. */
export function designNames(scenario: Scenario): string[] {
  return [BASE_DESIGN, ...Object.keys(scenario.designs)];
}

/**
 * Applies one design (`"base"` or a name from `designs`) and returns the validated result.
 *
 * @throws ScenarioError when the design is unknown or its overrides are invalid.
 */
export function resolveDesign(scenario: Scenario, design: string): ResolvedScenario {
  const { designs, ...parsedBase } = scenario;
  const base = rawBases.get(scenario) ?? parsedBase;
  if (design === BASE_DESIGN) return validateResolved(base, [], "invalid scenario");
  const override = designs[design];
  if (!override) {
    throw new ScenarioError([
      `--design: "${design}" is not a design (designs: ${designNames(scenario).join(", ")})`,
    ]);
  }
  return resolveRaw(base, override, design);
}

/** The client of a persistence class: the scenario's client with the class's overrides. */
export function clientOfClass(scenario: ResolvedScenario, classIndex: number): Client {
  const entry = scenario.demand.persistence[classIndex];
  if (!entry.client) return scenario.demand.client;
  const merged = mergeDesign(scenario.demand.client, entry.client).merged;
  const at = ["demand", "persistence", classIndex, "client"];
  const parsed = parseMerged(ClientSchema, "client", merged, at, []);
  if (!parsed.success) throw new ScenarioError(formatIssues(parsed.error.issues, at));
  return parsed.data;
}

/**
 * Reads, validates and returns a scenario file (trace CSVs resolved against its folder).
 *
 * @throws ScenarioError on unreadable files, bad JSON or invalid fields.
 */
export function loadScenario(path: string): Scenario {
  return parseScenario(readScenarioJson(path));
}

/** Appends `items` to `list` (a loop: spreading a long array into `push` overflows the stack). */
function addAll<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}
