/**
 * The click-day service model on the engine's fast path: citizens arrive (non-homogeneous
 * Poisson, optionally a finite population), walk a journey of operations, and each operation is
 * a request through a route of tiers. Clients time out, retry (with backoff, jitter, budgets
 * and adaptive throttling), reload impatiently, give up and come back. Tiers have servers ×
 * concurrency slots, a bounded queue with a discipline, USL slowdown, crashes with restarts,
 * maintenance windows and capacity schedules.
 *
 * Speed: requests and sessions are slots in struct-of-arrays typed arrays with free lists,
 * queues are typed-array deques, every engine callback is created once and scheduled with an
 * integer payload, and client timeouts use one FIFO of deadlines per client class instead of
 * one calendar event per request. Memory holds what is in flight, plus one byte per citizen for
 * the outcome tables; metrics are streamed into time bins.
 *
 * @module
 */
import { Environment, RandomStreams } from "../engine/mod.ts";
import type { Client, ResolvedScenario } from "../scenario/mod.ts";
import { clientOfClass } from "../scenario/mod.ts";
import { buildArrivalProfile } from "./arrival_profile.ts";
import { ThinningArrivals } from "./arrival_process.ts";
import { BinnedLevel } from "./binned_level.ts";
import { DeadlineQueue } from "./deadline_queue.ts";
import type {
  AdmissionGate,
  CapacityControl,
  ClientBreaker,
  LoadShedder,
  ModelHooks,
  QueuePolicy,
} from "./hooks.ts";
import { IntDeque } from "./int_deque.ts";
import { LogHistogram } from "./log_histogram.ts";
import { retryDelay, throttleRejectProbability } from "./retry_policy.ts";
import { replicationSeed, STREAMS } from "./seeds.ts";
import { serviceTimeMean, serviceTimeSampler } from "./service_time.ts";
import { uslSlowdown } from "./usl.ts";

/** Request flag: the client is still waiting for this attempt. */
const WAITING = 1;
/** Request flag: the request is in a tier (queued or in service). */
const IN_SYSTEM = 2;
/** Request flag: the request is being served. */
const IN_SERVICE = 4;

/** Citizen outcomes (one byte per citizen). */
export const OUTCOME_STILL_TRYING = 0;
/** The citizen completed the journey. */
export const OUTCOME_SUCCEEDED = 1;
/** The citizen gave up for good. */
export const OUTCOME_GAVE_UP = 2;

/** Why a client saw an attempt fail (timeouts are handled by the deadline queues). */
const FAIL_REJECTED = 1;
const FAIL_CRASHED = 2;

const DISCIPLINE_FIFO = 0;
const DISCIPLINE_LIFO = 1;
const DISCIPLINE_ADAPTIVE_LIFO = 2;
const DISCIPLINE_PRIORITY = 3;

const SIGNAL_UTILISATION = 0;
const SIGNAL_QUEUE_LENGTH = 1;
const SIGNAL_QUEUE_DELAY = 2;

/** Runtime state of one tier. */
class TierState {
  /** Scheduled servers (by the scenario, its schedule or a capacity controller). */
  scheduledServers: number;
  /** Overlapping maintenance windows in progress. */
  maintenanceDepth = 0;
  /** Of those, windows that drop work (`drop_queued`): requests fail on arrival, as when crashed. */
  droppingDepth = 0;
  /** False while crashed. */
  up = true;
  /** Requests in service. */
  busy = 0;
  /** Requests queued (all priority deques). */
  queued = 0;
  /** Service slots now: effective servers × concurrency. */
  slots = 0;
  /** Request slots in service (unordered; swap-remove). */
  inService = new Int32Array(64);
  /** One deque per priority level (one for other disciplines). */
  readonly queues: IntDeque[];
  /** Sum and count of queue waits (after warm-up), seconds. */
  waitSum = 0;
  /** Number of recorded waits. */
  waitCount = 0;
  /** Queue length, time-weighted per bin. */
  readonly queueLevel: BinnedLevel;
  /** Requests in service, time-weighted per bin. */
  readonly busyLevel: BinnedLevel;
  /** Effective servers, time-weighted per bin. */
  readonly serversLevel: BinnedLevel;
  /** 1 while the tier is up, 0 while crashed or in maintenance (a 0-server schedule is up). */
  readonly upLevel: BinnedLevel;
  /** The shedder's load signal (SIGNAL_*). */
  readonly shedSignal: number;

  constructor(
    readonly index: number,
    readonly name: string,
    servers: number,
    readonly concurrency: number,
    readonly queueCapacity: number,
    readonly discipline: number,
    readonly adaptiveThreshold: number,
    priorityLevels: number,
    readonly sample: () => number,
    readonly meanService: number,
    readonly sigma: number,
    readonly kappa: number,
    readonly dropAbandoned: boolean,
    readonly crashThreshold: number,
    readonly restartSeconds: number,
    readonly gate: AdmissionGate | null,
    readonly policy: QueuePolicy | null,
    readonly shedder: LoadShedder | null,
    binWidth: number,
    horizon: number,
  ) {
    this.scheduledServers = servers;
    this.shedSignal = shedder === null
      ? SIGNAL_UTILISATION
      : { utilisation: SIGNAL_UTILISATION, queue_length: SIGNAL_QUEUE_LENGTH }[
        shedder.signal as string
      ] ?? SIGNAL_QUEUE_DELAY;
    this.queues = Array.from({ length: priorityLevels }, () => new IntDeque(256));
    this.queueLevel = new BinnedLevel(binWidth, horizon);
    this.busyLevel = new BinnedLevel(binWidth, horizon);
    this.serversLevel = new BinnedLevel(binWidth, horizon);
    this.upLevel = new BinnedLevel(binWidth, horizon);
  }

  /** Servers that can serve now (0 when crashed or in maintenance). */
  effectiveServers(): number {
    return this.up && this.maintenanceDepth === 0 ? this.scheduledServers : 0;
  }
}

/** Client behaviour of one persistence class, resolved to plain numbers. */
interface ClientClass {
  timeout: number;
  client: Client;
  maxAttempts: number;
  budget: number;
  throttleK: number;
  reloadProbability: number;
  patienceMean: number;
  giveUp: number;
  comeBackProbability: number;
  comeBackDelay: number;
  deadlines: DeadlineQueue;
}

