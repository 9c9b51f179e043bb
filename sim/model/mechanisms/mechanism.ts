/**
 * The plug-in contract of a design mechanism (admission control, waiting room, autoscaler,
 * staggered windows, budget and allocation, client-side limits): one module exports a
 * {@link Mechanism} — where its section sits in a scenario, its zod schema (every number with
 * its scaling role) and a `build(config, context)` that returns the hooks it plugs into the
 * model and, optionally, what it adds to the run's tables. `registry.ts` lists them.
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";
import type { RandomStream } from "../../engine/mod.ts";
import type { BinnedLevel } from "../../engine/mod.ts";
import type { AttemptLimiter, CitizenGate, ModelHooks } from "../hooks.ts";

/**
 * Where a mechanism's section sits: `section` = a top-level key of the scenario
 * (`waiting_room`), `admission` = a key of the `admission` section (`token_bucket`), `client`
 * = a key of `demand.client` and of each persistence class's client (`adaptive_throttle`).
 */
export type MechanismPlace = "section" | "admission" | "client";

/** What a mechanism's `build` can use. */
export interface BuildContext {
  /** The resolved scenario being run (plain numbers, one design applied). */
  readonly scenario: ResolvedScenarioLike;
  /** The replication index. */
  readonly replication: number;
  /** The random stream `design:<purpose>` of this replication (apart from the model's). */
  stream(purpose: string): RandomStream;
  /** Index of the tier named `name` (absent: the edge, the first tier of the first route). */
  tierIndex(name?: string): number;
  /** A time-weighted level binned like the run's series (for a mechanism's own series). */
  level(initial?: number): BinnedLevel;
  /**
   * Registers the mechanism's citizen gate as the next stage in front of the service and
   * returns the function the gate calls when it lets a held citizen through later.
   */
  citizenStage(gate: CitizenGate): (citizen: number) => void;
  /** The persistence class being built (client mechanisms only; −1 otherwise). */
  readonly clientClass: number;
  /** Values shared between mechanisms (e.g. each citizen's cohort, set by `staggered`). */
  readonly shared: SharedState;
}

/** State one mechanism publishes for another (set in registry order). */
export interface SharedState {
  /** Cohort of each citizen (staggered windows), when a mechanism assigns cohorts. */
  cohortOf?: (citizen: number) => number;
  /** Closing time of each cohort's last window, seconds (Infinity: never closes). */
  cohortClosings?: readonly number[];
}

/** The scenario fields every mechanism may read (the full type lives in the schema). */
export interface ResolvedScenarioLike {
  /** Scenario name. */
  readonly name: string;
  /** Horizon, seconds. */
  readonly horizon_seconds: number;
  /** Warm-up, seconds. */
  readonly warmup_seconds: number;
  /** Series bin width, seconds. */
  readonly bin_width_seconds: number;
  /** The service. */
  readonly service: { readonly tiers: readonly { readonly name: string }[] };
}

/** The end of a run, as mechanisms see it when they add to the tables. */
export interface RunEnd {
  /** End time, seconds. */
  now: number;
  /** Citizens who arrived (ids 0 … citizens − 1 in arrival order). */
  citizens: number;
  /** Persistence class of each citizen. */
  citizenClass: Uint8Array;
  /** Number of persistence classes. */
  classes: number;
  /** The model's outcome of each citizen (`CITIZEN_OUTCOMES` codes). */
  citizenOutcome: Uint8Array;
}

/** What a mechanism adds to a run's tables. */
export interface MechanismTables {
  /** Extra summary metrics (names in the metric catalogue). */
  summaries?: Record<string, number>;
  /** Extra series, per-bin values. */
  series?: { metric: string; values: Float64Array }[];
  /** Outcome labels and one code per citizen, replacing the model's outcomes. */
  outcomes?: { labels: readonly string[]; perCitizen: Uint8Array };
}

/** What `build` returns. */
export interface MechanismParts {
  /** Hooks for the model (admission gates, queue policies, shedders, start/success hooks). */
  hooks?: ModelHooks;
  /** A client-side limit on attempts (client mechanisms and the circuit breaker). */
  limiter?: AttemptLimiter;
  /** Called at the end of the run for the mechanism's table content. */
  finish?(end: RunEnd): MechanismTables;
}

/** A design mechanism module. */
export interface Mechanism<
  S extends z.ZodType = z.ZodType,
  K extends string = string,
  P extends MechanismPlace = MechanismPlace,
> {
  /** Its key in its place (`token_bucket`, `waiting_room`…). */
  readonly key: K;
  /** Where its section sits. */
  readonly place: P;
  /** One line for the schema's description. */
  readonly description: string;
  /** Its options. */
  readonly schema: S;
  /** Builds it for one run. */
  build(config: z.output<S>, context: BuildContext): MechanismParts;
}

/** Declares a mechanism (typed helper for modules: keeps its key and place as literal types). */
export function defineMechanism<
  S extends z.ZodType,
  const K extends string,
  const P extends MechanismPlace,
>(mechanism: Mechanism<S, K, P>): Mechanism<S, K, P> {
  return mechanism;
}
