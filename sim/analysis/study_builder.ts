/**
 * The analysis API's entry points: `incident(name)` for a documented click day of `data/`,
 * `scenario(fileOrObject)` for any other; `.at({ scale })` sizes it, `.run({ … })` runs it
 * through the experiment layer (`runExperiment`; `workers: 0` runs in this thread) with the run
 * cache (`run_cache.ts`) and returns a {@link Study}.
 *
 * @example
 * ```ts ignore
 * import { incident, show } from "../mod.ts";
 * const study = await incident("cashback-io-2020").at({ scale: 0.1 })
 *   .run({ designs: "all", replications: 5, workers: 2 });
 * await show(study.chart.load());
 * ```
 *
 * @module
 */
import {
  type Calibration,
  type CalibrationObservable,
  incidentCalibration,
  incidentScenarioJson,
  listIncidents,
  loadIncident,
} from "../calibration/mod.ts";
import { runExperiment, UsageError } from "../experiment/mod.ts";
import type { ExperimentSpec } from "../experiment/mod.ts";
import { designNames, parseScenario, scaleScenario } from "../model/mod.ts";
import { readScenarioJson } from "../scenario/mod.ts";
import { cacheFolder, defaultCacheRoot } from "./run_cache.ts";
import { Study, type StudyLang } from "./study.ts";

/** Size and length of a run. */
export interface AtOptions {
  /** Demand-and-capacity factor k in (0, 1] (default: the incident's calibration scale, or 1). */
  scale?: number;
  /** Cut the horizon here, seconds from the scenario's origin (default: the scenario's own). */
  horizonSeconds?: number;
}

/** How to run a study. */
export interface StudyRunOptions {
  /** `"all"` (default: `"base"` and every design of the scenario) or design names. */
  designs?: "all" | string[];
  /** Baseline of the paired differences (default: the first design). */
  baseline?: string;
  /** Replications per design (default: the incident's run plan, or 3). */
  replications?: number;
  /** Deno Workers (default: the machine's cores); 0 runs in this thread. */
  workers?: number;
  /**
   * Keep finished replications on disk and read them back on the same call: true (default:
   * `out/cache/` of the project), a folder path, or false. The environment variable
   * `CLICKDAY_CACHE` overrides the default: `off`, or a folder.
   */
  cache?: boolean | string;
  /** Bin width of the study's charts, seconds (default: the scenario's bins). */
  chartBinSeconds?: number;
  /** Show a progress bar on stderr (default false). */
  progress?: boolean;
  /** Language of the study's charts (default English). */
  lang?: StudyLang;
  /**
   * Run even when the cost estimate exceeds the run budget (README, "Bounds"; the command
   * line's `--allow-large-run`). The estimate is an upper one: clients that come back until
   * they succeed are counted at their longest chain.
   */
  allowLargeRun?: boolean;
}

/** The option names `at` takes. */
const AT_OPTIONS: readonly (keyof AtOptions)[] = ["scale", "horizonSeconds"];

/** The option names `run` takes. */
const RUN_OPTIONS: readonly (keyof StudyRunOptions)[] = [
  "designs",
  "baseline",
  "replications",
  "workers",
  "cache",
  "chartBinSeconds",
  "progress",
  "lang",
  "allowLargeRun",
];

/**
 * Refuses an option `method` does not take (a misspelt one would otherwise be ignored).
 *
 * @throws UsageError naming the option and the allowed ones.
 */
function checkOptionNames(method: string, options: object, allowed: readonly string[]): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw UsageError.field(method, options, `an object with some of ${allowed.join(", ")}`);
  }
  for (const name of Object.keys(options)) {
    if (!allowed.includes(name)) {
      throw UsageError.field(`${method} option`, name, allowed.join(", "));
    }
  }
}

/** A scenario ready to run: `scenario(…)` or `incident(…)`, optionally `.at(…)`. */
export class StudyPlan {
  /** The scenario as given (full scale, JSON). */
  readonly source: Record<string, unknown>;
  /** Incident (file stem) when it is one. */
  readonly incident?: string;
  /** Scale and horizon. */
  readonly size: AtOptions;
  readonly #defaultReplications: number;

