/**
 * Citizens on their way: one session per citizen between the start of the journey and its end
 * (success, or giving up for good), as struct-of-arrays columns indexed by a reused slot.
 *
 * @module
 */
import { grown } from "../../engine/mod.ts";

/** Struct-of-arrays table of sessions. */
export class SessionTable {
  /** The citizen. */
  citizen = new Int32Array(1024);
  /** Current journey operation index. */
  operation = new Int32Array(1024);
  /** Attempts made at the current operation (since the last come-back). */
  attempt = new Int32Array(1024);
  /** Retries made over the whole journey. */
  retries = new Int32Array(1024);
  /** Delay before the previous retry, seconds (decorrelated jitter). */
  previousDelay = new Float64Array(1024);
  /** When the citizen arrived, seconds. */
  start = new Float64Array(1024);
  /** Persistence class index. */
  clientClass = new Uint8Array(1024);
  /** Retry-After told to the last rejected attempt, seconds (0: none). */
  retryAfter = new Float64Array(1024);
  /** 1 when the citizen's admission expired: stop at the next client step. */
  expired = new Uint8Array(1024);
  /** 1 while the session waits to retry (in the orbit); 2 while it waits to come back. */
  waiting = new Uint8Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;
  private count = 0;

  /** Takes a free slot; the caller sets every column. */
  allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.count === this.citizen.length) this.grow(this.count * 2);
    return this.count++;
  }

  /** Returns a slot to the free list. */
  release(session: number): void {
    this.expired[session] = 0;
    this.waiting[session] = 0;
    this.free[this.freeCount++] = session;
  }

  private grow(size: number): void {
    this.citizen = grown(this.citizen, size);
    this.operation = grown(this.operation, size);
    this.attempt = grown(this.attempt, size);
    this.retries = grown(this.retries, size);
    this.previousDelay = grown(this.previousDelay, size);
    this.start = grown(this.start, size);
    this.clientClass = grown(this.clientClass, size);
    this.retryAfter = grown(this.retryAfter, size);
    this.expired = grown(this.expired, size);
    this.waiting = grown(this.waiting, size);
    this.free = grown(this.free, size);
  }
}
