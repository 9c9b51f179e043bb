/**
 * Incidents are data: what the code needs to know about a documented click day, besides its
 * scenario (`data/scenarios/<incident>.json`) and its calibration record
 * (`data/calibration/<incident>.json`), is in one descriptor, `data/incidents/<incident>.json`
 * (JSON Schema: `data/schema/incident.schema.json`, generated from the zod schema below): the time
 * origin, the run plan (calibration scale and replications, sensitivity and pre-screen scales,
 * each with its reason), how each reported observable is measured on a run (a measure: which
 * output, which window, which threshold), the sensitivity's metric, the alternative that must
 * serve nearly everyone, the designs' descriptions and the report's prose, in Italian and
 * English.
 *
 * {@link listIncidents} discovers the incidents (every descriptor, which must have a scenario and
 * a calibration record; every calibration record must have a descriptor) and
 * {@link loadIncident} reads one, checked field by field and against its scenario, its
 * calibration record and the metric catalogue (those cross-checks: `descriptor_checks.ts`).
 * There are no defaults: a missing or wrong field is an error naming the file and the field.
 *
 * Regenerate the JSON Schema with
 * `deno run --allow-write=data sim/calibration/incident_descriptor.ts && deno fmt data/schema`.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Calibration } from "./calibration_record.ts";
import { descriptorProblems } from "./descriptor_checks.ts";

/** Folder of the descriptors, relative to the project root. */
export const INCIDENTS_FOLDER = "data/incidents";
/** Path of the committed JSON Schema of a descriptor, relative to the project root. */
export const INCIDENT_SCHEMA_PATH = "data/schema/incident.schema.json";

/** The project root this module lives in (the default root of every read). */
export const PROJECT_ROOT: URL = new URL("../../", import.meta.url);

/** A time unit of a measured duration: seconds or hours. */
export type TimeUnit = "s" | "h";

/** A window [from, to) in seconds after the time origin; `to` null: the end of the run. */
export type Window = [number, number | null];

/**
 * What a per-bin count reads: journeys completed, requests offered (first attempts + retries +
 * reloads, from the result tables), citizens issuing their first request, citizens whose first
 * successful request falls in the bin.
 */
export type CountSource = "journeys" | "offered" | "citizens_starting" | "citizens_first_success";

/**
 * How an observable is measured on one run, at full scale: counts and rates measured at scale k
 * are divided by k, times, shares and ratios are not.
 *
 * - `count`: the sum of a per-bin count over the bins starting in `window`, ÷ k;
 * - `peak_rate`: the highest per-second rate of a count over the bins starting in `window`, ÷ k;
 * - `active_citizens`: distinct citizens with a request in `window`, ÷ k;
 * - `summary`: a summary metric of the run (÷ k when the metric catalogue says it grows with
 *   the system);
 * - `elapsed`: a time summary metric minus `since_seconds`, in `unit`;
 * - `series_at`: a series metric in the bin holding `at_seconds` (÷ k likewise);
 * - `ratio`: one measure over another;
 * - `degraded_span`: from the first to the last block of `block_seconds` in which a tier serves
 *   within the client timeout fewer than `below` of the requests arriving, in `unit` (0: never);
 * - `first_failure`: the first moment a tier is down (`tier_up` < 1) or a block of
 *   `block_seconds` serves within the timeout fewer than `below` of its requests, in `unit`;
 * - `sustained_shortfall`: the first block of `block_seconds` from `from_seconds` in which the
 *   journeys completed stay below `below` × the citizens starting for `sustain_seconds`, in
 *   `unit` (seconds after the origin).
 */