  /** Use `incident(name)` or `scenario(fileOrObject)`. */
  constructor(options: {
    source: Record<string, unknown>;
    incident?: string;
    size?: AtOptions;
    defaultReplications?: number;
  }) {
    this.source = options.source;
    this.incident = options.incident;
    this.size = options.size ?? {};
    this.#defaultReplications = options.defaultReplications ?? 3;
  }

  /**
   * The same scenario at another scale or horizon.
   *
   * @throws UsageError for an unknown option, a scale outside (0, 1], or a horizon that is not
   *   a number of seconds within the scenario's own.
   */
  at(size: AtOptions): StudyPlan {
    checkOptionNames("at", size, AT_OPTIONS);
    const scale = size.scale ?? this.size.scale;
    if (scale !== undefined && !(typeof scale === "number" && scale > 0 && scale <= 1)) {
      throw UsageError.field("scale", scale, "a number in (0, 1]");
    }
    const horizon = size.horizonSeconds;
    if (horizon !== undefined) {
      const own = parseScenario(this.source).horizon_seconds;
      if (!(typeof horizon === "number" && horizon > 0 && horizon <= own)) {
        throw UsageError.field(
          "horizonSeconds",
          horizon,
          `a number of seconds > 0 and ≤ the scenario's horizon, ${own} s (a cut, not an ` +
            "extension: to run longer, change horizon_seconds in the scenario)",
        );
      }
    }
    return new StudyPlan({
      source: this.source,
      incident: this.incident,
      size: { ...this.size, ...size },
      defaultReplications: this.#defaultReplications,
    });
  }

  /** The scenario JSON that runs: scaled and cut as `at` says. */
  scenarioJson(): Record<string, unknown> {
    const { scale, horizonSeconds } = this.size;
    if ((scale ?? 1) === 1 && horizonSeconds === undefined) return this.source;
    return scaleScenario(this.source, { factor: scale ?? 1, horizonSeconds });
  }

  /** The designs the scenario declares, `"base"` first. */
  designNames(): string[] {
    return designNames(parseScenario(this.source));
  }

  /** The experiment `run` would run. */
  experiment(options: StudyRunOptions = {}): ExperimentSpec {
    checkOptionNames("run", options, RUN_OPTIONS);
    const json = this.scenarioJson();
    const all = designNames(parseScenario(json));
    const designs = options.designs === undefined || options.designs === "all"
      ? all
      : options.designs;
    if (!Array.isArray(designs)) {
      throw UsageError.field("designs", designs, `"all" or an array of some of ${all.join(", ")}`);
    }
    const unknown = designs.filter((d) => !all.includes(d));
    if (unknown.length > 0 || designs.length === 0) {
      throw UsageError.field("designs", designs.join(", "), `"all" or some of ${all.join(", ")}`);
    }
    return {
      name: `${String(json.name)}-study`,
      scenarios: [json],
      designs,
      baseline: options.baseline ?? designs[0],
      replications: options.replications ?? this.#defaultReplications,
    };
  }

