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
import { childPatternOf as child, defOf, type SchemaDef } from "./schema_walk.ts";

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
  const lazies = new Set<z.ZodType>();
  const go = (node: z.ZodType, pattern: string): void => {
    const def = defOf(node);
    switch (def.type) {
      case "object": {
        const shape = def.shape ?? {};
        const kind = kindOf(shape);
        for (const [name, field] of Object.entries(shape)) {
          const fieldDef = defOf(field) as SchemaDef & { defaultValue?: unknown };
          if (fieldDef.type === "default") {
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
          go(field, child(pattern, name));
        }
        return;
      }
      case "array":
        return go(def.element!, child(pattern, "[]"));
      case "tuple":
        (def.items ?? []).forEach((item, index) => go(item, child(pattern, `[${index}]`)));
        if (def.rest) go(def.rest, child(pattern, "[]"));
        return;
      case "record":
        return go(def.valueType!, child(pattern, "{}"));
      case "union":
        for (const option of def.options ?? []) go(option, pattern);
        return;
      case "intersection":
        go(def.left!, pattern);
        return go(def.right!, pattern);
      case "pipe":
        return go(def.in!, pattern);
      case "lazy":
        if (lazies.has(node)) return;
        lazies.add(node);
        return go(def.getter!(), pattern);
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "catch":
      case "readonly":
      case "nonoptional":
        return go(def.innerType!, pattern);
      default:
        return;
    }
  };
  go(schema, "");
  return found;
}
