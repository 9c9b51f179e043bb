/**
 * Scaling an incident scenario down for the report: fewer citizens, fewer servers, same
 * utilisation, and optionally a shorter horizon.
 *
 * A full-scale incident is big (the Cashback launch is ~107 M attempts over 3 days), so the
 * report runs each incident at 1/k scale, as `data/sources.md` ("Scale") prescribes: the
 * arrival multiplier, the population, every tier's servers (and capacity steps, queue and
 * crash thresholds), every autoscaler bound, admission rate, concurrency limit and budget are
 * multiplied by the same factor `f` (0.1 for a one-tenth-scale run); service times, timeouts and client behaviour are
 * unchanged. Offered load over capacity is then the same at every moment, so per-citizen
 * shares (funded, failed, retry amplification, goodput share) are scale-free to first order;
 * what shrinks is the pooling of many servers (a 1/k system has relatively larger random
 * fluctuations) and the integer rounding of small server counts.
 *
 * Rounding: a tier's servers and capacity steps become whole numbers `max(1, round(servers ×
 * f × ratio))`, and its service times are stretched by the same `ratio ≥ 1`, so its capacity
 * (servers ÷ mean service time, requests/s) is `f` times the original at every step, within
 * 2% (see `roundingRatio`). A stretched service time is the price: at small `f` a tier of a
 * few fast servers becomes one slow server, which changes waits against client timeouts.
 *
 * @module
 */
import { deepMerge } from "./merge.ts";

/** How to scale one incident: capacity/demand factor and horizon. */
export interface ScalePlan {
  /** Factor applied to demand and capacity, in (0, 1]: 0.1 is a 1/10-scale run. */
  factor: number;
  /** Simulated horizon, seconds from the origin (≤ the scenario's own horizon). */
  horizonSeconds?: number;
}

/** Keys whose numbers count servers, requests in flight or queue places (scaled, integers). */
const INTEGER_CAPACITY_KEYS = new Set([
  "min_servers",
  "max_servers",
  "in_system_threshold",
  "limit",
  "initial_limit",
  "min_limit",
  "max_limit",
]);

/** Keys whose numbers are rates or amounts (scaled, real). */
const REAL_CAPACITY_KEYS = new Set([
  "admission_rate_per_second",
  "total_euro",
  "burst",
]);

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

function scaledInteger(field: unknown, factor: number, minimum = 1): unknown {
  const value = numberOf(field);
  if (value === undefined) return field;
  return withNumber(field, value === 0 ? 0 : Math.max(minimum, Math.round(value * factor)));
}

function scaledReal(field: unknown, factor: number): unknown {
  const value = numberOf(field);
  return value === undefined ? field : withNumber(field, value * factor);
}

/** Stretches a service-time block by `ratio` (mean, and uniform bounds). */
function stretchedServiceTime(serviceTime: unknown, ratio: number): unknown {
  if (ratio === 1 || typeof serviceTime !== "object" || serviceTime === null) return serviceTime;
  const result: Record<string, unknown> = { ...(serviceTime as Record<string, unknown>) };
  for (const key of ["mean_seconds", "min_seconds", "max_seconds"]) {
    if (key in result) result[key] = scaledReal(result[key], ratio);
  }
  return result;
}

/** Scales one tier (full or partial, as in a design override). */
function scaledTier(tier: Record<string, unknown>, factor: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const ratio = roundingRatio(tier, factor);
  for (const [key, field] of Object.entries(tier)) {
    if (key === "servers") {
      result.servers = scaledInteger(field, factor * ratio);
    } else if (key === "service_time") {
      result.service_time = stretchedServiceTime(field, ratio);
    } else if (key === "capacity_schedule" && Array.isArray(field)) {
      result.capacity_schedule = field.map((step: Record<string, unknown>) => ({
        ...step,
        servers: scaledInteger(step.servers, factor * ratio),
      }));
    } else if (key === "queue" && typeof field === "object" && field !== null) {
      const queue = { ...(field as Record<string, unknown>) };
      if (numberOf(queue.capacity) !== undefined) {
        queue.capacity = scaledInteger(queue.capacity, factor, 0);
      }
      if (numberOf(queue.adaptive_lifo_threshold) !== undefined) {
        queue.adaptive_lifo_threshold = scaledInteger(queue.adaptive_lifo_threshold, factor, 0);
      }
      result.queue = queue;
    } else {
      result[key] = scaleMechanisms(field, factor);
    }
  }
  return result;
}

