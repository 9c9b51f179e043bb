/**
 * One tier's runtime state: its servers and service slots, its queue (a discipline strategy),
 * its service-time samplers, its failure state and what it measures (arrivals, blocking,
 * balking, reneging, waits, response times, and time-weighted queue length, busy slots and
 * servers). The request flow through tiers lives in `service_network.ts`.
 *
 * @module
 */
import { BinnedLevel } from "../../engine/mod.ts";
import type { AdmissionGate, LoadShedder, QueuePolicy } from "../hooks.ts";
import type { QueueDiscipline } from "./disciplines.ts";

/** Load signals of a shedder, as numbers for the hot path. */
export const SIGNAL_UTILISATION = 0;
/** Load signal: queue length. */
export const SIGNAL_QUEUE_LENGTH = 1;
/** Load signal: age of the oldest queued request. */
export const SIGNAL_QUEUE_DELAY = 2;

/** What a tier is built from. */
export interface TierOptions {
  /** Index in the service's tiers. */
  index: number;
  /** Tier name. */
  name: string;
  /** Servers at the start (Infinity: an infinite-server tier). */
  servers: number;
  /** Service slots per server. */
  concurrency: number;
  /**
   * Real servers each simulated server counts for in the results: 1 ÷ the tier's service-time
   * stretch (1 unless scaling made its servers fewer and slower).
   */
  serverWeight: number;
  /** Waiting places (Infinity: unbounded). */
  queueCapacity: number;
  /** The queue discipline. */
  discipline: QueueDiscipline;
  /** Service-time sampler per journey operation, seconds. */
  samplers: (() => number)[];
  /** Mean service time of the tier's default distribution, seconds (for the capacity). */
  meanService: number;
  /** USL contention σ and coherency κ (0: no slowdown). */
  sigma: number;
  /** USL coherency κ. */
  kappa: number;
  /** Drop queued requests whose client has gone instead of serving them. */
  dropAbandoned: boolean;
  /** Crash when queued + in service exceed this (Infinity: never). */
  crashThreshold: number;
  /** Restart delay after a crash, seconds. */
  restartSeconds: number;
  /** Admission gate, queue policy and load shedder plugged in, if any. */
  gate: AdmissionGate | null;
  /** Queue policy (CoDel) plugged in, if any. */
  policy: QueuePolicy | null;
  /** Load shedder plugged in, if any. */
  shedder: LoadShedder | null;
  /** Bin width, horizon and warm-up of the run's levels, seconds. */
  binWidthSeconds: number;
  /** Horizon, seconds. */
  horizonSeconds: number;
  /** Warm-up, seconds. */
  warmupSeconds: number;
}

/** A tier at run time. */
export class Tier {
  /** Index in the service's tiers. */
  readonly index: number;
  /** Tier name. */
  readonly name: string;
  /** True for an infinite-server tier (no queue). */
  readonly infinite: boolean;
  /** Service slots per server. */
  readonly concurrency: number;
  /** Real servers each simulated server counts for in the results (see {@link TierOptions}). */
  readonly serverWeight: number;
  /** Waiting places. */
  readonly queueCapacity: number;
  /** The queue discipline. */
  readonly discipline: QueueDiscipline;
  /** Service-time sampler per operation. */
  readonly samplers: (() => number)[];
  /** Mean service time, seconds. */
  readonly meanService: number;
  /** USL σ. */
  readonly sigma: number;
  /** USL κ. */
  readonly kappa: number;
  /** Drop queued requests whose client has gone. */
  readonly dropAbandoned: boolean;
  /** Crash threshold (queued + in service). */
  readonly crashThreshold: number;
  /** Restart delay, seconds. */
  readonly restartSeconds: number;
  /** Admission gate. */
  readonly gate: AdmissionGate | null;
  /** Queue policy. */
  readonly policy: QueuePolicy | null;
  /** Load shedder. */
  readonly shedder: LoadShedder | null;
  /** The shedder's load signal (SIGNAL_*). */
  readonly shedSignal: number;

