/**
 * The metastability validation cases: spike scenarios of `data/validation/metastable-*.json`
 * judged against the retry-storm criterion λ(R + 1) vs capacity (`retryStormCriterion`). Each
 * file is one tier at a base load λ below its capacity cμ, hit by a surge above it for some
 * seconds, then back to λ; clients time out and retry. The case states what the criterion
 * predicts — the collapse the surge triggers **stays** (FIFO serving orphaned attempts and
 * λ(R + 1) > cμ) or the system **recovers** — and the run's verdict comes from the measured
 * goodput after the surge, with the replications' own 95% interval:
 *
 * - `recovers`: the interval of the post-surge goodput share (goodput ÷ λ) lies above
 *   {@link HEALTHY_SHARE};
 * - `stays degraded`: it lies below {@link DEGRADED_SHARE};
 * - otherwise `undecided` (a failure: the cases are built far from the boundary).
 *
 * How the prediction treats each mechanism: under FIFO the criterion applies as stated, with
 * R = max_attempts − 1. A retry budget of ratio r lets at most r retries per success through,
 * and in the collapsed state successes are few, so R_eff = min(R, r). Deadline dropping
 * (deadline ≤ timeout) and adaptive LIFO break the criterion's premise — that capacity is spent
 * on attempts whose client has given up — so served attempts succeed and the system recovers
 * whenever λ < cμ.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type RetryStormCriterion, retryStormCriterion } from "../analytic/mod.ts";
import { runExperiment } from "../experiment/run_experiment.ts";
import { loadScenario, resolveDesign, type ResolvedScenario } from "../model/mod.ts";
import { meanConfidenceInterval } from "../stats/mod.ts";
import { serviceRate, slotsOf } from "./scenario_parameters.ts";
import { onlyTier } from "./scenario_theory.ts";

/** Post-surge goodput share (goodput ÷ λ) whose whole interval lies above this: recovered. */
export const HEALTHY_SHARE = 0.9;
/** Post-surge goodput share whose whole interval lies below this: stays degraded. */
export const DEGRADED_SHARE = 0.1;
/** Replications of each case (runs are short: a few hundred thousand events each). */
export const METASTABILITY_REPLICATIONS = 20;

/** A verdict on the state after the surge. */
export type MetastabilityVerdict = "recovers" | "stays degraded" | "undecided";

/** A metastability case: a spike scenario and where its post-surge window starts. */
export interface MetastabilityCase {
  /** Case name, the file's base name. */
  name: string;
  /** Table title. */
  title: string;
  /** Scenario file, relative to the repository root. */
  file: string;
  /** Start of the post-surge window judged, seconds (it ends at the horizon). */
  judgeFromSeconds: number;
}

const file = (name: string) => `data/validation/${name}.json`;
const spike = (name: string, title: string): MetastabilityCase => ({
  name,
  title,
  file: file(name),
  judgeFromSeconds: 600,
});

/** Every metastability case; the first five differ only in the mechanism. */
export const METASTABILITY_CASES: readonly MetastabilityCase[] = [
  spike("metastable-fifo", "FIFO, λ(R + 1) = 1.8 cμ: the collapse sustains"),
  spike("metastable-deadline-drop", "the same with deadline dropping"),
  spike("metastable-adaptive-lifo", "the same with adaptive LIFO"),
  spike("metastable-lifo", "the same with LIFO"),
  spike("metastable-retry-budget", "the same with a 10 % retry budget"),
  spike("metastable-fifo-recovers", "FIFO, λ(R + 1) = 0.6 cμ: drains by itself"),
];

/** What the criterion predicts for a spike scenario. */
export interface MetastabilityPrediction {
  /** λ, the base load after the surge, citizens/s. */
  arrivalRate: number;
  /** R the prediction uses (a retry budget's ratio caps it). */
  retriesPerFailure: number;
  /** The retry budget's ratio, retries per success (null: no budget). */
  retryBudgetRatio: number | null;
  /** cμ, attempts/s. */
  capacity: number;
  /** The criterion at these numbers. */
  criterion: RetryStormCriterion;
  /** The queue discipline. */
  discipline: string;
  /** The prediction. */
  predicted: Exclude<MetastabilityVerdict, "undecided">;
  /** Why, in one sentence. */
  reason: string;
}