/** Scales capacity-like keys anywhere in a mechanism block (waiting room, budget, limits…). */
function scaleMechanisms(node: unknown, factor: number): unknown {
  if (Array.isArray(node)) return node.map((item) => scaleMechanisms(item, factor));
  if (typeof node !== "object" || node === null) return node;
  if (numberOf(node) !== undefined && Object.keys(node).length === 2) return node;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(node as Record<string, unknown>)) {
    if (INTEGER_CAPACITY_KEYS.has(key) && numberOf(field) !== undefined) {
      result[key] = scaledInteger(field, factor);
    } else if (REAL_CAPACITY_KEYS.has(key) && numberOf(field) !== undefined) {
      result[key] = scaledReal(field, factor);
    } else if (key === "token_bucket" && typeof field === "object" && field !== null) {
      const bucket = scaleMechanisms(field, factor) as Record<string, unknown>;
      if (numberOf(bucket.rate_per_second) !== undefined) {
        bucket.rate_per_second = scaledReal(bucket.rate_per_second, factor);
      }
      result[key] = bucket;
    } else {
      result[key] = scaleMechanisms(field, factor);
    }
  }
  return result;
}

/** Largest relative capacity error a tier's rounding may leave on any of its server counts. */
const ROUNDING_TOLERANCE = 0.02;

/** How many larger whole numbers of servers the rounding tries before taking the best. */
const ROUNDING_SEARCH = 50;

/** The positive server counts of a tier: its servers and every capacity step's. */
function serverCounts(tier: Record<string, unknown>): number[] {
  const counts = [numberOf(tier.servers)];
  if (Array.isArray(tier.capacity_schedule)) {
    for (const step of tier.capacity_schedule as Record<string, unknown>[]) {
      counts.push(numberOf(step?.servers));
    }
  }
  return counts.filter((count): count is number => count !== undefined && count > 0);
}

/**
 * The service-time stretch `ratio` of a tier scaled by `factor`: every positive server count
 * `s` of the tier (its servers and each capacity step) becomes `max(1, round(s × factor ×
 * ratio))` servers, each `ratio` times slower, so capacity (servers ÷ service time) is `factor`
 * times the original within {@link ROUNDING_TOLERANCE}. The smallest count `m` becomes `n`
 * servers, `ratio = n ÷ (m × factor)`, with the least `n ≥ max(1, round(m × factor))` that
 * keeps every count within the tolerance (a wallet of 15 → 25 → 150 servers at 1/10: 3 → 5 →
 * 30 servers twice as slow, not 2 → 3 → 20, whose day-2 capacity would be 10% short). A count
 * rounding to zero would switch the tier off, so none does. Returns 1 for a tier without
 * servers.
 */
function roundingRatio(tier: Record<string, unknown> | undefined, factor: number): number {
  const counts = tier ? serverCounts(tier) : [];
  if (counts.length === 0) return 1;
  const smallest = Math.min(...counts) * factor;
  const first = Math.max(1, Math.round(smallest));
  const worstError = (ratio: number) =>
    Math.max(
      ...counts.map((count) => {
        const exact = count * factor * ratio;
        return Math.abs(Math.max(1, Math.round(exact)) - exact) / exact;
      }),
    );
  let best = { ratio: first / smallest, error: worstError(first / smallest) };
  for (let servers = first; servers <= first + ROUNDING_SEARCH; servers++) {
    const ratio = servers / smallest;
    const error = worstError(ratio);
    if (error <= ROUNDING_TOLERANCE) return ratio;
    if (error < best.error) best = { ratio, error };
  }
  return best.ratio;
}

/**
 * Autoscaler bounds count servers of the tier they scale, whose service time was stretched by
 * its rounding ratio: the bounds take the same ratio, so the autoscaler's capacity range is
 * exactly `factor` × the original (a wallet of 5 → 1,400 servers at 1/100 becomes 1 → 14·ratio,
 * not 1 → 14 servers each `ratio` times slower).
 */
