/**
 * Builds the design mechanisms a scenario's optional sections ask for (`admission`,
 * `waiting_room`, `autoscaler`, `staggered`, `budget`) as model hooks, and turns their state
 * at the end of a run into extra result-table content: budget outcomes per citizen (funded,
 * denied for lack of budget, failed for technical reasons), fairness across arrival deciles
 * and persistence classes, and the `budget_remaining_euro` series.
 *
 * @module
 */
import { RandomStreams } from "../engine/mod.ts";
import type { ResolvedScenario } from "../scenario/mod.ts";
import { OUTCOME_DENIED_BUDGET, OUTCOME_FUNDED } from "./allocation.ts";
import { Allocation } from "./allocation.ts";
import { BinnedLevel } from "./binned_level.ts";
import { Budget } from "./budget.ts";
import { grantAmountSampler } from "./budget_amount.ts";
import { CircuitBreakers } from "./circuit_breaker.ts";
import { CoDelQueuePolicy } from "./codel.ts";
import { ConcurrencyLimit, type ConcurrencyLimiter } from "./concurrency_limit.ts";
import { AimdLimit } from "./concurrency_limit_aimd.ts";
import { GradientLimit } from "./concurrency_limit_gradient.ts";
import {
  autoscalerHooks,
  combineHooks,
  concurrencyLimitGate,
  tokenBucketGate,
} from "./designs_hooks.ts";
import {
  type StaggeredConfig,
  toAutoscalerOptions,
  toBalkingProbability,
  toConcurrencyLimitOptions,
  toGrantAmount,
  toShedderThresholds,
} from "./designs_schema.ts";
import { groupFairness } from "./fairness.ts";
import type { CapacityControl, CitizenGate, ModelHooks } from "./hooks.ts";
import { PriorityShedder } from "./load_shedding.ts";
import { replicationSeed, STREAMS } from "./seeds.ts";
import { StaggeredWindows } from "./staggered.ts";
import { TokenBucket } from "./token_bucket.ts";
import { ROOM_DONE, WaitingRoom } from "./waiting_room.ts";
import type { AimdLimitOptions } from "./concurrency_limit_aimd.ts";
import type { GradientLimitOptions } from "./concurrency_limit_gradient.ts";

/** Budget outcome labels, indexed by the codes in {@link DesignTables.citizenOutcome}. */
export const BUDGET_OUTCOME_LABELS = ["funded", "denied_budget", "failed_technical"] as const;

/** What the design mechanisms add to a run's tables. */
export interface DesignTables {
  /** Extra summary metrics (names from `SUMMARY_METRICS`). */
  summaries: Record<string, number>;
  /** Extra series: per-bin values (levels, time-weighted). */
  series: { metric: string; values: Float64Array }[];
  /** Outcome labels replacing the model's (null: keep the model's outcomes). */
  outcomeLabels: readonly string[] | null;
  /** One outcome code per citizen (index into `outcomeLabels`), when `outcomeLabels` is set. */
  citizenOutcome: Uint8Array | null;
}

/** The mechanisms of one run: hooks for the model and the end-of-run tables. */
export interface DesignRun {
  /** Hooks to give the model (empty when the scenario has no mechanism section). */
  hooks: ModelHooks;
  /**
   * Closes what is still open (a lottery or ranking not drawn by the horizon) and returns
   * what the mechanisms add to the tables.
   *
   * @param now the run's end, seconds.
   * @param citizens citizens who arrived (ids 0 … citizens − 1 in arrival order).
   * @param citizenClass persistence class of each citizen.
   * @param classes number of persistence classes.
   */
  finish(now: number, citizens: number, citizenClass: Uint8Array, classes: number): DesignTables;
}

const INITIAL_CITIZENS = 4096;

/** Number of cohorts a staggered section defines (before shares). */
function cohortCount(config: StaggeredConfig): number {
  switch (config.cohort_by) {
    case "birth-month":
      return 12;
    case "region":
      return 20;
    default:
      return config.letter_groups!.length;
  }
}