/** A change to a tier's capacity at a time (schedule step or maintenance edge). */
interface CapacityEvent {
  time: number;
  tier: number;
  /** "servers": set scheduled servers to `value`; "maintenance": add `value` (±1) to depth. */
  kind: "servers" | "maintenance";
  value: number;
  /**
   * Maintenance edge of a `drop_queued` window: at its start the tier's queued and in-service
   * work fails as in a crash, and until its end arriving requests fail as at a crashed tier.
   */
  dropQueued: boolean;
}

/** Raw results of one run, read by `run.ts` to build the result tables. */
export interface ModelResults {
  /** Bin width, seconds. */
  binWidth: number;
  /** Number of bins. */
  bins: number;
  /** First attempts issued per bin (count). */
  offeredFirst: Float64Array;
  /** Retries and reloads issued per bin (count). */
  offeredRetry: Float64Array;
  /** Attempts accepted by their first tier per bin (count). */
  admitted: Float64Array;
  /** Requests that finished their last tier per bin (count), whether or not anyone waited. */
  completed: Float64Array;
  /** Completed requests whose client was still waiting per bin (count). */
  goodput: Float64Array;
  /** Attempts whose client timed out per bin (count). */
  failedTimeout: Float64Array;
  /** Attempts rejected (full queue, admission gate, client-side throttling) per bin. */
  failedRejected: Float64Array;
  /** Attempts lost to a crashed tier per bin (count). */
  failedCrashed: Float64Array;
  /** Per-bin capacity (time-weighted), requests/s. */
  capacity: Float64Array;
  /** Per-bin latency histograms of completed requests. */
  latency: LogHistogram[];
  /** Latency of every completed request issued after the warm-up. */
  latencyAll: LogHistogram;
  /** Time from arrival to journey completion, seconds. */
  timeToSuccess: LogHistogram;
  /** Per tier: name, levels per bin, wait statistics. */
  tiers: {
    name: string;
    queueLength: Float64Array;
    busy: Float64Array;
    servers: Float64Array;
    up: Float64Array;
    waitMean: number;
  }[];
  /** Citizens held by the citizen gate (waiting room), time-weighted per bin; null without one. */
  waitingRoom: Float64Array | null;
  /** Server-seconds spent on requests whose client had gone. */
  wastedWorkSeconds: number;
  /** Seconds during which some tier was crashed or in maintenance. */
  downtimeSeconds: number;
  /** Peak of servers summed over tiers. */
  peakServers: number;
  /** Integral of servers summed over tiers, server-seconds. */
  serverSeconds: number;
  /** Citizens who arrived. */
  citizens: number;
  /** One byte per citizen: OUTCOME_*. */
  citizenOutcome: Uint8Array;
  /** One byte per citizen: persistence class index. */
  citizenClass: Uint8Array;
  /** Persistence class names. */
  classNames: string[];
  /** Engine events processed. */
  events: number;
}

function growInt32(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}
function growFloat64(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}
function growUint8(array: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(size);
  next.set(array);
  return next;
}
function growUint32(array: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(array);
  return next;
}

/**
 * One simulation run of a resolved scenario. Build it, call {@link ServiceModel.run}, then read
 * {@link ServiceModel.results}. Implements {@link CapacityControl} for plug-ins.
 */
export class ServiceModel implements CapacityControl {
  /** The engine environment. */
  readonly env: Environment;
  private readonly scenario: ResolvedScenario;
  private readonly hooks: ModelHooks;
  private readonly horizon: number;
  private readonly warmup: number;
  private readonly binWidth: number;
  private readonly bins: number;
  private readonly tiers: TierState[];
  private readonly classes: ClientClass[];
  private readonly classCumulative: Float64Array;
  /** routes[op] = tier indices in order. */
  private readonly routes: Int32Array[];
  private readonly priorities: Int32Array;
  /** The operations' `priority` values (the load shedder's classes). */
  private readonly priorityClasses: Int32Array;
  private readonly breaker: ClientBreaker | null;
  private readonly honourRetryAfter: number;
  private readonly uniformRetryAfter: () => number;
  private readonly thinkMeans: Float64Array;
  private readonly journeyLength: number;
  private readonly arrivals: ThinningArrivals;
  private readonly population: number;
  private readonly capacityEvents: CapacityEvent[];

  private readonly uniformPopulation: () => number;
  private readonly uniformPatience: () => number;
  private readonly uniformRetry: () => number;
  private readonly exponentialUnit: () => number;

  // requests (struct of arrays)
  private reqSession = new Int32Array(1024);
  private reqGeneration = new Uint32Array(1024);
  private reqOperation = new Int32Array(1024);
  private reqHop = new Int32Array(1024);
  private reqTier = new Int32Array(1024);
  private reqIssued = new Float64Array(1024);
  private reqEntered = new Float64Array(1024);
  private reqStarted = new Float64Array(1024);
  private reqServiceHandle = new Float64Array(1024);
  private reqReloadHandle = new Float64Array(1024);
  private reqFlags = new Uint8Array(1024);
  private reqServicePosition = new Int32Array(1024);
  private reqFree = new Int32Array(1024);
  private reqFreeCount = 0;
  private reqCount = 0;

  // sessions: one per citizen on its way (struct of arrays)
  private sesCitizen = new Int32Array(1024);
  private sesOperation = new Int32Array(1024);
  private sesAttempt = new Int32Array(1024);
  private sesRetries = new Int32Array(1024);
  private sesPreviousDelay = new Float64Array(1024);
  private sesThrottleRequests = new Float64Array(1024);
  private sesThrottleAccepts = new Float64Array(1024);
  private sesStart = new Float64Array(1024);
  private sesClass = new Uint8Array(1024);
  /** Retry-After told to the session's last rejected attempt, seconds (0: none). */
  private sesRetryAfter = new Float64Array(1024);
  /** 1 when the citizen's admission expired: stop at the next client step. */
  private sesExpired = new Uint8Array(1024);
  private sesFree = new Int32Array(1024);
  private sesFreeCount = 0;
  private sesCount = 0;

