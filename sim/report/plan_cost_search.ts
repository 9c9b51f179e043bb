/**
 * `deno task plan … --cost PATH=EURO[,…] [--budget EURO]`: the cheapest setting of one to
 * three parameters (`--x`, `--x2`, `--x3`) that the fluid model finds acceptable at the
 * margin's arrival level (`plan_search.ts`), its cost in euro against the budget, and the
 * simulator's confirmation: the setting, then the next acceptable ones in cost order (at most
 * a few), until the simulator agrees.
 *
 * @module
 */
import { spotCheck, type SpotCheckOptions } from "../fluid/spot_check.ts";
import { scenarioFluidEvaluator } from "../fluid/scenario_map.ts";
import { UsageError } from "../experiment/usage_error.ts";
import type { MapAxis } from "../fluid/metastability_map.ts";
import {
  cheapestAcceptable,
  MAX_SETTINGS,
  type SearchedParameter,
  type Setting,
  settingCost,
} from "../fluid/plan_search.ts";
import type { SurgeOutcome } from "../fluid/surge_verdict.ts";
import { isAcceptable } from "../fluid/planner.ts";

/** What the cost search needs. */
export interface CostSearchInput {
  /** The design's scenario JSON (full scale). */
  json: Record<string, unknown>;
  /** Searched parameters with their candidate values and unit costs. */
  parameters: SearchedParameter[];
  /** The margin: the y parameter's path and the value every setting must hold at. */
  margin: { name: string; value: number };
  /** Verdicts that count as acceptable. */
  accept: readonly SurgeOutcome[];
  /** Recovery target, seconds: "recovers" within it is acceptable too. */
  target?: number;
  /** Budget, euro (none: only the cost is reported). */
  budget?: number;
  /** Fluid integration horizon, seconds. */
  horizon?: number;
  /** Simulator confirmation (none: no confirmation). */
  simulator?: SpotCheckOptions;
}

/** One simulator trial of a setting. */
export interface SimulatorTrial {
  /** The setting tried. */
  setting: Setting;
  /** Its cost, euro. */
  cost: number;
  /** The simulator's verdict. */
  verdict: SurgeOutcome;
  /** Seconds of degradation before it recovered ("recovers" only; null otherwise). */
  recoverySeconds: number | null;
}

/** What the cost search found. */
export interface CostSearchOutcome {
  /** The searched parameters (names, values, unit costs). */
  parameters: SearchedParameter[];
  /** The margin it was judged at. */
  margin: { name: string; value: number };
  /** Cheapest acceptable setting by the fluid model, or null. */
  setting: Setting | null;
  /** Its cost, euro (NaN without a setting). */
  cost: number;
  /** The budget, euro, when given. */
  budget?: number;
  /** Whether the setting fits the budget. */
  withinBudget: boolean;
  /** Settings the fluid model judged. */
  judged: number;
  /** The simulator's trials, in order (empty without confirmation). */
  trials: SimulatorTrial[];
  /** The setting the simulator confirmed, or null when it confirmed none (or did not run). */
  confirmed: Setting | null;
  /** Whether the confirmed setting fits the budget (null without a confirmed setting). */
  confirmedWithinBudget: boolean | null;
}

/** Most settings after the fluid model's choice the simulator may try. */
const CONFIRMATION_STEPS = 4;

/** The overrides of a setting at the margin. */
function pointOf(input: CostSearchInput, setting: Setting): Record<string, number> {
  const point: Record<string, number> = { [input.margin.name]: input.margin.value };
  input.parameters.forEach((parameter, index) => point[parameter.name] = setting[index]);
  return point;
}

