/**
 * Merging a design's overrides onto a base scenario — without silent changes of meaning.
 *
 * - Objects merge field by field.
 * - An object whose `kind` changes (a `fixed` retry policy made `exponential`, a constant
 *   arrival profile made piecewise) keeps the base's other fields: those the new kind also has
 *   carry over (a full-jitter design keeps the base's `max_attempts`); those it does not have
 *   are dropped when the result is validated, each with a warning naming it (see
 *   `sim/model/scenario_files.ts`). Setting a field to `null` in such a design drops it.
 * - Setting a field of the base to `null` removes it, so its default applies (every field that
 *   accepts `null` defaults to it): a design can switch an operation from `route` to `routing`
 *   (`"route": null`), or remove the base's admission control.
 * - Arrays whose items all have a `name` (tiers, operations, persistence classes) merge item by
 *   item by name; an override item naming nothing in the base is an error, unless it says
 *   `"$add": true` (a design that adds a tier).
 * - Any other array, and any number (plain or sourced), is replaced whole.
 *
 * @module
 */
import { formatPath, ScenarioError } from "./errors.ts";
import { isSourcedObject } from "./sourced.ts";

/** A `kind` a design changed, and the base fields it carried over. */
export interface KindChange {
  /** Path of the object whose kind changed. */
  path: PropertyKey[];
  /** The base's kind. */
  from: unknown;
  /** The design's kind. */
  to: unknown;
  /** Fields carried over from the base. */
  inherited: string[];
}

/** The result of a merge: the merged JSON and the kinds the override changed. */
export interface MergeResult {
  /** The merged value. */
  merged: unknown;
  /** Every object whose `kind` changed. */
  kindChanges: KindChange[];
  /** Paths of the base's fields the design removed (set to `null`). */
  removed: PropertyKey[][];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNamedArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) &&
    value.every((item) => isPlainObject(item) && typeof item.name === "string");
}

/** Marker of an override item that adds a new element to a named array. */
export const ADD_MARKER = "$add";

/**
 * Merges `override` onto `base` (neither is modified) and reports the kinds it changed.
 *
 * @throws ScenarioError when an override item names nothing in a named array of the base.
 * @example
 * ```ts
 * import { mergeDesign } from "./merge.ts";
 * mergeDesign({ tiers: [{ name: "app", servers: 4 }] }, { tiers: [{ name: "app", servers: 8 }] })
 *   .merged; // { tiers: [{ name: "app", servers: 8 }] }
 * ```
 */
export function mergeDesign(
  base: unknown,
  override: unknown,
  path: PropertyKey[] = [],
): MergeResult {
  const kindChanges: KindChange[] = [];
  const problems: string[] = [];
  const removed: PropertyKey[][] = [];
  const merged = merge(base, override, path, { kindChanges, problems, removed });
  if (problems.length > 0) throw new ScenarioError(problems, "invalid design");
  return { merged, kindChanges, removed };
}

/** Returns `base` with `override` merged onto it (see {@link mergeDesign}). */
export function deepMerge(base: unknown, override: unknown): unknown {
  return mergeDesign(base, override).merged;
}

/** What a merge records on the way. */
interface MergeLog {
  kindChanges: KindChange[];
  problems: string[];
  removed: PropertyKey[][];
}

function merge(base: unknown, override: unknown, path: PropertyKey[], log: MergeLog): unknown {
  if (override === undefined) return structuredClone(base);
  if (isSourcedObject(override) || isSourcedObject(base)) return stripMarkers(override);
  if (isPlainObject(base) && isPlainObject(override)) {
    const merged: Record<string, unknown> = structuredClone(base);
    const changed = "kind" in override && "kind" in base && override.kind !== base.kind;
    for (const [key, value] of Object.entries(override)) {
      if (value === null && (changed || key in base)) {
        delete merged[key]; // removed on purpose: its default (or nothing) applies
        if (key in base) log.removed.push([...path, key]);
        continue;
      }
      merged[key] = key in base && !changed
        ? merge(base[key], value, [...path, key], log)
        : stripMarkers(value);
    }
    if (changed) {
      log.kindChanges.push({
        path,
        from: base.kind,
        to: override.kind,
        inherited: Object.keys(base).filter((key) => key !== "kind" && !(key in override)),
      });
    }
    return merged;
  }
  if (isNamedArray(base) && isNamedArray(override)) {
    const merged = structuredClone(base);
    override.forEach((item, index) => {
      const at = merged.findIndex((existing) => existing.name === item.name);
      if (at >= 0) {
        merged[at] = merge(merged[at], item, [...path, at], log) as Record<string, unknown>;
      } else if (item[ADD_MARKER] === true) {
        merged.push(stripMarkers(item) as Record<string, unknown>);
      } else {
        log.problems.push(
          `${formatPath([...path, index, "name"])}: "${item.name}" names nothing in the base ` +
            `(${base.map((existing) => existing.name).join(", ")}); to add it, give it ` +
            `"${ADD_MARKER}": true`,
        );
      }
    });
    return merged;
  }
  return stripMarkers(override);
}

/** A deep copy without `$add` markers. */
function stripMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMarkers);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== ADD_MARKER) copy[key] = stripMarkers(field);
  }
  return copy;
}
