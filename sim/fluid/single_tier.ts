/**
 * A single-tier fluid (mean-field) model of a server whose clients time out and retry, as in
 * the metastability literature (Bronson et al., "Metastable failures in distributed systems",
 * HotOS 2021; Huang et al., OSDI 2022; the CTMC of Metafor, Isaacs et al.). State: the queue
 * q (requests in the system, waiting or in service, 0 ≤ q ≤ K) and the orbit o (clients whose
 * attempt failed and who will try again).
 *
 * **Derivation.** Fresh requests arrive at λ(t); each orbiting client tries again after an
 * exponential time of mean D = τ + d (it learns of the failure at its timeout τ — a timed-out
 * request, or one dropped silently by a full queue, as a full accept backlog drops a SYN — then
 * backs off a mean d), so attempts arrive at `A = λ(t) + o/D`. The c servers complete
 * `S(q) = μ·min(q, c)` per second. An admitted attempt that finds q in the system fails (its
 * client times out) with probability f(q) = P(R(q) > τ), R its response time; the fluid model
 * uses the head-of-line approximation (R normal with mean ≈ q/(cμ), `response_tail.ts`). A
 * failed attempt returns to the orbit with probability r (`retryProbability`, or
 * r = 1 − 1/N for `maxAttempts` N: the geometric number of attempts has mean N when every
 * attempt fails, which is the degraded state that matters; it gives up otherwise. The fate of
 * an attempt is booked when it is admitted (the quasi-static approximation of Metafor's CTMC;
 * its delay τ is in D instead). With the discipline:
 *
 * - **FIFO** (no cancellation: a timed-out request stays queued and is served, wasted work):
 *   `dq/dt = a − S(q)`, `do/dt = r·(a·f(q) + b) − o/D`, goodput `a·(1 − f(q))`;
 * - **LIFO**: the newest attempt is served first, so while A > cμ the excess share
 *   `1 − cμ/A` is buried and times out: f = `1 − (1 − e^{−μτ})·min(1, cμ/A)` for q ≥ c
 *   (`e^{−μτ}` below c); same equations as FIFO;
 * - **deadline drop** (the server discards, at no cost, a request that would finish after its
 *   client's deadline): only the live share enters, `dq/dt = a_live − S(q)` with
 *   `a_live = A·(1 − f(q))` (bounded at the wall), `do/dt = r·(A·f(q) + b) − o/D`.
 *
 * a is the admitted rate: A below the capacity K; at the wall q = K the queue slides
 * (a = min(A, S(K)), the rest b = A − a is blocked). Everything is per second.
 *
 * **Limits.** A fluid model has no queueing below capacity (the healthy queue is λ/μ, not the
 * M/M/c mean) and no noise-driven escapes: a state on the degraded side of the separatrix
 * never recovers and one on the healthy side always does, whereas the stochastic system
 * switches, rarely, both ways (`ctmc.ts` gives those times). The quasi-static booking moves
 * orbit entries τ earlier than in reality (transients, not equilibria, are shifted); a retry
 * limit enters only through its mean; LIFO ignores near-critical busy periods longer than τ;
 * deadline drop counts doomed requests as taking no queue place. Small c and small cμτ
 * (a head-of-line threshold of a few requests) are where the normal approximation is worst
 * (bounded in `response_tail.ts`).
 *
 * @module
 */
import { fluidTimeoutProbability, type ServiceSide } from "./response_tail.ts";

/** Queue discipline of the tier (see the module comment for what each changes). */
export type Discipline = "fifo" | "lifo" | "deadline-drop";

/** The disciplines, for validation and iteration. */
export const DISCIPLINES: readonly Discipline[] = ["fifo", "lifo", "deadline-drop"];

/** Parameters of a single tier with timeouts and retries. Times in seconds, rates per second. */
export interface SingleTierParameters {
  /** λ, fresh (first-attempt) requests per second when there is no profile (≥ 0). */
  arrivalRate: number;
  /** Optional time-varying λ(t), requests per second at t seconds (e.g. `surgeProfile`). */
  arrivalProfile?: (time: number) => number;
  /** μ, completions per second per server (> 0). */
  serviceRate: number;
  /** c, servers (≥ 1; any real in the fluid model, an integer in the CTMC). */
  servers: number;
  /** K, requests the tier holds, waiting or in service (≥ c). */
  queueCapacity: number;
  /** τ, client timeout in seconds (> 0). */
  timeout: number;
  /** d, mean back-off after a client notices a failure, seconds (≥ 0). */
  retryDelay: number;
  /** r, probability a failed attempt is retried, in [0, 1). Give this or `maxAttempts`. */
  retryProbability?: number;
  /** N, attempts per client at most (≥ 1), turned into r = 1 − 1/N. */
  maxAttempts?: number;
  /** Queue discipline (default `"fifo"`). */
  discipline?: Discipline;
}

