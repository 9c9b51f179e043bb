/**
 * The client side of the model: a citizen's session walks the journey's operations; each
 * attempt is a request sent into the service; the client waits for it (a timeout or a patience
 * draw), may reload impatiently, and on a failure retries after its policy's delay, gives up
 * the operation, comes back later or gives up for good. Client-side limits (breaker, throttle,
 * retry budget) can fail an attempt before it is sent.
 *
 * Timeouts, fixed-delay retries, come-backs and reloads wait in `client_timers.ts`. A served
 * attempt carries its session's class and operation, so the next step writes the session
 * without reading it first: at full scale the session is rarely in the cache, and a write does
 * not wait for memory.
 *
 * @module
 */
import type { Environment } from "../../engine/mod.ts";
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
import { ClientTimers } from "./client_timers.ts";

/** Session state: waiting to retry (in the orbit). */
const IN_ORBIT = 1;
/** Session state: waiting to come back. */
const COMING_BACK = 2;

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
  private readonly timers: ClientTimers;
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
    this.timers = new ClientTimers({
      env: this.env,
      requests: this.requests,
      sessions: this.sessions,
      classes: this.classes,
      onTimeout: (request, generation) => this.onTimeout(request, generation),
      onIssue: this.onIssueCallback,
      onReload: this.onReloadCallback,
    });
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
    this.startOperation(session, classIndex, 0);
  }

  /** Ends a session's slot (the citizen is no longer on the way). */
  freeSession(session: number): void {
    this.citizens.session[this.sessions.citizen(session)] = -1;
    this.sessions.release(session);
  }

  /** Starts operation `operation` (current, not tried, not expired) after the think time. */
  private startOperation(session: number, classIndex: number, operation: number): void {
    const sampler = this.thinkSamplers[operation];
    const think = sampler !== null
      ? sampler()
      : this.thinkMeans[operation] > 0
      ? this.thinkMeans[operation] * this.exponentialUnit()
      : 0;
    if (think > 0) this.env.schedule(think, this.onIssueCallback, session);
    else this.sendAttempt(session, classIndex, operation, 1);
  }

  // ---- attempts --------------------------------------------------------------------------

  /** Sends the next attempt of the session's current operation (after a wait). */
  private issueAttempt(session: number): void {
    const sessions = this.sessions;
    const waiting = sessions.waiting(session);
    if (waiting !== 0) {
      const now = this.env.now;
      sessions.setWaiting(session, 0);
      if (waiting === IN_ORBIT) this.metrics.orbit.add(now, -1);
      else this.metrics.comingBack.add(now, -1);
    }
    if (this.hasExpired(session) && this.expiry.ended(session)) return;
    const attempt = sessions.attempt(session) + 1;
    this.sendAttempt(session, sessions.clientClass(session), sessions.operation(session), attempt);
  }

  /**
   * Sends attempt `attempt` of the session's operation `operation` (`classIndex`: its class),
   * writing the session without reading it (but a client-side limit's citizen).
   */
  private sendAttempt(
    session: number,
    classIndex: number,
    operation: number,
    attempt: number,
  ): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const clientClass = this.classes[classIndex];
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
    requests.operation[request] = operation;
    requests.clientClass[request] = classIndex;
    requests.issued[request] = now;
    requests.flags[request] = WAITING | IN_SYSTEM; // no timer handles set (no HAS_* flag)

    const timeout = clientClass.timeout;
    const timers = this.timers;
    if (timeout < Infinity) {
      timers.timeoutLanes[classIndex].push(now + timeout, request, requests.generation[request]);
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
        if (timers.reloadWheel!.push(now + patience, request, requests.generation[request])) {
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
    const requests = this.requests;
    const session = requests.session[request];
    const classIndex = requests.clientClass[request];
    const operation = requests.operation[request];
    requests.releaseIfDone(request);
    this.onSuccess(session, classIndex, operation);
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

  /**
   * The session's operation `operation` succeeded (`classIndex`: its class). Until the journey
   * ends the session is written, not read: a session out of the cache costs no wait here.
   */
  private onSuccess(session: number, classIndex: number, operation: number): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const clientClass = this.classes[classIndex];
    const limiters = clientClass.limiters;
    if (limiters.length > 0) {
      const citizen = sessions.citizen(session);
      for (let i = 0; i < limiters.length; i++) limiters[i].record(now, citizen, session, 1);
    }
    const next = operation + 1;
    sessions.setOperation(session, next);
    // An expiry stops the journey at its next step; a served last operation has no next step
    // (a waiting room checks the token when a request enters, not when it is answered).
    if (next < this.journeyLength && this.hasExpired(session) && this.expiry.ended(session)) {
      return;
    }
    sessions.setAttempt(session, 0);
    sessions.setPreviousDelay(session, clientClass.retry.firstDelay);
    if (next < this.journeyLength) {
      this.startOperation(session, classIndex, next);
      return;
    }
    const citizen = sessions.citizen(session);
    this.citizens.outcome[citizen] = OUTCOME_SUCCEEDED;
    const arrived = sessions.start(session);
    if (arrived >= this.metrics.warmup) this.metrics.timeToSuccess.record(now - arrived);
    this.freeSession(session);
    this.hooks.onSuccess?.(now, citizen, classIndex);
  }

  /** True when the session's admission expired (read only while some admission has). */
  private hasExpired(session: number): boolean {
    return this.sessions.expiredCount > 0 && this.sessions.expired(session) === 1;
  }

  /**
   * An attempt failed: `result` 0 when the service failed it (timeout, rejection, crash,
   * reneging, balking), −1 when a client-side limit did.
   */
  private onFailure(session: number, result: number): void {
    const now = this.env.now;
    const sessions = this.sessions;
    const classIndex = sessions.clientClass(session);
    const clientClass = this.classes[classIndex];
    const limiters = clientClass.limiters;
    if (limiters.length > 0) {
      const citizen = sessions.citizen(session);
      for (let i = 0; i < limiters.length; i++) limiters[i].record(now, citizen, session, result);
    }
    if (this.hasExpired(session) && this.expiry.ended(session)) return;
    if (clientClass.giveUp > 0 && this.uniform() < clientClass.giveUp) {
      this.endSession(session);
      return;
    }
    const attempt = sessions.attempt(session);
    const retries = sessions.retries(session);
    if (attempt < clientClass.maxAttempts && retries < clientClass.maxRetriesTotal) {
      sessions.setRetries(session, retries + 1);
      const retry = clientClass.retry;
      const retryAfter = sessions.retryAfter(session);
      const delay = retryAfter > 0 && this.honourRetryAfter > 0 &&
          this.retryAfterUniform() < this.honourRetryAfter
        ? retryAfter
        : retry.constantDelay >= 0 // NaN when the delays vary
        ? retry.constantDelay
        : retry.delay(attempt, sessions.previousDelay(session));
      sessions.setPreviousDelay(session, delay);
      sessions.setWaiting(session, IN_ORBIT);
      this.metrics.orbit.add(now, 1);
      const lane = this.timers.retryLanes[classIndex];
      if (lane !== null && delay === retry.constantDelay) {
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
      this.timers.comeBackLanes[classIndex].push(now + clientClass.comeBackDelay, session);
      return;
    }
    const citizen = sessions.citizen(session);
    this.citizens.outcome[citizen] = OUTCOME_GAVE_UP;
    this.freeSession(session);
    this.hooks.onGiveUp?.(now, citizen, classIndex);
  }
}
