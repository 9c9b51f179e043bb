/**
 * Bounds of an experiment and of a run, checked before anything runs (README, "Bounds").
 * Beyond them nothing meaningful is asked for, and a run would exhaust memory or time: each
 * is a physical or practical limit, not a tuning knob.
 *
 * @module
 */
import { jsonDepthWithin } from "../scenario/bounded_read.ts";

/** Replications per (scenario, design, grid point): 10 000 gives intervals ~1 % of σ wide. */
export const MAX_REPLICATIONS = 10_000;
/** Scenarios in one experiment. */
export const MAX_SCENARIOS = 1_000;
/** Designs per scenario. */
export const MAX_DESIGNS = 1_000;
/** Points of a parameter grid (the product of its value lists). */
export const MAX_GRID_POINTS = 10_000;
/** Scenario × grid point cells (each holds its own copy of the scenario). */
export const MAX_CELLS = 10_000;
/** Replications of a whole run (every scenario, design, grid point and replication). */
export const MAX_JOBS = 1_000_000;
/** Largest experiment file read, bytes. */
export const MAX_EXPERIMENT_FILE_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of an experiment's JSON (objects and arrays). */
export const MAX_JSON_NESTING = 64;
/** Longest experiment name, characters. */
export const MAX_NAME_LENGTH = 200;
/** Largest `--until` / `until`, simulated seconds (about 31 years). */
export const MAX_UNTIL_SECONDS = 1e9;
/** Largest `--timeout`, seconds of wall clock (one week). */
export const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

/**
 * The run budget: a run whose cost estimate (`estimateCost` of the model, e.g.
 * `sim/model/cost_estimate.ts`) exceeds it is refused unless the user passes
 * `--allow-large-run`. The model's estimate is an upper one (every client at its largest
 * number of attempts, coming back at its longest chain): the Cashback launch at full scale,
 * which runs 7.6·10⁸ events in about 4 minutes, is estimated at 6.2·10¹¹ (its hammering class
 * alone may make 15,000 attempts per operation). So the budget is set in those units: 10¹²
 * estimated events and 2 GiB per replication, 10¹⁴ estimated events and 3 GiB of result rows for
 * the whole run. What it stops is the absurd (a rate of 10³⁰⁸, 10⁹ immediate retries against a
 * dead service), not a long but meaningful study.
 */
export const RUN_BUDGET: RunBudget = {
  eventsPerReplication: 1e12,
  memoryBytesPerReplication: 2 * 1024 ** 3,
  eventsPerRun: 1e14,
  resultBytesPerRun: 3 * 1024 ** 3,
};

/** A budget a run's cost estimate must fit. */
export interface RunBudget {
  /** Events of one replication. */
  eventsPerReplication: number;
  /** Memory of one replication, bytes (a worker holds one replication at a time). */
  memoryBytesPerReplication: number;
  /** Events of the whole run (every replication). */
  eventsPerRun: number;
  /** Result rows of the whole run, bytes (held until the tables are written). */
  resultBytesPerRun: number;
}

/** The number of cores `--workers` may use at most. */
export function coreCount(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}

/**
 * Depth of nesting of a JSON value (a number is 0, `[1]` is 1), without recursion, stopping
 * as soon as it exceeds `limit` (so a hostile file cannot exhaust the stack).
 */
export function jsonDepth(value: unknown, limit = MAX_JSON_NESTING): number {
  return jsonDepthWithin(value, limit);
}
