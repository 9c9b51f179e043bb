/**
 * The client's timers that do not go on the calendar one by one: those of one constant delay
 * (each persistence class's timeout, fixed retry delay and come-back delay) wait in FIFO lanes,
 * one calendar entry per lane; reload timers, set for many attempts and almost all dropped when
 * the attempt ends first, wait in a timer wheel that puts only the live ones on the calendar, a
 * bucket before they are due.
 *
 * The retry and come-back lanes warm their next sessions in batches (`DelayLane`'s `warm`): at
 * full scale hundreds of thousands of sessions wait, so the session a retry reads is rarely in
 * the cache, and reading eight at once overlaps their cache misses.
 *
 * @module
 */
import { DelayLane, type Environment, TimerWheel } from "../../engine/mod.ts";
import { HAS_RELOAD, type RequestTable, WAITING } from "../population/request_table.ts";
import type { SessionTable } from "../population/session_table.ts";
import type { ClientClass } from "./client_class.ts";

/**
 * Reload-timer wheel: buckets of a quarter second, 128 of them (32 s ahead, beyond any reload
 * patience shorter than a client timeout of up to 32 s); a reload due sooner or later goes on
 * the calendar directly.
 */
const RELOAD_BUCKET_SECONDS = 0.25;
const RELOAD_BUCKETS = 128;

/** Options of {@link ClientTimers}. */
export interface ClientTimersOptions {
  /** The engine. */
  env: Environment;
  /** The requests (timeouts and reloads of requests no longer waited for are dropped). */
  requests: RequestTable;
  /** The sessions (warmed before their retry or come-back). */
  sessions: SessionTable;
  /** The client of each persistence class. */
  classes: ClientClass[];
  /** A request's timeout: its slot and the slot's generation when it was set. */
  onTimeout: (request: number, generation: number) => void;
  /** A session's retry or come-back is due. */
  onIssue: (session: number) => void;
  /** A request's reload timer is due. */
  onReload: (request: number) => void;
}

/** The client's lanes (by persistence class) and its reload wheel. */
export class ClientTimers {
  /** Timeouts, by class. */
  readonly timeoutLanes: DelayLane[];
  /** Fixed-delay retries, by class (null: the class's retry delay is not constant). */
  readonly retryLanes: (DelayLane | null)[];
  /** Come-backs, by class. */
  readonly comeBackLanes: DelayLane[];
  /** Reload timers (null when no class reloads). */
  readonly reloadWheel: TimerWheel | null;

  /** Creates the lanes and the wheel (see {@link ClientTimersOptions}). */
  constructor(options: ClientTimersOptions) {
    const { env, requests, sessions, classes, onIssue } = options;
    const isStale = (request: number, generation: number) =>
      requests.generation[request] !== generation || (requests.flags[request] & WAITING) === 0;
    this.timeoutLanes = classes.map(() =>
      new DelayLane({ env, callback: options.onTimeout, isStale })
    );
    const warm = (session: number) => sessions.waiting(session);
    this.retryLanes = classes.map((clientClass) =>
      clientClass.retry.constantDelay > 0 ? new DelayLane({ env, callback: onIssue, warm }) : null
    );
    this.comeBackLanes = classes.map(() => new DelayLane({ env, callback: onIssue, warm }));
    this.reloadWheel = classes.some((clientClass) => clientClass.reloadProbability > 0)
      ? new TimerWheel({
        env,
        bucketSeconds: RELOAD_BUCKET_SECONDS,
        buckets: RELOAD_BUCKETS,
        transfer: (time, request) => {
          requests.reloadHandle[request] = env.scheduleAt(time, options.onReload, request);
        },
        isStale: (request, generation) =>
          requests.generation[request] !== generation ||
          (requests.flags[request] & HAS_RELOAD) === 0,
      })
      : null;
  }
}
