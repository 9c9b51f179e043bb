/**
 * Validating and loading scenario files, and applying a design.
 *
 * @module
 */
import type { z } from "zod";
import { formatIssues, ScenarioError } from "./errors.ts";
import { deepMerge } from "./merge.ts";
import { ClientSchema } from "./demand_schema.ts";
import {
  BaseScenarioSchema,
  type Client,
  type ResolvedScenario,
  type Scenario,
  ScenarioFileSchema,
} from "./scenario_schema.ts";

/** Name of the design that applies no override. */
export const BASE_DESIGN = "base";

function parseWith<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  prefix: PropertyKey[],
  context: string,
): z.output<T> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ScenarioError(formatIssues(result.error.issues, prefix), context);
  return result.data;
}

/** Checks that cross fields agree (routes name tiers, names are unique, times are ordered). */
function crossCheck(scenario: ResolvedScenario, prefix: PropertyKey[]): string[] {
  const problems: string[] = [];
  const at = (...path: PropertyKey[]) =>
    [...prefix, ...path].map((k, i) =>
      typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`
    ).join("");
  const tierNames = scenario.service.tiers.map((tier) => tier.name);
  tierNames.forEach((name, index) => {
    if (tierNames.indexOf(name) !== index) {
      problems.push(`${at("service", "tiers", index, "name")}: "${name}" is a duplicate tier name`);
    }
  });
  scenario.demand.journey.forEach((operation, opIndex) => {
    operation.route.forEach((tier, index) => {
      if (!tierNames.includes(tier)) {
        problems.push(
          `${at("demand", "journey", opIndex, "route", index)}: "${tier}" is not a tier ` +
            `(tiers: ${tierNames.join(", ")})`,
        );
      }
    });
  });
  const classNames = scenario.demand.persistence.map((entry) => entry.name);
  classNames.forEach((name, index) => {
    if (classNames.indexOf(name) !== index) {
      problems.push(`${at("demand", "persistence", index, "name")}: "${name}" is a duplicate`);
    }
  });
  scenario.service.tiers.forEach((tier, index) => {
    if (
      tier.service_time.kind === "uniform" &&
      tier.service_time.max_seconds <= tier.service_time.min_seconds
    ) {
      problems.push(
        `${at("service", "tiers", index, "service_time", "max_seconds")}: ` +
          `${tier.service_time.max_seconds} is not greater than min_seconds`,
      );
    }
    tier.maintenance.forEach((window, w) => {
      if (window.end_seconds <= window.start_seconds) {
        problems.push(
          `${at("service", "tiers", index, "maintenance", w, "end_seconds")}: ` +
            `${window.end_seconds} is not after start_seconds ${window.start_seconds}`,
        );
      }
    });
  });
  const tiered: [PropertyKey[], string | undefined][] = [
    [["admission", "token_bucket", "tier"], scenario.admission?.token_bucket?.tier],
    [["admission", "concurrency_limit", "tier"], scenario.admission?.concurrency_limit?.tier],
    [["admission", "codel", "tier"], scenario.admission?.codel?.tier],
    [["admission", "load_shedding", "tier"], scenario.admission?.load_shedding?.tier],
    [["autoscaler", "tier"], scenario.autoscaler?.tier],
  ];
  for (const [path, tier] of tiered) {
    if (tier !== undefined && !tierNames.includes(tier)) {
      problems.push(`${at(...path)}: "${tier}" is not a tier (tiers: ${tierNames.join(", ")})`);
    }
  }
  const allocation = scenario.budget?.allocation;
  if (allocation?.rule === "staggered-shares" && !scenario.staggered) {
    problems.push(
      `${at("budget", "allocation", "rule")}: staggered-shares needs a staggered section`,
    );
  }
  const arrivals = scenario.demand.arrivals;
  if (arrivals.kind === "trace") {
    if (!arrivals.points || arrivals.points.length === 0) {
      problems.push(
        `${at("demand", "arrivals", "points")}: missing (give points, or csv through loadScenario)`,
      );
    } else {
      arrivals.points.forEach((point, index) => {
        if (index > 0 && point[0] <= arrivals.points![index - 1][0]) {
          problems.push(
            `${at("demand", "arrivals", "points", index)}: time ${point[0]} is not increasing`,
          );
        }
      });
    }
  }
  if (arrivals.kind === "piecewise") {
    arrivals.steps.forEach((step, index) => {
      if (index > 0 && step.from_seconds <= arrivals.steps[index - 1].from_seconds) {
        problems.push(
          `${at("demand", "arrivals", "steps", index, "from_seconds")}: ` +
            `${step.from_seconds} is not increasing`,
        );
      }
    });
  }
  return problems;
}

function validateResolved(raw: unknown, prefix: PropertyKey[], context: string): ResolvedScenario {
  const resolved = parseWith(BaseScenarioSchema, raw, prefix, context);
  const problems = crossCheck(resolved, prefix);
  resolved.demand.persistence.forEach((entry, index) => {
    if (!entry.client) return;
    const merged = deepMerge(
      (raw as { demand: { client?: unknown } }).demand.client ?? {},
      entry.client,
    );
    const result = ClientSchema.safeParse(merged, { reportInput: true });
    if (!result.success) {
      problems.push(
        ...formatIssues(result.error.issues, [...prefix, "demand", "persistence", index, "client"]),
      );
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems, context);
  return resolved;
}

/**
 * Validates a scenario file given as parsed JSON: the base, and every design applied to it.
 * Throws {@link ScenarioError} naming each bad field. Pure: no file access (trace CSVs must
 * already be inlined as `points`; {@link loadScenario} does that).
 */
export function parseScenario(raw: unknown): Scenario {
  const scenario = parseWith(ScenarioFileSchema, raw, [], "invalid scenario");
  const { designs: _designs, ...base } = raw as Record<string, unknown>;
  validateResolved(base, [], "invalid scenario");
  for (const [name, override] of Object.entries(scenario.designs)) {
    if (name === BASE_DESIGN) {
      throw new ScenarioError([`designs.${name}: "${name}" is reserved for the base scenario`]);
    }
    validateResolved(deepMerge(base, override), ["designs", name], `invalid design "${name}"`);
  }
  return scenario;
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
  const { designs, ...base } = scenario;
  if (design === BASE_DESIGN) return validateResolved(base, [], "invalid scenario");
  const override = designs[design];
  if (!override) {
    throw new ScenarioError([
      `--design: "${design}" is not a design (designs: ${designNames(scenario).join(", ")})`,
    ]);
  }
  return validateResolved(deepMerge(base, override), ["designs", design], `invalid design`);
}

/**
 * The client of a persistence class: the scenario's client with the class's overrides.
 *
 * @param classIndex index into `demand.persistence`.
 */
export function clientOfClass(scenario: ResolvedScenario, classIndex: number): Client {
  const entry = scenario.demand.persistence[classIndex];
  if (!entry.client) return scenario.demand.client;
  return ClientSchema.parse(deepMerge(scenario.demand.client, entry.client));
}

/**
 * Parses a `time,rate` CSV (seconds, citizens/s; a header line is allowed) into points.
 *
 * @throws ScenarioError on a malformed line.
 */
export function parseTraceCsv(text: string, label = "trace"): [number, number][] {
  const points: [number, number][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const cells = trimmed.split(",").map((cell) => cell.trim());
    const time = Number(cells[0]);
    const rate = Number(cells[1]);
    if (cells.length < 2 || !Number.isFinite(time) || !Number.isFinite(rate)) {
      if (index === 0 && points.length === 0) return; // header
      throw new ScenarioError([`${label} line ${index + 1}: "${trimmed}" is not "time,rate"`]);
    }
    if (time < 0 || rate < 0) {
      throw new ScenarioError([`${label} line ${index + 1}: "${trimmed}" has a negative number`]);
    }
    points.push([time, rate]);
  });
  return points;
}

/** Replaces every `{ kind: "trace", csv }` profile by inline points, reading the CSV. */
function inlineTraces(node: unknown, readText: (path: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineTraces(item, readText));
  if (typeof node !== "object" || node === null) return node;
  const record = node as Record<string, unknown>;
  if (record.kind === "trace" && typeof record.csv === "string" && record.points === undefined) {
    return { ...record, points: parseTraceCsv(readText(record.csv), record.csv) };
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, inlineTraces(value, readText)]),
  );
}

/**
 * Reads, validates and returns a scenario file; trace CSV paths are resolved against the
 * scenario file's folder, then the working directory.
 *
 * @throws ScenarioError on unreadable files, bad JSON or invalid fields.
 */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    throw new ScenarioError([`${path}: cannot be read (${(error as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError([`${path}: is not valid JSON (${(error as Error).message})`]);
  }
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "./";
  const readText = (csv: string) => {
    for (const candidate of [folder + csv, csv]) {
      try {
        return Deno.readTextFileSync(candidate);
      } catch {
        // try the next candidate
      }
    }
    throw new ScenarioError([`trace csv: "${csv}" cannot be read`]);
  };
  return parseScenario(inlineTraces(raw, readText));
}
