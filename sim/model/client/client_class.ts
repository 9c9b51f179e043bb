/**
 * A persistence class's client behaviour resolved to numbers, samplers and policy objects for
 * the hot path: timeout or patience, balking, the retry policy and its limits, reloads,
 * giving up and coming back, and the client-side limits of the class.
 *
 * @module
 */
import type { RandomStream } from "../../engine/mod.ts";
import { distributionSampler } from "../distributions.ts";
import type { AttemptLimiter } from "../hooks.ts";
import type { Client } from "./client_schema.ts";
import type { RetryDelayPolicy } from "./retry_policy.ts";
import { buildRetryPolicy, maxAttemptsOf, maxRetriesTotalOf } from "./retry_kinds.ts";

/** One class's client, ready to run. */
export interface ClientClass {
  /** Deterministic end-to-end patience (the timeout), seconds; Infinity: none. */
  timeout: number;
  /** Random end-to-end patience sampler, seconds; null: none (or deterministic). */
  patience: (() => number) | null;
  /** Queue-scope patience sampler (reneging), seconds; null: none. */
  queuePatience: (() => number) | null;
  /** Queue length at or above which a request may balk (Infinity: never). */
  balkLength: number;
  /** Chance to balk at or above that length. */
  balkProbability: number;
  /** Retry delays. */
  retry: RetryDelayPolicy;
  /** Attempts per operation, the first included. */
  maxAttempts: number;
  /** Retries over the journey (Infinity: no limit). */
  maxRetriesTotal: number;
  /** Chance an attempt is reloaded if slow. */
  reloadProbability: number;
  /** Mean time before a reload, seconds. */
  reloadPatienceMean: number;
  /** Chance to abandon the operation after a failure. */
  giveUp: number;
  /** Chance to come back after abandoning. */
  comeBackProbability: number;
  /** Delay before coming back, seconds. */
  comeBackDelay: number;
  /** Client-side limits, asked in order before each attempt. */
  limiters: AttemptLimiter[];
}

/** Random streams a class's samplers draw from. */
export interface ClientStreams {
  /** Patience draws (end-to-end and queue scope). */
  patience: RandomStream;
  /** Retry delay draws (jitter, random delays). */
  retry: RandomStream;
}

/** Resolves a parsed client into a {@link ClientClass}. */
export function resolveClientClass(
  client: Client,
  streams: ClientStreams,
  limiters: AttemptLimiter[],
): ClientClass {
  const patience = client.patience;
  const endToEnd = patience?.scope === "end_to_end" ? patience.distribution : null;
  const deterministic = endToEnd?.kind === "deterministic";
  return {
    timeout: client.timeout_seconds ?? (deterministic ? endToEnd!.mean_seconds : Infinity),
    patience: endToEnd && !deterministic ? distributionSampler(endToEnd, streams.patience) : null,
    queuePatience: patience?.scope === "queue"
      ? distributionSampler(patience.distribution, streams.patience)
      : null,
    balkLength: client.balking?.queue_length ?? Infinity,
    balkProbability: client.balking?.probability ?? 0,
    retry: buildRetryPolicy(client.retry, { stream: streams.retry }),
    maxAttempts: maxAttemptsOf(client.retry),
    maxRetriesTotal: maxRetriesTotalOf(client.retry),
    reloadProbability: client.reload.probability,
    reloadPatienceMean: client.reload.patience_mean_seconds,
    giveUp: client.give_up_probability,
    comeBackProbability: client.come_back.probability,
    comeBackDelay: client.come_back.delay_seconds,
    limiters,
  };
}