export type MeasureSpec =
  | { kind: "count"; of: CountSource; window: Window }
  | { kind: "peak_rate"; of: CountSource; window: Window }
  | { kind: "active_citizens"; window: Window }
  | { kind: "summary"; metric: string }
  | { kind: "elapsed"; metric: string; since_seconds: number; unit: TimeUnit }
  | { kind: "series_at"; metric: string; at_seconds: number }
  | { kind: "ratio"; numerator: MeasureSpec; denominator: MeasureSpec }
  | {
    kind: "degraded_span";
    tier: string;
    block_seconds: number;
    below: number;
    unit: TimeUnit;
    /** Why these thresholds (an assumption, in words). */
    why: string;
  }
  | {
    kind: "first_failure";
    tier: string;
    block_seconds: number;
    below: number;
    unit: TimeUnit;
    /** Why these thresholds (an assumption, in words). */
    why: string;
  }
  | {
    kind: "sustained_shortfall";
    from_seconds: number;
    block_seconds: number;
    sustain_seconds: number;
    below: number;
    unit: TimeUnit;
    /** Why these thresholds (an assumption, in words). */
    why: string;
  };

const text = z.string().trim().min(1);
const bilingual = z.strictObject({
  it: text.describe("Italian"),
  en: text.describe("English"),
});
const seconds = z.number().finite().min(0);
const positiveSeconds = z.number().finite().positive();
const share = z.number().finite().gt(0).lte(1);
const timeUnit = z.enum(["s", "h"]);
const windowSchema = z.tuple([seconds, seconds.nullable()]).describe(
  "[from, to) in seconds after the time origin; to null: the end of the run",
);
const countSource = z.enum(["journeys", "offered", "citizens_starting", "citizens_first_success"]);
const scale = z.number().finite().gt(0).lte(1);

/** The reason for a failure measure's thresholds (they are assumptions, not reported figures). */
const thresholdsWhy = text.describe(
  "Why these thresholds: the assumption behind below, block_seconds (and sustain_seconds)",
);

/** The zod schema of a measure (recursive through `ratio`). */
export const MeasureSchema: z.ZodType<MeasureSpec> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("count"), of: countSource, window: windowSchema }),
    z.strictObject({ kind: z.literal("peak_rate"), of: countSource, window: windowSchema }),
    z.strictObject({ kind: z.literal("active_citizens"), window: windowSchema }),
    z.strictObject({ kind: z.literal("summary"), metric: text }),
    z.strictObject({
      kind: z.literal("elapsed"),
      metric: text,
      since_seconds: seconds,
      unit: timeUnit,
    }),
    z.strictObject({ kind: z.literal("series_at"), metric: text, at_seconds: seconds }),
    z.strictObject({
      kind: z.literal("ratio"),
      numerator: MeasureSchema,
      denominator: MeasureSchema,
    }),
    z.strictObject({
      kind: z.literal("degraded_span"),
      tier: text,
      block_seconds: positiveSeconds,
      below: share,
      unit: timeUnit,
      why: thresholdsWhy,
    }),
    z.strictObject({
      kind: z.literal("first_failure"),
      tier: text,
      block_seconds: positiveSeconds,
      below: share,
      unit: timeUnit,
      why: thresholdsWhy,
    }),
    z.strictObject({
      kind: z.literal("sustained_shortfall"),
      from_seconds: seconds,
      block_seconds: positiveSeconds,
      sustain_seconds: positiveSeconds,
      below: share,
      unit: timeUnit,
      why: thresholdsWhy,
    }),
  ])
).meta({ id: "measure", description: "How a quantity is measured on one run, at full scale" });

