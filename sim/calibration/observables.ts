/**
 * Measuring an incident's reported observables (`observables` in
 * `data/calibration/<incident>.json`) on a simulated run, at full scale: counts and rates
 * measured on a run scaled by k are divided by k; times, ratios and per-citizen quantities are
 * scale-free. How each is measured is data, in the incident's descriptor
 * (`data/incidents/<incident>.json`, a {@link MeasureSpec} per observable implementing the
 * `measure` text of the calibration record); {@link takeMeasure} takes one on a run and
 * {@link describeMeasure} says which model outputs it reads.
 *
 * @module
 */
import { clientOfClass, resolveDesign, type Scenario } from "../model/mod.ts";
import { type ReplicationResult, runReplication } from "../model/mod.ts";
import { meanConfidenceInterval, type MeanInterval } from "../stats/mod.ts";
import { fullScaleMultiplier } from "../table/mod.ts";
import { ObservationProbe, type ProbeRecord } from "./observation_probe.ts";
import { incidentScenario, type IncidentScenarioOptions } from "./incident_scenario.ts";
import { incidentCalibration } from "./incident_scenario.ts";
import {
  type CountSource,
  type IncidentDescriptor,
  loadIncident,
  type MeasureSpec,
  PROJECT_ROOT,
  type TimeUnit,
  type Window,
} from "./incident_descriptor.ts";
import { describeMeasure, sizeDependent, windowEnd } from "./measure_reads.ts";

/** One run with what the probe saw. */
export interface ObservedRun {
  /** The run's result tables. */
  result: ReplicationResult;
  /** The probe's record. */
  probe: ProbeRecord;
  /** Scale factor k of the run (counts are divided by it). */
  scale: number;
  /** Horizon of the run, seconds. */
  horizonSeconds: number;
}

/** Per-bin values of a series metric (index = bin). */
export function seriesOf(result: ReplicationResult, metric: string): Float64Array {
  const rows = result.series.filter((row) => row.metric === metric);
  if (rows.length === 0) throw new Error(`series metric "${metric}" not in the run`);
  const values = new Float64Array(rows.length);
  for (const row of rows) values[Math.round(row.bin_start / row.bin_width)] = row.value;
  return values;
}

/** A summary metric of a run. */
export function summaryOf(result: ReplicationResult, metric: string): number {
  const row = result.summaries.find((entry) => entry.metric === metric);
  if (!row) throw new Error(`summary metric "${metric}" not in the run`);
  return row.value;
}

/** Sum of `values` over bins whose start lies in [from, to) seconds. */
function sumWindow(values: ArrayLike<number>, width: number, from: number, to: number): number {
  let total = 0;
  for (let bin = 0; bin < values.length; bin++) {
    const start = bin * width;
    if (start >= from && start < to) total += values[bin];
  }
  return total;
}

/** Max of `values` over bins whose start lies in [from, to) seconds. */
function maxWindow(values: ArrayLike<number>, width: number, from: number, to: number): number {
  let best = 0;
  for (let bin = 0; bin < values.length; bin++) {
    const start = bin * width;
    if (start >= from && start < to && values[bin] > best) best = values[bin];
  }
  return best;
}

/** Offered load (first attempts + retries), requests/s per bin, at the run's scale. */
function offeredRates(run: ObservedRun): Float64Array {
  const first = seriesOf(run.result, "offered_first_per_s");
  const retry = seriesOf(run.result, "offered_retry_per_s");
  return first.map((value, bin) => value + retry[bin]);
}

/** A measure: full-scale value of one observable on one run. */
export type ObservableMeasure = (run: ObservedRun) => number;

/** Description of a measure: the function that takes it and what it reads. */
export interface MeasureEntry {
  /** The measure. */
  measure: ObservableMeasure;
  /** Which model outputs it reads (for test names and reports). */
  reads: string;
}

