/**
 * The registry of retry kinds: the scenario schema's `retry` field is the union of their
 * schemas, and the model builds a class's delay policy from the kind it names. Adding a retry
 * policy = one module in `retry/` plus one line here.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import type { RetryBuildContext, RetryDelayPolicy, RetryKind } from "./retry_policy.ts";
import { noRetry } from "./retry/none.ts";
import { immediateRetry } from "./retry/immediate.ts";
import { fixedRetry } from "./retry/fixed.ts";
import { exponentialRetry } from "./retry/exponential.ts";
import { randomRetry } from "./retry/random.ts";

/** Every retry kind, one line each. */
export const RETRY_KINDS = [
  noRetry,
  immediateRetry,
  fixedRetry,
  exponentialRetry,
  randomRetry,
] as const;

/** The `retry` field of a client: any registered kind. */
export const RetryPolicySchema = z.discriminatedUnion(
  "kind",
  RETRY_KINDS.map((kind) => kind.schema) as unknown as [
    typeof noRetry.schema,
    typeof immediateRetry.schema,
    typeof fixedRetry.schema,
    typeof exponentialRetry.schema,
    typeof randomRetry.schema,
  ],
  {
    error: `is not a retry policy (kind ${RETRY_KINDS.map((kind) => kind.kind).join(", ")})`,
  },
);

/** A parsed retry policy. */
export type RetryConfig = z.output<typeof RetryPolicySchema>;

/** The delay policy of a parsed retry policy. */
export function buildRetryPolicy(
  config: RetryConfig,
  context: RetryBuildContext,
): RetryDelayPolicy {
  const kind = RETRY_KINDS.find((candidate) => candidate.kind === config.kind) as
    | RetryKind
    | undefined;
  if (kind === undefined) throw new Error(`retry kind ${config.kind} is not registered`);
  return kind.build(config, context);
}

/** Attempts per operation a parsed retry policy allows (1 for `none`). */
export function maxAttemptsOf(config: RetryConfig): number {
  return config.kind === "none" ? 1 : config.max_attempts;
}

/** Retries a citizen may make over the journey (Infinity when unlimited). */
export function maxRetriesTotalOf(config: RetryConfig): number {
  return config.kind === "none" ? 0 : config.max_retries_total ?? Infinity;
}