  // citizens
  private citizenOutcome = new Uint8Array(4096);
  private citizenClass = new Uint8Array(4096);
  /** Session of each citizen on the way, −1 otherwise. */
  private citizenSession = new Int32Array(4096).fill(-1);
  /** 1 when an expired citizen was admitted again before the expiry took effect. */
  private citizenReadmit = new Uint8Array(0);
  private citizens = 0;
  /** Arrival time per citizen, kept only when a citizen gate may hold citizens, seconds. */
  private citizenArrival = new Float64Array(0);
  /** 1 while the citizen gate holds the citizen (only with a citizen gate). */
  private citizenHeld = new Uint8Array(0);
  private held = 0;
  private readonly heldLevel: BinnedLevel;
  private readonly roomLevel: BinnedLevel;
  private roomReported = false;

  // metrics
  private readonly offeredFirst: Float64Array;
  private readonly offeredRetry: Float64Array;
  private readonly admitted: Float64Array;
  private readonly completed: Float64Array;
  private readonly goodput: Float64Array;
  private readonly failedTimeout: Float64Array;
  private readonly failedRejected: Float64Array;
  private readonly failedCrashed: Float64Array;
  private readonly latency: LogHistogram[];
  private readonly latencyAll = new LogHistogram();
  private readonly timeToSuccess = new LogHistogram();
  private readonly capacityLevel: BinnedLevel;
  private readonly downLevel: BinnedLevel;
  private readonly serversTotalLevel: BinnedLevel;
  private wastedWork = 0;

  // callbacks, created once
  private readonly onArrivalCallback = (_payload: number) => this.onArrival();
  private readonly onServiceDoneCallback = (request: number) => this.onServiceDone(request);
  private readonly onTimeoutCallback = (classIndex: number) => this.onTimeouts(classIndex);
  private readonly onIssueCallback = (session: number) => this.issueAttempt(session);
  private readonly onReloadCallback = (request: number) => this.onReload(request);
  private readonly onRestartCallback = (tier: number) => this.onRestart(tier);
  private readonly onCapacityCallback = (index: number) => this.onCapacityEvent(index);

  /**
   * @param scenario a resolved scenario (one design applied).
   * @param replication replication index: seeds the random streams with the scenario's seed.
   * @param hooks optional plug-ins.
   */
  constructor(scenario: ResolvedScenario, replication: number, hooks: ModelHooks = {}) {
    this.scenario = scenario;
    this.hooks = hooks;
    this.horizon = scenario.horizon_seconds;
    this.warmup = scenario.warmup_seconds;
    this.binWidth = scenario.bin_width_seconds;
    this.bins = Math.max(1, Math.ceil(this.horizon / this.binWidth));
    this.env = new Environment({ initialCapacity: 1 << 16 });
    const streams = new RandomStreams(replicationSeed(scenario.seed, replication));
    const demand = scenario.demand;

    const tierIndex = new Map(scenario.service.tiers.map((tier, index) => [tier.name, index]));
    this.routes = demand.journey.map((op) =>
      Int32Array.from(op.route.map((name) => tierIndex.get(name)!))
    );
    const levels = [...new Set(demand.journey.map((op) => op.priority))].sort((a, b) => a - b);
    this.priorities = Int32Array.from(demand.journey.map((op) => levels.indexOf(op.priority)));
    this.priorityClasses = Int32Array.from(demand.journey.map((op) => op.priority));
    this.breaker = hooks.clientBreaker ?? null;
    this.honourRetryAfter = hooks.honourRetryAfter ?? 0;
    this.uniformRetryAfter = streams.stream(STREAMS.retryAfter).random;
    this.thinkMeans = Float64Array.from(demand.journey.map((op) => op.think_time_mean_seconds));
    this.journeyLength = demand.journey.length;

    this.tiers = scenario.service.tiers.map((tier, tierIndex) => {
      const discipline = {
        fifo: DISCIPLINE_FIFO,
        lifo: DISCIPLINE_LIFO,
        adaptive_lifo: DISCIPLINE_ADAPTIVE_LIFO,
        priority: DISCIPLINE_PRIORITY,
      }[tier.queue.discipline];
      return new TierState(
        tierIndex,
        tier.name,
        tier.servers,
        tier.concurrency_per_server,
        tier.queue.capacity ?? Infinity,
        discipline,
        tier.queue.adaptive_lifo_threshold,
        discipline === DISCIPLINE_PRIORITY ? levels.length : 1,
        serviceTimeSampler(tier.service_time, streams.stream(`${STREAMS.service}:${tier.name}`)),
        serviceTimeMean(tier.service_time),
        tier.usl?.sigma ?? 0,
        tier.usl?.kappa ?? 0,
        tier.drop_abandoned,
        tier.crash?.in_system_threshold ?? Infinity,
        tier.crash?.restart_seconds ?? 0,
        hooks.admission?.[tier.name] ?? null,
        hooks.queuePolicy?.[tier.name] ?? null,
        hooks.shedding?.[tier.name] ?? null,
        this.binWidth,
        this.horizon,
      );
    });

    this.classes = demand.persistence.map((_entry, index) => {
      const client = clientOfClass(scenario, index);
      const retry = client.retry;
      return {
        timeout: client.timeout_seconds ?? Infinity,
        client,
        maxAttempts: retry.kind === "none" ? 1 : retry.max_attempts,
        budget: retry.budget ?? Infinity,
        throttleK: retry.adaptive_throttle_k ?? 0,
        reloadProbability: client.reload.probability,
        patienceMean: client.reload.patience_mean_seconds,
        giveUp: client.give_up_probability,
        comeBackProbability: client.come_back.probability,
        comeBackDelay: client.come_back.delay_seconds,
        deadlines: new DeadlineQueue(),
      };
    });
    if (this.classes.length > 255) throw new RangeError("at most 255 persistence classes");
    const shares = demand.persistence.map((entry) => entry.share);
    const totalShare = shares.reduce((a, b) => a + b, 0);
    let running = 0;
    this.classCumulative = Float64Array.from(shares, (share) => (running += share / totalShare));

    const arrivalsStream = streams.stream(STREAMS.arrivals);
    this.arrivals = new ThinningArrivals(
      buildArrivalProfile(demand.arrivals, demand.multiplier),
      arrivalsStream.random,
      1,
    );
    this.population = demand.population ?? Infinity;
    this.uniformPopulation = streams.stream(STREAMS.population).random;
    const patience = streams.stream(STREAMS.patience);
    this.uniformPatience = patience.random;
    this.exponentialUnit = patience.exponential(1);
    this.uniformRetry = streams.stream(STREAMS.retry).random;

    const bins = this.bins;
    this.offeredFirst = new Float64Array(bins);
    this.offeredRetry = new Float64Array(bins);
    this.admitted = new Float64Array(bins);
    this.completed = new Float64Array(bins);
    this.goodput = new Float64Array(bins);
    this.failedTimeout = new Float64Array(bins);
    this.failedRejected = new Float64Array(bins);
    this.failedCrashed = new Float64Array(bins);
    this.latency = Array.from({ length: bins }, () => new LogHistogram());
    this.capacityLevel = new BinnedLevel(this.binWidth, this.horizon);
    this.downLevel = new BinnedLevel(this.binWidth, this.horizon);
    this.serversTotalLevel = new BinnedLevel(this.binWidth, this.horizon);
    this.heldLevel = new BinnedLevel(this.binWidth, this.horizon);
    this.roomLevel = new BinnedLevel(this.binWidth, this.horizon);

    this.capacityEvents = [];
    scenario.service.tiers.forEach((tier, index) => {
      for (const step of tier.capacity_schedule) {
        this.capacityEvents.push({
          time: step.at_seconds,
          tier: index,
          kind: "servers",
          value: step.servers,
          dropQueued: false,
        });
      }
      for (const window of tier.maintenance) {
        this.capacityEvents.push({
          time: window.start_seconds,
          tier: index,
          kind: "maintenance",
          value: 1,
          dropQueued: window.drop_queued,
        });
        this.capacityEvents.push({
          time: window.end_seconds,
          tier: index,
          kind: "maintenance",
          value: -1,
          dropQueued: window.drop_queued,
        });
      }
    });
  }

