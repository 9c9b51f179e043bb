/**
 * Turns a resolved scenario into the model's runtime parts: tiers with their disciplines,
 * samplers and plugged-in gates; routers of each operation; each persistence class's client;
 * the arrival source; and the timed capacity changes (schedules, maintenance windows).
 *
 * @module
 */
import type { RandomStreams } from "../engine/mod.ts";
import { type ClientClass, resolveClientClass } from "./client/client_class.ts";
import { distributionMean, distributionSampler } from "./distributions.ts";
import type { AttemptLimiter, ModelHooks } from "./hooks.ts";
import type { ResolvedScenario } from "./scenario_schema.ts";
import { clientOfClass } from "./scenario_files.ts";
import { STREAMS } from "./seeds.ts";
import {
  type ArrivalSource,
  batchSizeSampler,
  buildArrivalSource,
} from "./sources/arrival_source.ts";
import { buildDiscipline } from "./tier/disciplines.ts";
import { FixedRoute, ProbabilisticRouting, type Router } from "./tier/routing.ts";
import { Tier } from "./tier/tier.ts";
import { journeyVisits } from "./tier/visits.ts";

/** A change of a tier's capacity at a time (schedule step or maintenance edge). */
export interface CapacityEvent {
  /** When, seconds. */
  time: number;
  /** Tier index. */
  tier: number;
  /** `servers`: set the tier's servers to `value`; `maintenance`: add `value` (±1). */
  kind: "servers" | "maintenance";
  /** Servers, or ±1. */
  value: number;
  /** A maintenance window that fails the tier's work (`drop_queued`). */
  dropQueued: boolean;
}

/** Options of {@link assembleModel}. */
export interface AssembleOptions {
  /** The scenario. */
  scenario: ResolvedScenario;
  /** The run's random streams. */
  streams: RandomStreams;
  /** The mechanisms' hooks (gates, queue policies, shedders by tier name). */
  hooks: ModelHooks;
  /** Client-side limiters of each persistence class. */
  limitersOfClass: AttemptLimiter[][];
}

/** The runtime parts of a model. */
export interface ModelParts {
  /** The tiers. */
  tiers: Tier[];
  /** Router of each operation. */
  routers: Router[];
  /** Expected visits to each tier per attempt in the journey's mix (`tier/visits.ts`). */
  visitsPerAttempt: Float64Array;
  /** Client of each persistence class. */
  classes: ClientClass[];
  /** Cumulative class shares (a citizen's class is drawn against them). */
  classCumulative: Float64Array;
  /** The arrival source. */
  source: ArrivalSource;
  /** Citizens per arrival instant. */
  batchSize: () => number;
  /** Priority level index of each operation. */
  priorityLevels: Int32Array;
  /** Priority class of each operation. */
  priorityClasses: Int32Array;
  /** Mean exponential think time per operation, seconds. */
  thinkMeans: Float64Array;
  /** Think-time sampler per operation (null: use the mean). */
  thinkSamplers: ((() => number) | null)[];
  /** Timed capacity changes. */
  capacityEvents: CapacityEvent[];
}

/** Builds the runtime parts of `options.scenario`. */
export function assembleModel(options: AssembleOptions): ModelParts {
  const { scenario, streams, hooks } = options;
  const demand = scenario.demand;
  const journey = demand.journey;
  const tierIndex = new Map(scenario.service.tiers.map((tier, index) => [tier.name, index]));
  const indexOf = (name: string) => tierIndex.get(name)!;
  const levels = [...new Set(journey.map((op) => op.priority))].sort((a, b) => a - b);
  const tiers = scenario.service.tiers.map((tier, index) => {
    const stream = streams.stream(`${STREAMS.service}:${tier.name}`);
    const shared = distributionSampler(tier.service_time, stream);
    const samplers = journey.map((operation) => {
      const own = tier.service_time_by_operation?.[operation.name];
      return own
        ? distributionSampler(
          own,
          streams.stream(`${STREAMS.service}:${tier.name}:${operation.name}`),
        )
        : shared;
    });
    return new Tier({
      index,
      name: tier.name,
      servers: tier.servers === "infinite" ? Infinity : tier.servers,
      concurrency: tier.concurrency_per_server,
      serverWeight: 1 / (tier.service_time_stretch ?? 1),
      queueCapacity: tier.queue.capacity ?? Infinity,
      discipline: buildDiscipline(tier.queue.discipline, {
        levels: levels.length,
        threshold: tier.queue.adaptive_lifo_threshold,
        deadline: tier.queue.deadline_seconds ?? Infinity,
      }),
      samplers,
      meanService: distributionMean(tier.service_time),
      sigma: tier.usl?.sigma ?? 0,
      kappa: tier.usl?.kappa ?? 0,
      dropAbandoned: tier.drop_abandoned,
      crashThreshold: tier.crash?.in_system_threshold ?? Infinity,
      restartSeconds: tier.crash?.restart_seconds ?? 0,
      gate: hooks.admission?.[tier.name] ?? null,
      policy: hooks.queuePolicy?.[tier.name] ?? null,
      shedder: hooks.shedding?.[tier.name] ?? null,
      binWidthSeconds: scenario.bin_width_seconds,
      horizonSeconds: scenario.horizon_seconds,
      warmupSeconds: scenario.warmup_seconds,
    });
  });
  const routers: Router[] = journey.map((operation) =>
    operation.route
      ? new FixedRoute(Int32Array.from(operation.route, indexOf))
      : new ProbabilisticRouting(operation.routing!, indexOf, tiers.length)
  );
  const retryStream = streams.stream(STREAMS.retry);
  const classes = demand.persistence.map((_entry, index) =>
    resolveClientClass(clientOfClass(scenario, index), {
      patience: streams.stream(`${STREAMS.patience}-time`),
      retry: retryStream,
    }, options.limitersOfClass[index])
  );
  const shares = demand.persistence.map((entry) => entry.share);
  const total = shares.reduce((a, b) => a + b, 0);
  let running = 0;
  const capacityEvents: CapacityEvent[] = [];
  scenario.service.tiers.forEach((tier, index) => {
    for (const step of tier.capacity_schedule) {
      capacityEvents.push({
        time: step.at_seconds,
        tier: index,
        kind: "servers",
        value: step.servers,
        dropQueued: false,
      });
    }
    for (const window of tier.maintenance) {
      for (const [time, value] of [[window.start_seconds, 1], [window.end_seconds, -1]]) {
        capacityEvents.push({
          time,
          tier: index,
          kind: "maintenance",
          value,
          dropQueued: window.drop_queued,
        });
      }
    }
  });
  return {
    tiers,
    routers,
    visitsPerAttempt: journeyVisits(journey, indexOf, tiers.length),
    classes,
    classCumulative: Float64Array.from(shares, (share) => (running += share / total)),
    source: buildArrivalSource(
      demand.arrivals,
      demand.multiplier,
      streams.stream(STREAMS.arrivals),
    ),
    batchSize: batchSizeSampler(demand.batch_size, streams.stream(`${STREAMS.arrivals}-batch`)),
    priorityLevels: Int32Array.from(journey, (op) => levels.indexOf(op.priority)),
    priorityClasses: Int32Array.from(journey, (op) => op.priority),
    thinkMeans: Float64Array.from(journey, (op) => op.think_time_mean_seconds),
    thinkSamplers: journey.map((op) =>
      op.think_time ? distributionSampler(op.think_time, streams.stream(`think:${op.name}`)) : null
    ),
    capacityEvents,
  };
}