  /** Servers scheduled (by the scenario, its schedule or a capacity controller). */
  scheduledServers: number;
  /** Overlapping maintenance windows in progress. */
  maintenanceDepth = 0;
  /** Of those, windows that drop work: arriving requests fail as at a crashed tier. */
  droppingDepth = 0;
  /** False while crashed. */
  up = true;
  /** Requests in service. */
  busy = 0;
  /** Requests queued (live; entries of reneged requests may still sit in the discipline). */
  queued = 0;
  /** Service slots now: effective servers × concurrency. */
  slots = 0;
  /** Requests in service (unordered; swap-remove). */
  inService = new Int32Array(64);

  /** Requests that arrived at the tier after the warm-up. */
  arrivals = 0;
  /** Of those, rejected because the queue was full. */
  blocked = 0;
  /** Of those, that balked at the queue length. */
  balked = 0;
  /** Of those, that left the queue impatient. */
  reneged = 0;
  /** Services started after the warm-up (of requests that arrived after it). */
  started = 0;
  /** Of those, that had to wait. */
  waited = 0;
  /** Sum of their waits, seconds. */
  waitSum = 0;
  /** Services completed (requests that arrived after the warm-up). */
  completions = 0;
  /** Sum of their times at the tier (wait + service), seconds. */
  responseSum = 0;
  /** Queue length, time-weighted. */
  readonly queueLevel: BinnedLevel;
  /** Requests in service, time-weighted. */
  readonly busyLevel: BinnedLevel;
  /** Effective servers, time-weighted. */
  readonly serversLevel: BinnedLevel;
  /** Service slots, time-weighted (utilisation's denominator). */
  readonly slotsLevel: BinnedLevel;
  /** 1 while up, 0 while crashed or in maintenance. */
  readonly upLevel: BinnedLevel;

  /** Creates a tier (see {@link TierOptions}). */
  constructor(options: TierOptions) {
    this.index = options.index;
    this.name = options.name;
    this.infinite = options.servers === Infinity;
    this.scheduledServers = options.servers;
    this.concurrency = options.concurrency;
    this.serverWeight = options.serverWeight;
    this.queueCapacity = options.queueCapacity;
    this.discipline = options.discipline;
    this.samplers = options.samplers;
    this.meanService = options.meanService;
    this.sigma = options.sigma;
    this.kappa = options.kappa;
    this.dropAbandoned = options.dropAbandoned;
    this.crashThreshold = options.crashThreshold;
    this.restartSeconds = options.restartSeconds;
    this.gate = options.gate;
    this.policy = options.policy;
    this.shedder = options.shedder;
    const signal = options.shedder?.signal;
    this.shedSignal = signal === "queue_length"
      ? SIGNAL_QUEUE_LENGTH
      : signal === "queue_delay_seconds"
      ? SIGNAL_QUEUE_DELAY
      : SIGNAL_UTILISATION;
    const level = () =>
      new BinnedLevel({
        binWidthSeconds: options.binWidthSeconds,
        horizonSeconds: options.horizonSeconds,
        warmupSeconds: options.warmupSeconds,
      });
    this.queueLevel = level();
    this.busyLevel = level();
    this.serversLevel = level();
    this.slotsLevel = level();
    this.upLevel = level();
  }

  /** Servers that can serve now (0 when crashed or in maintenance). */
  effectiveServers(): number {
    return this.up && this.maintenanceDepth === 0 ? this.scheduledServers : 0;
  }

  /** Capacity now, requests/s (Infinity for an infinite-server tier). */
  capacityPerSecond(): number {
    if (this.infinite) return this.up && this.maintenanceDepth === 0 ? Infinity : 0;
    return (this.effectiveServers() * this.concurrency) / this.meanService;
  }

  /** Service slots now. */
  currentSlots(): number {
    return this.infinite
      ? (this.up && this.maintenanceDepth === 0 ? Infinity : 0)
      : this.effectiveServers() * this.concurrency;
  }
}