  // ---- CapacityControl -------------------------------------------------------------------

  /** Simulated time, seconds. */
  get now(): number {
    return this.env.now;
  }

  /** Sets a tier's scheduled servers from now on; queued work is kept. */
  setServers(tier: number, servers: number): void {
    if (!(Number.isInteger(servers) && servers >= 0)) {
      throw new RangeError(`setServers: servers ${servers} is not a non-negative integer`);
    }
    this.tiers[tier].scheduledServers = servers;
    this.refreshCapacity(tier);
  }

  /** A tier's scheduled servers. */
  servers(tier: number): number {
    return this.tiers[tier].scheduledServers;
  }

  /** Requests queued at a tier. */
  queueLength(tier: number): number {
    return this.tiers[tier].queued;
  }

  /** Requests in service at a tier. */
  busy(tier: number): number {
    return this.tiers[tier].busy;
  }

  /** The model's engine. */
  get environment(): Environment {
    return this.env;
  }

  /** Reports the waiting room's queue length (for the `waiting_room_length` series). */
  reportWaitingRoomLength(length: number): void {
    this.roomReported = true;
    this.roomLevel.set(this.env.now, length);
  }

  /** Stops the citizen's journey at its next client step and holds the citizen again. */
  expireCitizen(citizen: number): void {
    if (citizen < 0 || citizen >= this.citizens) return;
    const session = this.citizenSession[citizen];
    if (session >= 0) this.sesExpired[session] = 1;
  }

  /** Applies a pending expiry at a client step; true when the session has ended. */
  private expired(session: number): boolean {
    if (this.sesExpired[session] === 0) return false;
    const citizen = this.sesCitizen[session];
    this.freeSession(session);
    if (this.citizenReadmit.length > citizen && this.citizenReadmit[citizen] === 1) {
      this.citizenReadmit[citizen] = 0;
      this.startJourney(citizen, this.citizenArrival[citizen]);
      return true;
    }
    if (this.citizenHeld.length > citizen) {
      this.citizenHeld[citizen] = 1;
      this.held++;
      this.heldLevel.set(this.env.now, this.held);
    }
    return true;
  }

  /** Schedules a callback on the engine after `delay` seconds. */
  schedule(delay: number, callback: (payload: number) => void, payload = 0): number {
    return this.env.schedule(delay, callback, payload);
  }

  // ---- running -----------------------------------------------------------------------------

  /** Runs the model to the horizon (or to `until` seconds when smaller). */
  run(until = this.horizon): void {
    const now = this.env.now;
    this.tiers.forEach((_tier, index) => this.refreshCapacity(index));
    this.capacityEvents.forEach((event, index) => {
      this.env.scheduleAt(Math.max(now, event.time), this.onCapacityCallback, index, -1);
    });
    this.hooks.onStart?.(this);
    const first = this.arrivals.next(now, this.horizon);
    if (first < Infinity && this.population > 0) {
      this.env.scheduleAt(first, this.onArrivalCallback, 0);
    }
    this.env.run({ until: Math.min(until, this.horizon) });
  }

  private binOf(time: number): number {
    const bin = Math.floor(time / this.binWidth);
    return bin < this.bins ? bin : this.bins - 1;
  }

  private refreshCapacity(tierIndex: number): void {
    const now = this.env.now;
    const tier = this.tiers[tierIndex];
    const servers = tier.effectiveServers();
    tier.slots = servers * tier.concurrency;
    tier.serversLevel.set(now, servers);
    tier.upLevel.set(now, tier.up && tier.maintenanceDepth === 0 ? 1 : 0);
    let capacity = Infinity;
    let down = 0;
    let totalServers = 0;
    for (const each of this.tiers) {
      const effective = each.effectiveServers();
      totalServers += each.scheduledServers;
      // Down = crashed or in maintenance; a schedule of 0 servers (closed) is not downtime.
      if (!each.up || each.maintenanceDepth > 0) down = 1;
      capacity = Math.min(capacity, (effective * each.concurrency) / each.meanService);
    }
    this.capacityLevel.set(now, capacity);
    this.downLevel.set(now, down);
    this.serversTotalLevel.set(now, totalServers);
    this.pullFromQueue(tier);
  }

  private onCapacityEvent(index: number): void {
    const event = this.capacityEvents[index];
    const tier = this.tiers[event.tier];
    if (event.kind === "servers") tier.scheduledServers = event.value;
    else tier.maintenanceDepth += event.value;
    if (event.dropQueued) {
      // A closure that drops sessions: the loss of a crash, without the restart.
      tier.droppingDepth += event.value;
      if (event.value > 0) {
        this.failLost(this.emptyTier(event.tier));
        return;
      }
    }
    this.refreshCapacity(event.tier);
  }

  // ---- citizens and sessions -------------------------------------------------------------

