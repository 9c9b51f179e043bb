/**
 * Small scenario builders for model tests: a single-tier base that tests override.
 */
import { parseScenario, type Scenario } from "../../sim/model/mod.ts";
import { runReplication } from "../../sim/model/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";
import type { SeriesRow, SummaryRow } from "../../sim/table/mod.ts";

/**
 * `base` with `overrides` laid over it, for building test scenarios (not designs): objects
 * merge field by field unless the override names another `kind` (then it replaces the
 * object); arrays of named objects merge item by item by `name` (new names are appended);
 * other arrays and values replace.
 */
function overlay(base: unknown, overrides: unknown): unknown {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  const named = (value: unknown): value is Record<string, unknown>[] =>
    Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === "string");
  if (named(base) && named(overrides)) {
    const merged = base.map((item) => {
      const override = overrides.find((candidate) => candidate.name === item.name);
      return override ? overlay(item, override) : item;
    });
    const added = overrides.filter((item) => !base.some((old) => old.name === item.name));
    return [...merged, ...added];
  }
  if (!isObject(base) || !isObject(overrides)) return overrides;
  if ("kind" in overrides && overrides.kind !== base.kind) return overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) merged[key] = overlay(base[key], value);
  return merged;
}

/** A one-tier scenario (1 s exponential service, 10 servers, Poisson 5/s) with overrides. */
export function singleTier(overrides: Record<string, unknown> = {}): Scenario {
  const base = {
    name: "test",
    seed: 11,
    horizon_seconds: 1000,
    bin_width_seconds: 10,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 5 },
      journey: [{ name: "op", route: ["app"] }],
    },
    service: {
      tiers: [{
        name: "app",
        servers: 10,
        service_time: { kind: "exponential", mean_seconds: 1 },
      }],
    },
  };
  return parseScenario(overlay(base, overrides));
}

/** Runs one replication and indexes its tables. */
export function run(scenario: Scenario, replication = 0, design = "base"): {
  summary: (metric: string) => number;
  series: (metric: string) => SeriesRow[];
  summaries: SummaryRow[];
} {
  const result = runReplication(scenario, design, replication);
  return {
    summaries: result.summaries,
    summary: (metric) => {
      const row = result.summaries.find((entry) => entry.metric === metric);
      if (!row) throw new Error(`no summary metric ${metric}`);
      return row.value;
    },
    series: (metric) => result.series.filter((entry) => entry.metric === metric),
  };
}

/** Mean and 95 % Student-t half-width of a sample (n ≥ 2). */
export function meanAndHalfWidth(values: number[]): { mean: number; halfWidth: number } {
  const interval = meanConfidenceInterval(values, 0.95);
  return { mean: interval.mean, halfWidth: interval.halfWidth };
}
