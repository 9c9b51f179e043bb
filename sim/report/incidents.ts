/**
 * The documented incidents the report covers: every incident descriptor
 * `data/incidents/<incident>.json` (with its scenario `data/scenarios/<incident>.json` and its
 * calibration record `data/calibration/<incident>.json`; `listIncidents` of the calibration
 * layer), with the scale each is run at (its convergence study,
 * `data/convergence/<incident>.json`).
 *
 * @module
 */
import {
  type IncidentDescriptor,
  listIncidents,
  loadIncident,
  loadProseTranslations,
} from "../calibration/mod.ts";
import { scaleScenario } from "../model/mod.ts";
import type { ConvergenceStudy } from "./convergence.ts";

/** One entry (parameter or observable) of a calibration record, as the report reads it. */
export interface CalibrationEntry {
  /** Parameter name (parameters). */
  parameter?: string;
  /** Observable name (observables). */
  observable?: string;
  /** The number, in `unit`. */
  value: number;
  /** Unit, e.g. `"s"`, `"citizens"`, `"euro"`. */
  unit: string;
  /** `reported`, `derived` or `assumption`. */
  tag: "reported" | "derived" | "assumption";
  /** `ref:` keys of the documents reporting it, or the basis of an assumption. */
  source: string;
  /** Original-language quote (reported). */
  quote?: string;
  /** English wording of the figure when no original-language quote was kept. */
  relayed?: string;
  /** Formula (derived). */
  formula?: string;
  /** Plausible range (assumptions). */
  range?: [number, number];
  /** Why this value (assumptions). */
  reasoning?: string;
  /** What changes if it is wrong (assumptions). */
  if_wrong?: string;
  /** What it sets in the model. */
  calibrates?: string;
  /** Accepted band of a simulated run (observables). */
  accept?: [number, number];
}

/** A non-numeric modelling choice of a calibration record. */
export interface StructuralAssumption {
  /** Name. */
  assumption: string;
  /** The choice made. */
  choice: string;
  /** Alternatives considered. */
  alternatives?: string[];
  /** Why. */
  reasoning?: string;
  /** What changes if it is wrong. */
  if_wrong?: string;
}

/** A calibration record (`data/calibration/<incident>.json`), the fields the report reads. */
export interface CalibrationRecord {
  /** File stem, e.g. `"cashback-io-2020"`. */
  incident: string;
  /** Title (English). */
  title: string;
  /** Local date-time of t = 0 s, ISO 8601 with offset (the descriptor's is the same). */
  time_origin: string;
  /** What happened (English). */
  summary: string;
  /** Every number the scenario is built from. */
  parameters: CalibrationEntry[];
  /** Reported numbers the as-built design should reproduce. */
  observables: CalibrationEntry[];
  /** Non-numeric modelling choices. */
  structural_assumptions?: StructuralAssumption[];
}

/** How an incident is scaled down for the report. */
export interface IncidentScale {
  /** Demand and capacity factor of the default run, in (0, 1]. */
  factor: number;
  /** Demand and capacity factor with `--quick`. */
  quickFactor: number;
  /** Width of the time bins, seconds (coarser than the scenario's keeps the tables small). */
  binWidthSeconds: number;
}

/** Folder of the convergence studies, relative to the project root. */
export const CONVERGENCE_FOLDER = "data/convergence";

/**
 * Scale of an incident without a convergence study (`deno task convergence` makes one): full
 * scale, which is always right, only slow (the report's method section says so for the
 * incident).
 */
export const FALLBACK_SCALE: IncidentScale = {
  factor: 1,
  quickFactor: 0.05,
  binWidthSeconds: 300,
};

