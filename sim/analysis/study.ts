/**
 * A finished study: the experiment's tables with the scale they were run at, read in real
 * units (full scale, converted metric by metric as the catalogue's kind says:
 * `fullScaleTables`), and the standard charts of them.
 *
 * @module
 */
import {
  budgetChart,
  type Chart,
  designComparisonChart,
  differenceChart,
  loadChart,
  outcomeChart,
  queueChart,
} from "../charts/mod.ts";
import { estimateObservables, type ObservableEstimate } from "../calibration/mod.ts";
import { type ExperimentTables, UsageError } from "../experiment/mod.ts";
import { describeMetrics, fullScaleTables } from "../table/mod.ts";
import type {
  DifferenceRow,
  EstimateRow,
  OutcomeRow,
  SeriesRow,
  SummaryRow,
} from "../table/mod.ts";
import { coarsen } from "./series_tools.ts";

/** Language of the charts a study draws. */
export type StudyLang = "en" | "it";

/** What a study knows about how it was run. */
export interface StudyOptions {
  /** The experiment's tables, as run (at `scale`). */
  tables: ExperimentTables;
  /** Scale factor k in (0, 1] every scenario was run at. */
  scale: number;
  /** Designs run, in order (the first is the baseline of the differences). */
  designs: string[];
  /** Incident (file stem) when the study is of an incident. */
  incident?: string;
  /** Horizon cut of the run, seconds (undefined: the scenario's own). */
  horizonSeconds?: number;
  /** Replications per design. */
  replications: number;
  /** Replications run now (the rest were read back from the run cache). */
  replicationsRun: number;
  /** Replications read back from the run cache. */
  replicationsResumed: number;
  /** Wall-clock seconds the run took. */
  seconds: number;
  /** Language of the charts (default English). */
  lang?: StudyLang;
  /** Bin width of the charts, seconds (default: the scenario's bins). */
  chartBinSeconds?: number;
}

/** Whether a table is read at full scale (default) or as run. */
export interface ScaleOption {
  /** Real units (default true): rates, counts, levels and money divided by the scale. */
  fullScale?: boolean;
}

/** Options of {@link Study.series}. */
export interface SeriesOptions extends ScaleOption {
  /** Merge bins into bins this wide (seconds), time-weighted: lighter charts. */
  binSeconds?: number;
}

/** Standard charts of a study (full scale, in the study's language). */
export interface StudyCharts {
  /** Offered load, goodput and capacity over time for one design (default `"base"`). */
  load(design?: string): Chart;
  /** Queue lengths and servers over time for one design, at full scale like the report's. */
  queue(design?: string): Chart;
  /** Budget remaining over time for one design, the moment it ran out marked. */
  budget(design?: string): Chart;
  /** One metric's estimate per design, with its confidence interval. */
  designs(metric: string): Chart;
  /** One metric's paired difference from the baseline design, per design. */
  differences(metric: string): Chart;
  /** Who got what, per group (default by arrival decile), for one design. */
  outcomes(design?: string, groupBy?: string): Chart;
}

/** The results of `incident(…).run(…)` or `scenario(…).run(…)`. */
export class Study {
  /** The tables as run (at {@link Study.scale}). */
  readonly tables: ExperimentTables;
  /** Scale factor k in (0, 1] the scenarios were run at. */
  readonly scale: number;
  /** Designs run, the baseline first. */
  readonly designs: string[];
  /** Incident (file stem), for a study of an incident. */
  readonly incident?: string;
  /** Replications per design. */
  readonly replications: number;
  /** Replications run now. */
  readonly replicationsRun: number;
  /** Replications read back from the run cache. */
  readonly replicationsResumed: number;
  /** Wall-clock seconds the run took. */
  readonly seconds: number;
  /** Language of the charts. */
  readonly lang: StudyLang;
  /** Standard charts of the study. */
  readonly chart: StudyCharts;
  readonly #horizonSeconds?: number;
  readonly #chartBinSeconds?: number;
  #full?: ExperimentTables;

  /** Wraps a run's tables (the facade builds studies: `incident(…).run(…)`). */
  constructor(options: StudyOptions) {
    this.tables = options.tables;
    this.scale = options.scale;
    this.designs = options.designs;
    this.incident = options.incident;
    this.replications = options.replications;
    this.replicationsRun = options.replicationsRun;
    this.replicationsResumed = options.replicationsResumed;
    this.seconds = options.seconds;
    this.lang = options.lang ?? "en";
    this.#horizonSeconds = options.horizonSeconds;
    this.#chartBinSeconds = options.chartBinSeconds;
    this.chart = this.#charts();
  }