  private onArrival(): void {
    const now = this.env.now;
    const citizen = this.citizens++;
    if (citizen >= this.citizenOutcome.length) {
      this.citizenOutcome = growUint8(this.citizenOutcome, this.citizenOutcome.length * 2);
      this.citizenClass = growUint8(this.citizenClass, this.citizenClass.length * 2);
      const sessions = new Int32Array(this.citizenSession.length * 2).fill(-1);
      sessions.set(this.citizenSession);
      this.citizenSession = sessions;
    }
    const u = this.uniformPopulation();
    let classIndex = 0;
    while (classIndex < this.classCumulative.length - 1 && u >= this.classCumulative[classIndex]) {
      classIndex++;
    }
    this.citizenClass[citizen] = classIndex;
    this.citizenOutcome[citizen] = OUTCOME_STILL_TRYING;

    if (this.citizens < this.population) {
      const next = this.arrivals.next(now, this.horizon);
      if (next < Infinity) this.env.scheduleAt(next, this.onArrivalCallback, 0);
    }

    const gate = this.hooks.citizenGate;
    if (gate !== undefined) {
      if (citizen >= this.citizenArrival.length) {
        const size = Math.max(4096, this.citizenArrival.length * 2);
        this.citizenArrival = growFloat64(this.citizenArrival, size);
        this.citizenHeld = growUint8(this.citizenHeld, size);
        this.citizenReadmit = growUint8(this.citizenReadmit, size);
      }
      this.citizenArrival[citizen] = now;
      if (!gate.arrive(now, citizen, classIndex)) {
        this.citizenHeld[citizen] = 1;
        this.held++;
        this.heldLevel.set(now, this.held);
        return;
      }
    }
    this.startJourney(citizen, now);
  }

  private startJourney(citizen: number, arrivedAt: number): void {
    const classIndex = this.citizenClass[citizen];
    const session = this.allocateSession();
    this.sesCitizen[session] = citizen;
    this.sesOperation[session] = 0;
    this.sesAttempt[session] = 0;
    this.sesRetries[session] = 0;
    this.sesThrottleRequests[session] = 0;
    this.sesThrottleAccepts[session] = 0;
    this.sesStart[session] = arrivedAt;
    this.sesClass[session] = classIndex;
    this.sesRetryAfter[session] = 0;
    this.sesExpired[session] = 0;
    this.citizenSession[citizen] = session;
    this.sesPreviousDelay[session] = this.classes[classIndex].client.retry.delay_seconds;
    this.startOperation(session);
  }

  /** Starts the journey of a citizen held by the citizen gate (ignored if not held). */
  admitCitizen(citizen: number): void {
    if (citizen < 0 || citizen >= this.citizens) return;
    if (this.citizenHeld[citizen] !== 1) {
      const session = this.citizenSession[citizen];
      if (session >= 0 && this.sesExpired[session] === 1) this.citizenReadmit[citizen] = 1;
      return;
    }
    this.citizenHeld[citizen] = 0;
    this.held--;
    this.heldLevel.set(this.env.now, this.held);
    this.startJourney(citizen, this.citizenArrival[citizen]);
  }

  /** A held citizen gives up for good (ignored if not held). */
  abandonCitizen(citizen: number): void {
    if (citizen < 0 || citizen >= this.citizens || this.citizenHeld[citizen] !== 1) return;
    this.citizenHeld[citizen] = 0;
    this.held--;
    this.heldLevel.set(this.env.now, this.held);
    this.citizenOutcome[citizen] = OUTCOME_GAVE_UP;
    this.hooks.onGiveUp?.(this.env.now, citizen, this.citizenClass[citizen]);
  }

  /** Citizens held by the citizen gate now. */
  get heldCitizens(): number {
    return this.held;
  }

  private startOperation(session: number): void {
    const think = this.thinkMeans[this.sesOperation[session]];
    if (think > 0) {
      this.env.schedule(think * this.exponentialUnit(), this.onIssueCallback, session);
    } else {
      this.issueAttempt(session);
    }
  }

  private allocateSession(): number {
    if (this.sesFreeCount > 0) return this.sesFree[--this.sesFreeCount];
    if (this.sesCount === this.sesCitizen.length) {
      const size = this.sesCount * 2;
      this.sesCitizen = growInt32(this.sesCitizen, size);
      this.sesOperation = growInt32(this.sesOperation, size);
      this.sesAttempt = growInt32(this.sesAttempt, size);
      this.sesRetries = growInt32(this.sesRetries, size);
      this.sesPreviousDelay = growFloat64(this.sesPreviousDelay, size);
      this.sesThrottleRequests = growFloat64(this.sesThrottleRequests, size);
      this.sesThrottleAccepts = growFloat64(this.sesThrottleAccepts, size);
      this.sesStart = growFloat64(this.sesStart, size);
      this.sesClass = growUint8(this.sesClass, size);
      this.sesRetryAfter = growFloat64(this.sesRetryAfter, size);
      this.sesExpired = growUint8(this.sesExpired, size);
      this.sesFree = growInt32(this.sesFree, size);
    }
    return this.sesCount++;
  }

  private freeSession(session: number): void {
    this.citizenSession[this.sesCitizen[session]] = -1;
    this.sesExpired[session] = 0;
    this.sesFree[this.sesFreeCount++] = session;
  }

  private allocateRequest(): number {
    if (this.reqFreeCount > 0) return this.reqFree[--this.reqFreeCount];
    if (this.reqCount === this.reqSession.length) {
      const size = this.reqCount * 2;
      this.reqSession = growInt32(this.reqSession, size);
      this.reqGeneration = growUint32(this.reqGeneration, size);
      this.reqOperation = growInt32(this.reqOperation, size);
      this.reqHop = growInt32(this.reqHop, size);
      this.reqTier = growInt32(this.reqTier, size);
      this.reqIssued = growFloat64(this.reqIssued, size);
      this.reqEntered = growFloat64(this.reqEntered, size);
      this.reqStarted = growFloat64(this.reqStarted, size);
      this.reqServiceHandle = growFloat64(this.reqServiceHandle, size);
      this.reqReloadHandle = growFloat64(this.reqReloadHandle, size);
      this.reqFlags = growUint8(this.reqFlags, size);
      this.reqServicePosition = growInt32(this.reqServicePosition, size);
      this.reqFree = growInt32(this.reqFree, size);
    }
    return this.reqCount++;
  }