/** Ratio of timely completions to arrivals at a watched tier over blocks of `block` seconds. */
function blockRatios(run: ObservedRun, tier: string, block: number): Float64Array {
  const counts = run.probe.tiers[tier];
  if (!counts) throw new Error(`tier "${tier}" was not watched by the probe`);
  const width = run.probe.binWidthSeconds;
  const per = Math.max(1, Math.round(block / width));
  const blocks = Math.floor(counts.arrivals.length / per);
  const ratios = new Float64Array(blocks).fill(NaN);
  for (let b = 0; b < blocks; b++) {
    let arrived = 0;
    let timely = 0;
    for (let bin = b * per; bin < (b + 1) * per; bin++) {
      arrived += counts.arrivals[bin];
      timely += counts.timely[bin];
    }
    if (arrived > 0) ratios[b] = timely / arrived;
  }
  return ratios;
}

/** First bin start ≥ `from` of a run of bins where `bad(bin)` holds for `sustain` seconds. */
function firstSustained(
  bins: number,
  width: number,
  from: number,
  sustain: number,
  bad: (bin: number) => boolean,
): number {
  const needed = Math.max(1, Math.round(sustain / width));
  for (let bin = Math.ceil(from / width); bin + needed <= bins; bin++) {
    let all = true;
    for (let next = bin; next < bin + needed && all; next++) all = bad(next);
    if (all) return bin * width;
  }
  return NaN;
}

const HOUR = 3600;
const SECONDS_PER: Readonly<Record<TimeUnit, number>> = { s: 1, h: HOUR };

/**
 * Per-bin values (at the run's scale) of a count source: requests offered per second (a rate,
 * `perSecond` true), or counts per bin.
 */
function binValuesOf(
  run: ObservedRun,
  source: CountSource,
): { values: ArrayLike<number>; perSecond: boolean } {
  switch (source) {
    case "journeys":
      return { values: run.probe.journeysCompleted, perSecond: false };
    case "citizens_starting":
      return { values: run.probe.citizensStarting, perSecond: false };
    case "citizens_first_success":
      return { values: run.probe.citizensFirstSuccess, perSecond: false };
    case "offered":
      return { values: offeredRates(run), perSecond: true };
  }
}

/** Key of an active-citizen window in a probe plan. */
const windowKey = (window: Window) => `${window[0]}-${window[1] ?? "end"}`;

/** What a probe must record for some measures: active-citizen windows and watched tiers. */
export interface ProbePlan {
  /** Windows [start, end) in seconds in which to count distinct active citizens. */
  activeWindows: [number, number][];
  /** Tier names whose arrivals and timely completions to record. */
  tiers: string[];
}

/** The probe plan the measures need (windows and tiers in order of first use). */
export function probePlan(measures: readonly MeasureSpec[]): ProbePlan {
  const windows = new Map<string, [number, number]>();
  const tiers: string[] = [];
  const visit = (measure: MeasureSpec) => {
    if (measure.kind === "active_citizens") {
      windows.set(windowKey(measure.window), [measure.window[0], windowEnd(measure.window)]);
    } else if (measure.kind === "degraded_span" || measure.kind === "first_failure") {
      if (!tiers.includes(measure.tier)) tiers.push(measure.tier);
    } else if (measure.kind === "ratio") {
      visit(measure.numerator);
      visit(measure.denominator);
    }
  };
  measures.forEach(visit);
  return { activeWindows: [...windows.values()], tiers };
}

/** Every measure of a descriptor (observables and the alternative's not-served share). */
export function descriptorMeasures(descriptor: IncidentDescriptor): MeasureSpec[] {
  return [
    ...Object.values(descriptor.observables).map((entry) => entry.measure),
    descriptor.alternative.not_served,
  ];
}

/**
 * Takes a measure on a run, at full scale. Active-citizen windows and watched tiers must be in
 * the run's probe plan (`plan`, from {@link probePlan}).
 */