/** Runs the search (fluid), then the confirmation (simulator). */
export function costSearch(input: CostSearchInput): CostSearchOutcome {
  const fluid = scenarioFluidEvaluator(input.json, { horizon: input.horizon });
  const acceptable = (setting: Setting) => {
    const { verdict, recoverySeconds } = fluid(pointOf(input, setting));
    return isAcceptable(verdict, recoverySeconds ?? null, input.accept, input.target);
  };
  const found = cheapestAcceptable(input.parameters, acceptable, input.budget);
  const trials: SimulatorTrial[] = [];
  let confirmed: Setting | null = null;
  if (found.setting !== null && input.simulator !== undefined) {
    const candidates: Setting[] = [found.setting];
    for (const setting of found.next) {
      if (candidates.length > CONFIRMATION_STEPS) break;
      if (acceptable(setting)) candidates.push(setting);
    }
    for (const setting of candidates) {
      const check = spotCheck(input.json, pointOf(input, setting), input.simulator);
      const verdict = check.verdict;
      trials.push({
        setting,
        cost: settingCost(input.parameters, setting),
        verdict,
        recoverySeconds: verdict === "recovers" ? check.recoverySeconds : null,
      });
      if (isAcceptable(verdict, check.recoverySeconds, input.accept, input.target)) {
        confirmed = setting;
        break;
      }
    }
  }
  return {
    parameters: input.parameters,
    margin: input.margin,
    setting: found.setting,
    cost: found.cost,
    budget: input.budget,
    withinBudget: found.withinBudget,
    judged: found.judged,
    trials,
    confirmed,
    confirmedWithinBudget: confirmed === null
      ? null
      : input.budget === undefined || settingCost(input.parameters, confirmed) <= input.budget,
  };
}

/** Euro, grouped, no decimals (e.g. "€ 12,400" / "12.400 €"). */
function euro(value: number, lang: "it" | "en"): string {
  const text = Math.round(value).toLocaleString(lang === "it" ? "it-IT" : "en-GB");
  return lang === "it" ? `${text} €` : `€${text}`;
}

/** Seconds as hours with one decimal ("12.5 h" / "12,5 h"). */
function hours(seconds: number, lang: "it" | "en"): string {
  return `${
    (seconds / 3600).toLocaleString(lang === "it" ? "it-IT" : "en-GB", {
      maximumFractionDigits: 1,
    })
  } h`;
}

/** The outcome as lines for the terminal, in `lang`. */
export function costSearchLines(outcome: CostSearchOutcome, lang: "it" | "en"): string[] {
  const en = lang === "en";
  const describe = (setting: Setting) =>
    outcome.parameters.map((parameter, index) => `${parameter.name} = ${setting[index]}`)
      .join(", ");
  const margin = `${outcome.margin.name} = ${outcome.margin.value}`;
  const lines = [
    en
      ? `cost search over ${outcome.parameters.length} parameter(s), unit costs ${
        outcome.parameters.map((p) => `${p.name} ${euro(p.unitCost, lang)}`).join(", ")
      }; ${outcome.judged} setting(s) judged by the fluid model at ${margin}`
      : `ricerca del costo su ${outcome.parameters.length} parametri, costi unitari ${
        outcome.parameters.map((p) => `${p.name} ${euro(p.unitCost, lang)}`).join(", ")
      }; ${outcome.judged} combinazioni valutate dal modello fluido a ${margin}`,
  ];
  if (outcome.setting === null) {
    lines.push(
      en
        ? "no setting of the grid keeps the scenario acceptable: widen the ranges"
        : "nessuna combinazione della griglia mantiene lo scenario accettabile: allargare gli intervalli",
    );
    return lines;
  }
  lines.push(
    (en ? "cheapest acceptable (fluid): " : "la più economica accettabile (fluido): ") +
      `${describe(outcome.setting)} — ${euro(outcome.cost, lang)}`,
  );
  if (outcome.budget !== undefined) {
    lines.push(
      outcome.withinBudget
        ? (en
          ? `within the budget of ${euro(outcome.budget, lang)}`
          : `entro il budget di ${euro(outcome.budget, lang)}`)
        : (en
          ? `NO setting within the budget of ${euro(outcome.budget, lang)} keeps it acceptable; ` +
            `the cheapest that does costs ${euro(outcome.cost, lang)}`
          : `NESSUNA combinazione entro il budget di ${
            euro(outcome.budget, lang)
          } lo mantiene accettabile; la più economica costa ${euro(outcome.cost, lang)}`),
    );
  }
  for (const trial of outcome.trials) {
    lines.push(
      (en ? "  simulator: " : "  simulatore: ") +
        `${describe(trial.setting)} (${euro(trial.cost, lang)}) → ${trial.verdict}` +
        (trial.recoverySeconds === null
          ? ""
          : en
          ? ` after ${hours(trial.recoverySeconds, lang)} of degradation`
          : ` dopo ${hours(trial.recoverySeconds, lang)} di degrado`),
    );
  }
  if (outcome.trials.length > 0) {
    lines.push(
      outcome.confirmed === null
        ? (en
          ? "the simulator confirmed none of these settings: widen the ranges"
          : "il simulatore non ne ha confermata nessuna: allargare gli intervalli")
        : (en
          ? "recommended (confirmed by the simulator): "
          : "raccomandata (confermata dal simulatore): ") +
          `${describe(outcome.confirmed)} — ${
            euro(settingCost(outcome.parameters, outcome.confirmed), lang)
          }` +
          (outcome.budget === undefined || outcome.confirmedWithinBudget
            ? ""
            : en
            ? `, OVER the budget of ${euro(outcome.budget, lang)}`
            : `, OLTRE il budget di ${euro(outcome.budget, lang)}`),
    );
  }
  return lines;
}

