/**
 * Running the scenario validation cases (`scenario_cases.ts`) the way analysts run scenarios:
 * each file of `data/validation/` goes through the experiment layer (`runExperiment`, the path
 * of `deno task sim`), and each theory value is compared with the run's own estimates — the
 * mean over replications and its 95% Student-t interval from the `estimates` table (series
 * bins: the same interval over the replications' bin values).
 *
 * **Pass rule.** An exact check passes when the theory lies within the replications' interval
 * at the family-wise level: the 95% interval widened from the 97.5% t quantile to the
 * 1 − 0.05/(2m) quantile, m the number of exact checks run together (Bonferroni: at most a 5%
 * chance that any of the m true values falls outside by chance, instead of about 5% of them),
 * plus the documented bias bound of the finite horizon (`censoringBias`); nothing else widens
 * it. The plain 95% interval is reported too (`in_ci95`). Approximations are reported with
 * their relative error, never judged.
 *
 * **Sizes.** `full` (`deno task validate`) runs each file's horizon with the case's
 * replications (default 20); `quick` (the tests) runs 20 replications of an eighth of the
 * post-warm-up horizon (`until`, as `deno task sim --until` does), or the share a case sets.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { runExperiment } from "../experiment/run_experiment.ts";
import { loadScenario, resolveDesign, type ResolvedScenario } from "../model/mod.ts";
import { meanConfidenceInterval, studentTQuantile } from "../stats/mod.ts";
import { censoringBias } from "./scenario_parameters.ts";
import type { CaseTheory, CheckKind, ScenarioCase, TheoryCheck } from "./scenario_theory.ts";

/** Confidence level of the intervals the experiment reports. */
export const CONFIDENCE = 0.95;
/** Family-wise error of the pass rule over all exact checks run together. */
export const FAMILY_ERROR = 0.05;
/** Replications at quick size. */
export const QUICK_REPLICATIONS = 20;
/** Replications at full size unless a case sets its own. */
export const FULL_REPLICATIONS = 20;
/** Share of the post-warm-up horizon run at quick size unless a case sets its own. */
export const QUICK_HORIZON_SHARE = 0.125;

/** `quick` for the tests, `full` for `deno task validate`. */
export type ValidationSize = "quick" | "full";

/** A case ready to run at a size. */
export interface CasePlan {
  /** The case. */
  case: ScenarioCase;
  /** The scenario file, absolute. */
  path: string;
  /** The scenario with its base design applied. */
  scenario: ResolvedScenario;
  /** Replications. */
  replications: number;
  /** When each replication ends, seconds. */
  endSeconds: number;
  /** `until` passed to the experiment (undefined: the horizon). */
  until?: number;
  /** The theory at this end. */
  theory: CaseTheory;
}

/** One row of the scenario validation table. */
export interface ScenarioRow {
  /** Case name. */
  case: string;
  /** The analytic result compared with, e.g. `mmcMeasures (Erlang C)`. */
  source: string;
  /** Metric (series checks: `<metric> [start, end) s`). */
  metric: string;
  /** Exact (asserted) or approximation (reported). */
  kind: CheckKind;
  /** Theoretical value. */
  theory: number;
  /** Mean over replications. */
  mean: number;
  /** 95% interval over replications, low end. */
  ci_low: number;
  /** 95% interval over replications, high end. */
  ci_high: number;
  /** Replications. */
  n: number;
  /** Bias bound of the finite horizon added on each side, metric's unit. */
  bias: number;
  /** Family-wise acceptance interval (widened interval ± bias), low end. */
  accept_low: number;
  /** Family-wise acceptance interval, high end. */
  accept_high: number;
  /** Theory inside the plain 95% interval. */
  in_ci95: boolean;
  /** Exact checks: theory inside the acceptance interval; approximations: null. */
  pass: boolean | null;
  /** (mean − theory)/|theory|. */
  relative_error: number;
}

/**
 * Prepares a case at a size: loads its scenario and computes its theory.
 * @param scenarioCase The case.
 * @param size `quick` or `full`.
 * @returns The plan.
 */
export function planCase(scenarioCase: ScenarioCase, size: ValidationSize): CasePlan {
  const path = fileURLToPath(new URL(`../../${scenarioCase.file}`, import.meta.url));
  const scenario = resolveDesign(loadScenario(path), "base");
  const horizon = scenario.horizon_seconds;
  const warmup = scenario.warmup_seconds;
  const share = size === "full" ? 1 : scenarioCase.quickHorizonShare ?? QUICK_HORIZON_SHARE;
  const endSeconds = warmup + share * (horizon - warmup);
  return {
    case: scenarioCase,
    path,
    scenario,
    replications: size === "full"
      ? scenarioCase.replications ?? FULL_REPLICATIONS
      : scenarioCase.quickReplications ?? QUICK_REPLICATIONS,
    endSeconds,
    until: endSeconds < horizon ? endSeconds : undefined,
    theory: scenarioCase.theory(scenario, endSeconds),
  };
}