export function takeMeasure(measure: MeasureSpec, run: ObservedRun, plan: ProbePlan): number {
  const width = run.probe.binWidthSeconds;
  switch (measure.kind) {
    case "count": {
      const { values, perSecond } = binValuesOf(run, measure.of);
      const total = sumWindow(values, width, measure.window[0], windowEnd(measure.window));
      return (perSecond ? total * width : total) / run.scale;
    }
    case "peak_rate": {
      const { values, perSecond } = binValuesOf(run, measure.of);
      const most = maxWindow(values, width, measure.window[0], windowEnd(measure.window));
      return (perSecond ? most : most / width) / run.scale;
    }
    case "active_citizens": {
      const key = windowKey(measure.window);
      const index = plan.activeWindows.findIndex((window) =>
        windowKey([window[0], Number.isFinite(window[1]) ? window[1] : null]) === key
      );
      if (index < 0) throw new Error(`active window ${key} was not in the probe plan`);
      return run.probe.activeInWindow[index] / run.scale;
    }
    case "summary": {
      const value = summaryOf(run.result, measure.metric);
      return sizeDependent(measure.metric) ? value / run.scale : value;
    }
    case "elapsed":
      return (summaryOf(run.result, measure.metric) - measure.since_seconds) /
        SECONDS_PER[measure.unit];
    case "series_at": {
      const values = seriesOf(run.result, measure.metric);
      const bin = Math.min(values.length - 1, Math.floor(measure.at_seconds / width));
      return sizeDependent(measure.metric) ? values[bin] / run.scale : values[bin];
    }
    case "ratio":
      return takeMeasure(measure.numerator, run, plan) /
        takeMeasure(measure.denominator, run, plan);
    case "degraded_span": {
      const ratios = blockRatios(run, measure.tier, measure.block_seconds);
      let first = -1;
      let last = -1;
      ratios.forEach((ratio, block) => {
        if (ratio < measure.below) {
          if (first < 0) first = block;
          last = block;
        }
      });
      return first < 0 ? 0 : (last - first + 1) * measure.block_seconds / SECONDS_PER[measure.unit];
    }
    case "first_failure": {
      const up = seriesOf(run.result, `tier_up:${measure.tier}`);
      let crash = NaN;
      for (let bin = 0; bin < up.length; bin++) {
        if (up[bin] < 1) {
          crash = bin * width + up[bin] * width;
          break;
        }
      }
      const per = Math.max(1, Math.round(measure.block_seconds / width));
      const ratios = blockRatios(run, measure.tier, measure.block_seconds);
      const slow = ratios.findIndex((ratio) => ratio < measure.below);
      const degraded = slow < 0 ? NaN : slow * per * width;
      const found = [crash, degraded].filter(Number.isFinite);
      return found.length > 0
        ? found.reduce((low, value) => Math.min(low, value)) / SECONDS_PER[measure.unit]
        : NaN;
    }
    case "sustained_shortfall": {
      const block = measure.block_seconds;
      const per = Math.max(1, Math.round(block / width));
      const done = run.probe.journeysCompleted;
      const started = run.probe.citizensStarting;
      const blocks = Math.floor(done.length / per);
      const bad = (b: number) => {
        let completed = 0;
        let starting = 0;
        for (let bin = b * per; bin < (b + 1) * per; bin++) {
          completed += done[bin];
          starting += started[bin];
        }
        return completed < measure.below * starting;
      };
      return firstSustained(blocks, block, measure.from_seconds, measure.sustain_seconds, bad) /
        SECONDS_PER[measure.unit];
    }
  }
}

/**
 * The measures of an incident by observable name (from its descriptor): each takes the
 * observable, at full scale, on a run observed with the incident's probe plan.
 */
export function observableMeasures(
  incident: string,
  root: URL | string = PROJECT_ROOT,
): Record<string, MeasureEntry> {
  const descriptor = loadIncident(incident, root);
  const plan = probePlan(descriptorMeasures(descriptor));
  return Object.fromEntries(
    Object.entries(descriptor.observables).map(([name, entry]) => [name, {
      measure: (run: ObservedRun) => takeMeasure(entry.measure, run, plan),
      reads: describeMeasure(entry.measure),
    }]),
  );
}

/**
 * A metric of an incident's run at full scale: its observable's measure when the descriptor has
 * one by that name, else the summary metric converted by the catalogue's kind (counts and rates
 * ÷ the run's scale, shares as they are).
 */
export function metricMeasure(
  incident: string,
  metric: string,
  root: URL | string = PROJECT_ROOT,
): ObservableMeasure {
  const descriptor = loadIncident(incident, root);
  const entry = descriptor.observables[metric];
  if (!entry) {
    return (run) => summaryOf(run.result, metric) * fullScaleMultiplier(metric, run.scale);
  }
  const plan = probePlan(descriptorMeasures(descriptor));
  return (run) => takeMeasure(entry.measure, run, plan);
}

