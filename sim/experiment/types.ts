/**
 * Types of the experiment layer: what an experiment declares, what one replication job is,
 * and the rows it produces (the shared result rows plus the grid point they belong to).
 *
 * @module
 */
import type {
  DifferenceRow,
  EstimateRow,
  OutcomeRow,
  SeriesRow,
  SummaryRow,
} from "../table/types.ts";

/**
 * A parameter grid: field path in the scenario JSON (e.g. `"tiers[0].servers"`,
 * `"demand.peakRate"`) → the values to try. Every combination is one grid point.
 */
export type ParameterGrid = Record<string, unknown[]>;

/** Stop rule for sequential replications: add replications until the CI is narrow enough. */
export interface SequentialRule {
  /** Summary metric whose confidence interval is watched, e.g. `"funded"`. */
  metric: string;
  /**
   * Target half-width of the confidence interval, in the metric's unit (or a fraction of the
   * mean's absolute value when `relative` is true).
   */
  halfWidth: number;
  /** When true, `halfWidth` is relative to |mean| (e.g. 0.05 = ±5 %). Default false. */
  relative?: boolean;
  /**
   * `"estimate"` watches each design's own interval; `"difference"` watches each design's
   * paired difference from the baseline. Default `"estimate"`.
   */
  of?: "estimate" | "difference";
  /** Replications run before the first check (≥ 2). Default 10. */
  initial?: number;
  /** Replications added per round while the target is not met (≥ 1). Default 10. */
  batch?: number;
  /** Maximum replications per design and grid point (≥ initial). */
  max: number;
}

/**
 * An experiment: scenarios × designs × parameter grid × replications. Declared in code (with
 * scenario objects) or in a JSON file (with scenario paths, relative to the file).
 */
export interface ExperimentSpec {
  /** Experiment name, used in progress output and the manifest. */
  name: string;
  /** What the experiment compares, and where its numbers (grid values, replications) come from. */
  description?: string;
  /**
   * Scenarios: paths to scenario JSON files (relative to the experiment file, or to the
   * current directory when declared in code) or scenario JSON objects (each with a `name`).
   */
  scenarios: (string | Record<string, unknown>)[];
  /**
   * Design names to run for every scenario. Default: the keys of each scenario's `designs`
   * record, in order.
   */
  designs?: string[];
  /** Design the paired differences are taken against. Default: the first design. */
  baseline?: string;
  /** Parameter grid applied as overrides on each scenario. Default: none (one grid point). */
  grid?: ParameterGrid;
  /** Fixed number of replications per (scenario, design, grid point). Default 10. */
  replications?: number;
  /** Sequential replications (replaces `replications` when given). */
  sequential?: SequentialRule;
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  confidence?: number;
  /**
   * The model to run, by registered name (`registerModel`); default `"scenario-model"`, the
   * click-day model. Never a URL or a path: an experiment file carries no code.
   */
  model?: string;
  /**
   * Stop every replication at this simulated time, seconds (default: each scenario's
   * horizon); `--until` on the command line.
   */
  until?: number;
}

/** Scenario JSON with the fields the experiment layer reads (the rest is the runner's). */
export interface ScenarioJson extends Record<string, unknown> {
  /** Scenario name. */
  name: string;
  /** Base seed of the scenario's random streams (replication r derives its own). */
  seed?: number;
  /** Designs: name → overrides. */
  designs?: Record<string, unknown>;
}

/** The tables one replication produces (what a runner's `runReplication` returns). */
export interface ReplicationOutput {
  /** Per-run scalars. */
  summaries: SummaryRow[];
  /** Per-bin series. */
  series: SeriesRow[];
  /** Per-group citizen outcomes. */
  outcomes: OutcomeRow[];
}

/** Options passed to a model's `runReplication`. */
export interface ReplicationRunOptions {
  /** Stop at this simulated time, seconds (before the scenario's horizon). */
  until?: number;
}

/** A model's estimate of what one replication costs (see `sim/model/cost_estimate.ts`). */
export interface RunCostEstimate {
  /** Expected number of simulation events (an upper estimate). */
  expectedEvents: number;
  /** Expected peak memory of the replication, bytes (an upper estimate). */
  expectedMemoryBytes: number;
}

/**
 * What a model module (registered with `registerModel`) must export. `parseScenario`, when
 * present, validates scenario JSON (after grid overrides) and returns what `runReplication`
 * takes.
 */
