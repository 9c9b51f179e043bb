/**
 * The click-day model, composed from its parts on the engine: arrival sources bring citizens,
 * the citizen gates (waiting room, staggered windows) may hold them, the client side walks each
 * citizen's journey and sends attempts, the service network moves requests through the tiers,
 * the design mechanisms plug into both through hooks, and the metrics record it all. This file
 * only wires the parts; see `README.md` for how a request flows through them.
 *
 * @module
 */
import { Environment, RandomStreams } from "../engine/mod.ts";
import type { CapacityControl, ModelHooks } from "./hooks.ts";
import { buildMechanisms, type MechanismRun } from "./mechanisms/build.ts";
import type { MechanismTables } from "./mechanisms/mechanism.ts";
import { RunMetrics } from "./metrics/run_metrics.ts";
import { CitizenAdmission } from "./population/citizen_admission.ts";
import { CitizenTable } from "./population/citizen_table.ts";
import { RequestTable } from "./population/request_table.ts";
import { SessionTable } from "./population/session_table.ts";
import type { ResolvedScenario } from "./scenario_schema.ts";
import { replicationSeed, STREAMS } from "./seeds.ts";
import type { ArrivalSource } from "./sources/arrival_source.ts";
import { ClientSide } from "./client/client_side.ts";
import { ServiceNetwork } from "./tier/service_network.ts";
import type { Tier } from "./tier/tier.ts";
import { assembleModel, type CapacityEvent } from "./assemble.ts";
import { arrivalIntegralBound } from "./cost_estimate.ts";

/** Most citizens the table is sized for up front (a larger run grows it by doubling). */
const MOST_CITIZENS_UP_FRONT = 2 ** 25;

/**
 * Room for the citizens a run of `scenario` can expect: the arrival profile's integral (an
 * upper bound) plus a few standard deviations of a Poisson count, capped by the population.
 */
function citizenCapacity(scenario: ResolvedScenario): number {
  const expected = Math.min(arrivalIntegralBound(scenario), scenario.demand.population ?? Infinity);
  if (!(expected >= 0)) return 4096;
  const room = expected + 5 * Math.sqrt(expected) + 1024;
  return Math.min(room, scenario.demand.population ?? Infinity, MOST_CITIZENS_UP_FRONT);
}

/** One run of a resolved scenario: build it, {@link ClickDayModel.run} it, read its parts. */
export class ClickDayModel implements CapacityControl {
  /** The engine. */
  readonly env: Environment;
  /** The scenario being run. */
  readonly scenario: ResolvedScenario;
  /** The run's metrics. */
  readonly metrics: RunMetrics;
  /** Every citizen who arrived. */
  readonly citizens: CitizenTable;
  /** The tiers. */
  readonly tiers: Tier[];
  /** The design mechanisms of this run. */
  readonly mechanisms: MechanismRun;
  private readonly sessions = new SessionTable();
  private readonly requests = new RequestTable();
  private readonly network: ServiceNetwork;
  private readonly client: ClientSide;
  private readonly admission: CitizenAdmission;
  private readonly hooks: ModelHooks;
  private readonly source: ArrivalSource;
  private readonly batchSize: () => number;
  private readonly classCumulative: Float64Array;
  private readonly population: number;
  private readonly uniformPopulation: () => number;
  private readonly capacityEvents: CapacityEvent[];
  /** True once {@link run} has started the run. */
  private started = false;
  /** True once {@link finish} has ended it. */
  private ended = false;
  private readonly onArrivalCallback = () => this.onArrival();
  private readonly onCapacityCallback = (index: number) => this.onCapacityEvent(index);

  /**
   * @param scenario a resolved scenario (one design applied).
   * @param replication replication index: seeds the random streams with the scenario's seed.
   * @param extraHooks plug-ins added to the scenario's own mechanisms.
   */
  constructor(scenario: ResolvedScenario, replication: number, extraHooks: ModelHooks = {}) {
    this.scenario = scenario;
    this.citizens = new CitizenTable(citizenCapacity(scenario));
    this.env = new Environment({ initialCapacity: 1 << 16 });
    const streams = new RandomStreams(replicationSeed(scenario.seed, replication));
    this.metrics = new RunMetrics({
      binWidthSeconds: scenario.bin_width_seconds,
      horizonSeconds: scenario.horizon_seconds,
      warmupSeconds: scenario.warmup_seconds,
    });
    this.admission = new CitizenAdmission({
      citizens: this.citizens,
      sessions: this.sessions,
      metrics: this.metrics,
      now: () => this.env.now,
      startJourney: (citizen, arrivedAt) => this.client.startJourney(citizen, arrivedAt),
      freeSession: (session) => this.client.freeSession(session),
      onGiveUp: (now, citizen, persistenceClass) =>
        this.hooks.onGiveUp?.(now, citizen, persistenceClass),
    });
    this.mechanisms = buildMechanisms({
      scenario,
      replication,
      streams,
      extraHooks,
      citizenStage: (gate) => this.admission.addStage(gate),
    });
    this.hooks = this.mechanisms.hooks;
    const parts = assembleModel({
      scenario,
      streams,
      hooks: this.hooks,
      limitersOfClass: this.mechanisms.limitersOfClass,
    });
    this.tiers = parts.tiers;
    this.source = parts.source;
    this.batchSize = parts.batchSize;
    this.classCumulative = parts.classCumulative;
    this.capacityEvents = parts.capacityEvents;
    this.population = scenario.demand.population ?? Infinity;
    this.uniformPopulation = streams.stream(STREAMS.population).random;
    this.network = new ServiceNetwork({
      env: this.env,
      tiers: this.tiers,
      requests: this.requests,
      routers: parts.routers,
      visitsPerAttempt: parts.visitsPerAttempt,
      routingUniform: streams.stream(STREAMS.routing).random,
      priorityLevels: parts.priorityLevels,
      priorityClasses: parts.priorityClasses,
      metrics: this.metrics,
    });
    const patience = streams.stream(STREAMS.patience);
    this.client = new ClientSide({
      env: this.env,
      citizens: this.citizens,
      sessions: this.sessions,
      requests: this.requests,
      network: this.network,
      classes: parts.classes,
      thinkMeans: parts.thinkMeans,
      thinkSamplers: parts.thinkSamplers,
      uniform: patience.random,
      exponentialUnit: patience.exponential(1),
      balkUniform: streams.stream(STREAMS.balking).random,
      retryAfterUniform: streams.stream(STREAMS.retryAfter).random,
      honourRetryAfter: this.hooks.honourRetryAfter ?? 0,
      hooks: this.hooks,
      metrics: this.metrics,
      expiry: this.admission,
    });
  }