  /** The tables in real units (computed once). */
  #tables(fullScale: boolean | undefined): ExperimentTables {
    if (fullScale === false) return this.tables;
    this.#full ??= fullScaleTables(this.tables, () => this.scale);
    return this.#full;
  }

  /** Replication aggregates: mean and confidence interval per design and metric. */
  estimates(options: ScaleOption = {}): EstimateRow[] {
    return this.#tables(options.fullScale).estimates;
  }

  /** Paired differences from the baseline design (common random numbers). */
  differences(options: ScaleOption = {}): DifferenceRow[] {
    return this.#tables(options.fullScale).differences;
  }

  /** Per-replication scalars. */
  summaries(options: ScaleOption = {}): SummaryRow[] {
    return this.#tables(options.fullScale).summaries;
  }

  /**
   * Per-bin series, optionally merged into wider bins (a whole multiple of the run's bins).
   *
   * @throws UsageError naming `binSeconds` when it is not a whole multiple of the bins.
   */
  series(options: SeriesOptions = {}): SeriesRow[] {
    const rows = this.#tables(options.fullScale).series;
    if (options.binSeconds === undefined) return rows;
    try {
      return coarsen(rows, options.binSeconds);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new UsageError(error.message.replace(/^bin width/, "binSeconds"));
    }
  }

  /** Citizen outcome counts per group (full scale: counts divided by the scale). */
  outcomes(options: ScaleOption = {}): OutcomeRow[] {
    return this.#tables(options.fullScale).outcomes;
  }

  /**
   * The mean of a summary metric for one design (full scale unless told otherwise); NaN when
   * the design has no value of it (e.g. `budget_exhausted_at_s` of a budget never exhausted).
   *
   * @throws Error naming what the study holds when the design or the metric is not in it.
   */
  estimate(design: string, metric: string, options: ScaleOption = {}): number {
    const rows = this.estimates(options);
    if (!this.designs.includes(design) || !rows.some((r) => r.metric === metric)) {
      const metrics = describeMetrics([...new Set(rows.map((r) => r.metric))]);
      throw new Error(
        `no estimate of "${metric}" for design "${design}" (designs: ${
          this.designs.join(", ")
        }); metrics:\n${metrics}`,
      );
    }
    return rows.find((r) => r.design === design && r.metric === metric)?.mean ?? NaN;
  }

  /**
   * The incident's reported observables measured on the as-built design at the study's scale
   * and horizon, with their acceptance bands (`estimateObservables` of `sim/calibration`: it
   * runs `replications` replications — default the study's — with the incident's probe).
   *
   * @throws Error for a study that is not of an incident.
   */
  observables(options: { replications?: number } = {}): ObservableEstimate[] {
    if (this.incident === undefined) {
      throw new Error("observables() needs a study of an incident: incident(name).run(…)");
    }
    return estimateObservables(this.incident, {
      scale: this.scale,
      horizonSeconds: this.#horizonSeconds,
      replications: options.replications ?? this.replications,
    });
  }

  /** Mean summaries of one design as summary rows (what the budget chart marks), full scale. */
  #meanSummaries(design: string): SummaryRow[] {
    return this.estimates().filter((row) => row.design === design).map((row) => ({
      scenario: row.scenario,
      design: row.design,
      replication: 0,
      metric: row.metric,
      value: row.mean,
    }));
  }

  #charts(): StudyCharts {
    const lang = this.lang;
    const binSeconds = this.#chartBinSeconds;
    return {
      load: (design = "base") => loadChart(this.series({ binSeconds }), { design, lang }),
      queue: (design = "base") => queueChart(this.series({ binSeconds }), { design, lang }),
      budget: (design = "base") =>
        budgetChart(this.series({ binSeconds }), {
          design,
          lang,
          summaries: this.#meanSummaries(design),
        }),
      designs: (metric) => designComparisonChart(this.estimates(), { metric, lang }),
      differences: (metric) => differenceChart(this.differences(), { metric, lang }),
      outcomes: (design = "base", groupBy = "arrival_decile") =>
        outcomeChart(this.outcomes(), { design, groupBy, lang }),
    };
  }
}