  /**
   * Runs the scenario's designs through the experiment layer and returns the study. With the
   * cache on, replications finished by an earlier call (this kernel or a previous one) are
   * read back, bit for bit, and only the missing ones run.
   *
   * @throws UsageError naming the field for a bad option (before anything runs).
   */
  async run(options: StudyRunOptions = {}): Promise<Study> {
    const spec = this.experiment(options);
    const bin = options.chartBinSeconds;
    if (bin !== undefined) {
      const width = parseScenario(this.scenarioJson()).bin_width_seconds;
      const multiple = typeof bin === "number" && bin > 0 && bin < Infinity &&
        Math.abs(bin / width - Math.round(bin / width)) < 1e-9;
      if (!multiple) {
        throw UsageError.field("chartBinSeconds", bin, `a whole multiple of the bins (${width} s)`);
      }
    }
    if (options.lang !== undefined && options.lang !== "en" && options.lang !== "it") {
      throw UsageError.field("lang", options.lang, '"en" or "it"');
    }
    const cache = options.cache ?? cacheFromEnvironment();
    const out = cache === false
      ? undefined
      : await cacheFolder(spec, cache === true ? defaultCacheRoot() : cache);
    const started = performance.now();
    const result = await runExperiment({
      experiment: spec,
      workers: options.workers,
      out,
      quiet: options.progress !== true,
      budget: options.allowLargeRun ? null : undefined,
      onNote: () => {},
    });
    return new Study({
      tables: result.tables,
      scale: this.size.scale ?? 1,
      designs: spec.designs!,
      incident: this.incident,
      horizonSeconds: this.size.horizonSeconds,
      replications: spec.replications!,
      replicationsRun: result.replicationsRun,
      replicationsResumed: result.replicationsResumed,
      seconds: (performance.now() - started) / 1000,
      lang: options.lang,
      chartBinSeconds: options.chartBinSeconds,
    });
  }

  /**
   * The incident's calibration record (`data/calibration/<incident>.json`).
   *
   * @throws UsageError for a scenario that is not an incident.
   */
  calibration(): Calibration {
    if (this.incident === undefined) {
      throw new UsageError("calibration: this scenario is not an incident of data/");
    }
    return incidentCalibration(this.incident);
  }

  /**
   * One parameter's value in the incident's calibration record (reported, derived or assumed).
   *
   * @throws UsageError naming the parameter and listing those there are.
   */
  value(parameter: string): number {
    const parameters = this.calibration().parameters;
    const entry = parameters.find((p) => p.parameter === parameter);
    if (!entry) {
      throw UsageError.field("parameter", parameter, parameters.map((p) => p.parameter).join(", "));
    }
    return entry.value;
  }

  /**
   * One reported observable of the incident (value, unit, acceptance band).
   *
   * @throws UsageError naming the observable and listing those there are.
   */
  observable(name: string): CalibrationObservable {
    const observables = this.calibration().observables;
    const entry = observables.find((o) => o.observable === name);
    if (!entry) {
      throw UsageError.field("observable", name, observables.map((o) => o.observable).join(", "));
    }
    return entry;
  }
}

/** The cache default: `CLICKDAY_CACHE` (`off`, or a folder) when set, else on. */
function cacheFromEnvironment(): boolean | string {
  let value: string | undefined;
  try {
    value = Deno.env.get("CLICKDAY_CACHE");
  } catch {
    value = undefined; // no --allow-env: the default
  }
  if (value === undefined || value === "" || value === "on") return true;
  return value === "off" ? false : value;
}

/**
 * A documented click day of `data/` (`data/incidents/<name>.json` and its scenario), at its
 * calibration scale and replications unless `.at(…)`/`.run(…)` say otherwise.
 *
 * @throws UsageError naming the incidents there are when `name` is not one.
 */
export function incident(name: string): StudyPlan {
  const known = listIncidents();
  if (!known.includes(name)) throw UsageError.field("incident", name, known.join(", "));
  const plan = loadIncident(name).run_plan;
  return new StudyPlan({
    source: incidentScenarioJson(name) as Record<string, unknown>,
    incident: name,
    size: { scale: plan.scale },
    defaultReplications: plan.replications,
  });
}

/**
 * Any scenario: a path of a scenario JSON file (read from anywhere) or a scenario object (e.g.
 * from `clickDay`), at full scale unless `.at({ scale })`.
 *
 * @throws ScenarioError when the file cannot be read, is not JSON or is not a valid scenario
 * (naming the field), as `loadScenario` does; a trace profile's `csv` is read like there.
 */
export function scenario(fileOrObject: string | Record<string, unknown>): StudyPlan {
  const source = typeof fileOrObject === "string"
    ? readScenarioJson(fileOrObject) as Record<string, unknown>
    : fileOrObject;
  parseScenario(source);
  return new StudyPlan({ source });
}