  private releaseIfDone(request: number): void {
    if (this.reqFlags[request] !== 0) return;
    this.reqGeneration[request] = (this.reqGeneration[request] + 1) >>> 0;
    this.reqFree[this.reqFreeCount++] = request;
  }

  // ---- client side -------------------------------------------------------------------------

  /** Issues the next attempt of the session's current operation. */
  private issueAttempt(session: number): void {
    const now = this.env.now;
    const classIndex = this.sesClass[session];
    const clientClass = this.classes[classIndex];
    if (this.sesExpired[session] === 1 && this.expired(session)) return;
    const attempt = ++this.sesAttempt[session];
    this.sesRetryAfter[session] = 0;

    if (this.breaker !== null && !this.breaker.allowRequest(this.sesCitizen[session], now)) {
      // the client's breaker is open: fails fast, never reaches the service
      this.failedRejected[this.binOf(now)]++;
      this.onClientFailure(session, false);
      return;
    }

    if (clientClass.throttleK > 0) {
      const requests = this.sesThrottleRequests[session];
      const accepts = this.sesThrottleAccepts[session];
      this.sesThrottleRequests[session] = requests + 1;
      const p = throttleRejectProbability(requests, accepts, clientClass.throttleK);
      if (p > 0 && this.uniformRetry() < p) {
        // rejected locally: never reaches the service
        this.failedRejected[this.binOf(now)]++;
        this.onClientFailure(session, false);
        return;
      }
    }

    const bin = this.binOf(now);
    if (attempt === 1) this.offeredFirst[bin]++;
    else this.offeredRetry[bin]++;

    const request = this.allocateRequest();
    const operation = this.sesOperation[session];
    this.reqSession[request] = session;
    this.reqOperation[request] = operation;
    this.reqHop[request] = 0;
    this.reqIssued[request] = now;
    this.reqFlags[request] = WAITING | IN_SYSTEM;
    this.reqReloadHandle[request] = -1;

    const timeout = clientClass.timeout;
    if (timeout < Infinity) {
      const deadlines = clientClass.deadlines;
      deadlines.push(now + timeout, request, this.reqGeneration[request]);
      if (!deadlines.scheduled) {
        deadlines.scheduled = true;
        this.env.scheduleAt(now + timeout, this.onTimeoutCallback, classIndex);
      }
    }
    if (
      clientClass.reloadProbability > 0 && this.uniformPatience() < clientClass.reloadProbability
    ) {
      const patience = clientClass.patienceMean * this.exponentialUnit();
      if (patience < timeout) {
        this.reqReloadHandle[request] = this.env.schedule(patience, this.onReloadCallback, request);
      }
    }
    this.enterTier(request, this.routes[operation][0]);
  }

  /** The client stops waiting for `request` (timeout, reload, error, success). */
  private stopWaiting(request: number): void {
    this.reqFlags[request] &= ~WAITING;
    const reload = this.reqReloadHandle[request];
    if (reload >= 0) {
      this.env.cancel(reload);
      this.reqReloadHandle[request] = -1;
    }
  }

  private onTimeouts(classIndex: number): void {
    const now = this.env.now;
    const deadlines = this.classes[classIndex].deadlines;
    while (deadlines.length > 0 && deadlines.headDeadline() <= now) {
      const request = deadlines.headSlot();
      const generation = deadlines.headGeneration();
      deadlines.shift();
      if (this.reqGeneration[request] !== generation) continue;
      if ((this.reqFlags[request] & WAITING) === 0) continue;
      this.stopWaiting(request);
      this.failedTimeout[this.binOf(now)]++;
      const session = this.reqSession[request];
      this.releaseIfDone(request);
      this.onClientFailure(session);
    }
    // Skip entries whose attempt already ended, so the next event is for a live deadline.
    while (deadlines.length > 0) {
      const request = deadlines.headSlot();
      if (
        this.reqGeneration[request] === deadlines.headGeneration() &&
        (this.reqFlags[request] & WAITING) !== 0
      ) break;
      deadlines.shift();
    }
    if (deadlines.length > 0) {
      this.env.scheduleAt(deadlines.headDeadline(), this.onTimeoutCallback, classIndex);
    } else {
      deadlines.scheduled = false;
    }
  }

  private onReload(request: number): void {
    this.reqReloadHandle[request] = -1;
    if ((this.reqFlags[request] & WAITING) === 0) return;
    // The citizen reloads: the old request stays in the system, orphaned.
    this.reqFlags[request] &= ~WAITING;
    const session = this.reqSession[request];
    this.releaseIfDone(request);
    this.issueAttempt(session);
  }

  private onClientSuccess(session: number): void {
    const now = this.env.now;
    if (this.breaker !== null) this.breaker.onSuccess(this.sesCitizen[session], now);
    if (this.sesExpired[session] === 1 && this.expired(session)) return;
    this.sesThrottleAccepts[session]++;
    const operation = ++this.sesOperation[session];
    this.sesAttempt[session] = 0;
    this.sesPreviousDelay[session] =
      this.classes[this.sesClass[session]].client.retry.delay_seconds;
    if (operation < this.journeyLength) {
      this.startOperation(session);
      return;
    }
    const citizen = this.sesCitizen[session];
    this.citizenOutcome[citizen] = OUTCOME_SUCCEEDED;
    this.timeToSuccess.record(now - this.sesStart[session]);
    this.freeSession(session);
    this.hooks.onSuccess?.(now, citizen, this.sesClass[session]);
  }

  /**
   * An attempt failed. `fromService`: the service failed it (timeout, rejection, crash), not
   * the client itself (throttling, open breaker).
   */
  private onClientFailure(session: number, fromService = true): void {
    if (fromService && this.breaker !== null) {
      this.breaker.onFailure(this.sesCitizen[session], this.env.now);
    }
    if (this.sesExpired[session] === 1 && this.expired(session)) return;
    const clientClass = this.classes[this.sesClass[session]];
    if (clientClass.giveUp > 0 && this.uniformPatience() < clientClass.giveUp) {
      this.endSession(session);
      return;
    }
    const attempt = this.sesAttempt[session];
    const retries = this.sesRetries[session];
    if (attempt < clientClass.maxAttempts && retries < clientClass.budget) {
      this.sesRetries[session] = retries + 1;
      const retryAfter = this.sesRetryAfter[session];
      const delay = retryAfter > 0 && this.honourRetryAfter > 0 &&
          this.uniformRetryAfter() < this.honourRetryAfter
        ? retryAfter
        : retryDelay(
          clientClass.client.retry,
          attempt,
          this.sesPreviousDelay[session],
          this.uniformRetry(),
        );
      this.sesPreviousDelay[session] = delay;
      this.env.schedule(delay, this.onIssueCallback, session);
      return;
    }
    this.endSession(session);
  }

