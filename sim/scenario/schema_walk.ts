/**
 * A static walk over a zod schema, visiting every sub-schema with the path pattern of the
 * data it validates: object fields by name, array items as `[]`, tuple positions as `[i]`,
 * record values as `{}`; unions visit each option at the same pattern; wrappers (optional,
 * nullable, default, pipe…) are looked through. The scaling roles and the fields of each kind
 * of a discriminated union are read off the schema this way.
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";

/** The definition of a zod schema, as far as the walk reads it. */
export interface SchemaDef {
  /** The schema's type name (`object`, `union`, `number`…). */
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

/** The definition of `schema`. */
export function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** Joins a pattern and a key: `a` + `b` → `a.b`; array items `[]`, record values `{}`. */
export function childPatternOf(pattern: string, key: string): string {
  if (key === "[]" || key === "{}" || key.startsWith("[")) return pattern + key;
  return pattern === "" ? key : `${pattern}.${key}`;
}

/**
 * Visits `schema` and its sub-schemas. `visit(node, pattern)` returns true to stop descending
 * below `node` (e.g. at a numeric field with a role).
 */
export function walkSchema(
  schema: z.ZodType,
  visit: (node: z.ZodType, pattern: string, def: SchemaDef) => boolean,
): void {
  const lazies = new Set<z.ZodType>();
  const go = (node: z.ZodType, pattern: string): void => {
    const def = defOf(node);
    if (visit(node, pattern, def)) return;
    switch (def.type) {
      case "object":
        for (const [name, field] of Object.entries(def.shape ?? {})) {
          go(field, childPatternOf(pattern, name));
        }
        return;
      case "array":
        return go(def.element!, childPatternOf(pattern, "[]"));
      case "tuple":
        (def.items ?? []).forEach((item, index) => go(item, childPatternOf(pattern, `[${index}]`)));
        if (def.rest) go(def.rest, childPatternOf(pattern, "[]"));
        return;
      case "record":
        return go(def.valueType!, childPatternOf(pattern, "{}"));
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
}

/**
 * For every discriminated union on `kind`: its pattern → every field any of its kinds has
 * (so a field of another kind can be told from a typo).
 */
export function kindFields(schema: z.ZodType): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  walkSchema(schema, (_node, pattern, def) => {
    if (def.type === "union" && def.discriminator === "kind") {
      const known = fields.get(pattern) ?? new Set<string>();
      for (const option of def.options ?? []) {
        let inner = option;
        while (defOf(inner).type !== "object" && (defOf(inner).in || defOf(inner).innerType)) {
          inner = defOf(inner).in ?? defOf(inner).innerType!;
        }
        for (const key of Object.keys(defOf(inner).shape ?? {})) known.add(key);
      }
      fields.set(pattern, known);
    }
    return false;
  });
  return fields;
}
