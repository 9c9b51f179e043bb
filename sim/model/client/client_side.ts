/**
 * The client side of the model: a citizen's session walks the journey's operations; each
 * attempt is a request sent into the service; the client waits for it (a timeout or a patience
 * draw), may reload impatiently, and on a failure retries after its policy's delay, gives up
 * the operation, comes back later or gives up for good. Client-side limits (breaker, throttle,
 * retry budget) can fail an attempt before it is sent.
 *
 * Timers of one constant delay — each class's timeout, fixed retry delay and come-back delay —
 * run in FIFO lanes (one calendar entry each) instead of one calendar event per attempt. Reload
 * timers, set for many attempts and almost all dropped when the attempt ends first, wait in a
 * timer wheel that puts only the live ones on the calendar, a bucket before they are due.
 *
 * @module
 */
import { DelayLane, type Environment, TimerWheel } from "../../engine/mod.ts";
import type { ModelHooks } from "../hooks.ts";
import {
  FAILED_LOCAL,
  FAILED_TIMEOUT,
  OFFERED_FIRST,
  OFFERED_RETRY,
  type RunMetrics,
} from "../metrics/run_metrics.ts";
import type { CitizenTable } from "../population/citizen_table.ts";
import { OUTCOME_GAVE_UP, OUTCOME_SUCCEEDED } from "../outcomes.ts";
import {
  HAS_PATIENCE,
  HAS_RELOAD,
  IN_SYSTEM,
  type RequestTable,
  WAITING,
} from "../population/request_table.ts";
import type { SessionTable } from "../population/session_table.ts";
import type { AttemptListener, ServiceNetwork } from "../tier/service_network.ts";
import type { ClientClass } from "./client_class.ts";

/** Session state: waiting to retry (in the orbit). */
const IN_ORBIT = 1;
/** Session state: waiting to come back. */
const COMING_BACK = 2;
/**
 * Reload-timer wheel: buckets of a quarter second, 128 of them (32 s ahead, beyond any reload
 * patience shorter than a client timeout of up to 32 s); a reload due sooner or later goes on
 * the calendar directly.
 */
const RELOAD_BUCKET_SECONDS = 0.25;
const RELOAD_BUCKETS = 128;

/** What decides, at a client step, that a citizen's admission expired (waiting-room tokens). */
export interface ExpiryCheck {
  /** True when the session has ended because its admission expired. */
  ended(session: number): boolean;
}

/** Options of {@link ClientSide}. */
export interface ClientSideOptions {
  /** The engine. */
  env: Environment;
  /** The citizens. */
  citizens: CitizenTable;
  /** The sessions. */
  sessions: SessionTable;
  /** The requests. */
  requests: RequestTable;
  /** The service. */
  network: ServiceNetwork;
  /** The client of each persistence class. */
  classes: ClientClass[];
  /** Mean of the exponential think time before each operation (0: none), seconds. */
  thinkMeans: Float64Array;
  /** Think-time sampler of each operation given as a distribution (null: use the mean). */
  thinkSamplers: ((() => number) | null)[];
  /** Uniform draws for giving up, coming back and reloads. */
  uniform: () => number;
  /** Unit-mean exponential draws for think and reload times. */
  exponentialUnit: () => number;
  /** Uniform draws for balking. */
  balkUniform: () => number;
  /** Uniform draws for honouring Retry-After. */
  retryAfterUniform: () => number;
  /** Probability that a client honours a Retry-After. */
  honourRetryAfter: number;
  /** Success and give-up hooks. */
  hooks: ModelHooks;
  /** The run's metrics. */
  metrics: RunMetrics;
  /** The expiry of admissions. */
  expiry: ExpiryCheck;
}

/** Sessions, attempts and the client's reactions. */
export class ClientSide implements AttemptListener {
  private readonly env: Environment;
  private readonly citizens: CitizenTable;
  private readonly sessions: SessionTable;
  private readonly requests: RequestTable;
  private readonly network: ServiceNetwork;
  private readonly classes: ClientClass[];
  private readonly thinkMeans: Float64Array;
  private readonly thinkSamplers: ((() => number) | null)[];
  private readonly journeyLength: number;
  private readonly uniform: () => number;
  private readonly exponentialUnit: () => number;
  private readonly balkUniform: () => number;
  private readonly retryAfterUniform: () => number;
  private readonly honourRetryAfter: number;
  private readonly hooks: ModelHooks;
  private readonly metrics: RunMetrics;
  private readonly expiry: ExpiryCheck;
  private readonly timeoutLanes: DelayLane[];
  private readonly retryLanes: (DelayLane | null)[];
  private readonly comeBackLanes: DelayLane[];
  private readonly reloadWheel: TimerWheel | null;
  private readonly anyBalking: boolean;
  private readonly anyQueuePatience: boolean;
  private readonly onIssueCallback = (session: number) => this.issueAttempt(session);
  private readonly onReloadCallback = (request: number) => this.onReload(request);
  private readonly onPatienceCallback = (request: number) => this.onPatience(request);