  /** The citizen abandons the current operation: comes back later, or gives up for good. */
  private endSession(session: number): void {
    const clientClass = this.classes[this.sesClass[session]];
    if (
      clientClass.comeBackProbability > 0 &&
      this.uniformPatience() < clientClass.comeBackProbability
    ) {
      this.sesAttempt[session] = 0;
      this.sesPreviousDelay[session] = clientClass.client.retry.delay_seconds;
      this.env.schedule(clientClass.comeBackDelay, this.onIssueCallback, session);
      return;
    }
    const citizen = this.sesCitizen[session];
    this.citizenOutcome[citizen] = OUTCOME_GAVE_UP;
    this.freeSession(session);
    this.hooks.onGiveUp?.(this.env.now, citizen, this.sesClass[session]);
  }

  // ---- service side ----------------------------------------------------------------------

  private enterTier(request: number, tierIndex: number): void {
    const now = this.env.now;
    const tier = this.tiers[tierIndex];
    this.reqTier[request] = tierIndex;
    this.reqEntered[request] = now;
    if (!tier.up || tier.droppingDepth > 0) {
      this.leaveSystem(request, FAIL_CRASHED);
      return;
    }
    if (tier.dropAbandoned && (this.reqFlags[request] & WAITING) === 0) {
      this.leaveSystem(request, -1);
      return;
    }
    if (
      tier.shedder !== null &&
      tier.shedder.shouldShed(this.priorityClasses[this.reqOperation[request]], this.loadOf(tier))
    ) {
      this.leaveSystem(request, FAIL_REJECTED);
      return;
    }
    if (tier.gate !== null && !tier.gate.admit(now, tierIndex)) {
      if (tier.gate.retryAfter !== undefined) {
        this.sesRetryAfter[this.reqSession[request]] = tier.gate.retryAfter(now, tierIndex);
      }
      this.leaveSystem(request, FAIL_REJECTED);
      return;
    }
    if (tier.queued === 0 && tier.busy < tier.slots) {
      if (this.reqHop[request] === 0) this.admitted[this.binOf(now)]++;
      this.startService(request, tier);
      return;
    }
    if (tier.queued >= tier.queueCapacity) {
      this.releaseGate(tier, tierIndex, 0, false);
      this.leaveSystem(request, FAIL_REJECTED);
      return;
    }
    if (this.reqHop[request] === 0) this.admitted[this.binOf(now)]++;
    const level = tier.discipline === DISCIPLINE_PRIORITY
      ? this.priorities[this.reqOperation[request]]
      : 0;
    tier.queues[level].pushBack(request);
    tier.queued++;
    tier.queueLevel.set(now, tier.queued);
    if (tier.busy + tier.queued > tier.crashThreshold) {
      this.crash(tierIndex);
      return;
    }
    if (tier.busy < tier.slots) this.pullFromQueue(tier);
  }

  /** A tier's load in its shedder's unit. */
  private loadOf(tier: TierState): number {
    switch (tier.shedSignal) {
      case SIGNAL_UTILISATION:
        return tier.slots > 0 ? (tier.busy + tier.queued) / tier.slots : Infinity;
      case SIGNAL_QUEUE_LENGTH:
        return tier.queued;
      default: {
        let oldest = Infinity;
        for (const queue of tier.queues) {
          if (queue.length > 0) {
            const entered = this.reqEntered[queue.at(0)];
            if (entered < oldest) oldest = entered;
          }
        }
        return oldest === Infinity ? 0 : this.env.now - oldest;
      }
    }
  }

  private releaseGate(tier: TierState, tierIndex: number, latency: number, ok: boolean): void {
    if (tier.gate !== null && tier.gate.release) {
      tier.gate.release(this.env.now, tierIndex, latency, ok);
    }
  }

  /** Takes the next request from a tier's queue by its discipline (−1 when empty). */
  private dequeue(tier: TierState): number {
    if (tier.queued === 0) return -1;
    tier.queued--;
    switch (tier.discipline) {
      case DISCIPLINE_FIFO:
        return tier.queues[0].popFront();
      case DISCIPLINE_LIFO:
        return tier.queues[0].popBack();
      case DISCIPLINE_ADAPTIVE_LIFO:
        return tier.queued + 1 > tier.adaptiveThreshold
          ? tier.queues[0].popBack()
          : tier.queues[0].popFront();
      default:
        for (const queue of tier.queues) if (queue.length > 0) return queue.popFront();
        return -1;
    }
  }

  private pullFromQueue(tier: TierState): void {
    if (tier.queued === 0 || tier.busy >= tier.slots) return;
    const now = this.env.now;
    while (tier.busy < tier.slots && tier.queued > 0) {
      const request = this.dequeue(tier);
      if (tier.dropAbandoned && (this.reqFlags[request] & WAITING) === 0) {
        this.releaseGate(tier, tier.index, now - this.reqEntered[request], false);
        this.leaveSystem(request, -1);
        continue;
      }
      if (tier.policy !== null && tier.policy.shouldDrop(now, this.reqEntered[request])) {
        this.releaseGate(tier, tier.index, now - this.reqEntered[request], false);
        this.leaveSystem(request, FAIL_REJECTED);
        continue;
      }
      this.startService(request, tier);
    }
    if (tier.queued === 0 && tier.policy !== null) tier.policy.onQueueEmpty?.();
    tier.queueLevel.set(this.env.now, tier.queued);
  }

  private startService(request: number, tier: TierState): void {
    const now = this.env.now;
    const position = tier.busy++;
    if (position === tier.inService.length) {
      tier.inService = growInt32(tier.inService, position * 2);
    }
    tier.inService[position] = request;
    this.reqServicePosition[request] = position;
    tier.busyLevel.set(now, tier.busy);
    this.reqFlags[request] |= IN_SERVICE;
    this.reqStarted[request] = now;
    if (this.reqIssued[request] >= this.warmup) {
      tier.waitSum += now - this.reqEntered[request];
      tier.waitCount++;
    }
    let duration = tier.sample();
    if (tier.sigma > 0 || tier.kappa > 0) {
      const servers = tier.effectiveServers();
      duration *= uslSlowdown(
        servers > 0 ? tier.busy / servers : tier.busy,
        tier.sigma,
        tier.kappa,
      );
    }
    this.reqServiceHandle[request] = this.env.schedule(
      duration,
      this.onServiceDoneCallback,
      request,
    );
  }

