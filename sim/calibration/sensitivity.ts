/**
 * One-at-a-time sensitivity (tornado data) of an incident's as-built design: each assumption of
 * `data/calibration/<incident>.json` is set at the low and then the high end of its plausible
 * range (derived values follow), the scenario is rebuilt (`rebuildScenario`), scaled and run,
 * and a metric — an observable of the incident or a summary metric of the run — is compared
 * with the baseline (every assumption at its calibrated value). Replications use common random
 * numbers, so the differences are not blurred by different draws.
 *
 * @module
 */
import { meanConfidenceInterval } from "../stats/mod.ts";
import { incidentScenario } from "./incident_scenario.ts";
import { loadIncident, PROJECT_ROOT } from "./incident_descriptor.ts";
import { metricMeasure, observeRun } from "./observables.ts";
import { type SensitivityRange, sensitivityRanges } from "./sensitivity_inputs.ts";
import { incidentCalibration } from "./incident_scenario.ts";

/** One assumption's row of a tornado chart. */
export interface TornadoRow {
  /** Incident (file stem). */
  incident: string;
  /** Assumption (calibration parameter) name. */
  assumption: string;
  /** Low end of its plausible range, in its unit. */
  low_value: number;
  /** High end of its plausible range, in its unit. */
  high_value: number;
  /** Metric compared (observable name or summary metric). */
  metric: string;
  /** Mean of the metric over replications with the assumption at its low end. */
  at_low: number;
  /** Mean with the assumption at its high end. */
  at_high: number;
  /** Mean with every assumption at its calibrated value. */
  baseline: number;
}

/** Options of {@link tornado}. */
export interface TornadoOptions {
  /**
   * Observable name or summary metric (default: the descriptor's `sensitivity.metric`, the
   * metric of the incident's conclusion).
   */
  metric?: string;
  /** Scale factor k in (0, 1] (default: the descriptor's `run_plan.sensitivity_scale`). */
  scale?: number;
  /** Replications per point (default 2). */
  replications?: number;
  /** Only these assumptions (default every assumption with a range). */
  assumptions?: string[];
  /** Horizon cut, seconds (default the scenario's). */
  horizonSeconds?: number;
  /** Design to run (default `"base"`, the as-built system). */
  design?: string;
  /** Project folder holding `data/` (default: this project), a folder URL or path. */
  root?: URL | string;
}

/**
 * The assumptions a tornado sweeps for an incident, in file order: every assumption with a
 * plausible range except `horizon_seconds` and the `design_*` parameters of the alternative
 * designs (or those of `only`, checked against them).
 *
 * @throws Error naming the assumption when one of `only` is not swept for the incident.
 */
export function sweptRanges(
  incident: string,
  only?: readonly string[],
  root: URL | string = PROJECT_ROOT,
): SensitivityRange[] {
  const swept = sensitivityRanges(incidentCalibration(incident, root))
    .filter((range) =>
      range.parameter !== "horizon_seconds" && !range.parameter.startsWith("design_")
    );
  if (only === undefined) return swept;
  const names = swept.map((range) => range.parameter);
  for (const name of only) {
    if (!names.includes(name)) {
      throw new Error(
        `assumption "${name}": not an assumption of ${incident}; allowed: ${names.join(", ")}`,
      );
    }
  }
  return swept.filter((range) => only.includes(range.parameter));
}

/**
 * Tornado rows of an incident, sorted by swing |at_high − at_low|, largest first. Every
 * assumption with a range is swept except `horizon_seconds` and the `design_*` parameters of the
 * alternative designs (they do not change the as-built system).
 *
 * @throws Error naming the value when the incident, metric or an assumption is unknown.
 */
export function tornado(incident: string, options: TornadoOptions = {}): TornadoRow[] {
  const root = options.root ?? PROJECT_ROOT;
  const descriptor = loadIncident(incident, root);
  const metric = options.metric ?? descriptor.sensitivity.metric;
  const scale = options.scale ?? descriptor.run_plan.sensitivity_scale;
  const replications = options.replications ?? 2;
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(`replications: got ${replications}; allowed: an integer ≥ 1`);
  }
  const design = options.design ?? "base";
  const measure = metricMeasure(incident, metric, root);
  const ranges = sweptRanges(incident, options.assumptions, root);
  const meanAt = (overrides: Record<string, number>): number => {
    const scenario = incidentScenario(incident, {
      scale,
      horizonSeconds: options.horizonSeconds,
      overrides,
      root,
    });
    const values = Array.from({ length: replications }, (_, replication) => {
      const run = observeRun(incident, scenario, design, replication, scale, root);
      return measure(run);
    });
    return meanConfidenceInterval(
      values.map((value) => Number.isFinite(value) ? value : NaN)
        .filter((value) => !Number.isNaN(value)),
    ).mean;
  };
  const baseline = meanAt({});
  const rows = ranges.map((range) => ({
    incident,
    assumption: range.parameter,
    low_value: range.low,
    high_value: range.high,
    metric,
    at_low: meanAt({ [range.parameter]: range.low }),
    at_high: meanAt({ [range.parameter]: range.high }),
    baseline,
  }));
  const swing = (row: TornadoRow) => {
    const size = Math.abs(row.at_high - row.at_low);
    return Number.isFinite(size) ? size : Infinity;
  };
  return rows.sort((a, b) => swing(b) - swing(a));
}

/** The fields of a {@link TornadoRow}, in CSV column order. */
export const TORNADO_COLUMNS = [
  "incident",
  "assumption",
  "low_value",
  "high_value",
  "metric",
  "at_low",
  "at_high",
  "baseline",
] as const;

/** Tornado rows as CSV text (header line, then one line per row; RFC 4180 quoting). */
export function tornadoCsv(rows: readonly TornadoRow[]): string {
  const columns = TORNADO_COLUMNS;
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))]
    .join("\n") + "\n";
}
