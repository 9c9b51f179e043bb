/**
 * Small scenario builders for model tests: a single-tier base that tests override.
 */
import { deepMerge, parseScenario, type Scenario } from "../../sim/scenario/mod.ts";
import { runReplication } from "../../sim/model/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";
import type { SeriesRow, SummaryRow } from "../../sim/table/mod.ts";

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
  return parseScenario(deepMerge(base, overrides));
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