  /** Creates the client side (see {@link ClientSideOptions}). */
  constructor(options: ClientSideOptions) {
    this.env = options.env;
    this.citizens = options.citizens;
    this.sessions = options.sessions;
    this.requests = options.requests;
    this.network = options.network;
    this.classes = options.classes;
    this.thinkMeans = options.thinkMeans;
    this.thinkSamplers = options.thinkSamplers;
    this.journeyLength = options.thinkMeans.length;
    this.uniform = options.uniform;
    this.exponentialUnit = options.exponentialUnit;
    this.balkUniform = options.balkUniform;
    this.retryAfterUniform = options.retryAfterUniform;
    this.honourRetryAfter = options.honourRetryAfter;
    this.hooks = options.hooks;
    this.metrics = options.metrics;
    this.expiry = options.expiry;
    this.anyBalking = this.classes.some((clientClass) => clientClass.balkLength < Infinity);
    this.anyQueuePatience = this.classes.some((clientClass) => clientClass.queuePatience !== null);
    const env = this.env;
    const onTimeout = (request: number, generation: number) => this.onTimeout(request, generation);
    const requests = this.requests;
    const isStale = (request: number, generation: number) =>
      requests.generation[request] !== generation || (requests.flags[request] & WAITING) === 0;
    this.timeoutLanes = this.classes.map(() =>
      new DelayLane({ env, callback: onTimeout, isStale })
    );
    this.retryLanes = this.classes.map((clientClass) =>
      clientClass.retry.constantDelay > 0
        ? new DelayLane({ env, callback: this.onIssueCallback })
        : null
    );
    this.comeBackLanes = this.classes.map(() =>
      new DelayLane({ env, callback: this.onIssueCallback })
    );
    this.reloadWheel = this.classes.some((clientClass) => clientClass.reloadProbability > 0)
      ? new TimerWheel({
        env,
        bucketSeconds: RELOAD_BUCKET_SECONDS,
        buckets: RELOAD_BUCKETS,
        transfer: (time, request) => {
          requests.reloadHandle[request] = env.scheduleAt(time, this.onReloadCallback, request);
        },
        isStale: (request, generation) =>
          requests.generation[request] !== generation ||
          (requests.flags[request] & HAS_RELOAD) === 0,
      })
      : null;
    this.network.listen(this);
  }

  // ---- sessions --------------------------------------------------------------------------

  /** Starts a citizen's journey (arrived at `arrivedAt`, seconds). */
  startJourney(citizen: number, arrivedAt: number): void {
    const sessions = this.sessions;
    const classIndex = this.citizens.clientClass[citizen];
    const clientClass = this.classes[classIndex];
    const session = sessions.open(citizen, classIndex, arrivedAt, clientClass.retry.firstDelay);
    this.citizens.session[citizen] = session;
    for (const limiter of clientClass.limiters) limiter.startSession?.(session, this.env.now);
    this.startOperation(session);
  }

  /** Ends a session's slot (the citizen is no longer on the way). */
  freeSession(session: number): void {
    this.citizens.session[this.sessions.citizen(session)] = -1;
    this.sessions.release(session);
  }

  private startOperation(session: number): void {
    const operation = this.sessions.operation(session);
    const sampler = this.thinkSamplers[operation];
    const think = sampler !== null
      ? sampler()
      : this.thinkMeans[operation] > 0
      ? this.thinkMeans[operation] * this.exponentialUnit()
      : 0;
    if (think > 0) this.env.schedule(think, this.onIssueCallback, session);
    else this.issueAttempt(session);
  }

  // ---- attempts --------------------------------------------------------------------------

