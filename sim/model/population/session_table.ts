/**
 * Citizens on their way: one session per citizen between the start of the journey and its end
 * (success, or giving up for good), indexed by a reused slot.
 *
 * Layout: each session is one 64-byte record (one cache line) in a single buffer, read through
 * three views (float64, int32, uint8), rather than one array per column. A client step reads
 * and writes most of a session's fields at once, and at full scale hundreds of thousands of
 * sessions are live: one record per line means one cache miss per step instead of one per field.
 *
 * @module
 */

/** Bytes per session record. */
const RECORD_BYTES = 64;
const F64_PER_RECORD = RECORD_BYTES / 8;
const I32_PER_RECORD = RECORD_BYTES / 4;
// float64 fields (index within the record's 8 float64 words)
const PREVIOUS_DELAY = 0;
const START = 1;
const RETRY_AFTER = 2;
// int32 fields (index within the record's 16 int32 words; bytes 24–39)
const CITIZEN = 6;
const OPERATION = 7;
const ATTEMPT = 8;
const RETRIES = 9;
// uint8 fields (byte within the record; bytes 40–42)
const CLIENT_CLASS = 40;
const EXPIRED = 41;
const WAITING = 42;

/** Table of sessions, one cache-line record each. */
export class SessionTable {
  private f64: Float64Array;
  private i32: Int32Array;
  private u8: Uint8Array;
  private free = new Int32Array(1024);
  private freeCount = 0;
  private count = 0;
  private capacity = 1024;
  private expiredSessions = 0;

  /** Creates an empty table. */
  constructor() {
    const buffer = new ArrayBuffer(this.capacity * RECORD_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u8 = new Uint8Array(buffer);
  }

  /** Takes a free slot; the caller sets every field (or use {@link open}). */
  allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.count === this.capacity) this.grow(this.count * 2);
    return this.count++;
  }

  /**
   * Opens a session for `citizen` of persistence class `classIndex`, arrived at `start`
   * (seconds), at its first operation with no attempt made; `firstDelay` is the retry policy's
   * first delay (seconds). Returns its slot.
   */
  open(citizen: number, classIndex: number, start: number, firstDelay: number): number {
    const session = this.allocate();
    this.setCitizen(session, citizen);
    this.setOperation(session, 0);
    this.setAttempt(session, 0);
    this.setRetries(session, 0);
    this.setStart(session, start);
    this.setClientClass(session, classIndex);
    this.setRetryAfter(session, 0);
    this.setExpired(session, 0);
    this.setWaiting(session, 0);
    this.setPreviousDelay(session, firstDelay);
    return session;
  }

  /**
   * Sessions whose admission expired (see {@link expired}). While it is 0 a client step need not
   * read the flag, and so may write a session it has not read (a write does not wait for memory).
   */
  get expiredCount(): number {
    return this.expiredSessions;
  }

  /** Returns a slot to the free list. */
  release(session: number): void {
    this.setExpired(session, 0);
    this.u8[session * RECORD_BYTES + WAITING] = 0;
    this.free[this.freeCount++] = session;
  }

  /** The citizen. */
  citizen(session: number): number {
    return this.i32[session * I32_PER_RECORD + CITIZEN];
  }
  /** Sets the citizen. */
  setCitizen(session: number, citizen: number): void {
    this.i32[session * I32_PER_RECORD + CITIZEN] = citizen;
  }
  /** Current journey operation index. */
  operation(session: number): number {
    return this.i32[session * I32_PER_RECORD + OPERATION];
  }
  /** Sets the current journey operation index. */
  setOperation(session: number, operation: number): void {
    this.i32[session * I32_PER_RECORD + OPERATION] = operation;
  }
  /** Attempts made at the current operation (since the last come-back). */
  attempt(session: number): number {
    return this.i32[session * I32_PER_RECORD + ATTEMPT];
  }
  /** Sets the attempts made at the current operation. */
  setAttempt(session: number, attempt: number): void {
    this.i32[session * I32_PER_RECORD + ATTEMPT] = attempt;
  }
  /** Retries made over the whole journey. */
  retries(session: number): number {
    return this.i32[session * I32_PER_RECORD + RETRIES];
  }
  /** Sets the retries made over the whole journey. */
  setRetries(session: number, retries: number): void {
    this.i32[session * I32_PER_RECORD + RETRIES] = retries;
  }
  /** Delay before the previous retry, seconds (decorrelated jitter). */
  previousDelay(session: number): number {
    return this.f64[session * F64_PER_RECORD + PREVIOUS_DELAY];
  }
  /** Sets the delay before the previous retry, seconds. */
  setPreviousDelay(session: number, seconds: number): void {
    this.f64[session * F64_PER_RECORD + PREVIOUS_DELAY] = seconds;
  }
  /** When the citizen arrived, seconds. */
  start(session: number): number {
    return this.f64[session * F64_PER_RECORD + START];
  }
  /** Sets when the citizen arrived, seconds. */
  setStart(session: number, seconds: number): void {
    this.f64[session * F64_PER_RECORD + START] = seconds;
  }
  /** Retry-After told to the last rejected attempt, seconds (0: none). */
  retryAfter(session: number): number {
    return this.f64[session * F64_PER_RECORD + RETRY_AFTER];
  }
  /** Sets the Retry-After told to the last rejected attempt, seconds (0: none). */
  setRetryAfter(session: number, seconds: number): void {
    this.f64[session * F64_PER_RECORD + RETRY_AFTER] = seconds;
  }
  /** Persistence class index. */
  clientClass(session: number): number {
    return this.u8[session * RECORD_BYTES + CLIENT_CLASS];
  }
  /** Sets the persistence class index (0–255). */
  setClientClass(session: number, classIndex: number): void {
    this.u8[session * RECORD_BYTES + CLIENT_CLASS] = classIndex;
  }
  /** 1 when the citizen's admission expired: stop at the next client step. */
  expired(session: number): number {
    return this.u8[session * RECORD_BYTES + EXPIRED];
  }
  /** Sets whether the citizen's admission expired (1) or not (0). */
  setExpired(session: number, expired: number): void {
    const at = session * RECORD_BYTES + EXPIRED;
    this.expiredSessions += expired - this.u8[at];
    this.u8[at] = expired;
  }
  /** 1 while the session waits to retry (in the orbit); 2 while it waits to come back. */
  waiting(session: number): number {
    return this.u8[session * RECORD_BYTES + WAITING];
  }
  /** Sets what the session waits for (0 nothing, 1 a retry, 2 a come-back). */
  setWaiting(session: number, waiting: number): void {
    this.u8[session * RECORD_BYTES + WAITING] = waiting;
  }

  private grow(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    new Uint8Array(buffer).set(this.u8);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u8 = new Uint8Array(buffer);
    const free = new Int32Array(capacity);
    free.set(this.free);
    this.free = free;
    this.capacity = capacity;
  }
}