/**
 * Number of exact checks of some plans: the family of the Bonferroni pass rule.
 * @param plans The plans run together.
 * @returns m.
 */
export function familySize(plans: readonly CasePlan[]): number {
  let m = 0;
  for (const plan of plans) {
    for (const check of plan.theory.checks) if (check.kind === "exact") m++;
  }
  return m;
}

/** A mean with its 95% interval over n replications (metric's unit). */
export interface ReplicationInterval {
  /** Mean over replications. */
  mean: number;
  /** Low end of the 95% interval. */
  low: number;
  /** High end of the 95% interval. */
  high: number;
  /** Replications. */
  n: number;
}

/**
 * Compares one check with the replications' interval.
 * @param caseName Case name.
 * @param source The analytic result the theory comes from.
 * @param check The check.
 * @param interval Mean and 95% interval over replications.
 * @param bias Bias bound, metric's unit (≥ 0).
 * @param family m, exact checks judged together (≥ 1).
 * @returns The table row.
 */
export function evaluateCheck(
  caseName: string,
  source: string,
  check: TheoryCheck,
  interval: ReplicationInterval,
  bias: number,
  family: number,
): ScenarioRow {
  const { mean, low, high, n } = interval;
  const usable = n >= 2 && Number.isFinite(low) && Number.isFinite(high);
  const standardError = usable ? (high - low) / 2 / studentTQuantile(0.975, n - 1) : NaN;
  const widened = usable
    ? studentTQuantile(1 - FAMILY_ERROR / (2 * Math.max(1, family)), n - 1) * standardError
    : NaN;
  const acceptLow = mean - widened - bias;
  const acceptHigh = mean + widened + bias;
  const inside = usable && acceptLow <= check.theory && check.theory <= acceptHigh;
  const metric = check.binStart === undefined
    ? check.metric
    : `${check.metric} [${check.binStart}, ${check.binStart + (check.binWidth ?? NaN)}) s`;
  return {
    case: caseName,
    source,
    metric,
    kind: check.kind,
    theory: check.theory,
    mean,
    ci_low: low,
    ci_high: high,
    n,
    bias,
    accept_low: acceptLow,
    accept_high: acceptHigh,
    in_ci95: usable && low <= check.theory && check.theory <= high,
    pass: check.kind === "exact" ? inside : null,
    relative_error: (mean - check.theory) / Math.abs(check.theory),
  };
}

/** Options of {@link runCase}. */
export interface RunCaseOptions {
  /** Worker threads of the experiment (default 0: this thread). */
  workers?: number;
}

/**
 * Runs a case through the experiment layer and compares it with its theory.
 * @param plan The case at a size ({@link planCase}).
 * @param family m, exact checks judged together ({@link familySize}).
 * @param options Workers.
 * @returns One row per check.
 */
export async function runCase(
  plan: CasePlan,
  family: number,
  options: RunCaseOptions = {},
): Promise<ScenarioRow[]> {
  const { tables } = await runExperiment({
    experiment: {
      name: `validation-${plan.case.name}`,
      scenarios: [plan.path],
      designs: ["base"],
      replications: plan.replications,
      confidence: CONFIDENCE,
      until: plan.until,
    },
    workers: options.workers ?? 0,
    quiet: true,
  });
  const window = plan.endSeconds - plan.scenario.warmup_seconds;
  const theory = plan.theory;
  return theory.checks.map((check) => {
    let interval: ReplicationInterval;
    if (check.binStart === undefined) {
      const row = tables.estimates.find((e) => e.design === "base" && e.metric === check.metric);
      if (row === undefined) throw new Error(`${plan.case.name}: no estimate of ${check.metric}`);
      interval = { mean: row.mean, low: row.ci_low, high: row.ci_high, n: row.n };
    } else {
      const values = tables.series
        .filter((s) => s.metric === check.metric && s.bin_start === check.binStart)
        .map((s) => s.value);
      const ci = meanConfidenceInterval(values, CONFIDENCE);
      interval = { mean: ci.mean, low: ci.low, high: ci.high, n: ci.n };
    }
    const scale = check.censoring === "time"
      ? theory.lengthBiasedTime
      : check.censoring === "share"
      ? 1
      : check.censoring === "ratio"
      ? check.theory
      : 0;
    const bias = censoringBias(scale, theory.meanInSystem, theory.arrivalRate, window);
    return evaluateCheck(plan.case.name, theory.source, check, interval, bias, family);
  });
}