/** A validated single tier, with the derived constants the equations use. */
export interface SingleTierModel {
  /** The parameters it was built from. */
  readonly parameters: SingleTierParameters;
  /** λ, base fresh arrival rate, per second. */
  readonly arrivalRate: number;
  /** λ(t), per second (the constant λ when there is no profile). */
  readonly arrivalAt: (time: number) => number;
  /** Service side (μ, c, τ) for the timeout tails. */
  readonly service: ServiceSide;
  /** β = cμ, the tier's capacity, completions per second. */
  readonly capacity: number;
  /** K, places in the tier. */
  readonly queueCapacity: number;
  /** D = τ + d, mean time a failed client spends in the orbit, seconds. */
  readonly orbitDelay: number;
  /** r, retry probability per failed attempt. */
  readonly retryProbability: number;
  /** Queue discipline. */
  readonly discipline: Discipline;
  /** e^{−μτ}: probability a request served at once still exceeds the timeout. */
  readonly serviceTail: number;
}

function requireFinite(field: string, value: number, minimum: number, strict = false): void {
  if (!(Number.isFinite(value) && (strict ? value > minimum : value >= minimum))) {
    throw new RangeError(
      `${field} must be a finite number ${strict ? ">" : ">="} ${minimum}, got ${value}`,
    );
  }
}

/**
 * Checks the parameters and derives the model's constants.
 * @throws RangeError naming the field when a parameter is out of range.
 */
export function singleTierModel(parameters: SingleTierParameters): SingleTierModel {
  const p = parameters;
  requireFinite("arrivalRate", p.arrivalRate, 0);
  requireFinite("serviceRate", p.serviceRate, 0, true);
  requireFinite("servers", p.servers, 1);
  requireFinite("queueCapacity", p.queueCapacity, p.servers);
  requireFinite("timeout", p.timeout, 0, true);
  requireFinite("retryDelay", p.retryDelay, 0);
  const discipline = p.discipline ?? "fifo";
  if (!DISCIPLINES.includes(discipline)) {
    throw new RangeError(
      `discipline: got ${JSON.stringify(discipline)}; allowed: fifo, lifo, deadline-drop`,
    );
  }
  let retryProbability: number;
  if (p.retryProbability !== undefined) {
    if (p.maxAttempts !== undefined) {
      throw new RangeError("retryProbability, maxAttempts: give one of them, not both");
    }
    if (
      !(Number.isFinite(p.retryProbability) && p.retryProbability >= 0 && p.retryProbability < 1)
    ) {
      throw new RangeError(`retryProbability must be in [0, 1), got ${p.retryProbability}`);
    }
    retryProbability = p.retryProbability;
  } else if (p.maxAttempts !== undefined) {
    requireFinite("maxAttempts", p.maxAttempts, 1);
    retryProbability = 1 - 1 / p.maxAttempts;
  } else {
    throw new RangeError("retryProbability, maxAttempts: one of them is required");
  }
  const service = { serviceRate: p.serviceRate, servers: p.servers, timeout: p.timeout };
  const profile = p.arrivalProfile;
  return {
    parameters: p,
    arrivalRate: p.arrivalRate,
    arrivalAt: profile ?? (() => p.arrivalRate),
    service,
    capacity: p.servers * p.serviceRate,
    queueCapacity: p.queueCapacity,
    orbitDelay: p.timeout + p.retryDelay,
    retryProbability,
    discipline,
    serviceTail: Math.exp(-p.serviceRate * p.timeout),
  };
}

/** The rates (per second) through a single tier at one state. */
export interface SingleTierFlows {
  /** A = λ + o/D, attempts offered. */
  offered: number;
  /** Attempts admitted to the queue (for deadline drop: the live ones only). */
  admitted: number;
  /** Attempts refused by a full queue. */
  blocked: number;
  /** S(q) = μ·min(q, c), completions (useful or wasted). */
  served: number;
  /** Attempts whose client times out (f·admitted; deadline drop: f·offered, dropped unserved). */
  timedOut: number;
  /** Attempts answered within the timeout. */
  goodput: number;
  /** o/D, retries leaving the orbit. */
  retries: number;
  /** Failed attempts entering the orbit, r·(timedOut + blocked). */
  toOrbit: number;
  /** dq/dt. */
  queueDrift: number;
  /** do/dt. */
  orbitDrift: number;
  /** f, probability that an admitted attempt times out. */
  timeoutProbability: number;
}

/** A fresh flows record (to reuse with `singleTierFlows`'s `into`). */
export function emptyFlows(): SingleTierFlows {
  return {
    offered: 0,
    admitted: 0,
    blocked: 0,
    served: 0,
    timedOut: 0,
    goodput: 0,
    retries: 0,
    toOrbit: 0,
    queueDrift: 0,
    orbitDrift: 0,
    timeoutProbability: 0,
  };
}