  private removeFromService(request: number, tier: TierState): void {
    const position = this.reqServicePosition[request];
    const last = tier.inService[--tier.busy];
    tier.inService[position] = last;
    this.reqServicePosition[last] = position;
    tier.busyLevel.set(this.env.now, tier.busy);
    this.reqFlags[request] &= ~IN_SERVICE;
  }

  private onServiceDone(request: number): void {
    const now = this.env.now;
    const tierIndex = this.reqTier[request];
    const tier = this.tiers[tierIndex];
    this.removeFromService(request, tier);
    if ((this.reqFlags[request] & WAITING) === 0) this.wastedWork += now - this.reqStarted[request];
    this.releaseGate(tier, tierIndex, now - this.reqEntered[request], true);
    const route = this.routes[this.reqOperation[request]];
    const hop = ++this.reqHop[request];
    if (hop < route.length) this.enterTier(request, route[hop]);
    else this.complete(request);
    this.pullFromQueue(tier);
  }

  private complete(request: number): void {
    const now = this.env.now;
    const bin = this.binOf(now);
    this.completed[bin]++;
    const issued = this.reqIssued[request];
    this.latency[bin].record(now - issued);
    if (issued >= this.warmup) this.latencyAll.record(now - issued);
    this.reqFlags[request] &= ~IN_SYSTEM;
    if ((this.reqFlags[request] & WAITING) !== 0) {
      this.goodput[bin]++;
      this.stopWaiting(request);
      const session = this.reqSession[request];
      this.releaseIfDone(request);
      this.onClientSuccess(session);
      return;
    }
    this.releaseIfDone(request);
  }

  /**
   * Takes a request out of the system (not in service). `kind` is FAIL_* when its client sees
   * the failure, −1 for a silent drop (client already gone).
   */
  private leaveSystem(request: number, kind: number): void {
    this.reqFlags[request] &= ~IN_SYSTEM;
    if (kind >= 0 && (this.reqFlags[request] & WAITING) !== 0) {
      this.stopWaiting(request);
      const bin = this.binOf(this.env.now);
      if (kind === FAIL_REJECTED) this.failedRejected[bin]++;
      else this.failedCrashed[bin]++;
      const session = this.reqSession[request];
      this.releaseIfDone(request);
      this.onClientFailure(session);
      return;
    }
    this.releaseIfDone(request);
  }

  /** The tier goes down: queued and in-service requests are lost; it restarts later. */
  private crash(tierIndex: number): void {
    const tier = this.tiers[tierIndex];
    tier.up = false;
    const lost = this.emptyTier(tierIndex);
    this.env.schedule(tier.restartSeconds, this.onRestartCallback, tierIndex);
    this.failLost(lost);
  }

  /**
   * Takes every queued and in-service request out of a tier (crash or dropping maintenance),
   * refreshes its capacity and returns the lost requests; {@link failLost} then fails them.
   */
  private emptyTier(tierIndex: number): number[] {
    const now = this.env.now;
    const tier = this.tiers[tierIndex];
    const lost: number[] = []; // rare event: a plain array is fine here
    for (const queue of tier.queues) {
      while (queue.length > 0) {
        const request = queue.popFront();
        this.releaseGate(tier, tierIndex, now - this.reqEntered[request], false);
        lost.push(request);
      }
    }
    tier.queued = 0;
    tier.queueLevel.set(now, 0);
    while (tier.busy > 0) {
      const request = tier.inService[tier.busy - 1];
      this.env.cancel(this.reqServiceHandle[request]);
      this.wastedWork += now - this.reqStarted[request];
      this.removeFromService(request, tier);
      this.releaseGate(tier, tierIndex, now - this.reqEntered[request], false);
      lost.push(request);
    }
    this.refreshCapacity(tierIndex);
    return lost;
  }

  /** Fails requests taken out by {@link emptyTier} as crashes (their clients react). */
  private failLost(lost: number[]): void {
    for (const request of lost) this.leaveSystem(request, FAIL_CRASHED);
  }

  private onRestart(tierIndex: number): void {
    this.tiers[tierIndex].up = true;
    this.refreshCapacity(tierIndex);
  }

  // ---- results -----------------------------------------------------------------------------

  /** The run's raw results (call after {@link ServiceModel.run}). */
  results(): ModelResults {
    const now = this.env.now;
    return {
      binWidth: this.binWidth,
      bins: this.bins,
      offeredFirst: this.offeredFirst,
      offeredRetry: this.offeredRetry,
      admitted: this.admitted,
      completed: this.completed,
      goodput: this.goodput,
      failedTimeout: this.failedTimeout,
      failedRejected: this.failedRejected,
      failedCrashed: this.failedCrashed,
      capacity: this.capacityLevel.means(now),
      latency: this.latency,
      latencyAll: this.latencyAll,
      timeToSuccess: this.timeToSuccess,
      tiers: this.tiers.map((tier) => ({
        name: tier.name,
        queueLength: tier.queueLevel.means(now),
        busy: tier.busyLevel.means(now),
        servers: tier.serversLevel.means(now),
        up: tier.upLevel.means(now),
        waitMean: tier.waitCount > 0 ? tier.waitSum / tier.waitCount : NaN,
      })),
      waitingRoom: this.roomReported
        ? this.roomLevel.means(now)
        : this.hooks.citizenGate
        ? this.heldLevel.means(now)
        : null,
      wastedWorkSeconds: this.wastedWork,
      downtimeSeconds: this.downLevel.integral(now),
      peakServers: this.serversTotalLevel.peak,
      serverSeconds: this.serversTotalLevel.integral(now),
      citizens: this.citizens,
      citizenOutcome: this.citizenOutcome.subarray(0, this.citizens),
      citizenClass: this.citizenClass.subarray(0, this.citizens),
      classNames: this.scenario.demand.persistence.map((entry) => entry.name),
      events: this.env.eventsProcessed,
    };
  }
}