/**
 * The criterion's prediction from a spike scenario's own numbers: λ the last piecewise step,
 * R = max_attempts − 1 (capped by a retry budget's ratio), capacity cμ of its only tier.
 * @param scenario A resolved spike scenario (piecewise arrivals, one tier, a client timeout).
 * @returns The prediction.
 */
export function metastabilityPrediction(scenario: ResolvedScenario): MetastabilityPrediction {
  const arrivals = scenario.demand.arrivals;
  if (arrivals.kind !== "piecewise") throw new Error(`${scenario.name}: needs piecewise arrivals`);
  const arrivalRate = arrivals.steps[arrivals.steps.length - 1].rate_per_second;
  const tier = onlyTier(scenario);
  const capacity = slotsOf(tier) * serviceRate(tier);
  const client = scenario.demand.client;
  if (client.timeout_seconds === null) throw new Error(`${scenario.name}: needs a timeout`);
  const retry = client.retry;
  const retries = retry.kind === "none" ? 0 : retry.max_attempts - 1;
  const budget = client.retry_budget;
  const retriesPerFailure = budget ? Math.min(retries, budget.ratio) : retries;
  const criterion = retryStormCriterion({ arrivalRate, retriesPerFailure, capacity });
  const discipline = tier.queue.discipline;
  const deadline = tier.queue.deadline_seconds ?? Infinity;
  const wasteFree = discipline === "adaptive_lifo" || discipline === "lifo" ||
    (discipline === "deadline_drop" && deadline <= client.timeout_seconds);
  if (wasteFree) {
    return {
      arrivalRate,
      retriesPerFailure,
      retryBudgetRatio: budget?.ratio ?? null,
      capacity,
      criterion,
      discipline,
      predicted: criterion.stableWithoutTrigger ? "recovers" : "stays degraded",
      reason: `${discipline} serves no attempt whose client gave up, so goodput returns to ` +
        `λ = ${arrivalRate}/s < cμ = ${capacity}/s`,
    };
  }
  const comparison = criterion.collapseSustains ? ">" : "≤";
  return {
    arrivalRate,
    retriesPerFailure,
    retryBudgetRatio: budget?.ratio ?? null,
    capacity,
    criterion,
    discipline,
    predicted: criterion.collapseSustains ? "stays degraded" : "recovers",
    reason: `λ(R + 1) = ${arrivalRate}·(${retriesPerFailure} + 1) = ` +
      `${criterion.collapsedAttemptRate}/s ${comparison} cμ = ${capacity}/s` +
      (budget ? ` (R capped by the retry budget's ratio ${budget.ratio})` : ""),
  };
}

/** A mean over replications with its 95% interval. */
export interface ShareInterval {
  /** Mean. */
  mean: number;
  /** Low end of the 95% interval. */
  low: number;
  /** High end of the 95% interval. */
  high: number;
}

/** One row of the metastability table. */
export interface MetastabilityRow {
  /** Case name. */
  case: string;
  /** Table title. */
  title: string;
  /** The prediction and its reason. */
  prediction: MetastabilityPrediction;
  /** Post-surge window judged, seconds [from, to). */
  window: [number, number];
  /** Goodput ÷ λ over the window, per replication, with its 95% interval. */
  goodputShare: ShareInterval;
  /** Timed-out attempts per new request over the window (collapsed: about R + 1). */
  timeoutsPerRequest: ShareInterval;
  /** Mean orbit (sessions waiting to retry) over the window, sessions. */
  orbit: ShareInterval;
  /** The run's verdict from the goodput share's interval. */
  verdict: MetastabilityVerdict;
  /** verdict = predicted. */
  pass: boolean;
  /** Replications. */
  n: number;
}