/**
 * `--x2`, `--x3`, `--cost` and `--budget` of `deno task plan`: the searched parameters with
 * their unit costs (`readAxis` reads a `PATH[=SPEC]` flag as `--x` does).
 * @throws UsageError naming the flag, the value and what is allowed.
 */
export function parseCostSearch(
  values: Record<string, string | number | boolean>,
  x: MapAxis,
  yName: string,
  readAxis: (flag: string, text: string) => MapAxis,
): { parameters: SearchedParameter[]; budget?: number } | undefined {
  const costText = values.cost as string | undefined;
  const budget = values.budget as number | undefined;
  const extra = (["x2", "x3"] as const).filter((flag) => values[flag] !== undefined);
  if (costText === undefined) {
    if (budget !== undefined) {
      throw UsageError.field("--budget", budget, "a budget with --cost PATH=EURO for each --x");
    }
    if (extra.length > 0) {
      throw UsageError.field(`--${extra[0]}`, values[extra[0]], "a parameter with --cost");
    }
    return undefined;
  }
  if (values.x === undefined) {
    throw UsageError.field("--cost", costText, "unit costs of the parameters given with --x");
  }
  const axes = [x];
  for (const flag of extra) {
    const axis = readAxis(`--${flag}`, values[flag] as string);
    if (axis.name === yName || axes.some((other) => other.name === axis.name)) {
      throw UsageError.field(`--${flag}`, axis.name, "a parameter not searched already nor --y's");
    }
    axes.push(axis);
  }
  const costs = new Map<string, number>();
  for (const item of costText.split(",")) {
    const [path, text] = item.split("=", 2).map((part) => part?.trim());
    const euro = Number(text);
    if (!path || text === undefined || text === "" || !(euro >= 0 && Number.isFinite(euro))) {
      throw UsageError.field("--cost", costText, "PATH=EURO pairs, euro a number ≥ 0");
    }
    if (!axes.some((axis) => axis.name === path)) {
      throw UsageError.field(
        "--cost",
        path,
        `a searched parameter: ${axes.map((axis) => axis.name).join(", ")}`,
      );
    }
    costs.set(path, euro);
  }
  const parameters = axes.map((axis) => {
    const unitCost = costs.get(axis.name);
    if (unitCost === undefined) {
      throw UsageError.field("--cost", costText, `a unit cost for ${axis.name} too`);
    }
    return { name: axis.name, values: axis.values, unitCost };
  });
  let settings = 1;
  for (const parameter of parameters) settings *= parameter.values.length;
  if (settings > MAX_SETTINGS) {
    throw UsageError.field(
      "--x/--x2/--x3",
      `${settings} settings`,
      `at most ${MAX_SETTINGS}: fewer values`,
    );
  }
  return { parameters, budget };
}
