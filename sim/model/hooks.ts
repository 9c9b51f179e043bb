/**
 * Plug-in points for mechanisms built apart from the core model (admission control, waiting
 * rooms, autoscaling, budget allocation): the model calls these hooks; the mechanisms call
 * {@link CapacityControl} back.
 *
 * @module
 */
import type { Environment } from "../engine/mod.ts";

/** Decides, before a tier, whether a request may enter it (token bucket, concurrency limit…). */
export interface AdmissionGate {
  /**
   * True to let the request in, false to reject it (counted as `failed_rejected`).
   *
   * @param now simulated time, seconds.
   * @param tier index of the tier in `service.tiers`.
   */
  admit(now: number, tier: number): boolean;
  /**
   * Optional: told when a request admitted by this gate leaves the tier.
   *
   * @param latencySeconds time from entering the tier to leaving it, seconds.
   * @param ok true when served, false when lost (crash).
   */
  release?(now: number, tier: number, latencySeconds: number, ok: boolean): void;
  /**
   * Optional: the wait a rejected client is told (HTTP 429 `Retry-After`), seconds; 0 for none.
   * Called right after {@link admit} returned false.
   */
  retryAfter?(now: number, tier: number): number;
}

/** Decides at dequeue whether the request at the head of a tier's queue is dropped (CoDel). */
export interface QueuePolicy {
  /**
   * True to drop the request about to be served (its client sees a rejection), then the tier
   * asks again for the next one.
   *
   * @param now simulated time, seconds.
   * @param enqueuedAt when the request joined the queue, seconds.
   */
  shouldDrop(now: number, enqueuedAt: number): boolean;
  /** Optional: told when a free service slot finds the queue empty. */
  onQueueEmpty?(): void;
}

/** The load measure a {@link LoadShedder} compares with its thresholds. */
export type LoadSignal = "utilisation" | "queue_length" | "queue_delay_seconds";

/** Rejects requests on entry to a tier by priority class as its load rises. */
export interface LoadShedder {
  /**
   * What `load` is: `utilisation` = (in service + queued) ÷ service slots; `queue_length`,
   * requests; `queue_delay_seconds` = age of the oldest queued request, seconds.
   */
  readonly signal: LoadSignal;
  /**
   * True to reject the request.
   *
   * @param priority the operation's priority class (0 = most important).
   * @param load the tier's load in the unit of {@link signal}.
   */
  shouldShed(priority: number, load: number): boolean;
}

/**
 * Decides, when a citizen arrives, whether the journey starts now or the citizen is held
 * outside the service (a virtual waiting room). A held citizen starts when the gate calls
 * {@link CapacityControl.admitCitizen}, or gives up when it calls
 * {@link CapacityControl.abandonCitizen}.
 */
export interface CitizenGate {
  /**
   * True to let the citizen start the journey now, false to hold them.
   *
   * @param now simulated time, seconds.
   * @param citizen the citizen's id (arrival index, 0-based).
   * @param persistenceClass index into `demand.persistence`.
   */
  arrive(now: number, citizen: number, persistenceClass: number): boolean;
}

/** What a capacity controller (autoscaler, schedule, waiting room) may do to the running model. */
export interface CapacityControl {
  /** Sets a tier's number of servers from now on (queued work is kept). */
  setServers(tier: number, servers: number): void;
  /** A tier's scheduled number of servers. */
  servers(tier: number): number;
  /** Requests queued at a tier now. */
  queueLength(tier: number): number;
  /** Requests in service at a tier now. */
  busy(tier: number): number;
  /** Schedules `callback(payload)` after `delay` seconds on the model's engine. */
  schedule(delay: number, callback: (payload: number) => void, payload?: number): number;
  /** Simulated time, seconds. */
  readonly now: number;
  /** Starts the journey of a citizen held by the citizen gate (ignored if not held). */
  admitCitizen(citizen: number): void;
  /** A held citizen gives up for good (ignored if not held). */
  abandonCitizen(citizen: number): void;
  /** Citizens held by the citizen gate now. */
  readonly heldCitizens: number;
  /**
   * A citizen's admission ran out (waiting-room token expiry): the journey stops at the
   * client's next step and the citizen is held again (ignored if the citizen is not on the
   * way). A later {@link admitCitizen} restarts the journey from the first operation.
   */
  expireCitizen(citizen: number): void;
  /**
   * Reports the waiting room's queue length (citizens); once called, the
   * `waiting_room_length` series shows these reports instead of the held citizens.
   */
  reportWaitingRoomLength(length: number): void;
  /** The model's engine (for mechanisms built on engine resources, e.g. the budget). */
  readonly environment: Environment;
}

/** Hooks a run can be given; every one is optional. */
export interface ModelHooks {
  /** Admission gates by tier name. */
  admission?: Record<string, AdmissionGate>;
  /**
   * Probability that a client rejected with a `Retry-After` waits that long before its next
   * attempt instead of following its own retry policy (default 0).
   */
  honourRetryAfter?: number;
  /** Queue policies (CoDel) by tier name. */
  queuePolicy?: Record<string, QueuePolicy>;
  /** Load shedders by tier name. */
  shedding?: Record<string, LoadShedder>;
  /** A gate in front of the whole service, per citizen (waiting room). */
  citizenGate?: CitizenGate;
  /**
   * Called when a citizen completes the whole journey.
   *
   * @param citizen the citizen's id (its arrival index, 0-based).
   * @param persistenceClass index into `demand.persistence`.
   */
  onSuccess?(now: number, citizen: number, persistenceClass: number): void;
  /**
   * Called when a citizen gives up for good.
   *
   * @param citizen the citizen's id (its arrival index, 0-based).
   * @param persistenceClass index into `demand.persistence`.
   */
  onGiveUp?(now: number, citizen: number, persistenceClass: number): void;
  /** Called once before the run starts, e.g. for an autoscaler to schedule its ticks. */
  onStart?(control: CapacityControl): void;
  /** Client-side limiters asked before every attempt of every class (e.g. an observer). */
  limiters?: AttemptLimiter[];
}

/**
 * A client-side limit on attempts (circuit breaker, adaptive throttling, retry budget): asked
 * before each attempt is sent, told how each attempt ended. Keyed by citizen and session so a
 * limiter can keep its state per session, per citizen or per gateway (its scope).
 */
export interface AttemptLimiter {
  /**
   * True to send the attempt; false to fail it locally (it never reaches the service).
   *
   * @param now simulated time, seconds.
   * @param citizen the citizen's id.
   * @param session the session slot (reused after the session ends).
   * @param isRetry true for a retry of a failed attempt.
   */
  allow(now: number, citizen: number, session: number, isRetry: boolean): boolean;
  /**
   * An attempt ended: `result` 1 when served in time, 0 when the service failed it (timeout,
   * rejection, crash), −1 when a client-side limiter failed it locally.
   */
  record(now: number, citizen: number, session: number, result: number): void;
  /** Optional: a session starts at `now` seconds (per-session state resets). */
  startSession?(session: number, now: number): void;
}
