/**
 * The planner's reading of a metastability map: where the as-built design sits, the smallest
 * change of either parameter that keeps the scenario acceptable (healthy, or also "recovers"
 * when allowed) with a stated margin on the other, and the nearest acceptable cell. Also the
 * default axes of a scenario and axis specs (`lo:hi:n` or a list). Pure functions.
 *
 * @module
 */
import { numberOf } from "../scenario/mod.ts";
import type { SurgeOutcome } from "./surge_verdict.ts";
import type { MapAxis, MetastabilityMapRow } from "./metastability_map.ts";
import { ARRIVAL_MULTIPLIER, valueAt } from "./map_point.ts";

/** The planner's findings. Values in each parameter's unit. */
export interface MapPlan {
  /** The as-built point and its verdict. */
  asBuilt: { x: number; y: number; verdict: SurgeOutcome; recoverySeconds: number | null };
  /**
   * Smallest x whose cells are all acceptable for every y from the smallest up to `yMargin`
   * (the as-built y when no margin is given), or null when no x on the grid is.
   */
  minimalX: number | null;
  /** Largest y acceptable at the as-built x, or null when none is. */
  maximalY: number | null;
  /** The acceptable cell nearest the as-built point (axes scaled by their ranges), or null. */
  nearest: MetastabilityMapRow | null;
}

/** Options of {@link planFromMap}. */
export interface MapPlanOptions {
  /** Verdicts that count as acceptable (default `["healthy"]`). */
  accept?: readonly SurgeOutcome[];
  /** Margin on y: x must hold for every y up to this value (default the as-built y). */
  yMargin?: number;
  /**
   * Recovery target, seconds: a cell that "recovers" after at most this long counts as
   * acceptable too (default none: only the verdicts of `accept`).
   */
  recoveryTarget?: number;
}

/**
 * Whether a verdict is acceptable: one of `accept`, or "recovers" after at most
 * `recoveryTarget` seconds of degradation when a target is given.
 */
export function isAcceptable(
  verdict: SurgeOutcome,
  recoverySeconds: number | null,
  accept: readonly SurgeOutcome[],
  recoveryTarget?: number,
): boolean {
  if (accept.includes(verdict)) return true;
  return recoveryTarget !== undefined && verdict === "recovers" && recoverySeconds !== null &&
    recoverySeconds <= recoveryTarget;
}

/**
 * Reads a map (fluid rows only) against the as-built point, whose verdict the caller
 * computed.
 */
export function planFromMap(
  rows: readonly MetastabilityMapRow[],
  asBuilt: MapPlan["asBuilt"],
  options: MapPlanOptions = {},
): MapPlan {
  const accept: readonly SurgeOutcome[] = options.accept ?? ["healthy"];
  const cells = rows.filter((row) => row.source === "fluid");
  const xs = [...new Set(cells.map((row) => row.x))].sort((a, b) => a - b);
  const ys = [...new Set(cells.map((row) => row.y))].sort((a, b) => a - b);
  const yLimit = options.yMargin ?? asBuilt.y;
  if (ys.length > 0 && yLimit > ys[ys.length - 1] + 1e-12) {
    // a column cannot be judged at y values the map did not compute
    throw new RangeError(
      `margin: got ${yLimit}; allowed: at most the map's largest y, ${ys[ys.length - 1]} ` +
        "(widen the y axis to plan for more)",
    );
  }
  const ok = (row: MetastabilityMapRow) =>
    isAcceptable(row.verdict, row.recovery_seconds, accept, options.recoveryTarget);
  let minimalX: number | null = null;
  for (const x of xs) {
    const column = cells.filter((row) => row.x === x && row.y <= yLimit + 1e-12);
    if (column.length > 0 && column.every(ok)) {
      minimalX = x;
      break;
    }
  }
  const nearestX = xs.reduce((a, b) => Math.abs(b - asBuilt.x) < Math.abs(a - asBuilt.x) ? b : a);
  let maximalY: number | null = null;
  for (const y of ys) {
    const cell = cells.find((row) => row.x === nearestX && row.y === y);
    if (cell && ok(cell)) maximalY = y;
  }
  const xSpan = (xs[xs.length - 1] - xs[0]) || 1;
  const ySpan = (ys[ys.length - 1] - ys[0]) || 1;
  let nearest: MetastabilityMapRow | null = null;
  let best = Infinity;
  for (const row of cells.filter(ok)) {
    const distance = Math.hypot((row.x - asBuilt.x) / xSpan, (row.y - asBuilt.y) / ySpan);
    if (distance < best) [best, nearest] = [distance, row];
  }
  return { asBuilt, minimalX, maximalY, nearest };
}