/** Cumulative cohort shares: given, or equal per month/region, letters ÷ 26 per letter group. */
function cohortCumulative(config: StaggeredConfig): Float64Array {
  const cohorts = cohortCount(config);
  let shares: number[];
  if (config.cohort_shares) {
    if (config.cohort_shares.length !== cohorts) {
      throw new RangeError(
        `staggered.cohort_shares has ${config.cohort_shares.length} shares, but cohort_by ` +
          `${config.cohort_by} has ${cohorts} cohorts`,
      );
    }
    shares = config.cohort_shares;
  } else if (config.cohort_by === "fiscal-code-letter") {
    shares = config.letter_groups!.map((group) => group.length);
  } else {
    shares = new Array(cohorts).fill(1);
  }
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (!(total > 0)) throw new RangeError("staggered.cohort_shares must not all be 0");
  let running = 0;
  return Float64Array.from(shares, (share) => (running += share / total));
}

function staggeredWindows(config: StaggeredConfig): StaggeredWindows {
  if (config.windows) {
    return new StaggeredWindows(
      config.windows.map((window) => ({
        cohort: window.cohort,
        start: window.start_seconds,
        end: window.end_seconds,
      })),
    );
  }
  const consecutive = config.consecutive!;
  return StaggeredWindows.consecutive(
    cohortCount(config),
    consecutive.first_opening_seconds,
    consecutive.spacing_seconds,
    consecutive.duration_seconds,
  );
}

function limiterOf(config: NonNullable<ResolvedScenario["admission"]>["concurrency_limit"]) {
  const options = toConcurrencyLimitOptions(config!);
  switch (config!.kind) {
    case "static":
      return new ConcurrencyLimit(options as number);
    case "aimd":
      return new AimdLimit(options as AimdLimitOptions);
    default:
      return new GradientLimit(options as GradientLimitOptions);
  }
}

/**
 * The mechanisms of `scenario`'s sections for replication `replication` (their random draws
 * come from `design:*` streams of the replication's seed, apart from the model's).
 */
