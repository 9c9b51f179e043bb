/**
 * Scaling a scenario down by the scaling role each numeric field declares (`numbers.ts`):
 * fewer citizens, fewer servers, the same utilisation, optionally a shorter horizon. Nothing is
 * scaled by its name: a new field scales as its schema says, and a field without a role fails
 * the schema test before it can be left unscaled.
 *
 * At factor f: rates, counts × f; inter-arrival times ÷ f; capacities (places, limits)
 * `round(v·f)`, at least 1 when v > 0; times and unscaled numbers unchanged; a tier's servers
 * (and its capacity steps, and the autoscaler bounds of that tier) become `max(1, round(s·f·r))`
 * and its service times × r, with the least ratio r ≥ 1 that keeps every server count's
 * capacity within 2 % of f × the original ({@link roundingRatio}), recorded in the tier's
 * `service_time_stretch` so that results count real servers. A stretched service time is
 * the price: at small f a tier of a few fast servers becomes a few slow ones, which changes
 * waits against client timeouts — the reason the report checks convergence in f. A rate or a
 * count held per key of a client-side scope (a retry budget's trickle, its tokens) is unchanged
 * per session or citizen and × f·G/G' per gateway (`scopeRateFactor`); such a count stays at
 * least 1 token. A field left out whose default scales (an adaptive limit's `min_limit` of 20
 * requests, a retry budget's `max_tokens` of 100) is written in first (`scaled_defaults.ts`), so
 * it scales like the same value written out.
 *
 * @module
 */
import { mergeDesign } from "./merge.ts";
import type { ScalingRole } from "./numbers.ts";
import { childPattern, patternPrefixes, type RoleMap } from "./scaling_roles.ts";

/** How to scale a scenario: factor and horizon. */
export interface ScalePlan {
  /** Factor applied to demand and capacity, in (0, 1]: 0.1 is a 1/10-scale run. */
  factor: number;
  /** Simulated horizon, seconds from the origin (≤ the scenario's own horizon). */
  horizonSeconds?: number;
}

/** The number in a plain or provenance-carrying field (`{ value, source|assumption }`). */
export function numberOf(field: unknown): number | undefined {
  if (typeof field === "number") return field;
  if (
    typeof field === "object" && field !== null && !Array.isArray(field) &&
    typeof (field as { value?: unknown }).value === "number"
  ) {
    return (field as { value: number }).value;
  }
  return undefined;
}

/** Replaces a field's number, keeping its provenance wrapper when it has one. */
function withNumber(field: unknown, value: number): unknown {
  if (typeof field === "object" && field !== null && !Array.isArray(field)) {
    return { ...(field as Record<string, unknown>), value };
  }
  return value;
}

/** Largest relative capacity error a tier's rounding may leave on any of its server counts. */
const ROUNDING_TOLERANCE = 0.02;
/** How many larger whole numbers of servers the rounding tries before taking the best. */
const ROUNDING_SEARCH = 50;

/**
 * The service-time stretch `ratio` of a tier whose positive server counts are `counts`, scaled
 * by `factor`: every count `s` becomes `max(1, round(s × factor × ratio))` servers, each
 * `ratio` times slower, so capacity is `factor` times the original within 2 %. The smallest
 * count `m` becomes `n` servers, `ratio = n ÷ (m × factor)`, with the least `n ≥ max(1,
 * round(m × factor))` that keeps every count within the tolerance (a wallet of 15 → 25 → 150
 * servers at 1/10: 3 → 5 → 30 servers twice as slow, not 2 → 3 → 20). Returns 1 for no counts.
 */
export function roundingRatio(counts: readonly number[], factor: number): number {
  const positive = counts.filter((count) => count > 0);
  if (positive.length === 0) return 1;
  const smallest = positive.reduce((a, b) => Math.min(a, b)) * factor;
  const first = Math.max(1, Math.round(smallest));
  const worstError = (ratio: number) =>
    positive.reduce((worst, count) => {
      const exact = count * factor * ratio;
      return Math.max(worst, Math.abs(Math.max(1, Math.round(exact)) - exact) / exact);
    }, 0);
  let best = { ratio: first / smallest, error: worstError(first / smallest) };
  for (let servers = first; servers <= first + ROUNDING_SEARCH; servers++) {
    const ratio = servers / smallest;
    const error = worstError(ratio);
    if (error <= ROUNDING_TOLERANCE) return ratio;
    if (error < best.error) best = { ratio, error };
  }
  return best.ratio;
}

type Json = Record<string, unknown>;

/**
 * Walks a JSON value along the role map, calling `each(field, role, pattern, parent)` on
 * numeric fields (`parent`: the object holding the field, for roles that read a sibling).
 */
