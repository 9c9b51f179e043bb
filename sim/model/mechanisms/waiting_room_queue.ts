/**
 * Virtual waiting room (as AWS's and Queue-it's, and bonus mobilità's on 3 Nov 2020).
 *
 * Citizens {@link WaitingRoom.join | join} a queue outside the service and are admitted at a
 * controlled rate (`admissionRatePerSecond`) from `openingTime` on: the room calls
 * `onAdmit(citizenId)` for each. Order is first-in-first-out, or, with
 * `"random-before-opening"`, everyone who joined before the opening is shuffled at the opening
 * (later arrivals queue behind them in arrival order). An admission token is valid for
 * `tokenValiditySeconds`: a citizen who has not called {@link WaitingRoom.complete} by then is
 * sent back to the end of the queue (`onExpire`), as bonus mobilità's 20-minute session cap did.
 * On joining, a citizen is shown the expected wait (time to opening + position ÷ rate) and
 * leaves with probability `balkingProbability(expectedWaitSeconds)`, coming back after
 * `returnDelay()` seconds (never, if that is `Infinity`).
 *
 * Built on the engine's fast path: one pending admission event at a time, per-citizen state in
 * typed arrays, callbacks created once.
 *
 * @module
 */
import type { RandomStream } from "../../engine/mod.ts";
import type { EventScheduler } from "./event_scheduler.ts";
import {
  requireInteger,
  requirePositive,
  requirePositiveOrInfinity,
  requireTime,
} from "./option_checks.ts";

/** How the waiting room orders citizens. */
export type WaitingRoomOrdering = "fifo" | "random-before-opening";

/** Waiting-room state of a citizen: never joined (or left). */
export const ROOM_OUTSIDE = 0;
/** Waiting-room state: in the queue. */
export const ROOM_QUEUED = 1;
/** Waiting-room state: admitted, token valid. */
export const ROOM_ADMITTED = 2;
/** Waiting-room state: left after seeing the expected wait, may come back. */
export const ROOM_AWAY = 3;
/** Waiting-room state: finished (completed, or gone for good). */
export const ROOM_DONE = 4;

/** Options of a {@link WaitingRoom}. */
export interface WaitingRoomOptions {
  /** Number of citizens expected; ids are 0, 1, …; the room grows for larger ids. */
  citizens: number;
  /** Admissions per second once open, citizens/s. */
  admissionRatePerSecond: number;
  /** When admissions start, seconds (joins before it wait for it). Default: the current time. */
  openingTime?: number;
  /** Queue order (default `"fifo"`). */
  ordering?: WaitingRoomOrdering;
  /** How long an admission token lasts, seconds (default `Infinity`). */
  tokenValiditySeconds?: number;
  /** Probability of leaving when shown an expected wait in seconds (default: never). */
  balkingProbability?: (expectedWaitSeconds: number) => number;
  /** Seconds until a citizen who left comes back (default: `Infinity`, never). */
  returnDelay?: () => number;
  /** Random stream for the shuffle and for balking (needed if either is used). */
  random?: RandomStream;
  /** Called when a citizen is admitted to the service. */
  onAdmit: (citizenId: number) => void;
  /** Called when a citizen's token expires (the citizen is already back in the queue). */
  onExpire?: (citizenId: number) => void;
  /** Called when a citizen leaves on seeing the expected wait (in seconds). */
  onBalk?: (citizenId: number, expectedWaitSeconds: number) => void;
  /** Called with the new queue length whenever it changes (for `waiting_room_length`). */
  onLengthChange?: (length: number) => void;
}

