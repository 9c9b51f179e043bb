/**
 * Deep merge of a design's overrides onto a base scenario.
 *
 * Objects merge field by field, except that an object whose `kind` differs from the base's
 * replaces it whole (a constant arrival profile overridden by a piecewise one keeps nothing of
 * it); arrays whose items all have a `name` merge item by item by name (an unknown name is
 * appended); any other array, and any number (plain or sourced), is replaced whole.
 *
 * @module
 */
import { isSourcedObject } from "./sourced.ts";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNamedArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) &&
    value.every((item) => isPlainObject(item) && typeof item.name === "string");
}

/**
 * Returns `base` with `override` deep-merged onto it (neither argument is modified).
 *
 * @example
 * ```ts
 * deepMerge({ tiers: [{ name: "app", servers: 4 }] }, { tiers: [{ name: "app", servers: 8 }] });
 * // { tiers: [{ name: "app", servers: 8 }] }
 * ```
 */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return structuredClone(base);
  if (isSourcedObject(override) || isSourcedObject(base)) return structuredClone(override);
  if (isPlainObject(base) && isPlainObject(override)) {
    if ("kind" in override && override.kind !== base.kind) return structuredClone(override);
    const merged: Record<string, unknown> = structuredClone(base);
    for (const [key, value] of Object.entries(override)) {
      merged[key] = key in base ? deepMerge(base[key], value) : structuredClone(value);
    }
    return merged;
  }
  if (isNamedArray(base) && isNamedArray(override)) {
    const merged = structuredClone(base);
    for (const item of override) {
      const index = merged.findIndex((existing) => existing.name === item.name);
      if (index >= 0) merged[index] = deepMerge(merged[index], item) as Record<string, unknown>;
      else merged.push(structuredClone(item));
    }
    return merged;
  }
  return structuredClone(override);
}
