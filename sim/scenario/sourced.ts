/**
 * Numbers that carry where they come from.
 *
 * Every numeric field of a scenario may be written either as a plain number or as
 * `{ "value": n, "source": "ref:<id> or document" }` or `{ "value": n, "assumption": "why" }`
 * (`ref:<id>` cites an entry of `data/references.json`).
 * The schema accepts the three forms and hands the model the plain number; the provenance of
 * each field stays readable from the raw JSON through {@link listProvenance}.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";

/** A number with the document it comes from. */
export interface SourcedValue {
  /** The number itself (unit as the field says). */
  value: number;
  /** Reference key (`ref:<id>` of `data/references.json`) or document the number comes from. */
  source: string;
}

/** A number that is a modelling assumption, with the reason. */
export interface AssumedValue {
  /** The number itself (unit as the field says). */
  value: number;
  /** Why this number was chosen. */
  assumption: string;
}

/** A numeric field as written in a scenario file: plain, sourced or assumed. */
export type SourcedNumberInput = number | SourcedValue | AssumedValue;

/**
 * Wraps a number schema so the field also accepts `{ value, source }` and
 * `{ value, assumption }`; the parsed output is the plain number.
 *
 * @example
 * ```ts
 * import { z } from "npm:zod@4.6.7";
 * import { sourced } from "./sourced.ts";
 * const servers = sourced(z.number().int().positive());
 * servers.parse({ value: 4, source: "ref:milanopost-2020-11-05-bonus-esauriti" }); // 4
 * ```
 */
// deno-lint-ignore explicit-module-boundary-types
export function sourced<T extends z.ZodType<number, number>>(inner: T) {
  const withSource = z.strictObject({
    value: inner,
    source: z.string().min(1, { error: "source must be a non-empty string" }),
  });
  const withAssumption = z.strictObject({
    value: inner,
    assumption: z.string().min(1, { error: "assumption must be a non-empty string" }),
  });
  return z.union([inner, withSource, withAssumption]).transform((input: unknown): number =>
    typeof input === "number" ? input : (input as { value: number }).value
  );
}

/** True when `value` is written as `{ value: number, source | assumption: string }`. */
export function isSourcedObject(value: unknown): value is SourcedValue | AssumedValue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return typeof record.value === "number" && keys.length === 2 &&
    (typeof record.source === "string" || typeof record.assumption === "string");
}