export function buildDesignRun(scenario: ResolvedScenario, replication: number): DesignRun {
  const streams = new RandomStreams(replicationSeed(scenario.seed, replication));
  const stream = (purpose: string) => streams.stream(`${STREAMS.design}:${purpose}`);
  const tiers = scenario.service.tiers;
  const edge = scenario.demand.journey[0].route[0];
  const tierIndex = (name: string | undefined) => tiers.findIndex((t) => t.name === (name ?? edge));
  const sets: ModelHooks[] = [];

  // ---- server-side admission and the clients' breakers ----
  const admission = scenario.admission;
  if (admission) {
    if (admission.token_bucket) {
      const config = admission.token_bucket;
      const bucket = new TokenBucket({
        ratePerSecond: config.rate_per_second,
        burst: config.burst,
      });
      sets.push({
        admission: { [config.tier ?? edge]: tokenBucketGate(bucket) },
        honourRetryAfter: config.honour_retry_after,
      });
    }
    if (admission.concurrency_limit) {
      const limiter: ConcurrencyLimiter = limiterOf(admission.concurrency_limit);
      sets.push({
        admission: { [admission.concurrency_limit.tier ?? edge]: concurrencyLimitGate(limiter) },
      });
    }
    if (admission.codel) {
      const policy = new CoDelQueuePolicy({
        targetSeconds: admission.codel.target_seconds,
        intervalSeconds: admission.codel.interval_seconds,
      });
      sets.push({ queuePolicy: { [admission.codel.tier ?? edge]: policy } });
    }
    if (admission.load_shedding) {
      const config = admission.load_shedding;
      const shedder = new PriorityShedder({ thresholds: toShedderThresholds(config) });
      const last = shedder.classes - 1;
      sets.push({
        shedding: {
          [config.tier ?? edge]: {
            signal: config.signal,
            shouldShed: (priority, load) => shedder.shouldShed(Math.min(priority, last), load),
          },
        },
      });
    }
    if (admission.circuit_breaker) {
      const config = admission.circuit_breaker;
      sets.push({
        clientBreaker: new CircuitBreakers(INITIAL_CITIZENS, {
          failureThreshold: config.failure_threshold,
          openSeconds: config.open_seconds,
          halfOpenProbes: config.half_open_probes,
        }),
      });
    }
  }

  // ---- autoscaler ----
  if (scenario.autoscaler) {
    const config = scenario.autoscaler;
    const index = tierIndex(config.tier);
    sets.push(
      autoscalerHooks(
        toAutoscalerOptions(config),
        index,
        config.scale_on === "demand",
        tiers[index].concurrency_per_server,
      ),
    );
  }

  // ---- staggered windows and the waiting room: the citizen gate ----
  const staggered = scenario.staggered ?? null;
  const roomConfig = scenario.waiting_room ?? null;
  let cohortOf = new Int32Array(staggered ? INITIAL_CITIZENS : 0);
  if (staggered || roomConfig) {
    let control: CapacityControl;
    let room: WaitingRoom | null = null;
    const windows = staggered ? staggeredWindows(staggered) : null;
    const cumulative = staggered ? cohortCumulative(staggered) : new Float64Array(0);
    const uniformCohort = stream("cohorts").random;
    const abandon = (citizen: number) => control.abandonCitizen(citizen);
    /** Joins the room (or is admitted without one); true when the citizen may start now. */
    const enterRoom = (citizen: number, now: number, held: boolean): boolean => {
      if (room === null) {
        if (held) control.admitCitizen(citizen);
        return true;
      }
      if (!room.join(citizen, now) && room.stateOf(citizen) === ROOM_DONE) {
        control.schedule(0, abandon, citizen); // balked for good
      }
      return false;
    };
    const windowOpens = (citizen: number) => enterRoom(citizen, control.now, true);
    const gate: CitizenGate = {
      arrive(now: number, citizen: number): boolean {
        if (windows === null) return enterRoom(citizen, now, false);
        if (citizen >= cohortOf.length) {
          const grown = new Int32Array(Math.max(citizen + 1, cohortOf.length * 2));
          grown.set(cohortOf);
          cohortOf = grown;
        }
        const u = uniformCohort();
        let cohort = 0;
        while (cohort < cumulative.length - 1 && u >= cumulative[cohort]) cohort++;
        cohortOf[citizen] = cohort;
        const opening = windows.nextOpening(cohort, now);
        if (opening === now) return enterRoom(citizen, now, false);
        // the cohort's windows are over: the citizen gives up; else waits for the window
        if (opening === Infinity) control.schedule(0, abandon, citizen);
        else control.schedule(opening - now, windowOpens, citizen);
        return false;
      },
    };
    const completeInRoom = (_now: number, citizen: number) => room?.complete(citizen);
    sets.push({
      citizenGate: gate,
      onSuccess: completeInRoom,
      onGiveUp: completeInRoom,
      onStart(started: CapacityControl): void {
        control = started;
        if (!roomConfig) return;
        const meanReturn = roomConfig.mean_return_seconds;
        const returnStream = stream("waiting-room-return");
        room = new WaitingRoom(started.environment, {
          citizens: INITIAL_CITIZENS,
          admissionRatePerSecond: roomConfig.admission_rate_per_second,
          openingTime: roomConfig.opening_seconds,
          ordering: roomConfig.ordering,
          tokenValiditySeconds: roomConfig.token_validity_seconds ?? Infinity,
          balkingProbability: toBalkingProbability(roomConfig),
          returnDelay: meanReturn === null ? undefined : returnStream.exponential(1 / meanReturn),
          random: stream("waiting-room"),
          onAdmit: (citizen) => started.admitCitizen(citizen),
          onExpire: (citizen) => started.expireCitizen(citizen),
          onLengthChange: (length) => started.reportWaitingRoomLength(length),
        });
        started.reportWaitingRoomLength(0);
      },
    });
  }

  // ---- budget and allocation ----
  const budgetConfig = scenario.budget ?? null;
  let allocation: Allocation | null = null;
  let budget: Budget | null = null;
  const remainingLevel = new BinnedLevel(scenario.bin_width_seconds, scenario.horizon_seconds);
  if (budgetConfig) {
    const rule = budgetConfig.allocation?.rule ?? "fcfs";
    const grant = toGrantAmount(budgetConfig.grant);
    const grantEuro = grantAmountSampler(grant, stream("grant"));
    const score = stream("ranking").random;
    sets.push({
      onStart(control: CapacityControl): void {
        const now = control.now;
        budget = new Budget(control.environment, {
          totalEuro: budgetConfig.total_euro,
          minimumGrantEuro: grant.kind === "fixed" ? grant.euro : undefined,
        });
        allocation = new Allocation({
          rule,
          citizens: INITIAL_CITIZENS,
          budget,
          random: stream("lottery"),
          cohortOf: (citizen) => citizen < cohortOf.length ? cohortOf[citizen] : 0,
          shares: budgetConfig.allocation?.shares,
        });
        remainingLevel.set(now, budget.remaining);
        const close = budgetConfig.allocation?.registration_close_seconds;
        if ((rule === "lottery" || rule === "ranking") && close !== undefined) {
          control.schedule(Math.max(0, close - now), () => {
            allocation!.close(control.now);
            remainingLevel.set(control.now, budget!.remaining);
          });
        }
        if (rule === "staggered-shares" && staggered && budgetConfig.allocation!.rollover) {
          const windows = staggeredWindows(staggered);
          for (let cohort = 0; cohort < windows.cohorts; cohort++) {
            const closing = windows.lastClosing(cohort);
            if (Number.isFinite(closing)) {
              control.schedule(Math.max(0, closing - now), (c) => {
                allocation!.closeCohort(c, control.now);
              }, cohort);
            }
          }
        }
      },
      onSuccess(now: number, citizen: number): void {
        allocation!.submit(citizen, now, grantEuro(), score());
        remainingLevel.set(now, budget!.remaining);
      },
    });
  }

  const hooks = sets.length === 0 ? {} : combineHooks(...sets);
  return {
    hooks,
    finish(now, citizens, citizenClass, classes): DesignTables {
      const tables: DesignTables = {
        summaries: {},
        series: [],
        outcomeLabels: null,
        citizenOutcome: null,
      };
      if (allocation === null || budget === null) return tables;
      const chosen: Allocation = allocation;
      const spent: Budget = budget;
      if (!chosen.closed && (chosen.rule === "lottery" || chosen.rule === "ranking")) {
        chosen.close(now); // the registration window outlasts the run: draw at the horizon
        remainingLevel.set(now, spent.remaining);
      }
      const outcome = new Uint8Array(citizens);
      const funded = new Uint8Array(citizens);
      const decile = new Int32Array(citizens);
      const counts = [0, 0, 0];
      for (let citizen = 0; citizen < citizens; citizen++) {
        const code = chosen.outcome(citizen);
        outcome[citizen] = code === OUTCOME_FUNDED ? 0 : code === OUTCOME_DENIED_BUDGET ? 1 : 2;
        funded[citizen] = code === OUTCOME_FUNDED ? 1 : 0;
        decile[citizen] = Math.min(9, Math.floor((10 * citizen) / citizens));
        counts[outcome[citizen]]++;
      }
      const fairness = (groupOf: ArrayLike<number>, groups: number) => {
        if (citizens === 0 || counts[0] === 0) return { jain: NaN, gini: NaN };
        const { jain, gini } = groupFairness(groupOf, funded, groups);
        return { jain, gini };
      };
      const byDecile = fairness(decile, 10);
      const byPersistence = fairness(citizenClass.subarray(0, citizens), classes);
      tables.summaries = {
        funded: counts[0],
        denied_budget: counts[1],
        failed_technical: counts[2],
        funded_share: citizens > 0 ? counts[0] / citizens : NaN,
        technical_failure_share: citizens > 0 ? counts[2] / citizens : NaN,
        budget_exhausted_at_s: spent.exhaustedAt,
        fairness_jain: byDecile.jain,
        fairness_gini: byDecile.gini,
        fairness_jain_persistence: byPersistence.jain,
        fairness_gini_persistence: byPersistence.gini,
      };
      tables.series.push({ metric: "budget_remaining_euro", values: remainingLevel.means(now) });
      tables.outcomeLabels = BUDGET_OUTCOME_LABELS;
      tables.citizenOutcome = outcome;
      return tables;
    },
  };
}