function mapNumbers(
  node: unknown,
  pattern: string,
  map: RoleMap,
  prefixes: ReadonlySet<string>,
  each: (field: unknown, role: ScalingRole, pattern: string, parent?: Json) => unknown,
  parent?: Json,
): unknown {
  const role = map.roles.get(pattern);
  if (role !== undefined && numberOf(node) !== undefined) {
    return each(node, role, pattern, parent);
  }
  if (Array.isArray(node)) {
    return node.map((item, index) => {
      const next = childPattern(prefixes, pattern, index);
      return next === undefined ? item : mapNumbers(item, next, map, prefixes, each);
    });
  }
  if (typeof node !== "object" || node === null) return node;
  const result: Json = {};
  for (const [key, value] of Object.entries(withScaledDefaults(node as Json, pattern, map))) {
    const next = childPattern(prefixes, pattern, key);
    result[key] = next === undefined
      ? value
      : mapNumbers(value, next, map, prefixes, each, node as Json);
  }
  return result;
}

/**
 * `node` with the defaults that scale (`RoleMap.defaults`) written in where it leaves them out,
 * so that a default scales like the same value written out.
 */
function withScaledDefaults(node: Json, pattern: string, map: RoleMap): Json {
  const defaults = map.defaults.get(pattern);
  if (defaults === undefined) return node;
  let filled: Json | undefined;
  for (const { field, value, kind } of defaults) {
    if (node[field] !== undefined || (kind !== undefined && node.kind !== kind)) continue;
    filled ??= { ...node };
    filled[field] = value;
  }
  return filled ?? node;
}

/**
 * The factor of a rate or a count per scope key (`scope_rate`, `scope_count`) at `factor`: 1
 * per session or citizen; per gateway (the default scope) G ÷ G' × factor, G the object's
 * gateways and G' their scaled count, so that the gateways' total scales by the factor.
 */
function scopeRateFactor(owner: Json | undefined, factor: number): number {
  const scope = owner?.scope ?? "gateway";
  if (scope !== "gateway") return 1;
  const gateways = numberOf(owner?.gateways) ?? 1;
  return (factor * gateways) / Math.max(1, Math.round(gateways * factor));
}

/** Every number with role `servers` inside `node` (walked at `pattern`). */
function serverCounts(node: unknown, pattern: string, map: RoleMap, prefixes: Set<string>) {
  const counts: number[] = [];
  mapNumbers(node, pattern, map, prefixes, (field, role) => {
    if (role === "servers") counts.push(numberOf(field)!);
    return field;
  });
  return counts;
}

/** The tier a servers-role field outside the tiers belongs to: a `tier` sibling, or the edge. */
function edgeTierName(scenario: Json): string | undefined {
  const journey = (scenario.demand as Json | undefined)?.journey as Json[] | undefined;
  const first = journey?.[0];
  const route = first?.route as string[] | undefined;
  if (route?.length) return route[0];
  const entry = (first?.routing as Json | undefined)?.entry;
  return typeof entry === "string" ? entry : Object.keys((entry as Json) ?? {})[0];
}

/**
 * Writes `service_time_stretch: 1` on every tier of a scaled design that has none while the
 * scaled base's tier of the same name has one (the design's servers scaled exactly).
 */
function keepOwnStretch(design: Json, scaledBase: Json): void {
  const tiersOf = (part: Json) =>
    ((part.service as Json | undefined)?.tiers as Json[] | undefined) ?? [];
  const baseStretch = new Map(
    tiersOf(scaledBase).map((tier) => [String(tier.name), tier.service_time_stretch]),
  );
  for (const tier of tiersOf(design)) {
    if (
      tier.service_time_stretch === undefined && baseStretch.get(String(tier.name)) !== undefined
    ) {
      tier.service_time_stretch = 1;
    }
  }
}

/** The object at `path` inside `root`, if any. */
function at(root: unknown, path: readonly PropertyKey[]): Json | undefined {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return typeof node === "object" && node !== null && !Array.isArray(node)
    ? node as Json
    : undefined;
}

