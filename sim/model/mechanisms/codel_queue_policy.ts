/**
 * CoDel queue-delay control (RFC 8289) applied to a request queue.
 *
 * The tier calls {@link CoDelQueuePolicy.shouldDrop} for the request at the head of its
 * queue when it is about to serve it; a `true` answer means "drop it and ask again for the
 * next one". Requests are dropped once the queueing delay (sojourn) has stayed above `target`
 * for at least `interval`; while it stays above, drops come closer together following the
 * control law `next = t + interval / √count`. When the delay falls below target, dropping
 * stops. Defaults are the RFC's (5 ms, 100 ms) and are meant for packets: a web tier would
 * use e.g. target 0.1–1 s, interval 1–10 s.
 *
 * The RFC's backlog term (`bytes() <= MAXPACKET`: never drop the last packet) is left out. CoDel
 * keeps the delay near target for senders that slow down on drops; arrivals that do not (a
 * click day's) under persistent overload see a standing delay near `interval`, as the RFC's
 * pseudo-code gives too: 1 server, 1 s services, Poisson 2/s, target 0.5 s, interval 5 s: mean
 * queue wait ≈ 4.8–4.9 s in both, half of the requests dropped.
 *
 * @module
 */
import { requirePositive } from "./option_checks.ts";

/** Options of a {@link CoDelQueuePolicy}. */
export interface CoDelOptions {
  /** Acceptable standing queue delay, seconds (RFC default 0.005). */
  targetSeconds?: number;
  /** Window the delay must stay above target before dropping starts, seconds (RFC: 0.1). */
  intervalSeconds?: number;
}

/** CoDel state machine for one queue. No allocation per call. */
export class CoDelQueuePolicy {
  /** Target queue delay, seconds. */
  readonly targetSeconds: number;
  /** Interval, seconds. */
  readonly intervalSeconds: number;
  #firstAboveTime = 0;
  #dropNext = 0;
  #count = 0;
  #lastCount = 0;
  #dropping = false;
  #drops = 0;

  /** Creates the policy; throws a `RangeError` naming a bad option. */
  constructor(options: CoDelOptions = {}) {
    this.targetSeconds = requirePositive("codel.targetSeconds", options.targetSeconds ?? 0.005);
    this.intervalSeconds = requirePositive(
      "codel.intervalSeconds",
      options.intervalSeconds ?? 0.1,
    );
  }

  /** True while CoDel is in its dropping state. */
  get dropping(): boolean {
    return this.#dropping;
  }

  /** Requests dropped so far. */
  get drops(): number {
    return this.#drops;
  }

  #okToDrop(now: number, sojourn: number): boolean {
    if (sojourn < this.targetSeconds) {
      this.#firstAboveTime = 0;
      return false;
    }
    if (this.#firstAboveTime === 0) {
      this.#firstAboveTime = now + this.intervalSeconds;
      return false;
    }
    return now >= this.#firstAboveTime;
  }

  #controlLaw(time: number): number {
    return time + this.intervalSeconds / Math.sqrt(this.#count);
  }

  /**
   * Decides the fate of the head-of-queue request at dequeue time.
   *
   * @param now time, seconds
   * @param enqueuedAt when the request joined the queue, seconds
   * @returns true if the request must be dropped (then ask again for the next one)
   */
  shouldDrop(now: number, enqueuedAt: number): boolean {
    const okToDrop = this.#okToDrop(now, now - enqueuedAt);
    if (this.#dropping) {
      if (!okToDrop) {
        this.#dropping = false;
        return false;
      }
      if (now >= this.#dropNext) {
        this.#count++;
        this.#dropNext = this.#controlLaw(this.#dropNext);
        this.#drops++;
        return true;
      }
      return false;
    }
    if (okToDrop) {
      this.#dropping = true;
      const delta = this.#count - this.#lastCount;
      this.#count = delta > 1 && now - this.#dropNext < 16 * this.intervalSeconds ? delta : 1;
      this.#dropNext = this.#controlLaw(now);
      this.#lastCount = this.#count;
      this.#drops++;
      return true;
    }
    return false;
  }

  /** A dequeue found the queue empty (RFC 8289: leaves the above-target episode). */
  onQueueEmpty(): void {
    this.#firstAboveTime = 0;
    this.#dropping = false;
  }
}
