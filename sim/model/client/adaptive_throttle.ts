/**
 * Client-side adaptive throttling (Google SRE book, "Handling Overload"): a client rejects a
 * request locally with probability `max(0, (requests − K · accepts) / (requests + 1))`, where
 * `requests` counts the attempts it tried (local rejections included) and `accepts` those the
 * backend served, over a recent window. Shared by every citizen of a scope (a gateway, by
 * default) — per journey it would never act when a citizen makes one request.
 *
 * Scenario: `demand.client.adaptive_throttle: { k, window_seconds, scope, gateways }`.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { positiveNumber } from "../../scenario/numbers.ts";
import { defineMechanism } from "../mechanisms/mechanism.ts";
import { ScopedCounters, scopeFields, scopeKey, windowField } from "./scope.ts";

/** Probability that the throttle rejects an attempt locally. */
export function throttleRejectProbability(requests: number, accepts: number, k: number): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}

/** `adaptive_throttle` options. */
export const AdaptiveThrottleSchema = z.strictObject({
  k: positiveNumber("unscaled").describe("K: requests allowed per accept (2 in the SRE book)"),
  ...windowField,
  ...scopeFields,
});

/** The adaptive-throttling mechanism. */
export const adaptiveThrottle = defineMechanism({
  key: "adaptive_throttle",
  place: "client",
  description: "Client-side adaptive throttling (SRE book): reject locally as accepts fall",
  schema: AdaptiveThrottleSchema,
  build(config, context) {
    // requests in counter a, accepts in counter b
    const counters = new ScopedCounters(config.window_seconds);
    const uniform = context.stream(`throttle:${context.clientClass}`).random;
    const { k, scope, gateways } = config;
    return {
      limiter: {
        allow(now, citizen, session) {
          const key = scopeKey(scope, gateways, citizen, session);
          const requests = counters.first(key, now);
          const accepts = counters.second(key, now);
          counters.addFirst(key, now, 1);
          const p = throttleRejectProbability(requests, accepts, k);
          return !(p > 0 && uniform() < p);
        },
        record(now, citizen, session, result) {
          if (result === 1) counters.addSecond(scopeKey(scope, gateways, citizen, session), now, 1);
        },
        startSession: scope === "session" ? (session) => counters.reset(session) : undefined,
      },
    };
  },
});
