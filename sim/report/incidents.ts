/**
 * The documented incidents the report covers: every `data/scenarios/<incident>.json` that has a
 * calibration record `data/calibration/<incident>.json`, with the scale each is run at.
 *
 * @module
 */
import { scaleScenario } from "../model/mod.ts";

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
  /** Seed file or data-sheet section, or the basis of an assumption. */
  source: string;
  /** Original-language quote (reported). */
  quote?: string;
  /** The data sheet's wording when there is no quote. */
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
  /** Local date-time of t = 0 s, ISO 8601 with offset. */
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

/** How an incident is scaled down for the report (see `scale.ts`). */
export interface IncidentScale {
  /** Demand and capacity factor of the default run, in (0, 1]. */
  factor: number;
  /** Demand and capacity factor with `--quick`. */
  quickFactor: number;
  /** Width of the time bins, seconds (coarser than the scenario's keeps the tables small). */
  binWidthSeconds: number;
}

/**
 * Scale of each known incident, chosen by measuring one replication of the as-built design
 * on 2 cores so that every design × replication fits the time budget (5 min default, 1 min
 * quick), and by checking the as-built headline against larger scales (measured 24 Nov 2026,
 * replication 0, as-built): Bonus Terme's share shut out by a technical failure is 0.99 at
 * 0.03, 0.13 at 0.1, 0.05 at 0.3 and at full scale (a one-server platform crashes for
 * good), so Terme runs at 0.3. Cashback runs at 0.05: its wallet (15 → 35 → 150 servers of
 * 0.25 s) becomes 3 → 7 → 30 servers whose service time is stretched to 0.05/k s against a 20-s
 * client timeout, and the 7 Dec enrolments of the as-built design are 0.15 M at 0.02, 0.23 M at
 * 0.05 and 0.26 M at 0.1, the calibration scale (24 Nov 2026, after the recalibration); 0.1
 * would take ~45 s a replication. INPS 0.145 / 0.142 / 0.142 at 0.015 / 0.05 / 0.15; mobilità 0.31 / 0.25 / 0.26
 * shut out at 0.03 / 0.1 / 0.3; decreto flussi runs at full scale (0.3 s a replication).
 * Other incidents get `FALLBACK_SCALE`.
 */
export const INCIDENT_SCALES: Readonly<Record<string, IncidentScale>> = {
  "cashback-io-2020": { factor: 0.05, quickFactor: 0.01, binWidthSeconds: 600 },
  "inps-bonus600-2020": { factor: 0.05, quickFactor: 0.015, binWidthSeconds: 300 },
  "bonus-mobilita-2020": { factor: 0.1, quickFactor: 0.03, binWidthSeconds: 300 },
  "bonus-terme-2021": { factor: 0.3, quickFactor: 0.1, binWidthSeconds: 300 },
  "decreto-flussi-2023": { factor: 1, quickFactor: 0.5, binWidthSeconds: 20 },
};

/** Scale of an incident not listed in `INCIDENT_SCALES`. */
export const FALLBACK_SCALE: IncidentScale = {
  factor: 0.02,
  quickFactor: 0.005,
  binWidthSeconds: 300,
};

/** An incident ready to run: its calibration, full-scale and scaled scenario JSON. */
export interface Incident {
  /** File stem and scenario name, e.g. `"cashback-io-2020"`. */
  name: string;
  /** The calibration record. */
  calibration: CalibrationRecord;
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
}

/** Paths of the project's data folders, relative to the project root. */
export const DATA_PATHS = {
  scenarios: "data/scenarios",
  calibration: "data/calibration",
} as const;

/**
 * Lists the incidents: scenario files named `<name>-<year>.json` that have a calibration
 * record of the same stem, sorted by name.
 */
export async function listIncidentNames(root = "."): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(`${root}/${DATA_PATHS.scenarios}`)) {
    const match = /^(.+-(?:19|20)\d\d)\.json$/.exec(entry.name);
    if (!entry.isFile || !match) continue;
    try {
      await Deno.stat(`${root}/${DATA_PATHS.calibration}/${match[1]}.json`);
      names.push(match[1]);
    } catch {
      // a scenario without a calibration record is not a documented incident
    }
  }
  return names.sort();
}

/** Loads and scales the incidents (`quick` picks the quick factors). */
export async function loadIncidents(quick: boolean, root = "."): Promise<Incident[]> {
  const incidents: Incident[] = [];
  for (const name of await listIncidentNames(root)) {
    const scenario = JSON.parse(
      await Deno.readTextFile(`${root}/${DATA_PATHS.scenarios}/${name}.json`),
    ) as Record<string, unknown>;
    const calibration = JSON.parse(
      await Deno.readTextFile(`${root}/${DATA_PATHS.calibration}/${name}.json`),
    ) as CalibrationRecord;
    const scale = INCIDENT_SCALES[name] ?? FALLBACK_SCALE;
    const factor = quick ? scale.quickFactor : scale.factor;
    const scaled = scaleScenario(scenario, { factor });
    const horizon = valueOf(scaled.horizon_seconds);
    const originalBin = valueOf(scenario.bin_width_seconds) ?? 60;
    const binWidthSeconds = Math.max(originalBin, scale.binWidthSeconds);
    scaled.bin_width_seconds = binWidthSeconds;
    const designs = ["base", ...Object.keys((scenario.designs ?? {}) as Record<string, unknown>)];
    incidents.push({
      name,
      calibration,
      scenario,
      scaled,
      factor,
      binWidthSeconds,
      horizonSeconds: horizon ?? 0,
      designs,
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