/** Scales one resolved scenario part (the base, or the base with a design merged on). */
function scalePart(part: Json, factor: number, map: RoleMap, prefixes: Set<string>): Json {
  const tiers = ((part.service as Json | undefined)?.tiers as Json[] | undefined) ?? [];
  const ratios = new Map<string, number>(
    tiers.map((tier) => [
      String(tier.name),
      roundingRatio(serverCounts(tier, "service.tiers[]", map, prefixes), factor),
    ]),
  );
  const edge = edgeTierName(part);
  const scaleValue = (
    field: unknown,
    role: ScalingRole,
    ratio: number,
    owner?: Json,
  ): unknown => {
    const value = numberOf(field)!;
    switch (role) {
      case "rate":
      case "count":
        return withNumber(field, value * factor);
      case "money":
        return withNumber(
          field,
          value === 0 ? 0 : Math.max(0.01, Math.round(value * factor * 100) / 100),
        );
      case "scope_rate":
        return withNumber(field, value * scopeRateFactor(owner, factor));
      case "scope_count":
        // tokens are real-valued, but a bucket below one token could never pay for a retry:
        // at least 1 (or the full-scale value, if that was below 1 already)
        return withNumber(
          field,
          value === 0 ? 0 : Math.max(Math.min(1, value), value * scopeRateFactor(owner, factor)),
        );
      case "interarrival":
        return withNumber(field, value / factor);
      case "capacity":
        return withNumber(field, value === 0 ? 0 : Math.max(1, Math.round(value * factor)));
      case "servers":
        return withNumber(field, value === 0 ? 0 : Math.max(1, Math.round(value * factor * ratio)));
      case "service_time":
        return withNumber(field, value * ratio);
      default:
        return field;
    }
  };
  const result: Json = {};
  for (const [key, value] of Object.entries(part)) {
    const pattern = childPattern(prefixes, "", key);
    if (pattern === undefined) {
      result[key] = value;
    } else if (key === "service") {
      const service = { ...(value as Json) };
      if (Array.isArray(service.tiers)) {
        service.tiers = (service.tiers as Json[]).map((tier) => {
          const ratio = ratios.get(String(tier.name)) ?? 1;
          // The stretch is recorded, so that results count real servers (a service-time role:
          // × ratio like the service times; absent means 1).
          const recorded = ratio !== 1 && numberOf(tier.service_time_stretch) === undefined
            ? { ...tier, service_time_stretch: 1 }
            : tier;
          return mapNumbers(
            recorded,
            "service.tiers[]",
            map,
            prefixes,
            (f, role, _pattern, owner) => scaleValue(f, role, ratio, owner),
          );
        });
      }
      result[key] = service;
    } else {
      // a servers-role field outside the tiers (autoscaler bounds) takes its tier's ratio
      const ratio = ratios.get(String((value as Json | null)?.tier ?? edge)) ?? 1;
      result[key] = mapNumbers(
        value,
        pattern,
        map,
        prefixes,
        (f, role, _pattern, owner) => scaleValue(f, role, ratio, owner),
      );
    }
  }
  return result;
}

/**
 * Returns a copy of scenario JSON scaled by `plan.factor` and cut at `plan.horizonSeconds`,
 * following the numbers' roles in `map`. Each design is merged onto the full-scale base and
 * scaled as a whole (so a tier's rounding is that of the design's own servers), and stored as a
 * complete override. The input is not changed.
 *
 * @throws RangeError when the factor is not in (0, 1] or the horizon is not positive.
 */
export function scaleScenarioByRoles(scenario: Json, plan: ScalePlan, map: RoleMap): Json {
  if (!(plan.factor > 0 && plan.factor <= 1)) {
    throw new RangeError(`scale factor: got ${plan.factor}; allowed: a number in (0, 1]`);
  }
  if (plan.horizonSeconds !== undefined && !(plan.horizonSeconds > 0)) {
    throw new RangeError(`horizon: got ${plan.horizonSeconds}; allowed: seconds > 0`);
  }
  const prefixes = patternPrefixes(map);
  const { designs, ...base } = scenario;
  const cut = (part: Json) => {
    const horizon = numberOf(part.horizon_seconds);
    if (plan.horizonSeconds !== undefined && horizon !== undefined) {
      part.horizon_seconds = Math.min(horizon, plan.horizonSeconds);
    }
    return part;
  };
  const scaled = cut(scalePart(base, plan.factor, map, prefixes));
  if (designs && typeof designs === "object") {
    scaled.designs = Object.fromEntries(
      Object.entries(designs as Json).map(([name, override]) => {
        const { merged, kindChanges, removed } = mergeDesign(base, override);
        const resolved = merged as Json;
        const {
          name: _name,
          seed: _seed,
          description: _description,
          $schema: _schema,
          ...rest
        } = cut(scalePart(resolved, plan.factor, map, prefixes));
        // A tier the design leaves unstretched (its servers scale exactly) must not inherit,
        // when merged again, the stretch recorded on the scaled base's tier: write it as 1.
        keepOwnStretch(rest, scaled);
        // Run-wide settings stay those of the base unless the design itself overrides them.
        for (const setting of ["horizon_seconds", "warmup_seconds", "bin_width_seconds"]) {
          if ((override as Json | undefined)?.[setting] === undefined) delete rest[setting];
        }
        // A kind the design changed must not inherit, when merged again, the base's fields it
        // dropped: name them null (merge drops null fields of a changed kind).
        for (const change of kindChanges) {
          const own = at(rest, change.path);
          const old = at(base, change.path);
          if (own && old) {
            for (const key of Object.keys(old)) if (!(key in own)) own[key] = null;
          }
        }
        // Likewise a field the design removed: null, so that merging again removes it.
        for (const path of removed) {
          const parent = at(rest, path.slice(0, -1));
          const key = path[path.length - 1] as string;
          if (parent && !(key in parent)) parent[key] = null;
        }
        return [name, rest];
      }),
    );
  }
  return scaled;
}
