/**
 * Parameter grids: expanding a grid into its points and applying a point's values as
 * overrides on scenario JSON by field path (`tiers[0].servers`, `demand.peakRate`).
 *
 * @module
 */
import type { ParameterGrid } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** One grid point: field path → value, in the grid's declared order. */
export type GridPoint = Record<string, unknown>;

/**
 * Every combination of the grid's values, the last field varying fastest (so the order is
 * the grid's declared order, as nested loops would give). An empty grid has one empty point.
 */
export function expandGrid(grid: ParameterGrid | undefined): GridPoint[] {
  let points: GridPoint[] = [{}];
  for (const [path, values] of Object.entries(grid ?? {})) {
    const next: GridPoint[] = [];
    for (const point of points) {
      for (const value of values) next.push({ ...point, [path]: value });
    }
    points = next;
  }
  return points;
}

/**
 * The label of a grid point in result rows: the point as a JSON object (`{}` without a grid),
 * e.g. `{"tiers[0].servers":100,"demand.peakRate":8000}`. Parse it back with `JSON.parse`.
 */
export function gridPointLabel(point: GridPoint): string {
  return JSON.stringify(point);
}

/** Names that would reach an object's prototype instead of a field. */
const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);

/** Splits a field path such as `tiers[0].servers` into `["tiers", 0, "servers"]`. */
export function parseFieldPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 0;
  for (const match of path.matchAll(pattern)) {
    const between = path.slice(consumed, match.index);
    if (between !== "" && between !== ".") {
      throw new UsageError(`grid field path "${path}": unexpected "${between}"`);
    }
    parts.push(match[2] !== undefined ? Number(match[2]) : match[1]);
    consumed = match.index + match[0].length;
  }
  const forbidden = parts.find((part) => FORBIDDEN_NAMES.has(String(part)));
  if (forbidden !== undefined) {
    throw new UsageError(`grid field path "${path}": "${forbidden}" is not a scenario field`);
  }
  if (parts.length === 0 || consumed !== path.length) {
    throw new UsageError(
      `grid field path "${path}" is not valid: expected names and [index] separated by dots, ` +
        `e.g. "tiers[0].servers"`,
    );
  }
  return parts;
}

/**
 * Returns a deep copy of `json` with each `path → value` of the point set. The path must
 * exist up to its parent (an override cannot invent a tier); the last name may be new.
 */
export function applyOverrides<T>(json: T, point: GridPoint): T {
  const copy = structuredClone(json) as unknown;
  for (const [path, value] of Object.entries(point)) {
    const parts = parseFieldPath(path);
    let node = copy as Record<string | number, unknown>;
    for (let i = 0; i < parts.length - 1; i++) {
      const child = node[parts[i]];
      if (child === null || typeof child !== "object") {
        const at = parts.slice(0, i + 1).join(".");
        throw new UsageError(
          `grid field path "${path}": "${at}" is ${JSON.stringify(child)} in the scenario, ` +
            `not an object or array`,
        );
      }
      node = child as Record<string | number, unknown>;
    }
    const last = parts[parts.length - 1];
    if (Array.isArray(node) && (typeof last !== "number" || last >= node.length)) {
      throw new UsageError(
        `grid field path "${path}": index ${String(last)} is outside the scenario's array ` +
          `(length ${node.length})`,
      );
    }
    node[last] = structuredClone(value);
  }
  return copy as T;
}