  /** Sends the next attempt of the session's current operation. */
  private issueAttempt(session: number): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const waiting = sessions.waiting(session);
    if (waiting !== 0) {
      sessions.setWaiting(session, 0);
      if (waiting === IN_ORBIT) this.metrics.orbit.add(now, -1);
      else this.metrics.comingBack.add(now, -1);
    }
    if (sessions.expired(session) === 1 && this.expiry.ended(session)) return;
    const classIndex = sessions.clientClass(session);
    const clientClass = this.classes[classIndex];
    const attempt = sessions.attempt(session) + 1;
    sessions.setAttempt(session, attempt);
    sessions.setRetryAfter(session, 0);
    const limiters = clientClass.limiters;
    if (limiters.length > 0) {
      const citizen = sessions.citizen(session);
      for (let i = 0; i < limiters.length; i++) {
        if (!limiters[i].allow(now, citizen, session, attempt > 1)) {
          this.metrics.count(FAILED_LOCAL, now); // fails fast: never reaches the service
          this.onFailure(session, -1);
          return;
        }
      }
    }
    this.metrics.count(attempt === 1 ? OFFERED_FIRST : OFFERED_RETRY, now);

    const requests = this.requests;
    const request = requests.allocate();
    requests.session[request] = session;
    requests.operation[request] = sessions.operation(session);
    requests.issued[request] = now;
    requests.flags[request] = WAITING | IN_SYSTEM; // no timer handles set (no HAS_* flag)

