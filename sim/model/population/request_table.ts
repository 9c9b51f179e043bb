/**
 * The requests in flight, as struct-of-arrays columns indexed by a slot number reused through
 * a free list: one attempt of a citizen's operation, from the moment its client sends it until
 * both the client has stopped waiting for it and the service has let it go. A slot's
 * generation counter changes each time it is freed, so a timer holding (slot, generation) can
 * tell that its request is gone.
 *
 * @module
 */
import { grown } from "../../engine/mod.ts";

/** Flag: the client is still waiting for this attempt. */
export const WAITING = 1;
/** Flag: the request is in the service (queued or in service at a tier). */
export const IN_SYSTEM = 2;
/** Flag: the request is being served. */
export const IN_SERVICE = 4;
/** Flag: the request left its tier's queue while queued (reneged); the queue skips it. */
export const LEFT_QUEUE = 8;
/** Flag: `reloadHandle` holds a pending reload timer. */
export const HAS_RELOAD = 16;
/** Flag: `patienceHandle` holds a pending end-to-end patience timer. */
export const HAS_PATIENCE = 32;
/** Flag: `renegeHandle` holds a pending queue-patience (reneging) timer. */
export const HAS_RENEGE = 64;

/** Struct-of-arrays table of requests. */
export class RequestTable {
  /** Session that sent the request. */
  session = new Int32Array(1024);
  /** Generation of the slot (bumped when freed). */
  generation = new Uint32Array(1024);
  /** Journey operation index. */
  operation = new Int32Array(1024);
  /**
   * Persistence class of its session (a copy, so that the client's reaction to a served attempt
   * need not read the session before writing it).
   */
  clientClass = new Uint8Array(1024);
  /** Hops done on the route (0 at the first tier). */
  hop = new Int32Array(1024);
  /** Tier the request is at (or was last at). */
  tier = new Int32Array(1024);
  /** When the client sent it, seconds. */
  issued = new Float64Array(1024);
  /** When it entered its current tier, seconds. */
  entered = new Float64Array(1024);
  /** When its service started at the current tier, seconds. */
  started = new Float64Array(1024);
  /** Calendar handle of its service completion (−1: none). */
  serviceHandle = new Float64Array(1024);
  /**
   * Calendar handle of its reload timer, valid while HAS_RELOAD is set (the flag spares the
   * common path a read of this column, as for the two below).
   */
  reloadHandle = new Float64Array(1024);
  /** Calendar handle of its random end-to-end patience timer, valid while HAS_PATIENCE is set. */
  patienceHandle = new Float64Array(1024);
  /** Calendar handle of its queue-patience (reneging) timer, valid while HAS_RENEGE is set. */
  renegeHandle = new Float64Array(1024);
  /** WAITING | IN_SYSTEM | IN_SERVICE | LEFT_QUEUE | HAS_RELOAD | HAS_PATIENCE | HAS_RENEGE. */
  flags = new Uint8Array(1024);
  /** Index in its tier's in-service list. */
  servicePosition = new Int32Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;
  private count = 0;

  /** Takes a free slot (flags and handles cleared by the caller). */
  allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.count === this.session.length) this.grow(this.count * 2);
    return this.count++;
  }

  /** Frees the slot if neither the client nor the service holds it any more. */
  releaseIfDone(request: number): void {
    if ((this.flags[request] & (WAITING | IN_SYSTEM)) !== 0) return;
    this.flags[request] = 0;
    this.generation[request] = (this.generation[request] + 1) >>> 0;
    this.free[this.freeCount++] = request;
  }

  /** Slots ever used (the table's high-water mark). */
  get highWater(): number {
    return this.count;
  }

  private grow(size: number): void {
    this.session = grown(this.session, size);
    this.generation = grown(this.generation, size);
    this.operation = grown(this.operation, size);
    this.clientClass = grown(this.clientClass, size);
    this.hop = grown(this.hop, size);
    this.tier = grown(this.tier, size);
    this.issued = grown(this.issued, size);
    this.entered = grown(this.entered, size);
    this.started = grown(this.started, size);
    this.serviceHandle = grown(this.serviceHandle, size);
    this.reloadHandle = grown(this.reloadHandle, size);
    this.patienceHandle = grown(this.patienceHandle, size);
    this.renegeHandle = grown(this.renegeHandle, size);
    this.flags = grown(this.flags, size);
    this.servicePosition = grown(this.servicePosition, size);
    this.free = grown(this.free, size);
  }
}
