/**
 * The registry of design mechanisms. The scenario schema's mechanism sections, the JSON Schema,
 * the scaling of their numbers and the model's wiring all come from this list. Adding a
 * mechanism = one module exporting a `Mechanism` plus one line here; the order is the build
 * order (citizen gates stand in front of the service in this order; `staggered` publishes the
 * cohorts `budget` reads).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import type { Mechanism, MechanismPlace } from "./mechanism.ts";
import { tokenBucket } from "./token_bucket.ts";
import { concurrencyLimit } from "./concurrency_limit.ts";
import { codel } from "./codel.ts";
import { loadShedding } from "./load_shedding.ts";
import { circuitBreaker } from "./circuit_breaker.ts";
import { autoscaler } from "./autoscaler.ts";
import { staggered } from "./staggered.ts";
import { waitingRoom } from "./waiting_room.ts";
import { budget } from "./budget.ts";
import { adaptiveThrottle } from "../client/adaptive_throttle.ts";
import { retryBudget } from "../client/retry_budget.ts";

/** Every mechanism, one line each, in build order. */
export const MECHANISMS = [
  tokenBucket,
  concurrencyLimit,
  codel,
  loadShedding,
  circuitBreaker,
  autoscaler,
  staggered,
  waitingRoom,
  budget,
  adaptiveThrottle,
  retryBudget,
] as const;

/** The schema fields of the mechanisms at place `P`, by key. */
export type MechanismShape<P extends MechanismPlace> = {
  [M in typeof MECHANISMS[number] as M["place"] extends P ? M["key"] : never]: z.ZodOptional<
    z.ZodNullable<M["schema"]>
  >;
};

/** The mechanisms of one place. */
export function mechanismsAt(place: MechanismPlace): Mechanism[] {
  return (MECHANISMS as readonly Mechanism[]).filter((mechanism) => mechanism.place === place);
}

/**
 * The schema fields of a place's mechanisms: each optional, `null` switching it off (so a
 * design can remove the base's).
 */
export function mechanismShape<P extends MechanismPlace>(place: P): MechanismShape<P> {
  return Object.fromEntries(
    mechanismsAt(place).map((mechanism) => [
      mechanism.key,
      mechanism.schema.nullable().optional().describe(mechanism.description),
    ]),
  ) as unknown as MechanismShape<P>;
}
