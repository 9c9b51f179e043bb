/**
 * Sourced numeric field schemas that declare how they scale, with error messages that read as
 * `path: value is not a positive integer`.
 *
 * Every numeric field of the scenario language is built here and names its **scaling role**:
 * what happens to it when a scenario is run at 1/k of its size (`sim/scenario/scale.ts`):
 *
 * | role           | what it is                                          | at scale f          |
 * | -------------- | --------------------------------------------------- | ------------------- |
 * | `servers`      | servers of a tier (its schedule, its autoscaler)     | × f × ratio, int    |
 * | `service_time` | a tier's service time, seconds                       | × tier ratio        |
 * | `capacity`     | places, limits, thresholds counted in requests       | × f, integer        |
 * | `rate`         | per-second rates (arrivals, admissions, token refill)| × f                 |
 * | `scope_rate`   | a rate per key of a client-side scope (retry trickle)| × f·G/G' or 1       |
 * | `scope_count`  | a count per key of a client-side scope (retry tokens)| × f·G/G' or 1, ≥ 1  |
 * | `interarrival` | time between arrivals of a renewal process, seconds  | ÷ f                 |
 * | `count`        | amounts (citizens, quotas)                           | × f                 |
 * | `money`        | an amount of euro that scales (a budget)             | × f, to whole cents |
 * | `time`         | durations and instants, seconds                      | unchanged           |
 * | `unscaled`     | probabilities, shares, ratios, multipliers, shapes   | unchanged           |
 *
 * (The tier ratio ≥ 1 keeps a tier's scaled capacity within 2 % when its servers round to
 * whole numbers; see `scale.ts`. A scope rate or scope count belongs to one session, citizen or
 * gateway: per session or citizen it is unchanged, per gateway it is × f·G/G', G gateways scaled
 * to G', so that the total over the gateways scales by f even when G' is rounded up to 1. A
 * scope count is real-valued, not rounded, but a positive one stays at least 1 — a bucket capped
 * below one token could never pay for a retry — unless it was below 1 at full scale already.)
 * A test walks the whole scenario schema and fails on any number without a role.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { sourced } from "./sourced.ts";

/** How a numeric field scales when a scenario runs at a fraction of its size. */
export type ScalingRole =
  | "servers"
  | "service_time"
  | "capacity"
  | "rate"
  | "scope_rate"
  | "scope_count"
  | "interarrival"
  | "count"
  | "money"
  | "time"
  | "unscaled";

/** Every scaling role, in table order. */
export const SCALING_ROLES: readonly ScalingRole[] = [
  "servers",
  "service_time",
  "capacity",
  "rate",
  "scope_rate",
  "scope_count",
  "interarrival",
  "count",
  "money",
  "time",
  "unscaled",
];

/** The registry holding each numeric field schema's scaling role. */
export const scalingRoles: z.core.$ZodRegistry<{ role: ScalingRole }> = z.registry<
  { role: ScalingRole }
>();

/** Upper bound of any number in a scenario: beyond it nothing physical is meant. */
export const LARGEST_NUMBER = 1e12;

const finite = () =>
  z.number({
    error: (issue) =>
      typeof issue.input === "number" // ±Infinity (1e999 in a file) or NaN
        ? `is not a finite number (allowed: up to ${LARGEST_NUMBER} in size)`
        : "is not a number",
  }).min(-LARGEST_NUMBER, {
    error: `is beyond -${LARGEST_NUMBER} (no quantity in a scenario is that large)`,
  }).max(LARGEST_NUMBER, {
    error: `is beyond ${LARGEST_NUMBER} (no quantity in a scenario is that large)`,
  });

/** Declares the scaling role of a numeric schema not built by the helpers here (returns it). */
export function withRole<T extends z.ZodType>(schema: T, role: ScalingRole | undefined): T {
  if (role !== undefined) scalingRoles.add(schema, { role });
  return schema;
}

/** A number > 0 (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const positiveNumber = (role: ScalingRole) =>
  withRole(sourced(finite().positive({ error: "is not a positive number" })), role);

/** A number ≥ 0 (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const nonNegativeNumber = (role: ScalingRole) =>
  withRole(sourced(finite().nonnegative({ error: "is not a non-negative number" })), role);

/** An integer > 0 (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const positiveInteger = (role: ScalingRole) =>
  withRole(
    sourced(
      finite().int({ error: "is not a positive integer" }).positive({
        error: "is not a positive integer",
      }),
    ),
    role,
  );

/** An integer ≥ 0 (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const nonNegativeInteger = (role: ScalingRole) =>
  withRole(
    sourced(
      finite().int({ error: "is not a non-negative integer" }).nonnegative({
        error: "is not a non-negative integer",
      }),
    ),
    role,
  );

/** A probability in [0, 1] (plain or sourced); unscaled. */
// deno-lint-ignore explicit-module-boundary-types
export const probability = () =>
  withRole(
    sourced(
      finite().min(0, { error: "is not a probability in [0, 1]" }).max(1, {
        error: "is not a probability in [0, 1]",
      }),
    ),
    "unscaled",
  );

/** Any finite number (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const anyNumber = (role: ScalingRole) => withRole(sourced(finite()), role);

/** A number in [min, max] (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const boundedNumber = (role: ScalingRole, min: number, max: number) =>
  withRole(
    sourced(
      finite().min(min, { error: `is not a number in [${min}, ${max}]` }).max(max, {
        error: `is not a number in [${min}, ${max}]`,
      }),
    ),
    role,
  );

/** A number in (0, max] (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const positiveNumberAtMost = (role: ScalingRole, max: number) =>
  withRole(
    sourced(
      finite().gt(0, { error: "is not a positive number" }).max(max, {
        error: `is more than ${max}, the largest allowed`,
      }),
    ),
    role,
  );

/** An integer in [min, max] (plain or sourced) with its scaling role. */
// deno-lint-ignore explicit-module-boundary-types
export const boundedInteger = (role: ScalingRole, min: number, max: number) =>
  withRole(
    sourced(
      finite().int({ error: `is not an integer in [${min}, ${max}]` }).min(min, {
        error: `is not an integer in [${min}, ${max}]`,
      }).max(max, { error: `is not an integer in [${min}, ${max}]` }),
    ),
    role,
  );

/** The scaling role of a numeric field schema, or undefined when it declares none. */
export function scalingRoleOf(schema: z.ZodType): ScalingRole | undefined {
  return scalingRoles.get(schema)?.role;
}
