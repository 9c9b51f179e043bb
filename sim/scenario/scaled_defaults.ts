/**
 * Defaults that scale: a numeric field with a scaling role other than `time` or `unscaled`
 * whose schema gives a default (an adaptive concurrency limit's `min_limit` of 20 requests)
 * means 20 requests at full scale, so a scenario that leaves it out must scale like one that
 * writes it. The scaler (`scale.ts`) writes these defaults into the objects that lack them
 * before scaling. Read statically off the schema, with the `kind` of the union branch that
 * declares each one (a static limit has no `min_limit`, so none is written into it).
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";
import { scalingRoles } from "./numbers.ts";
import { defOf, type SchemaDef, walkSchema } from "./schema_walk.ts";

/** A default to write into an object at some pattern. */
export interface ScaledDefault {
  /** Field name. */
  field: string;
  /** The default value. */
  value: number;
  /** The `kind` of the objects it belongs to (undefined: every object at the pattern). */
  kind?: string;
}

const WRAPPERS = new Set(["optional", "nullable", "pipe", "readonly", "catch", "nonoptional"]);

/** The scaling role of a field schema under its wrappers, if any. */
function roleUnder(schema: z.ZodType): string | undefined {
  let node: z.ZodType | undefined = schema;
  for (let depth = 0; node !== undefined && depth < 8; depth++) {
    const role = scalingRoles.get(node)?.role;
    if (role !== undefined) return role;
    const def = defOf(node);
    node = WRAPPERS.has(def.type) ? (def.innerType ?? def.in) : undefined;
  }
  return undefined;
}

/** The literal `kind` of an object schema's shape, if it has one. */
function kindOf(shape: Record<string, z.ZodType>): string | undefined {
  const kind = shape.kind;
  if (kind === undefined) return undefined;
  const def = defOf(kind) as { type: string; values?: unknown[] };
  return def.type === "literal" && typeof def.values?.[0] === "string"
    ? def.values[0] as string
    : undefined;
}

/** Object pattern → the scaled defaults of its fields, read off `schema`. */
export function scaledDefaults(schema: z.ZodType): Map<string, ScaledDefault[]> {
  const found = new Map<string, ScaledDefault[]>();
  walkSchema(schema, (_node, pattern, def) => {
    if (def.type !== "object") return false;
    const shape = def.shape ?? {};
    const kind = kindOf(shape);
    for (const [name, field] of Object.entries(shape)) {
      const fieldDef = defOf(field) as SchemaDef & { defaultValue?: unknown };
      if (fieldDef.type !== "default") continue;
      const role = roleUnder(fieldDef.innerType!);
      const value = fieldDef.defaultValue;
      if (
        role !== undefined && role !== "time" && role !== "unscaled" &&
        typeof value === "number" && value !== 0
      ) {
        const list = found.get(pattern) ?? [];
        list.push({ field: name, value, kind });
        found.set(pattern, list);
      }
    }
    return false; // and on into the fields
  });
  return found;
}
