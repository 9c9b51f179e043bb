/**
 * Mechanism `admission.circuit_breaker`: one circuit breaker per citizen's client (closed →
 * open → half-open): after `failure_threshold` consecutive failures the client fails fast for
 * `open_seconds`, then lets `half_open_probes` trial attempts through.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { positiveInteger, positiveNumber } from "../../scenario/numbers.ts";
import { CircuitBreakers } from "./circuit_breakers.ts";
import { defineMechanism } from "./mechanism.ts";

/** Circuit-breaker options. */
export const CircuitBreakerSchema = z.strictObject({
  failure_threshold: positiveInteger("unscaled").default(5).describe(
    "Consecutive failures that open it",
  ),
  open_seconds: positiveNumber("time").default(30).describe("Time it stays open"),
  half_open_probes: positiveInteger("unscaled").default(1).describe("Trial attempts half-open"),
});

/** The circuit-breaker mechanism. */
export const circuitBreaker = defineMechanism({
  key: "circuit_breaker",
  place: "admission",
  description: "One breaker per citizen's client: fails fast after consecutive failures",
  schema: CircuitBreakerSchema,
  build(config) {
    const breakers = new CircuitBreakers(4096, {
      failureThreshold: config.failure_threshold,
      openSeconds: config.open_seconds,
      halfOpenProbes: config.half_open_probes,
    });
    return {
      limiter: {
        allow: (now, citizen) => breakers.allowRequest(citizen, now),
        record(now, citizen, _session, result) {
          if (result === 1) breakers.onSuccess(citizen, now);
          else if (result === 0) breakers.onFailure(citizen, now);
        },
      },
    };
  },
});
