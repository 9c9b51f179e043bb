/**
 * A retry budget as a token bucket of retries earned by successes (the retry quota of the AWS
 * SDKs, gRPC's retry throttling, Finagle's RetryBudget): every attempt served in time adds
 * `ratio` tokens (up to `max_tokens`), tokens also trickle in at `min_retries_per_second`, and
 * a retry is sent only if a whole token is there to pay for it — so retries stay at most about
 * `ratio` × successes (plus the trickle), however many attempts fail. First attempts are never
 * held back. Shared by the citizens of a scope (a gateway, by default).
 *
 * Scenario: `demand.client.retry_budget: { ratio, max_tokens, initial_tokens,
 * min_retries_per_second, scope, gateways }`. At a reduced scale a gateway's bucket shrinks with
 * its citizens: its cap, initial tokens and trickle are × f·G/G' (roles `scope_count`,
 * `scope_rate`; a cap stays at least 1 token), while a session's or citizen's are unchanged.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeNumber, positiveNumber } from "../../scenario/numbers.ts";
import { defineMechanism } from "../mechanisms/mechanism.ts";
import { grown } from "../../engine/mod.ts";
import { scopeFields, scopeKey } from "./scope.ts";

/** `retry_budget` options. */
export const RetryBudgetSchema = z.strictObject({
  ratio: positiveNumber("unscaled").describe("Retry tokens earned per attempt served in time"),
  max_tokens: positiveNumber("scope_count").default(100).describe(
    "Tokens (retries) each scope's bucket can save up, per session, citizen or gateway",
  ),
  initial_tokens: nonNegativeNumber("scope_count").optional().describe(
    "Tokens (retries) each scope's bucket starts with (default max_tokens, as gRPC's retry " +
      "throttling)",
  ),
  min_retries_per_second: nonNegativeNumber("scope_rate").default(0).describe(
    "Tokens that trickle in per second into each scope's bucket regardless of successes, " +
      "retries/s per session, citizen or gateway",
  ),
  ...scopeFields,
});

/** Retry tokens per scope key, refilled by a trickle; a key starts with `initial` tokens. */
class RetryTokens {
  private tokens = new Float64Array(0);
  private last = new Float64Array(0);
  /** 1 once a key has been used: it starts with the initial tokens then, not before. */
  private used = new Uint8Array(0);
  constructor(
    private readonly initial: number,
    private readonly cap: number,
    private readonly trickle: number,
  ) {}

  /** Tokens of `key` at `now` (the trickle since its last visit added; initial at first use). */
  held(key: number, now: number): number {
    if (key >= this.tokens.length) {
      const from = this.tokens.length;
      const size = Math.max(key + 1, from * 2, 64);
      this.tokens = grown(this.tokens, size);
      this.last = grown(this.last, size);
      this.used = grown(this.used, size);
    }
    if (this.used[key] === 0) {
      // first use (a citizen or session that has just begun): no trickle from before it
      this.used[key] = 1;
      this.tokens[key] = this.initial;
      this.last[key] = now;
    } else if (this.trickle > 0 && now > this.last[key]) {
      this.tokens[key] = Math.min(
        this.cap,
        this.tokens[key] + this.trickle * (now - this.last[key]),
      );
    }
    this.last[key] = now;
    return this.tokens[key];
  }

  /** Adds `amount` (may be negative) to `key`'s tokens, capped. */
  add(key: number, now: number, amount: number): void {
    this.tokens[key] = Math.min(this.cap, this.held(key, now) + amount);
  }

  /** Gives `key` its initial tokens again (a new session). */
  reset(key: number, now: number): void {
    this.held(key, now);
    this.tokens[key] = this.initial;
  }
}

/** The retry-budget mechanism. */
export const retryBudget = defineMechanism({
  key: "retry_budget",
  place: "client",
  description: "Retry budget: retries paid by tokens earned from successes (a retry quota)",
  schema: RetryBudgetSchema,
  build(config) {
    const { ratio, max_tokens: cap, min_retries_per_second: trickle, scope, gateways } = config;
    const tokens = new RetryTokens(config.initial_tokens ?? cap, cap, trickle);
    return {
      limiter: {
        allow(now, citizen, session, isRetry) {
          if (!isRetry) return true;
          const key = scopeKey(scope, gateways, citizen, session);
          if (tokens.held(key, now) < 1) return false;
          tokens.add(key, now, -1);
          return true;
        },
        record(now, citizen, session, result) {
          if (result === 1) tokens.add(scopeKey(scope, gateways, citizen, session), now, ratio);
        },
        startSession: scope === "session"
          ? (session, now) => tokens.reset(session, now)
          : undefined,
      },
    };
  },
});