  // ---- CapacityControl (what mechanisms may do to the running model) ----------------------

  /** Simulated time, seconds. */
  get now(): number {
    return this.env.now;
  }
  /** The model's engine. */
  get environment(): Environment {
    return this.env;
  }
  /** Sets a tier's scheduled servers from now on; queued work is kept. */
  setServers(tier: number, servers: number): void {
    this.network.setServers(tier, servers);
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
  /** Schedules a callback on the engine after `delay` seconds. */
  schedule(delay: number, callback: (payload: number) => void, payload = 0): number {
    return this.env.schedule(delay, callback, payload);
  }
  /** Starts the journey of a citizen held by the gates (ignored if not held). */
  admitCitizen(citizen: number): void {
    this.admission.admit(citizen);
  }
  /** A held citizen gives up for good (ignored if not held). */
  abandonCitizen(citizen: number): void {
    this.admission.abandon(citizen);
  }
  /** Citizens held by the gates now. */
  get heldCitizens(): number {
    return this.admission.heldCitizens;
  }
  /** Stops the citizen's journey at its next client step and holds the citizen again. */
  expireCitizen(citizen: number): void {
    this.admission.expire(citizen);
  }
  /** Kept for mechanisms that report a queue length of their own (no effect here). */
  reportWaitingRoomLength(_length: number): void {}

  // ---- running -----------------------------------------------------------------------------

  /**
   * Runs the model to `until` seconds (the horizon when absent or later). The first call starts
   * the run: capacity, capacity events, the mechanisms' `onStart` hooks, the first arrival.
   * Later calls go on from where the previous one stopped, so running to 1,800 s and then to
   * 3,600 s gives exactly, bit for bit, what one run to 3,600 s gives.
   */
  run(until: number = this.scenario.horizon_seconds): void {
    const now = this.env.now;
    const horizon = this.scenario.horizon_seconds;
    if (this.ended) {
      throw new Error(
        "ClickDayModel.run: this run has ended (finish() closed it and gave its tables); " +
          "build a new model to run again",
      );
    }
    const end = Math.min(until, horizon);
    if (!(end >= now)) {
      throw new RangeError(
        `ClickDayModel.run: until must be a time in seconds not before the model's current ` +
          `time (${now} s), got ${until}`,
      );
    }
    if (!this.started) {
      this.started = true;
      this.tiers.forEach((_tier, index) => this.network.refreshCapacity(index));
      this.capacityEvents.forEach((event, index) => {
        this.env.scheduleAt(Math.max(now, event.time), this.onCapacityCallback, index, -1);
      });
      this.hooks.onStart?.(this);
      const first = this.source.next(now, horizon);
      if (first < Infinity && this.population > 0) {
        this.env.scheduleAt(first, this.onArrivalCallback, 0);
      }
    }
    this.env.run({ until: end });
  }

  /**
   * Ends the run where it stands and returns what the mechanisms add to its tables. The
   * mechanisms close what a run's end closes (a lottery or ranking whose registration outlasts
   * the run is drawn now), so the run cannot go on afterwards: {@link run} and a second
   * `finish` are refused.
   */
  finish(): MechanismTables[] {
    if (this.ended) throw new Error("ClickDayModel.finish: this run has already ended");
    this.ended = true;
    const citizens = this.citizens;
    return this.mechanisms.finish({
      now: this.env.now,
      citizens: citizens.count,
      citizenClass: citizens.clientClass.subarray(0, citizens.count),
      classes: this.scenario.demand.persistence.length,
      citizenOutcome: citizens.outcome.subarray(0, citizens.count),
    });
  }

  private onArrival(): void {
    const now = this.env.now;
    const batch = this.batchSize();
    const next = this.source.next(now, this.scenario.horizon_seconds);
    if (next < Infinity && this.citizens.count + batch < this.population) {
      this.env.scheduleAt(next, this.onArrivalCallback, 0);
    }
    for (let i = 0; i < batch && this.citizens.count < this.population; i++) {
      const u = this.uniformPopulation();
      const cumulative = this.classCumulative;
      let classIndex = 0;
      while (classIndex < cumulative.length - 1 && u >= cumulative[classIndex]) classIndex++;
      const citizen = this.citizens.add(now, classIndex);
      if (this.admission.gated) this.admission.arrive(citizen);
      else this.client.startJourney(citizen, now);
    }
  }

  private onCapacityEvent(index: number): void {
    const event = this.capacityEvents[index];
    if (event.kind === "servers") this.network.setServers(event.tier, event.value);
    else this.network.maintenance(event.tier, event.value, event.dropQueued);
  }
}