    const timeout = clientClass.timeout;
    if (timeout < Infinity) {
      this.timeoutLanes[classIndex].push(now + timeout, request, requests.generation[request]);
    } else if (clientClass.patience !== null) {
      requests.patienceHandle[request] = this.env.schedule(
        clientClass.patience(),
        this.onPatienceCallback,
        request,
      );
      requests.flags[request] |= HAS_PATIENCE;
    }
    if (clientClass.reloadProbability > 0 && this.uniform() < clientClass.reloadProbability) {
      const patience = clientClass.reloadPatienceMean * this.exponentialUnit();
      if (patience < timeout) {
        requests.flags[request] |= HAS_RELOAD;
        // In the wheel there is no calendar handle (−1 cancels nothing); the flag says whether
        // the timer is still wanted.
        if (this.reloadWheel!.push(now + patience, request, requests.generation[request])) {
          requests.reloadHandle[request] = -1;
        } else {
          requests.reloadHandle[request] = this.env.schedule(
            patience,
            this.onReloadCallback,
            request,
          );
        }
      }
    }
    this.network.send(request);
  }

  /** The client stops waiting for `request` (timeout, reload, failure, success). */
  private stopWaiting(request: number): void {
    const requests = this.requests;
    const flags = requests.flags[request];
    requests.flags[request] = flags & ~(WAITING | HAS_RELOAD | HAS_PATIENCE);
    if ((flags & HAS_RELOAD) !== 0) this.env.cancel(requests.reloadHandle[request]);
    if ((flags & HAS_PATIENCE) !== 0) this.env.cancel(requests.patienceHandle[request]);
  }

  private onTimeout(request: number, generation: number): void {
    const requests = this.requests;
    if (requests.generation[request] !== generation) return;
    if ((requests.flags[request] & WAITING) === 0) return;
    this.giveUpWaiting(request);
  }

  private onPatience(request: number): void {
    this.requests.flags[request] &= ~HAS_PATIENCE;
    if ((this.requests.flags[request] & WAITING) !== 0) this.giveUpWaiting(request);
  }

  /** The client's patience with an attempt ran out: it is a failure (a timeout). */
  private giveUpWaiting(request: number): void {
    this.stopWaiting(request);
    this.metrics.countEnd(FAILED_TIMEOUT, this.env.now, this.requests.issued[request]);
    const session = this.requests.session[request];
    this.requests.releaseIfDone(request);
    this.onFailure(session, 0);
  }

  private onReload(request: number): void {
    const requests = this.requests;
    requests.flags[request] &= ~HAS_RELOAD;
    if ((requests.flags[request] & WAITING) === 0) return;
    // The citizen reloads: the old request stays in the system, orphaned.
    this.stopWaiting(request);
    const session = requests.session[request];
    requests.releaseIfDone(request);
    this.issueAttempt(session);
  }

  // ---- what the service tells the client (AttemptListener) -------------------------------

  /** The attempt was served in time. */
  served(request: number): void {
    this.stopWaiting(request);
    const session = this.requests.session[request];
    this.requests.releaseIfDone(request);
    this.onSuccess(session);
  }

  /** The service failed the attempt. */
  failed(request: number, _kind: number): void {
    this.stopWaiting(request);
    const session = this.requests.session[request];
    this.requests.releaseIfDone(request);
    this.onFailure(session, 0);
  }

  /** The queue patience of the request's client, seconds. */
  queuePatience(request: number): number {
    if (!this.anyQueuePatience) return Infinity;
    const sampler = this.classes[this.sessions.clientClass(this.requests.session[request])]
      .queuePatience;
    return sampler === null ? Infinity : sampler();
  }

  /** Whether the request's client balks at `queued` requests. */
  balks(request: number, queued: number): boolean {
    if (!this.anyBalking) return false;
    const clientClass = this.classes[this.sessions.clientClass(this.requests.session[request])];
    if (queued < clientClass.balkLength) return false;
    return clientClass.balkProbability >= 1 || this.balkUniform() < clientClass.balkProbability;
  }

  /** A gate told the client to retry after `seconds`. */
  toldRetryAfter(request: number, seconds: number): void {
    this.sessions.setRetryAfter(this.requests.session[request], seconds);
  }

  // ---- reactions ---------------------------------------------------------------------------

  private onSuccess(session: number): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const clientClass = this.classes[sessions.clientClass(session)];
    const citizen = sessions.citizen(session);
    const limiters = clientClass.limiters;
    for (let i = 0; i < limiters.length; i++) limiters[i].record(now, citizen, session, 1);
    const operation = sessions.operation(session) + 1;
    sessions.setOperation(session, operation);
    // An expiry stops the journey at its next step; a served last operation has no next step
    // (a waiting room checks the token when a request enters, not when it is answered).
    if (
      operation < this.journeyLength && sessions.expired(session) === 1 &&
      this.expiry.ended(session)
    ) return;
    sessions.setAttempt(session, 0);
    sessions.setPreviousDelay(session, clientClass.retry.firstDelay);
    if (operation < this.journeyLength) {
      this.startOperation(session);
      return;
    }
    this.citizens.outcome[citizen] = OUTCOME_SUCCEEDED;
    const arrived = sessions.start(session);
    if (arrived >= this.metrics.warmup) this.metrics.timeToSuccess.record(now - arrived);
    const classIndex = sessions.clientClass(session);
    this.freeSession(session);
    this.hooks.onSuccess?.(now, citizen, classIndex);
  }

  /**
   * An attempt failed: `result` 0 when the service failed it (timeout, rejection, crash,
   * reneging, balking), −1 when a client-side limit did.
   */
  private onFailure(session: number, result: number): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const clientClass = this.classes[sessions.clientClass(session)];
    const citizen = sessions.citizen(session);
    const limiters = clientClass.limiters;
    for (let i = 0; i < limiters.length; i++) limiters[i].record(now, citizen, session, result);
    if (sessions.expired(session) === 1 && this.expiry.ended(session)) return;
    if (clientClass.giveUp > 0 && this.uniform() < clientClass.giveUp) {
      this.endSession(session);
      return;
    }
    const attempt = sessions.attempt(session);
    const retries = sessions.retries(session);
    if (attempt < clientClass.maxAttempts && retries < clientClass.maxRetriesTotal) {
      sessions.setRetries(session, retries + 1);
      const retryAfter = sessions.retryAfter(session);
      const delay = retryAfter > 0 && this.honourRetryAfter > 0 &&
          this.retryAfterUniform() < this.honourRetryAfter
        ? retryAfter
        : clientClass.retry.delay(attempt, sessions.previousDelay(session));
      sessions.setPreviousDelay(session, delay);
      sessions.setWaiting(session, IN_ORBIT);
      this.metrics.orbit.add(now, 1);
      const lane = this.retryLanes[sessions.clientClass(session)];
      if (lane !== null && delay === clientClass.retry.constantDelay) {
        lane.push(now + delay, session);
      } else {
        this.env.schedule(delay, this.onIssueCallback, session);
      }
      return;
    }
    this.endSession(session);
  }

  /** The citizen abandons the current operation: comes back later, or gives up for good. */
  private endSession(session: number): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const classIndex = sessions.clientClass(session);
    const clientClass = this.classes[classIndex];
    if (clientClass.comeBackProbability > 0 && this.uniform() < clientClass.comeBackProbability) {
      sessions.setAttempt(session, 0);
      sessions.setPreviousDelay(session, clientClass.retry.firstDelay);
      sessions.setWaiting(session, COMING_BACK);
      this.metrics.comingBack.add(now, 1);
      this.comeBackLanes[classIndex].push(now + clientClass.comeBackDelay, session);
      return;
    }
    const citizen = sessions.citizen(session);
    this.citizens.outcome[citizen] = OUTCOME_GAVE_UP;
    this.freeSession(session);
    this.hooks.onGiveUp?.(now, citizen, classIndex);
  }
}
