/**
 * The cross-checks of an incident descriptor (`data/incidents/<incident>.json`, already valid
 * against its zod schema) against what it names elsewhere: its scenario's designs and tiers,
 * its calibration record's observables and units, and the metric catalogue. Each problem is a
 * `field: what is wrong` line; `loadIncident` throws them all at once.
 *
 * @module
 */
import { metricInfo, SUMMARY_METRICS } from "../table/mod.ts";
import type { Calibration } from "./calibration_record.ts";
import type { IncidentDescriptor, MeasureSpec, TimeUnit, Window } from "./incident_descriptor.ts";

/** What a descriptor is checked against: its calibration record and raw scenario file. */
export interface DescriptorContext {
  /** The calibration record. */
  calibration: Calibration;
  /** The scenario file as written. */
  scenario: Record<string, unknown>;
}

/** Design names of a raw scenario: `base` and its `designs`, in file order. */
function scenarioDesigns(scenario: Record<string, unknown>): string[] {
  return ["base", ...Object.keys((scenario.designs ?? {}) as Record<string, unknown>)];
}

/** Tier names of a raw scenario. */
function scenarioTiers(scenario: Record<string, unknown>): string[] {
  const service = scenario.service as { tiers?: { name?: unknown }[] } | undefined;
  return (service?.tiers ?? []).map((tier) => String(tier.name));
}

/**
 * Adds to `problems` those of one measure, at `path`, against the scenario's tiers, the metric
 * catalogue and the unit of the observable it measures (`unit`, when known).
 */
function collectMeasureProblems(
  measure: MeasureSpec,
  path: string,
  tiers: readonly string[],
  unit: string | undefined,
  problems: string[],
): void {
  const known = (metric: string, field = "metric") => {
    if (metricInfo(metric) === undefined) {
      problems.push(`${path}.${field}: "${metric}" is not a metric of the catalogue`);
    }
  };
  const windowOk = (window: Window) => {
    if (window[1] !== null && !(window[1] > window[0])) {
      problems.push(`${path}.window: [${window.join(", ")}] is empty (to must exceed from)`);
    }
  };
  const unitOk = (measured: TimeUnit) => {
    if (unit !== undefined && measured !== unit) {
      problems.push(`${path}.unit: "${measured}" but the calibration record's unit is "${unit}"`);
    }
  };
  const tierOk = (tier: string) => {
    if (!tiers.includes(tier)) {
      problems.push(`${path}.tier: "${tier}" is not a tier of the scenario (${tiers.join(", ")})`);
    }
  };
  switch (measure.kind) {
    case "count":
    case "peak_rate":
    case "active_citizens":
      windowOk(measure.window);
      break;
    case "summary":
    case "series_at":
      known(measure.metric);
      break;
    case "elapsed":
      known(measure.metric);
      if (metricInfo(measure.metric) !== undefined && metricInfo(measure.metric)!.kind !== "time") {
        problems.push(`${path}.metric: "${measure.metric}" is not a time metric`);
      }
      unitOk(measure.unit);
      break;
    case "ratio":
      collectMeasureProblems(measure.numerator, `${path}.numerator`, tiers, undefined, problems);
      collectMeasureProblems(
        measure.denominator,
        `${path}.denominator`,
        tiers,
        undefined,
        problems,
      );
      break;
    case "degraded_span":
    case "first_failure":
      tierOk(measure.tier);
      unitOk(measure.unit);
      break;
    case "sustained_shortfall":
      unitOk(measure.unit);
      break;
  }
}

/**
 * Every problem of a descriptor against its calibration record, its scenario and the metric
 * catalogue, as `field: what is wrong` lines (empty when it is sound).
 */
export function descriptorProblems(
  descriptor: IncidentDescriptor,
  incident: string,
  context: DescriptorContext,
): string[] {
  const { calibration, scenario } = context;
  const problems: string[] = [];
  if (descriptor.incident !== incident) {
    problems.push(`incident: "${descriptor.incident}" but the file stem is "${incident}"`);
  }
  if (Number.isNaN(Date.parse(descriptor.time_origin))) {
    problems.push(`time_origin: "${descriptor.time_origin}" is not a date-time`);
  } else if (descriptor.time_origin !== calibration.time_origin) {
    problems.push(
      `time_origin: "${descriptor.time_origin}" but data/calibration/${incident}.json has ` +
        `"${calibration.time_origin}"`,
    );
  }
  const plan = descriptor.run_plan;
  if (plan.prescreen_scale !== null && !(plan.prescreen_scale < plan.sensitivity_scale)) {
    problems.push(
      `run_plan.prescreen_scale: ${plan.prescreen_scale} must be below the sensitivity scale ` +
        `${plan.sensitivity_scale}`,
    );
  }
  if ((plan.prescreen_scale === null) !== (plan.prescreen_why === null)) {
    problems.push("run_plan.prescreen_why: give a reason exactly when prescreen_scale is set");
  }
  const tiers = scenarioTiers(scenario);
  const units = new Map(calibration.observables.map((entry) => [entry.observable, entry.unit]));
  for (const name of units.keys()) {
    if (!(name in descriptor.observables)) {
      problems.push(`observables.${name}: missing (an observable of the calibration record)`);
    }
  }
  for (const [name, entry] of Object.entries(descriptor.observables)) {
    if (!units.has(name)) {
      problems.push(`observables.${name}: not an observable of data/calibration/${incident}.json`);
      continue;
    }
    const path = `observables.${name}.measure`;
    collectMeasureProblems(entry.measure, path, tiers, units.get(name), problems);
  }
  const metric = descriptor.sensitivity.metric;
  const isObservable = metric in descriptor.observables;
  if (!isObservable && !(metric in SUMMARY_METRICS)) {
    problems.push(
      `sensitivity.metric: "${metric}" is neither an observable of this file nor a summary ` +
        "metric of the catalogue",
    );
  }
  if (descriptor.sensitivity.label === null && metricInfo(metric) === undefined) {
    problems.push(`sensitivity.label: required, "${metric}" is not in the metric catalogue`);
  }
  const designs = scenarioDesigns(scenario);
  for (const design of designs) {
    if (!(design in descriptor.designs)) {
      problems.push(`designs.${design}: missing (a design of data/scenarios/${incident}.json)`);
    }
  }
  for (const design of Object.keys(descriptor.designs)) {
    if (!designs.includes(design)) {
      problems.push(`designs.${design}: not a design of data/scenarios/${incident}.json`);
    }
  }
  const alternative = descriptor.alternative;
  if (alternative.design === "base" || !designs.includes(alternative.design)) {
    problems.push(
      `alternative.design: "${alternative.design}" is not an alternative design of the scenario ` +
        `(${designs.slice(1).join(", ")})`,
    );
  }
  collectMeasureProblems(
    alternative.not_served,
    "alternative.not_served",
    tiers,
    undefined,
    problems,
  );
  const parameters = new Set(calibration.parameters.map((entry) => entry.parameter));
  for (const part of ["title", "happened"] as const) {
    for (const language of ["it", "en"] as const) {
      const template = descriptor.report[part][language];
      for (const match of template.matchAll(/\{([^}]*)\}/g)) {
        if (match[1] !== "year" && !parameters.has(match[1])) {
          problems.push(
            `report.${part}.${language}: {${match[1]}} is not a parameter of the calibration ` +
              "record (nor {year})",
          );
        }
      }
    }
  }
  return problems;
}
