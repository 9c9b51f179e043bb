/**
 * Retry kind `none`: the first failure ends the operation's attempts (the client then gives
 * up or comes back later, as its `give_up_probability` and `come_back` say).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import type { RetryKind } from "../retry_policy.ts";

/** `{ "kind": "none" }`. */
export const NoRetrySchema = z.strictObject({ kind: z.literal("none") });

/** The `none` retry kind. */
export const noRetry: RetryKind<typeof NoRetrySchema> = {
  kind: "none",
  schema: NoRetrySchema,
  build: () => ({ retries: false, constantDelay: 0, firstDelay: 0, delay: () => 0 }),
};