/** The zod schema of a descriptor file. */
export const IncidentDescriptorSchema = z.strictObject({
  $schema: z.string().optional().describe("../schema/incident.schema.json"),
  incident: text.describe("File stem, the same as the scenario's and the calibration record's"),
  time_origin: text.describe(
    "ISO 8601 local date-time with offset of t = 0 s (equal to the calibration record's)",
  ),
  run_plan: z.strictObject({
    scale: scale.describe(
      "Demand-and-capacity factor k of the calibration checks (observables, alternative)",
    ),
    replications: z.number().int().min(3).max(100).describe(
      "Replications of the calibration checks (≥ 3, for a Student-t interval)",
    ),
    why: text.describe(
      "Why this k: the smallest whose run is fast and whose rounding is tolerable",
    ),
    sensitivity_scale: scale.describe("Scale of the one-at-a-time sensitivity (tornado) runs"),
    sensitivity_why: text.describe("Why that scale (a tornado costs two runs per assumption)"),
    prescreen_scale: scale.nullable().describe(
      "Scale of a cheap pre-screen ranking every assumption before the report reruns the largest " +
        "swings at the sensitivity scale; null: no pre-screen",
    ),
    prescreen_why: text.nullable().describe("Why a pre-screen (null without one)"),
  }),
  sensitivity: z.strictObject({
    metric: text.describe(
      "Metric of the conclusion the tornado moves: an observable of this file or a summary " +
        "metric of the catalogue",
    ),
    label: bilingual.nullable().describe(
      "The metric in words; null: the metric catalogue's label (required for an observable)",
    ),
  }),
  observables: z.record(
    text,
    z.strictObject({
      measure: MeasureSchema,
      produced_by: text.describe("Which inputs and mechanisms produce it (it is not an input)"),
      not_reproduced: text.nullable().describe(
        "Why the model does not reproduce it at the run plan's scale; null: it does",
      ),
    }),
  ).describe("Every observable of the calibration record, by name"),
  alternative: z.strictObject({
    design: text.describe("A design of the scenario that serves (nearly) everyone"),
    not_served: MeasureSchema.describe("The share it does not serve"),
    not_served_means: text.describe("What that share is, in words"),
    below: share.describe("Largest acceptable upper bound of its 95% interval"),
    below_why: text.describe("Why that bound: the assumption behind 'serves (nearly) everyone'"),
  }),
  designs: z.record(text, bilingual).describe(
    "What each design of the scenario is (base: the as-built system), by design name",
  ),
  report: z.strictObject({
    title: bilingual.describe(
      "Short title; {name} is the calibration parameter name formatted by its unit, {year} " +
        "the year of the time origin",
    ),
    happened: bilingual.describe("What happened, with reported figures as {name}"),
    budget_unit: bilingual.nullable().default(null).describe(
      "What the scenario's budget counts when it is not euro, a plural noun (work permits " +
        "modelled as one-euro grants: quotas); null: euro",
    ),
  }),
});

/** One incident's descriptor, `data/incidents/<incident>.json`. */
export type IncidentDescriptor = Omit<z.infer<typeof IncidentDescriptorSchema>, "$schema">;

/** One observable's entry of a descriptor. */
export type ObservableDescriptor = IncidentDescriptor["observables"][string];

/** A descriptor problem: the file and every field that is wrong. */
export class IncidentDescriptorError extends Error {
  /** `field: what is wrong` lines. */
  readonly problems: string[];