/** Reads `data/convergence/<incident>.json`, or undefined when there is none. */
export async function readConvergence(
  incident: string,
  root = ".",
): Promise<ConvergenceStudy | undefined> {
  try {
    return JSON.parse(
      await Deno.readTextFile(`${root}/${CONVERGENCE_FOLDER}/${incident}.json`),
    ) as ConvergenceStudy;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * The scale of an incident: the convergence study's choice (the smallest k that agrees with
 * full scale on the headline metrics), or full scale without a study; `--full` runs at 1.
 */
export async function incidentScale(
  incident: string,
  root = ".",
): Promise<IncidentScale & { study?: ConvergenceStudy }> {
  const study = await readConvergence(incident, root);
  if (study === undefined) return { ...FALLBACK_SCALE };
  return {
    factor: study.report_k ?? study.chosen_k,
    quickFactor: study.quick_k,
    binWidthSeconds: study.bin_width_seconds,
    study,
  };
}

/** An incident ready to run: its calibration, full-scale and scaled scenario JSON. */
export interface Incident {
  /** File stem and scenario name, e.g. `"cashback-io-2020"`. */
  name: string;
  /** The calibration record. */
  calibration: CalibrationRecord;
  /** The incident's descriptor (`data/incidents/<name>.json`). */
  descriptor: IncidentDescriptor;
  /** The project folder it was read from (holding `data/`). */
  root: string;
  /** The scenario file as written (full scale). */
  scenario: Record<string, unknown>;
  /** The scenario scaled for this run (what the experiment runs). */
  scaled: Record<string, unknown>;
  /** Demand and capacity factor used (1/k). */
  factor: number;
  /** Bin width used, seconds. */
  binWidthSeconds: number;
  /** Horizon simulated, seconds. */
  horizonSeconds: number;
  /** Design names in the scenario's order, the as-built (`"base"`) first. */
  designs: string[];
  /** The convergence study behind `factor`, when there is one. */
  convergence?: ConvergenceStudy;
  /**
   * The calibration record's English prose in Italian, keyed by the English text
   * (`data/translations/<name>.it.json`; empty when the incident has none).
   */
  italian: ReadonlyMap<string, string>;
}

/** Which scale the report runs at: the evidence-based default, the quick preview, or full. */
export type ScaleMode = "default" | "quick" | "full";

/** Paths of the project's data folders, relative to the project root. */
export const DATA_PATHS = {
  scenarios: "data/scenarios",
  calibration: "data/calibration",
  incidents: "data/incidents",
} as const;

/**
 * Loads and scales the incidents of `root` (`listIncidents`: every descriptor, each checked by
 * `loadIncident`; `mode` picks the default, quick or full scale).
 *
 * @throws IncidentDescriptorError naming the file and the field when a descriptor is missing or
 * wrong.
 */
export async function loadIncidents(mode: ScaleMode, root = "."): Promise<Incident[]> {
  const incidents: Incident[] = [];
  for (const name of listIncidents(root)) {
    const descriptor = loadIncident(name, root);
    const scenario = JSON.parse(
      await Deno.readTextFile(`${root}/${DATA_PATHS.scenarios}/${name}.json`),
    ) as Record<string, unknown>;
    const calibration = JSON.parse(
      await Deno.readTextFile(`${root}/${DATA_PATHS.calibration}/${name}.json`),
    ) as CalibrationRecord;
    const scale = await incidentScale(name, root);
    const factor = mode === "quick" ? scale.quickFactor : mode === "full" ? 1 : scale.factor;
    const scaled = factor === 1 ? structuredClone(scenario) : scaleScenario(scenario, { factor });
    const horizon = valueOf(scaled.horizon_seconds);
    const originalBin = valueOf(scenario.bin_width_seconds) ?? 60;
    const binWidthSeconds = Math.max(originalBin, scale.binWidthSeconds);
    scaled.bin_width_seconds = binWidthSeconds;
    const designs = ["base", ...Object.keys((scenario.designs ?? {}) as Record<string, unknown>)];
    incidents.push({
      name,
      calibration,
      descriptor,
      root,
      scenario,
      scaled,
      factor,
      binWidthSeconds,
      horizonSeconds: horizon ?? 0,
      designs,
      convergence: scale.study,
      italian: loadProseTranslations(name, "it", root),
    });
  }
  return incidents;
}

function valueOf(field: unknown): number | undefined {
  if (typeof field === "number") return field;
  if (typeof field === "object" && field !== null && "value" in field) {
    const value = (field as { value: unknown }).value;
    return typeof value === "number" ? value : undefined;
  }
  return undefined;
}