/**
 * The verdict of a goodput share's interval.
 * @param share The post-surge goodput share's 95% interval.
 * @returns recovers above {@link HEALTHY_SHARE}, stays degraded below {@link DEGRADED_SHARE}.
 */
export function verdictOf(share: ShareInterval): MetastabilityVerdict {
  if (share.low >= HEALTHY_SHARE) return "recovers";
  if (share.high <= DEGRADED_SHARE) return "stays degraded";
  return "undecided";
}

/**
 * Runs a spike case through the experiment layer (as `deno task sim` does) and judges it.
 * @param metastabilityCase The case.
 * @param replications Replications (default {@link METASTABILITY_REPLICATIONS}).
 * @returns Its row.
 */
export async function runMetastabilityCase(
  metastabilityCase: MetastabilityCase,
  replications = METASTABILITY_REPLICATIONS,
): Promise<MetastabilityRow> {
  const path = fileURLToPath(new URL(`../../${metastabilityCase.file}`, import.meta.url));
  const scenario = resolveDesign(loadScenario(path), "base");
  const prediction = metastabilityPrediction(scenario);
  const { tables } = await runExperiment({
    experiment: {
      name: `validation-${metastabilityCase.name}`,
      scenarios: [path],
      designs: ["base"],
      replications,
      confidence: 0.95,
    },
    workers: 0,
    quiet: true,
  });
  const from = metastabilityCase.judgeFromSeconds;
  const to = scenario.horizon_seconds;
  const perReplication = (metric: string, scale: number) => {
    const sums = new Float64Array(replications);
    const widths = new Float64Array(replications);
    for (const row of tables.series) {
      if (row.metric !== metric || row.bin_start < from || row.bin_start >= to) continue;
      sums[row.replication] += row.value * row.bin_width;
      widths[row.replication] += row.bin_width;
    }
    const values = Array.from(sums, (sum, r) => sum / widths[r] / scale);
    const ci = meanConfidenceInterval(values, 0.95);
    return { mean: ci.mean, low: ci.low, high: ci.high };
  };
  const lambda = prediction.arrivalRate;
  const goodputShare = perReplication("goodput_per_s", lambda);
  const verdict = verdictOf(goodputShare);
  return {
    case: metastabilityCase.name,
    title: metastabilityCase.title,
    prediction,
    window: [from, to],
    goodputShare,
    timeoutsPerRequest: perReplication("failed_timeout_per_s", lambda),
    orbit: perReplication("orbit_size", 1),
    verdict,
    pass: verdict === prediction.predicted,
    n: replications,
  };
}

const fixed = (x: number, digits = 3) => x.toFixed(digits);
const interval = (s: ShareInterval, digits = 3) =>
  `${fixed(s.mean, digits)} [${fixed(s.low, digits)}, ${fixed(s.high, digits)}]`;

/**
 * The metastability rows as an aligned text table.
 * @param rows The rows.
 * @returns The table, one line per case.
 */
export function metastabilityTable(rows: readonly MetastabilityRow[]): string {
  const header = [
    "case",
    "discipline",
    "λ(R+1) vs cμ",
    "predicted",
    "goodput/λ after",
    "timeouts/request",
    "orbit",
    "verdict",
  ];
  const lines = rows.map((r) => [
    r.case,
    r.prediction.discipline + (r.prediction.retryBudgetRatio === null ? "" : " + budget"),
    `${fixed(r.prediction.criterion.collapsedAttemptRate, 0)} vs ${
      fixed(r.prediction.capacity, 0)
    }`,
    r.prediction.predicted,
    interval(r.goodputShare),
    interval(r.timeoutsPerRequest),
    interval(r.orbit, 1),
    `${r.verdict} ${r.pass ? "PASS" : "FAIL"}`,
  ]);
  const widths = header.map((h, i) =>
    lines.reduce((most, l) => Math.max(most, l[i].length), h.length)
  );
  const pad = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [pad(header), ...lines.map(pad)].join("\n");
}