/** A virtual waiting room on the engine. */
export class WaitingRoom {
  /** Admission rate, citizens/s. */
  readonly admissionRatePerSecond: number;
  /** Opening time, seconds. */
  readonly openingTime: number;
  /** Queue order. */
  readonly ordering: WaitingRoomOrdering;
  /** Token validity, seconds. */
  readonly tokenValiditySeconds: number;
  readonly #env: EventScheduler;
  readonly #options: WaitingRoomOptions;
  #state: Uint8Array;
  #entrySequence: Float64Array; // sequence number of the citizen's live queue entry
  #expiryHandle: Float64Array;
  #admittedAt: Float64Array;
  #ringIds: Int32Array;
  #ringSequences: Float64Array;
  #head = 0; // sequence number of the oldest ring entry
  #tail = 0; // sequence number the next entry gets
  #length = 0; // live entries
  #opened = false;
  #tickPending = false;
  #nextAdmissionAt: number;
  #admitted = 0;
  #balked = 0;
  #expired = 0;
  readonly #tick: () => void;
  readonly #expire: (citizenId: number) => void;
  readonly #comeBack: (citizenId: number) => void;

  /** Creates the room and schedules its opening; throws a `RangeError` naming a bad option. */
  constructor(env: EventScheduler, options: WaitingRoomOptions) {
    this.#env = env;
    this.#options = options;
    const citizens = requireInteger("waitingRoom.citizens", options.citizens, 1);
    this.admissionRatePerSecond = requirePositive(
      "waitingRoom.admissionRatePerSecond",
      options.admissionRatePerSecond,
    );
    this.openingTime = requireTime("waitingRoom.openingTime", options.openingTime ?? env.now);
    this.ordering = options.ordering ?? "fifo";
    if (this.ordering !== "fifo" && this.ordering !== "random-before-opening") {
      throw new RangeError(
        `waitingRoom.ordering must be "fifo" or "random-before-opening", got ${
          JSON.stringify(this.ordering)
        }`,
      );
    }
    this.tokenValiditySeconds = requirePositiveOrInfinity(
      "waitingRoom.tokenValiditySeconds",
      options.tokenValiditySeconds ?? Infinity,
    );
    if (
      !options.random &&
      (this.ordering === "random-before-opening" || options.balkingProbability)
    ) {
      throw new RangeError(
        "waitingRoom.random (a random stream) is required for random ordering or balking",
      );
    }
    if (typeof options.onAdmit !== "function") {
      throw new RangeError("waitingRoom.onAdmit must be a function (citizenId) => void");
    }
    this.#state = new Uint8Array(citizens);
    this.#entrySequence = new Float64Array(citizens);
    this.#expiryHandle = new Float64Array(citizens).fill(-1);
    this.#admittedAt = new Float64Array(citizens).fill(NaN);
    const initialRing = Math.min(citizens, 1024);
    this.#ringIds = new Int32Array(initialRing);
    this.#ringSequences = new Float64Array(initialRing);
    this.#nextAdmissionAt = this.openingTime;
    this.#tick = () => this.#admitNext();
    this.#expire = (citizenId) => this.#onTokenExpired(citizenId);
    this.#comeBack = (citizenId) => {
      if (this.#state[citizenId] === ROOM_AWAY) {
        this.#state[citizenId] = ROOM_OUTSIDE;
        this.join(citizenId, this.#env.now);
      }
    };
    const openingDelay = Math.max(0, this.openingTime - env.now);
    env.schedule(openingDelay, () => this.#open());
  }

  /** Citizens waiting in the queue now (the `waiting_room_length` metric). */
  get length(): number {
    return this.#length;
  }

  /** Citizens admitted so far (re-admissions after expiry included). */
  get admitted(): number {
    return this.#admitted;
  }

  /** Times a citizen left on seeing the expected wait. */
  get balked(): number {
    return this.#balked;
  }

  /** Tokens that expired before the citizen completed. */
  get expired(): number {
    return this.#expired;
  }

  /** Waiting-room state of a citizen (`ROOM_*`). */
  stateOf(citizenId: number): number {
    return this.#state[citizenId];
  }

  /** Expected wait shown to a citizen joining at `now`, seconds. */
  expectedWaitForNewcomer(now: number): number {
    const untilOpening = this.#opened ? 0 : Math.max(0, this.openingTime - now);
    const ahead = !this.#opened && this.ordering === "random-before-opening"
      ? this.#length / 2
      : this.#length;
    return untilOpening + ahead / this.admissionRatePerSecond;
  }

  /** Citizens ahead of a queued citizen (approximate when others left the queue), or -1. */
  position(citizenId: number): number {
    if (this.#state[citizenId] !== ROOM_QUEUED) return -1;
    return Math.min(this.#length - 1, this.#entrySequence[citizenId] - this.#head);
  }

  /**
   * A citizen arrives at the waiting room at `now`. Shown the expected wait, the citizen
   * either queues (returns true) or leaves (returns false) and may come back later.
   * Joining while already queued or admitted is an error in the caller.
   */
  join(citizenId: number, now: number): boolean {
    if (citizenId >= this.#state.length) this.#growCitizens(citizenId);
    const state = this.#state[citizenId];
    if (state === ROOM_QUEUED || state === ROOM_ADMITTED) {
      throw new Error(`waitingRoom.join: citizen ${citizenId} is already queued or admitted`);
    }
    const balking = this.#options.balkingProbability;
    if (balking) {
      const expectedWait = this.expectedWaitForNewcomer(now);
      if (this.#options.random!.random() < balking(expectedWait)) {
        this.#balked++;
        this.#state[citizenId] = ROOM_AWAY;
        this.#options.onBalk?.(citizenId, expectedWait);
        const delay = this.#options.returnDelay ? this.#options.returnDelay() : Infinity;
        if (Number.isFinite(delay)) this.#env.schedule(delay, this.#comeBack, citizenId);
        else this.#state[citizenId] = ROOM_DONE;
        return false;
      }
    }
    this.#enqueue(citizenId);
    return true;
  }

  /** An admitted citizen finished (submitted or gave up): the token is no longer needed. */
  complete(citizenId: number): void {
    if (citizenId >= this.#state.length) this.#growCitizens(citizenId);
    this.#cancelExpiry(citizenId);
    if (this.#state[citizenId] === ROOM_QUEUED) {
      this.#length--;
      this.#lengthChanged();
    }
    this.#state[citizenId] = ROOM_DONE;
  }

  /** A citizen abandons the room (queued or away) for good. */
  leave(citizenId: number): void {
    this.complete(citizenId);
  }

  #enqueue(citizenId: number): void {
    if (this.#tail - this.#head === this.#ringIds.length) this.#growRing();
    const slot = this.#tail % this.#ringIds.length;
    this.#ringIds[slot] = citizenId;
    this.#ringSequences[slot] = this.#tail;
    this.#entrySequence[citizenId] = this.#tail;
    this.#tail++;
    this.#state[citizenId] = ROOM_QUEUED;
    this.#length++;
    this.#lengthChanged();
    this.#ensureTick();
  }

  /** Makes room for citizen ids up to `citizenId` (doubling: rare). */
  #growCitizens(citizenId: number): void {
    const size = Math.max(citizenId + 1, this.#state.length * 2);
    const state = new Uint8Array(size);
    state.set(this.#state);
    const sequences = new Float64Array(size);
    sequences.set(this.#entrySequence);
    const handles = new Float64Array(size).fill(-1);
    handles.set(this.#expiryHandle);
    const admittedAt = new Float64Array(size).fill(NaN);
    admittedAt.set(this.#admittedAt);
    this.#state = state;
    this.#entrySequence = sequences;
    this.#expiryHandle = handles;
    this.#admittedAt = admittedAt;
  }

  #growRing(): void {
    // Rare (doubling), so the amortised cost per join stays allocation-free in practice.
    const size = this.#ringIds.length;
    const ids = new Int32Array(size * 2);
    const sequences = new Float64Array(size * 2);
    for (let sequence = this.#head; sequence < this.#tail; sequence++) {
      ids[sequence % (size * 2)] = this.#ringIds[sequence % size];
      sequences[sequence % (size * 2)] = this.#ringSequences[sequence % size];
    }
    this.#ringIds = ids;
    this.#ringSequences = sequences;
  }

  #lengthChanged(): void {
    this.#options.onLengthChange?.(this.#length);
  }

  #ensureTick(): void {
    if (!this.#opened || this.#tickPending || this.#length === 0) return;
    this.#tickPending = true;
    const delay = Math.max(0, this.#nextAdmissionAt - this.#env.now);
    this.#env.schedule(delay, this.#tick);
  }

  #open(): void {
    this.#opened = true;
    if (this.ordering === "random-before-opening") this.#shuffleQueue();
    this.#nextAdmissionAt = Math.max(this.#nextAdmissionAt, this.#env.now);
    this.#ensureTick();
  }

  /** Fisher–Yates shuffle of the live entries (everyone who joined before the opening). */
  #shuffleQueue(): void {
    const random = this.#options.random!;
    // compact live entries into the ring's front, in order
    let live = 0;
    const size = this.#ringIds.length;
    for (let sequence = this.#head; sequence < this.#tail; sequence++) {
      const slot = sequence % size;
      const id = this.#ringIds[slot];
      if (this.#isLive(id, this.#ringSequences[slot])) {
        this.#ringIds[(this.#head + live) % size] = id;
        live++;
      }
    }
    for (let i = live - 1; i > 0; i--) {
      const j = Math.floor(random.random() * (i + 1));
      const slotI = (this.#head + i) % size;
      const slotJ = (this.#head + j) % size;
      const swap = this.#ringIds[slotI];
      this.#ringIds[slotI] = this.#ringIds[slotJ];
      this.#ringIds[slotJ] = swap;
    }
    for (let i = 0; i < live; i++) {
      const slot = (this.#head + i) % size;
      this.#ringSequences[slot] = this.#head + i;
      this.#entrySequence[this.#ringIds[slot]] = this.#head + i;
    }
    this.#tail = this.#head + live;
  }

  #isLive(citizenId: number, sequence: number): boolean {
    return this.#state[citizenId] === ROOM_QUEUED && this.#entrySequence[citizenId] === sequence;
  }

  #admitNext(): void {
    this.#tickPending = false;
    const size = this.#ringIds.length;
    while (this.#head < this.#tail) {
      const slot = this.#head % size;
      const citizenId = this.#ringIds[slot];
      const live = this.#isLive(citizenId, this.#ringSequences[slot]);
      this.#head++;
      if (!live) continue;
      this.#length--;
      this.#lengthChanged();
      this.#state[citizenId] = ROOM_ADMITTED;
      this.#admitted++;
      const now = this.#env.now;
      this.#admittedAt[citizenId] = now;
      this.#nextAdmissionAt = now + 1 / this.admissionRatePerSecond;
      if (Number.isFinite(this.tokenValiditySeconds)) {
        this.#expiryHandle[citizenId] = this.#env.schedule(
          this.tokenValiditySeconds,
          this.#expire,
          citizenId,
        );
      }
      this.#options.onAdmit(citizenId);
      break;
    }
    this.#ensureTick();
  }

  #onTokenExpired(citizenId: number): void {
    // Without `cancel` on the scheduler, an expiry of an earlier session may still fire: ignore
    // it unless the current session has really lasted the token's validity.
    const sessionEnds = this.#admittedAt[citizenId] + this.tokenValiditySeconds;
    if (this.#state[citizenId] !== ROOM_ADMITTED || this.#env.now < sessionEnds - 1e-9) return;
    this.#expiryHandle[citizenId] = -1;
    this.#expired++;
    this.#enqueue(citizenId);
    this.#options.onExpire?.(citizenId);
  }

  #cancelExpiry(citizenId: number): void {
    const handle = this.#expiryHandle[citizenId];
    if (handle >= 0) {
      this.#env.cancel?.(handle);
      this.#expiryHandle[citizenId] = -1;
    }
  }
}
