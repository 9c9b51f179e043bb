/**
 * Measuring an incident's reported observables (`observables` in
 * `data/calibration/<incident>.json`) on a simulated run, at full scale: counts and rates
 * measured on a run scaled by k are divided by k; times, ratios and per-citizen quantities are
 * scale-free. Each measure implements the `measure` text of its observable and says which
 * model outputs it reads.
 *
 * @module
 */
import { clientOfClass, resolveDesign, type Scenario } from "../model/mod.ts";
import { type ReplicationResult, runReplication } from "../model/mod.ts";
import { meanConfidenceInterval, type MeanInterval } from "../stats/mod.ts";
import { ObservationProbe, type ProbeRecord } from "./observation_probe.ts";
import { incidentScenario, type IncidentScenarioOptions } from "./incident_scenario.ts";
import { incidentCalibration } from "./incident_scenario.ts";

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

/** How an incident is probed: active-citizen windows and watched tiers. */
interface ProbePlan {
  activeWindows?: [number, number][];
  tiers?: string[];
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** What each incident's measures need the probe to record. */
const PROBE_PLANS: Record<string, ProbePlan> = {
  "cashback-io-2020": { activeWindows: [[DAY, 2 * DAY]], tiers: ["sia_wallet"] },
  "bonus-terme-2021": { tiers: ["platform"] },
};

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

/** Requests offered (first attempts + retries + reloads) in bins starting in [from, to), at the run's scale. */
function offeredCount(run: ObservedRun, from: number, to: number): number {
  const width = run.probe.binWidthSeconds;
  return sumWindow(offeredRates(run), width, from, to) * width;
}

/** A measure: full-scale value of one observable on one run. */
export type ObservableMeasure = (run: ObservedRun) => number;

/** Description of a measure: the inputs that produce the observable and what it reads. */
export interface MeasureEntry {
  /** The measure. */
  measure: ObservableMeasure;
  /** Which model outputs it reads (for test names and reports). */
  reads: string;
}

const journeys = (run: ObservedRun, from: number, to: number) =>
  sumWindow(run.probe.journeysCompleted, run.probe.binWidthSeconds, from, to) / run.scale;

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

/** Ratio of timely completions to arrivals at a watched tier over blocks of `block` seconds. */
function blockRatios(run: ObservedRun, tier: string, block: number): Float64Array {
  const counts = run.probe.tiers[tier];
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

/** The measures by incident and observable name. */
export const OBSERVABLE_MEASURES: Record<string, Record<string, MeasureEntry>> = {
  "cashback-io-2020": {
    peak_offered_operations_7dec_morning: {
      reads: "max 60-s offered load (first attempts + retries + reloads) 07:00–13:00 ÷ k",
      measure: (run) =>
        maxWindow(offeredRates(run), run.probe.binWidthSeconds, 7 * HOUR, 13 * HOUR) / run.scale,
    },
    peak_offered_operations_7dec_evening: {
      reads: "max 60-s offered load 13:00–24:00 on 7 Dec ÷ k",
      measure: (run) =>
        maxWindow(offeredRates(run), run.probe.binWidthSeconds, 13 * HOUR, DAY) / run.scale,
    },
    peak_offered_operations_max: {
      reads: "max 60-s offered load over the horizon ÷ k",
      measure: (run) =>
        maxWindow(offeredRates(run), run.probe.binWidthSeconds, 0, Infinity) / run.scale,
    },
    operations_8dec: {
      reads: "offered requests 24–48 h ÷ k",
      measure: (run) => offeredCount(run, DAY, 2 * DAY) / run.scale,
    },
    operations_per_active_user_8dec: {
      reads: "offered requests 24–48 h ÷ distinct citizens with a request 24–48 h (scale-free)",
      measure: (run) => offeredCount(run, DAY, 2 * DAY) / run.probe.activeInWindow[0],
    },
    active_users_8dec: {
      reads: "distinct citizens with a request 24–48 h ÷ k",
      measure: (run) => run.probe.activeInWindow[0] / run.scale,
    },
    enrolments_7dec: {
      reads: "journeys completed 0–24 h ÷ k",
      measure: (run) => journeys(run, 0, DAY),
    },
    enrolments_8dec_morning: {
      reads: "journeys completed 31–36 h ÷ k",
      measure: (run) => journeys(run, 31 * HOUR, 36 * HOUR),
    },
    wallet_degraded_hours: {
      reads: "span from the first to the last 10-min block whose sia_wallet requests served " +
        "within the client timeout are < 90% of those arriving (scale-free)",
      measure: (run) => {
        const ratios = blockRatios(run, "sia_wallet", 600);
        let first = -1;
        let last = -1;
        ratios.forEach((ratio, block) => {
          if (ratio < 0.9) {
            if (first < 0) first = block;
            last = block;
          }
        });
        return first < 0 ? 0 : (last - first + 1) * 600 / HOUR;
      },
    },
  },
  "bonus-terme-2021": {
    collapse_seconds_after_opening: {
      reads: "first moment the platform tier is down (tier_up < 1) or a 60-s bin serves < 50% of " +
        "its platform requests within the timeout (scale-free)",
      measure: (run) => {
        const up = seriesOf(run.result, "tier_up:platform");
        const width = run.probe.binWidthSeconds;
        let crash = NaN;
        for (let bin = 0; bin < up.length; bin++) {
          if (up[bin] < 1) {
            crash = bin * width + up[bin] * width;
            break;
          }
        }
        const ratios = blockRatios(run, "platform", width);
        const slow = ratios.findIndex((ratio) => ratio < 0.5);
        const degraded = slow < 0 ? NaN : slow * width;
        const found = [crash, degraded].filter(Number.isFinite);
        return found.length > 0 ? found.reduce((low, value) => Math.min(low, value)) : NaN;
      },
    },
    exhaustion_hours_after_reopening: {
      reads: "(budget_exhausted_at_s − 86,400 s) ÷ 3,600 (scale-free)",
      measure: (run) => (summaryOf(run.result, "budget_exhausted_at_s") - DAY) / HOUR,
    },
    bookings_funded: {
      reads: "funded ÷ k",
      measure: (run) => summaryOf(run.result, "funded") / run.scale,
    },
  },
  "bonus-mobilita-2020": {
    registered: {
      reads: "citizens whose first successful request (the login) falls before 93,600 s ÷ k",
      measure: (run) =>
        sumWindow(run.probe.citizensFirstSuccess, run.probe.binWidthSeconds, 0, 93_600) /
        run.scale,
    },
    funded: {
      reads: "funded ÷ k",
      measure: (run) => summaryOf(run.result, "funded") / run.scale,
    },
    completions_by_1930: {
      reads: "journeys completed before 41,400 s ÷ k",
      measure: (run) => journeys(run, 0, 41_400),
    },
    exhaustion_hours_after_opening: {
      reads: "(budget_exhausted_at_s − 3,600 s) ÷ 3,600 (scale-free)",
      measure: (run) => (summaryOf(run.result, "budget_exhausted_at_s") - HOUR) / HOUR,
    },
    residual_euro_4nov_0900: {
      reads: "budget_remaining_euro in the bin of 90,000 s ÷ k",
      measure: (run) => {
        const remaining = seriesOf(run.result, "budget_remaining_euro");
        const bin = Math.min(remaining.length - 1, Math.floor(90_000 / run.probe.binWidthSeconds));
        return remaining[bin] / run.scale;
      },
    },
  },
  "inps-bonus600-2020": {
    completions_0100_0830: {
      reads: "journeys completed 3,600–30,600 s ÷ k",
      measure: (run) => journeys(run, 3_600, 30_600),
    },
    completions_by_1100: {
      reads: "journeys completed 0–39,600 s ÷ k",
      measure: (run) => journeys(run, 0, 39_600),
    },
    peak_completion_rate: {
      reads: "max over 60-s bins of journeys completed per second ÷ k",
      measure: (run) => {
        const width = run.probe.binWidthSeconds;
        return maxWindow(run.probe.journeysCompleted, width, 0, Infinity) / width / run.scale;
      },
    },
    completions_day1: {
      reads: "journeys completed over the horizon ÷ k",
      measure: (run) => journeys(run, 0, Infinity),
    },
    collapse_hour: {
      reads: "first 10-min block from 08:00 where journeys completed < 20% of citizens starting, " +
        "for 30 min (3 blocks; blocks not bins, so small scales are not noise) (scale-free)",
      measure: (run) => {
        const width = run.probe.binWidthSeconds;
        const block = 600;
        const per = Math.round(block / width);
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
          return completed < 0.2 * starting;
        };
        return firstSustained(blocks, block, 8 * HOUR, 30 * 60, bad) / HOUR;
      },
    },
  },
  "decreto-flussi-2023": {
    accepted_first_4min: {
      reads: "journeys completed 0–240 s ÷ k",
      measure: (run) => journeys(run, 0, 240),
    },
    quota_exhausted_seconds: {
      reads: "budget_exhausted_at_s (scale-free)",
      measure: (run) => summaryOf(run.result, "budget_exhausted_at_s"),
    },
    success_ratio: {
      reads: "citizens_succeeded ÷ citizens (scale-free)",
      measure: (run) =>
        summaryOf(run.result, "citizens_succeeded") / summaryOf(run.result, "citizens"),
    },
  },
};

/** Runs one replication of a scenario's design with the incident's probe attached. */
export function observeRun(
  incident: string,
  scenario: Scenario,
  design: string,
  replication: number,
  scale: number,
): ObservedRun {
  const resolved = resolveDesign(scenario, design);
  const plan = PROBE_PLANS[incident] ?? {};
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
 * Measures every observable of an incident's calibration record on `replications` runs of a
 * design (replication r uses the scenario's seed and r: common random numbers across designs).
 *
 * @throws Error when the incident has no measures or an observable has no measure.
 */
export function estimateObservables(
  incident: string,
  options: EstimateOptions = {},
): ObservableEstimate[] {
  const measures = OBSERVABLE_MEASURES[incident];
  if (!measures) {
    throw new Error(
      `incident "${incident}": no measures; allowed: ${
        Object.keys(OBSERVABLE_MEASURES).join(", ")
      }`,
    );
  }
  const calibration = incidentCalibration(incident, options.root);
  const wanted = calibration.observables.filter((entry) =>
    options.observables === undefined || options.observables.includes(entry.observable)
  );
  for (const entry of wanted) {
    if (!measures[entry.observable]) {
      throw new Error(`${incident}: observable "${entry.observable}" has no measure`);
    }
  }
  const scale = options.scale ?? 1;
  const scenario = incidentScenario(incident, options);
  const replications = options.replications ?? 3;
  const runs = Array.from({ length: replications }, (_, replication) => {
    const run = observeRun(incident, scenario, options.design ?? "base", replication, scale);
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