  /** @param file the descriptor (or data) file; @param problems one line per problem. */
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join(`\n${file}: `)}`);
    this.name = "IncidentDescriptorError";
    this.problems = problems;
  }
}

/** A root folder given as a URL or a path (relative to the working directory) as a folder URL. */
export function rootUrl(root: URL | string = PROJECT_ROOT): URL {
  if (root instanceof URL) return root.href.endsWith("/") ? root : new URL(`${root.href}/`);
  return pathToFileURL(resolve(root) + "/");
}

/** Path of an incident's descriptor relative to the root, e.g. `data/incidents/x.json`. */
export function descriptorPath(incident: string): string {
  return `${INCIDENTS_FOLDER}/${incident}.json`;
}

function stems(folder: URL): string[] {
  try {
    return [...Deno.readDirSync(folder)]
      .filter((entry) => entry.isFile && entry.name.endsWith(".json"))
      .map((entry) => entry.name.slice(0, -".json".length));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}

/**
 * The documented incidents under `root`: every `data/incidents/<incident>.json`, sorted.
 *
 * @throws IncidentDescriptorError when a descriptor has no scenario or calibration record, or a
 * calibration record has no descriptor (an incident would silently be left out).
 */
export function listIncidents(root: URL | string = PROJECT_ROOT): string[] {
  const base = rootUrl(root);
  const described = stems(new URL(`${INCIDENTS_FOLDER}/`, base)).sort();
  const scenarios = new Set(stems(new URL("data/scenarios/", base)));
  const calibrated = stems(new URL("data/calibration/", base));
  const problems: string[] = [];
  for (const name of described) {
    if (!scenarios.has(name)) problems.push(`${name}: no scenario data/scenarios/${name}.json`);
    if (!calibrated.includes(name)) {
      problems.push(`${name}: no calibration record data/calibration/${name}.json`);
    }
  }
  for (const name of calibrated) {
    if (!described.includes(name)) {
      problems.push(`data/calibration/${name}.json has no descriptor ${descriptorPath(name)}`);
    }
  }
  if (problems.length > 0) throw new IncidentDescriptorError(INCIDENTS_FOLDER, problems);
  return described;
}

/** The zod issue as `path: message`, with "missing" for an absent field. */
function issueLine(issue: z.core.$ZodIssue): string {
  const path = issue.path.length === 0 ? "(top level)" : issue.path.join(".");
  const missing = issue.code === "invalid_type" && /received undefined$/.test(issue.message);
  return `${path}: ${missing ? `missing (expected ${issue.expected})` : issue.message}`;
}

/**
 * Checks a descriptor's shape (no cross-checks) and returns it.
 *
 * @throws IncidentDescriptorError naming `file` and every wrong or missing field.
 */
export function parseIncidentDescriptor(raw: unknown, file: string): IncidentDescriptor {
  const parsed = IncidentDescriptorSchema.safeParse(raw);
  if (!parsed.success) throw new IncidentDescriptorError(file, parsed.error.issues.map(issueLine));
  const { $schema: _schema, ...descriptor } = parsed.data;
  return descriptor;
}

function readJson(url: URL, shown: string): unknown {
  let textRead: string;
  try {
    textRead = Deno.readTextFileSync(url);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new IncidentDescriptorError(shown, ["no such file"]);
    }
    throw error;
  }
  try {
    return JSON.parse(textRead);
  } catch (error) {
    throw new IncidentDescriptorError(shown, [`not JSON: ${(error as Error).message}`]);
  }
}

/**
 * Reads and checks `data/incidents/<incident>.json` under `root` (default: this project).
 *
 * @throws IncidentDescriptorError naming the file and every wrong or missing field (shape, then
 * agreement with the scenario, the calibration record and the metric catalogue).
 */
export function loadIncident(
  incident: string,
  root: URL | string = PROJECT_ROOT,
): IncidentDescriptor {
  const base = rootUrl(root);
  const file = descriptorPath(incident);
  const descriptor = parseIncidentDescriptor(readJson(new URL(file, base), file), file);
  const scenarioFile = `data/scenarios/${incident}.json`;
  const scenario = readJson(new URL(scenarioFile, base), scenarioFile) as Record<string, unknown>;
  const calibrationFile = `data/calibration/${incident}.json`;
  const calibration = readJson(new URL(calibrationFile, base), calibrationFile) as Calibration;
  const problems = descriptorProblems(descriptor, incident, { calibration, scenario });
  if (problems.length > 0) throw new IncidentDescriptorError(file, problems);
  return descriptor;
}

/** The JSON Schema of descriptor files. */
export function incidentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(IncidentDescriptorSchema, { io: "input", unrepresentable: "any" }),
    title: "clickday incident descriptor",
  };
}

/** The schema as the committed file's text (2-space JSON with a final newline). */
export function incidentJsonSchemaText(): string {
  return JSON.stringify(incidentJsonSchema(), null, 2) + "\n";
}

if (import.meta.main) {
  Deno.writeTextFileSync(INCIDENT_SCHEMA_PATH, incidentJsonSchemaText());
  console.log(`wrote ${INCIDENT_SCHEMA_PATH}`);
}
