/**
 * Retry kind `immediate`: retries at once after a failure — the worst case for a retry storm.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { attemptLimits, type RetryKind } from "../retry_policy.ts";

/** `{ "kind": "immediate", "max_attempts": n }`. */
export const ImmediateRetrySchema = z.strictObject({
  kind: z.literal("immediate"),
  ...attemptLimits,
});

/** The `immediate` retry kind. */
export const immediateRetry: RetryKind<typeof ImmediateRetrySchema> = {
  kind: "immediate",
  schema: ImmediateRetrySchema,
  build: () => ({ retries: true, constantDelay: 0, firstDelay: 0, delay: () => 0 }),
};
