/**
 * The scope of a client-side limit — whose attempts share its counters: one `session` (a
 * citizen's journey, reset when a new journey starts), one `citizen` (kept across come-backs
 * and journeys), or one `gateway` shared by every citizen routed through it (citizen id modulo
 * the number of gateways: a client process, an app backend, an API gateway instance).
 *
 * {@link ScopedCounters} keeps two counters per key, each decaying exponentially with time
 * constant `window` seconds — the smooth equivalent of counting over a sliding window of that
 * length, in O(1) memory per key and no allocation per update.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { positiveInteger, positiveNumber } from "../../scenario/numbers.ts";
import { grown } from "../../engine/mod.ts";

/** Scope options shared by client-side limits. */
export const scopeFields = {
  scope: z.enum(["session", "citizen", "gateway"], {
    error: "is not one of session, citizen, gateway",
  }).default("gateway").describe(
    "Whose attempts share the counters: one session, one citizen, or one gateway",
  ),
  gateways: positiveInteger("capacity").default(1).describe(
    "Gateways citizens are spread over (scope gateway): citizen id modulo this number",
  ),
};

/** A scope kind. */
export type Scope = "session" | "citizen" | "gateway";

/** The key of an attempt's counters in a scope. */
export function scopeKey(scope: Scope, gateways: number, citizen: number, session: number): number {
  return scope === "session" ? session : scope === "citizen" ? citizen : citizen % gateways;
}

/** The sliding-window field of a limit. */
export const windowField = {
  window_seconds: positiveNumber("time").default(120).describe(
    "Time constant of the counting window, seconds (the SRE book counts over 2 minutes)",
  ),
};

/** Two exponentially decaying counters (a, b) per key. */
export class ScopedCounters {
  private a = new Float64Array(64);
  private b = new Float64Array(64);
  private last = new Float64Array(64);
  private readonly rate: number;

  /** @param windowSeconds decay time constant, seconds (Infinity: no decay). */
  constructor(windowSeconds: number) {
    this.rate = windowSeconds === Infinity ? 0 : 1 / windowSeconds;
  }

  /** Decays key `key`'s counters to time `now`. */
  private decay(key: number, now: number): void {
    if (key >= this.a.length) {
      const size = Math.max(key + 1, this.a.length * 2);
      this.a = grown(this.a, size);
      this.b = grown(this.b, size);
      this.last = grown(this.last, size);
    }
    const elapsed = now - this.last[key];
    if (elapsed > 0 && this.rate > 0) {
      const factor = Math.exp(-elapsed * this.rate);
      this.a[key] *= factor;
      this.b[key] *= factor;
    }
    this.last[key] = now;
  }

  /** Counter a of `key` at `now`. */
  first(key: number, now: number): number {
    this.decay(key, now);
    return this.a[key];
  }

  /** Counter b of `key` at `now`. */
  second(key: number, now: number): number {
    this.decay(key, now);
    return this.b[key];
  }

  /** Adds to counter a of `key` at `now`. */
  addFirst(key: number, now: number, amount: number): void {
    this.decay(key, now);
    this.a[key] += amount;
  }

  /** Adds to counter b of `key` at `now`. */
  addSecond(key: number, now: number, amount: number): void {
    this.decay(key, now);
    this.b[key] += amount;
  }

  /** Clears `key`'s counters. */
  reset(key: number): void {
    if (key < this.a.length) {
      this.a[key] = 0;
      this.b[key] = 0;
    }
  }
}
