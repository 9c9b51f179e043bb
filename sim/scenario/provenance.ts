/**
 * Provenance of a scenario's numbers: where each numeric field comes from.
 *
 * @module
 */
import { formatPath } from "./errors.ts";
import { isSourcedObject } from "./sourced.ts";

/** One numeric field of a scenario file and where its number comes from. */
export interface NumberProvenance {
  /** Field path, e.g. `service.tiers[0].servers`. */
  path: string;
  /** The number. */
  value: number;
  /** Reference key (`ref:<id>`) or document it comes from, when given. */
  source?: string;
  /** The modelling assumption behind it, when given. */
  assumption?: string;
}

/**
 * Lists every numeric field of a raw scenario file (designs included, `seed` excluded) with its
 * source or assumption; plain numbers come back with neither.
 *
 * @example
 * ```ts
 * listProvenance({ horizon_seconds: { value: 3600, assumption: "one peak hour" } });
 * // [{ path: "horizon_seconds", value: 3600, assumption: "one peak hour" }]
 * ```
 */
export function listProvenance(raw: unknown): NumberProvenance[] {
  const found: NumberProvenance[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (typeof node === "number") {
      if (!(path.length === 1 && path[0] === "seed")) {
        found.push({ path: formatPath(path), value: node });
      }
    } else if (isSourcedObject(node)) {
      const entry: NumberProvenance = { path: formatPath(path), value: node.value };
      if ("source" in node) entry.source = node.source;
      if ("assumption" in node) entry.assumption = node.assumption;
      found.push(entry);
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
    } else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(raw, []);
  return found;
}

/** The numeric fields of a raw scenario file that carry neither a source nor an assumption. */
export function unsourcedNumbers(raw: unknown): NumberProvenance[] {
  return listProvenance(raw).filter((entry) => !entry.source && !entry.assumption);
}