/**
 * Values of an axis from a spec: `lo:hi:n` (n evenly spaced values, n ≥ 2) or a comma list.
 * Values are rounded to integers (and deduplicated) when `integer` is true.
 * @throws RangeError saying what is allowed.
 */
export function axisValues(spec: string, integer = false): number[] {
  const allowed = 'allowed: "lo:hi:n" (n ≥ 2 evenly spaced values, lo < hi) or a list "a,b,c"';
  let values: number[];
  if (spec.includes(":")) {
    const parts = spec.split(":").map((part) => Number(part.trim()));
    const [lo, hi, n] = parts;
    if (
      parts.length !== 3 || !parts.every(Number.isFinite) || !(lo < hi) || !Number.isInteger(n) ||
      n < 2 || n > 200
    ) {
      throw new RangeError(`"${spec}": ${allowed}, n ≤ 200`);
    }
    values = Array.from({ length: n }, (_, i) => lo + (hi - lo) * i / (n - 1));
  } else {
    values = spec.split(",").map((part) => part.trim() === "" ? NaN : Number(part));
    if (values.length === 0 || !values.every(Number.isFinite)) {
      throw new RangeError(`"${spec}": ${allowed}`);
    }
  }
  if (integer) values = values.map(Math.round);
  return [...new Set(values.map((value) => Number(value.toPrecision(12))))];
}

/** `values` with `value` added (sorted ascending, no duplicates): the as-built point on the grid. */
export function withValue(values: readonly number[], value: number): number[] {
  return [...new Set([...values, value])].sort((a, b) => a - b);
}

/** The tier with the least capacity (servers ÷ mean service time) and its servers. */
function weakestTier(json: Record<string, unknown>): { name: string; servers: number } | null {
  const tiers = (json.service as { tiers?: Record<string, unknown>[] } | undefined)?.tiers ?? [];
  let weakest: { name: string; servers: number; capacity: number } | null = null;
  for (const tier of tiers) {
    const servers = numberOf(tier.servers);
    const mean = numberOf((tier.service_time as Record<string, unknown> | undefined)?.mean_seconds);
    if (servers === undefined || typeof tier.name !== "string") continue;
    const capacity = servers / (mean ?? 1);
    if (!weakest || capacity < weakest.capacity) {
      weakest = { name: tier.name, servers, capacity };
    }
  }
  return weakest;
}

/**
 * The default pair of axes: servers of the weakest tier (half to four times as built, 12
 * values, plus the as-built count) × the arrival multiplier (0.5 to 2 by 0.1).
 * @throws RangeError when the scenario has no tier with a server count.
 */
export function defaultAxes(
  json: Record<string, unknown>,
  points = 12,
): { x: MapAxis; y: MapAxis } {
  const tier = weakestTier(json);
  if (!tier) throw new RangeError("service.tiers: no tier with a server count to vary");
  const path = `service.tiers.${tier.name}.servers`;
  const lo = Math.max(1, Math.round(tier.servers / 2));
  const hi = Math.max(lo + points - 1, tier.servers * 4);
  return {
    x: { name: path, values: withValue(axisValues(`${lo}:${hi}:${points}`, true), tier.servers) },
    y: { name: ARRIVAL_MULTIPLIER, values: withValue(axisValues("0.5:2:16"), 1) },
  };
}

/** The as-built value of an axis' parameter, or null when the scenario does not set it. */
export function asBuiltValue(json: Record<string, unknown>, path: string): number | null {
  return valueAt(json, path) ?? null;
}
