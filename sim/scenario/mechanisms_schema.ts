/**
 * The design mechanisms of issue 6 as optional top-level sections of a scenario file, so that
 * any design can switch them on, tune them or (with `null`) switch them off through the usual
 * deep merge: server-side admission (`admission`), the virtual `waiting_room`, the
 * `autoscaler`, `staggered` access windows and the bonus `budget` with its allocation rule.
 * The mechanisms' own schemas live with the mechanisms (`sim/model/designs_schema.ts`).
 *
 * @module
 */
import { z } from "zod";
import {
  AutoscalerSchema,
  BudgetSchema,
  CircuitBreakerSchema,
  CoDelSchema,
  ConcurrencyLimitSchema,
  LoadSheddingSchema,
  StaggeredSchema,
  TokenBucketSchema,
  WaitingRoomSchema,
} from "../model/designs_schema.ts";

/** Server-side admission control and the clients' circuit breaker; each part optional. */
export const AdmissionSchema = z.strictObject({
  token_bucket: TokenBucketSchema.nullable().optional().describe(
    "Rate limit in front of a tier; rejected clients are told when to retry (Retry-After)",
  ),
  concurrency_limit: ConcurrencyLimitSchema.nullable().optional().describe(
    "Requests allowed in a tier (queued or in service): static, AIMD or gradient",
  ),
  codel: CoDelSchema.nullable().optional().describe(
    "Drops queued requests at dequeue when the queue delay stays above target (RFC 8289)",
  ),
  load_shedding: LoadSheddingSchema.nullable().optional().describe(
    "Rejects less important operations first as a tier's load rises",
  ),
  circuit_breaker: CircuitBreakerSchema.nullable().optional().describe(
    "One breaker per citizen's client: fails fast after consecutive failures",
  ),
});

/** The mechanism sections of a scenario file (all optional; `null` switches one off). */
export const mechanismSections = {
  admission: AdmissionSchema.nullable().optional().describe("Server-side admission control"),
  waiting_room: WaitingRoomSchema.nullable().optional().describe(
    "Virtual waiting room in front of the whole service (holds arriving citizens)",
  ),
  autoscaler: AutoscalerSchema.nullable().optional().describe("Autoscaling of one tier"),
  staggered: StaggeredSchema.nullable().optional().describe(
    "Access windows by cohort: a citizen arriving outside the cohort's window waits for it",
  ),
  budget: BudgetSchema.nullable().optional().describe(
    "Bonus budget: completing the journey submits an application to the allocation rule",
  ),
};