/**
 * The timeout probability f of an attempt admitted at queue q with `offered` attempts per
 * second: the fluid head-of-line tail (FIFO, deadline drop) or the LIFO burial share.
 * @param timeoutTail Tail to use for FIFO (default the fluid normal approximation).
 */
export function timeoutProbabilityAt(
  model: SingleTierModel,
  queue: number,
  offered: number,
  timeoutTail: (queue: number) => number = (q) => fluidTimeoutProbability(model.service, q),
): number {
  if (model.discipline !== "lifo") return timeoutTail(Math.max(queue, 0));
  if (queue < model.service.servers) return model.serviceTail;
  const servedShare = offered > model.capacity ? model.capacity / offered : 1;
  return 1 - (1 - model.serviceTail) * servedShare;
}

/**
 * The flows at state (q, o) under fresh arrival rate λ, with a given timeout probability f.
 * Writes into `into` when given (no allocation) and returns it.
 */
export function flowsWithTimeout(
  model: SingleTierModel,
  arrivalRate: number,
  queue: number,
  orbit: number,
  timeoutProbability: number,
  into: SingleTierFlows = emptyFlows(),
): SingleTierFlows {
  const q = Math.min(Math.max(queue, 0), model.queueCapacity);
  const o = Math.max(orbit, 0);
  const retries = o / model.orbitDelay;
  const offered = arrivalRate + retries;
  const served = model.service.serviceRate * Math.min(q, model.service.servers);
  const wall = queue >= model.queueCapacity;
  const f = timeoutProbability;
  let admitted: number;
  let timedOut: number;
  let goodput: number;
  if (model.discipline === "deadline-drop") {
    const live = offered * (1 - f);
    admitted = wall ? Math.min(live, served) : live;
    timedOut = offered * f;
    goodput = admitted;
    into.blocked = live - admitted;
  } else {
    admitted = wall ? Math.min(offered, served) : offered;
    timedOut = admitted * f;
    goodput = admitted - timedOut;
    into.blocked = offered - admitted;
  }
  into.offered = offered;
  into.admitted = admitted;
  into.served = served;
  into.timedOut = timedOut;
  into.goodput = goodput;
  into.retries = retries;
  into.toOrbit = model.retryProbability * (timedOut + into.blocked);
  into.queueDrift = admitted - served;
  into.orbitDrift = into.toOrbit - retries;
  into.timeoutProbability = f;
  return into;
}

/** The flows at time t and state (q, o) of the fluid model (per second). */
export function singleTierFlows(
  model: SingleTierModel,
  time: number,
  queue: number,
  orbit: number,
  into?: SingleTierFlows,
): SingleTierFlows {
  const arrivalRate = model.arrivalAt(time);
  const offered = arrivalRate + Math.max(orbit, 0) / model.orbitDelay;
  const f = timeoutProbabilityAt(model, queue, offered);
  return flowsWithTimeout(model, arrivalRate, queue, orbit, f, into);
}

/**
 * The fluid drift (dq/dt, do/dt) at time t, in the shape ODE integrators take
 * (`derivative(t, y, dydt)` with y = [q, o]). Allocation-free.
 */
export function singleTierDerivative(
  model: SingleTierModel,
): (time: number, state: ArrayLike<number>, slope: { [index: number]: number }) => void {
  const scratch = emptyFlows();
  return (time, state, slope) => {
    singleTierFlows(model, time, state[0], state[1], scratch);
    slope[0] = scratch.queueDrift;
    slope[1] = scratch.orbitDrift;
  };
}

/** Share of offered attempts answered in time, goodput/A (1 when nothing is offered). */
export function successShare(flows: SingleTierFlows): number {
  return flows.offered > 0 ? flows.goodput / flows.offered : 1;
}

/** A rectangular surge: λ multiplied by `multiplier` from `start` for `duration` seconds. */
export interface Surge {
  /** Start of the surge, seconds. */
  start: number;
  /** Length of the surge, seconds (> 0). */
  duration: number;
  /** λ during the surge divided by the base λ (> 0). */
  multiplier: number;
}

/** λ(t) for a base rate with a rectangular surge on top (requests per second). */
export function surgeProfile(arrivalRate: number, surge: Surge): (time: number) => number {
  requireFinite("surge.start", surge.start, 0);
  requireFinite("surge.duration", surge.duration, 0, true);
  requireFinite("surge.multiplier", surge.multiplier, 0, true);
  const end = surge.start + surge.duration;
  return (time) => time >= surge.start && time < end ? arrivalRate * surge.multiplier : arrivalRate;
}