export interface ReplicationRunnerModule {
  /** Runs one replication: a pure function of its inputs (CRN: same replication ⇒ same streams). */
  runReplication(
    scenario: unknown,
    design: string,
    replication: number,
    options?: ReplicationRunOptions,
  ): ReplicationOutput;
  /** Optional validation/parsing of scenario JSON into the runner's scenario object. */
  parseScenario?(json: unknown): unknown;
  /**
   * Optional loader of a scenario file (e.g. one that inlines trace CSVs); its result must
   * be plain JSON data. Default: read the file and `JSON.parse` it.
   */
  loadScenario?(path: string): unknown;
  /** Optional list of a scenario's design names (default: the keys of `designs`). */
  designNames?(scenario: unknown): string[];
  /**
   * Optional: the scenario a design runs (the design merged on the base), as plain data whose
   * field paths are those a grid names; lets the plan refuse a grid over a field a design sets
   * itself (the grid would silently not apply to that design).
   */
  resolveDesign?(scenario: unknown, design: string): unknown;
  /**
   * Optional: whether the model can write a summary metric of this name (per-tier names
   * included); lets the plan refuse a misspelt `sequential.metric` before anything runs.
   */
  isSummaryMetric?(metric: string): boolean;
  /**
   * Optional cost estimate of one replication of a design (validates the design too); a run
   * beyond the budget is refused before it starts unless explicitly allowed.
   */
  estimateCost?(
    scenario: unknown,
    design: string,
    options?: ReplicationRunOptions,
  ): RunCostEstimate;
}

/** One replication to run: plain JSON, safe to post to a worker. */
export interface ReplicationJob extends JobKey {
  /** Scenario JSON with the grid point's overrides applied. */
  scenario: ScenarioJson;
  /** Design name. */
  design: string;
  /** Replication index, 0-based. */
  replication: number;
  /** The grid point's label (see `gridPointLabel`). */
  gridPoint: string;
  /** Stop at this simulated time, seconds (the experiment's `until`), if given. */
  until?: number;
}

/** A summary row tagged with its grid point. */
export interface ExperimentSummaryRow extends SummaryRow {
  /** Grid point label: JSON object of field path → value, `"{}"` when there is no grid. */
  grid_point: string;
}
/** A series row tagged with its grid point. */
export interface ExperimentSeriesRow extends SeriesRow {
  /** Grid point label (see `ExperimentSummaryRow.grid_point`). */
  grid_point: string;
}
/** An outcome row tagged with its grid point. */
export interface ExperimentOutcomeRow extends OutcomeRow {
  /** Grid point label (see `ExperimentSummaryRow.grid_point`). */
  grid_point: string;
}
/** An estimate row tagged with its grid point. */
export interface ExperimentEstimateRow extends EstimateRow {
  /** Grid point label (see `ExperimentSummaryRow.grid_point`). */
  grid_point: string;
}
/** A paired-difference row tagged with its grid point. */
export interface ExperimentDifferenceRow extends DifferenceRow {
  /** Grid point label (see `ExperimentSummaryRow.grid_point`). */
  grid_point: string;
}

/**
 * The tables an experiment produces: `ResultTables` with a `grid_point` column on every row.
 * Rows are in canonical order (scenario, design, grid point, replication, then runner order).
 */
export interface ExperimentTables {
  /** Per-run scalars. */
  summaries: ExperimentSummaryRow[];
  /** Per-bin series. */
  series: ExperimentSeriesRow[];
  /** Per-group citizen outcomes. */
  outcomes: ExperimentOutcomeRow[];
  /** Replication aggregates with confidence intervals. */
  estimates: ExperimentEstimateRow[];
  /** Paired differences from the baseline design. */
  differences: ExperimentDifferenceRow[];
}

/** The tables of one finished job, tagged with the job's position. */
export interface JobResult {
  /** Scenario, design, grid point and replication of the job. */
  key: JobKey;
  /** The replication's rows (already tagged with the grid point). */
  tables: RunTables;
}

/** Identifies a job; canonical order sorts by these fields in this order. */
export interface JobKey {
  /** Scenario index. */
  scenarioIndex: number;
  /** Design index. */
  designIndex: number;
  /** Grid point index. */
  gridIndex: number;
  /** Replication index. */
  replication: number;
}

/** One replication's rows, tagged with the grid point. */
export interface RunTables {
  /** Per-run scalars. */
  summaries: ExperimentSummaryRow[];
  /** Per-bin series. */
  series: ExperimentSeriesRow[];
  /** Per-group citizen outcomes. */
  outcomes: ExperimentOutcomeRow[];
}
