/**
 * Reading the scaling roles off a scenario schema: a static walk over the zod schema that maps
 * every numeric field's path pattern (`service.tiers[].servers`,
 * `demand.arrivals.rate_per_second`, `service.tiers[].service_time_by_operation{}.mean_seconds`)
 * to its role, and lists numeric fields that declare none. Works on any schema built from
 * `numbers.ts`; the scaler (`scale.ts`) and the tests use it.
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";
import { type ScalingRole, scalingRoles } from "./numbers.ts";
import { type ScaledDefault, scaledDefaults } from "./scaled_defaults.ts";
import { childPatternOf as child, walkSchema } from "./schema_walk.ts";

/** Path pattern → role, and the numeric fields without a role. */
export interface RoleMap {
  /** Role of each numeric field, by path pattern. */
  roles: Map<string, ScalingRole>;
  /** Path patterns of numeric fields that declare no role (should be empty). */
  missing: string[];
  /** Path patterns given different roles by different branches of a union. */
  conflicts: string[];
  /** Defaults that scale, by the pattern of the object holding them (`scaled_defaults.ts`). */
  defaults: Map<string, ScaledDefault[]>;
}

/** Walks `schema` and returns its role map. */
export function roleMap(schema: z.ZodType): RoleMap {
  const roles = new Map<string, ScalingRole>();
  const missing = new Set<string>();
  const conflicts = new Set<string>();
  walkSchema(schema, (node, pattern, def) => {
    const role = scalingRoles.get(node)?.role;
    if (role !== undefined) {
      const known = roles.get(pattern);
      if (known !== undefined && known !== role) conflicts.add(pattern);
      else roles.set(pattern, role);
      return true;
    }
    if (def.type === "number" || def.type === "bigint") missing.add(pattern);
    return false;
  });
  for (const pattern of roles.keys()) missing.delete(pattern);
  return {
    roles,
    missing: [...missing].sort(),
    conflicts: [...conflicts].sort(),
    defaults: scaledDefaults(schema),
  };
}

/** Every prefix of every pattern of `map` (to walk data along the schema). */
export function patternPrefixes(map: RoleMap): Set<string> {
  const prefixes = new Set<string>([""]);
  for (const pattern of map.roles.keys()) {
    for (let i = 1; i <= pattern.length; i++) {
      const next = pattern[i];
      if (i === pattern.length || next === "." || next === "[" || next === "{") {
        prefixes.add(pattern.slice(0, i));
      }
    }
  }
  return prefixes;
}

/**
 * The pattern of child `key` of a data node at `pattern`: a field name, else a tuple position
 * `[i]`, else `[]` for array items or `{}` for record values — whichever the schema has.
 */
export function childPattern(
  prefixes: ReadonlySet<string>,
  pattern: string,
  key: PropertyKey,
): string | undefined {
  const candidates = typeof key === "number"
    ? [child(pattern, `[${key}]`), child(pattern, "[]")]
    : [child(pattern, String(key)), child(pattern, "{}")];
  return candidates.find((candidate) => prefixes.has(candidate));
}