/**
 * Runs one replication of a scenario's design with the incident's probe attached (recording
 * what the measures of its descriptor need; `root`: the project folder holding it).
 */
export function observeRun(
  incident: string,
  scenario: Scenario,
  design: string,
  replication: number,
  scale: number,
  root: URL | string = PROJECT_ROOT,
): ObservedRun {
  const resolved = resolveDesign(scenario, design);
  const plan = probePlan(descriptorMeasures(loadIncident(incident, root)));
  const admission = (resolved as { admission?: { circuit_breaker?: unknown } | null }).admission;
  const hasBreaker = admission?.circuit_breaker !== undefined &&
    admission?.circuit_breaker !== null;
  const probe = new ObservationProbe({
    binWidthSeconds: resolved.bin_width_seconds,
    horizonSeconds: resolved.horizon_seconds,
    activeWindows: plan.activeWindows,
    tiers: plan.tiers,
    successWithinSeconds: clientOfClass(resolved, 0).timeout_seconds ?? Infinity,
    perCitizen: !hasBreaker,
  });
  const tierNames = resolved.service.tiers.map((tier) => tier.name);
  const result = runReplication(scenario, design, replication, { hooks: probe.hooks(tierNames) });
  return { result, probe: probe.record(), scale, horizonSeconds: resolved.horizon_seconds };
}

/** One observable measured over replications. */
export interface ObservableEstimate {
  /** Incident (file stem). */
  incident: string;
  /** Observable name. */
  observable: string;
  /** Reported value. */
  reported: number;
  /** Acceptance band [low, high] of the calibration record. */
  accept: [number, number];
  /** Unit. */
  unit: string;
  /** Which model outputs produce it. */
  reads: string;
  /** Full-scale value per replication. */
  values: number[];
  /** Mean with its 95% Student-t interval over replications. */
  interval: MeanInterval;
}

/** Options of {@link estimateObservables}. */
export interface EstimateOptions extends IncidentScenarioOptions {
  /** Design to run (default `"base"`, the as-built system). */
  design?: string;
  /** Number of replications (default 3). */
  replications?: number;
  /** Only these observables (default all with a measure). */
  observables?: string[];
  /** Called with each replication's run (e.g. to read more metrics from the same runs). */
  onRun?: (run: ObservedRun, replication: number) => void;
}

/**
 * Measures every observable of an incident's calibration record, as its descriptor says, on
 * `replications` runs of a design (replication r uses the scenario's seed and r: common random
 * numbers across designs).
 *
 * @throws Error when the descriptor is missing or wrong (naming the file and the field) or an
 * asked observable is not one of the incident's.
 */
export function estimateObservables(
  incident: string,
  options: EstimateOptions = {},
): ObservableEstimate[] {
  const root = options.root ?? PROJECT_ROOT;
  const measures = observableMeasures(incident, root);
  const calibration = incidentCalibration(incident, root);
  for (const name of options.observables ?? []) {
    if (!calibration.observables.some((entry) => entry.observable === name)) {
      throw new Error(`${incident}: "${name}" is not an observable`);
    }
  }
  const wanted = calibration.observables.filter((entry) =>
    options.observables === undefined || options.observables.includes(entry.observable)
  );
  const scale = options.scale ?? 1;
  const scenario = incidentScenario(incident, options);
  const replications = options.replications ?? 3;
  const runs = Array.from({ length: replications }, (_, replication) => {
    const run = observeRun(
      incident,
      scenario,
      options.design ?? "base",
      replication,
      scale,
      root,
    );
    options.onRun?.(run, replication);
    return run;
  });
  return wanted.map((entry) => {
    const { measure, reads } = measures[entry.observable];
    const values = runs.map(measure);
    const finite = values.filter(Number.isFinite);
    return {
      incident,
      observable: entry.observable,
      reported: entry.value,
      accept: entry.accept,
      unit: entry.unit,
      reads,
      values,
      interval: finite.length === values.length
        ? meanConfidenceInterval(values)
        : meanConfidenceInterval([]),
    };
  });
}
