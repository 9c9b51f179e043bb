/**
 * Calibration re-checked where the scale changes: an incident's reported observables (its
 * calibration record) measured on the as-built design at a given scale factor k, converted to
 * full scale, each against its acceptance band. The record was fitted at the calibration scale
 * (`run_plan.scale` of the incident's descriptor); the report may run elsewhere (its
 * convergence study's `report_k`), and a shrunken system can behave differently — this is the
 * evidence that it does not, or by how much it does. Stored in the convergence study
 * (`data/convergence/<incident>.json`, `calibration_checks`) by
 * `deno task convergence --observables-at …`.
 *
 * @module
 */
import { estimateObservables, incidentScenarioJson, loadIncident } from "../calibration/mod.ts";
import { scenarioFingerprint } from "../model/mod.ts";
import type { CalibrationCheck, ConvergenceStudy, ObservableCheck } from "./convergence.ts";

/** Options of {@link checkCalibration}. */
export interface CalibrationCheckOptions {
  /** Scale factor k in (0, 1]. */
  k: number;
  /** Replications 0 … n − 1 (default 3). */
  replications?: number;
  /** Project root (default the project). */
  root?: string;
}

/**
 * Measures every observable of the incident's calibration record at scale `k` (the same
 * measurement the incident tests make at the calibration scale).
 */
export function checkCalibration(
  incident: string,
  options: CalibrationCheckOptions,
): CalibrationCheck {
  const replications = options.replications ?? 3;
  const descriptor = loadIncident(incident, options.root);
  const estimates = estimateObservables(incident, {
    scale: options.k,
    replications,
    root: options.root,
  });
  const observables: ObservableCheck[] = estimates.map((estimate) => {
    const notReproduced = descriptor.observables[estimate.observable]?.not_reproduced != null;
    const { mean, low, high } = estimate.interval;
    return {
      observable: estimate.observable,
      unit: estimate.unit,
      reported: estimate.reported,
      accept: estimate.accept,
      mean,
      ci_low: low,
      ci_high: high,
      inside: notReproduced ? null : estimate.accept[0] <= mean && mean <= estimate.accept[1],
    };
  });
  return {
    k: options.k,
    replications,
    method: `deno task convergence --incident ${incident} --observables-at ${options.k} ` +
      `--reps ${replications}: the as-built design (base), replications 0–${
        replications - 1
      }, each observable measured as data/incidents/${incident}.json says, full scale`,
    scenario_fingerprint: scenarioFingerprint(incidentScenarioJson(incident, options.root)),
    observables,
  };
}

/** The study with `check` in place of any earlier check at the same k, checks sorted by k. */
export function withCalibrationCheck(
  study: ConvergenceStudy,
  check: CalibrationCheck,
): ConvergenceStudy {
  const kept = (study.calibration_checks ?? []).filter((entry) => entry.k !== check.k);
  kept.push(check);
  kept.sort((a, b) => a.k - b.k);
  return { ...study, calibration_checks: kept };
}

/** The observables outside their band in a check (those the model reproduces). */
export function outsideBand(check: CalibrationCheck): ObservableCheck[] {
  return check.observables.filter((entry) => entry.inside === false);
}