function scaledAutoscaler(part: Record<string, unknown>, factor: number): unknown {
  const scaler = part.autoscaler as Record<string, unknown> | null | undefined;
  if (typeof scaler !== "object" || scaler === null) return scaleMechanisms(scaler, factor);
  const tiers = (part.service as { tiers?: Record<string, unknown>[] } | undefined)?.tiers;
  const tier = tiers?.find((candidate) => candidate.name === scaler.tier) ?? tiers?.[0];
  const ratio = roundingRatio(tier, factor);
  const result = scaleMechanisms(scaler, factor) as Record<string, unknown>;
  for (const key of ["min_servers", "max_servers"]) {
    if (numberOf(scaler[key]) !== undefined) {
      result[key] = scaledInteger(scaler[key], factor * ratio);
    }
  }
  return result;
}

/** Scales a scenario part (the base or one design's overrides). */
function scalePart(part: Record<string, unknown>, factor: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(part)) {
    if (key === "demand" && typeof field === "object" && field !== null) {
      const demand: Record<string, unknown> = {};
      for (const [demandKey, demandField] of Object.entries(field as Record<string, unknown>)) {
        if (demandKey === "population") {
          demand.population = demandField === null ? null : scaledInteger(demandField, factor);
        } else if (demandKey === "multiplier") {
          demand.multiplier = (numberOf(demandField) ?? 1) * factor;
        } else if (demandKey === "arrivals") {
          demand.arrivals = demandField; // scaled through the multiplier
        } else {
          demand[demandKey] = scaleMechanisms(demandField, factor);
        }
      }
      demand.multiplier ??= factor;
      result.demand = demand;
    } else if (key === "autoscaler") {
      result.autoscaler = scaledAutoscaler(part, factor);
    } else if (key === "service" && typeof field === "object" && field !== null) {
      const service = { ...(field as Record<string, unknown>) };
      if (Array.isArray(service.tiers)) {
        service.tiers = service.tiers.map((tier: Record<string, unknown>) =>
          scaledTier(tier, factor)
        );
      }
      result.service = scaleMechanisms(service, factor);
    } else if (
      ["name", "description", "seed", "horizon_seconds", "warmup_seconds", "bin_width_seconds"]
        .includes(key) || key.startsWith("$")
    ) {
      result[key] = field;
    } else {
      result[key] = scaleMechanisms(field, factor);
    }
  }
  return result;
}

/**
 * Returns a copy of scenario JSON scaled by `plan.factor` (demand and capacity) and cut at
 * `plan.horizonSeconds`. Design overrides are scaled the same way. The input is not changed.
 *
 * @throws RangeError when the factor is not in (0, 1] or the horizon is not positive.
 */
export function scaleScenario(
  scenario: Record<string, unknown>,
  plan: ScalePlan,
): Record<string, unknown> {
  if (!(plan.factor > 0 && plan.factor <= 1)) {
    throw new RangeError(`scale factor: got ${plan.factor}; allowed: a number in (0, 1]`);
  }
  if (plan.horizonSeconds !== undefined && !(plan.horizonSeconds > 0)) {
    throw new RangeError(`horizon: got ${plan.horizonSeconds}; allowed: seconds > 0`);
  }
  const { designs, ...base } = scenario;
  const cut = (part: Record<string, unknown>) => {
    const horizon = numberOf(part.horizon_seconds);
    if (plan.horizonSeconds !== undefined && horizon !== undefined) {
      part.horizon_seconds = Math.min(horizon, plan.horizonSeconds);
    }
    return part;
  };
  const scaled = cut(scalePart(base, plan.factor));
  if (designs && typeof designs === "object") {
    // Each design is resolved on the full-scale base, then scaled as a whole, so a tier's
    // rounding (and the service-time stretch it implies) is that of the design's own servers.
    scaled.designs = Object.fromEntries(
      Object.entries(designs as Record<string, unknown>).map(([name, override]) => {
        const resolved = deepMerge(base, override) as Record<string, unknown>;
        const {
          name: _name,
          seed: _seed,
          description: _description,
          $schema: _schema,
          ...rest
        } = cut(scalePart(resolved, plan.factor));
        // Run-wide settings stay those of the base unless the design itself overrides them.
        for (const setting of ["horizon_seconds", "warmup_seconds", "bin_width_seconds"]) {
          const own = (override as Record<string, unknown> | undefined)?.[setting];
          if (own === undefined) delete rest[setting];
        }
        return [name, rest];
      }),
    );
  }
  return scaled;
}
