/**
 * The replication jobs of a plan: every job of a fixed-replication experiment in canonical
 * order and a shard's round-robin slice of them, the (scenario, grid point) cells sequential
 * replications and their shards use, and the stopping rule of a cell.
 *
 * @module
 */
import { meanConfidenceInterval } from "../stats/mod.ts";
import type { RunLayout, ShardSelection } from "./manifest.ts";
import type { ExperimentPlan } from "./plan.ts";
import { jobKeyString } from "./run_store.ts";
import type { JobKey, JobResult, ReplicationJob } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** A (scenario, grid point) cell: the unit sequential replications and cell shards use. */
export interface Cell {
  /** Scenario index. */
  scenarioIndex: number;
  /** Grid point index. */
  gridIndex: number;
}

/** The job a key stands for, with its scenario JSON. */
export function jobOf(plan: ExperimentPlan, key: JobKey): ReplicationJob {
  return {
    ...key,
    scenario: plan.cellScenarios[key.scenarioIndex][key.gridIndex],
    design: plan.designs[key.scenarioIndex][key.designIndex],
    gridPoint: plan.gridLabels[key.gridIndex],
    ...(plan.until === undefined ? {} : { until: plan.until }),
  };
}

/** Every (scenario, grid point) cell in canonical order. */
export function cellsOf(layout: RunLayout): Cell[] {
  const cells: Cell[] = [];
  for (let s = 0; s < layout.designs.length; s++) {
    for (let g = 0; g < layout.gridPoints; g++) cells.push({ scenarioIndex: s, gridIndex: g });
  }
  return cells;
}

/** The cells of a shard (every cell without one): dealt round-robin in canonical order. */
export function shardCells(layout: RunLayout, shard: ShardSelection | null | undefined): Cell[] {
  return cellsOf(layout).filter((_, i) => !shard || i % shard.count === shard.index - 1);
}

/** The jobs of a cell for replications `from` ≤ r < `to`, designs in order. */
export function cellJobs(layout: RunLayout, cell: Cell, from: number, to: number): JobKey[] {
  const keys: JobKey[] = [];
  for (let d = 0; d < layout.designs[cell.scenarioIndex]; d++) {
    for (let r = from; r < to; r++) keys.push({ ...cell, designIndex: d, replication: r });
  }
  return keys;
}

/**
 * Every job of a fixed-replication layout in canonical order, then this shard's slice
 * (round-robin: job i goes to shard i mod N + 1).
 */
export function fixedJobs(layout: RunLayout, shard: ShardSelection | null | undefined): JobKey[] {
  const keys: JobKey[] = [];
  const replications = layout.replications ?? 0;
  let index = 0;
  for (let s = 0; s < layout.designs.length; s++) {
    for (let d = 0; d < layout.designs[s]; d++) {
      for (let g = 0; g < layout.gridPoints; g++) {
        for (let r = 0; r < replications; r++, index++) {
          if (!shard || index % shard.count === shard.index - 1) {
            keys.push({ scenarioIndex: s, designIndex: d, gridIndex: g, replication: r });
          }
        }
      }
    }
  }
  return keys;
}

/**
 * The jobs a finished folder of this layout must hold: the shard's fixed jobs, or with
 * sequential replications the replications its `cells` record.
 */
export function expectedJobs(layout: RunLayout, shard: ShardSelection | null): JobKey[] {
  if (layout.replications !== null) return fixedJobs(layout, shard);
  const keys: JobKey[] = [];
  for (const [scenarioIndex, gridIndex, replications] of layout.cells ?? []) {
    for (const key of cellJobs(layout, { scenarioIndex, gridIndex }, 0, replications)) {
      keys.push(key);
    }
  }
  return keys;
}

/** The layout of a plan (its runs, for the manifest). */
export function layoutOf(plan: ExperimentPlan): RunLayout {
  return {
    designs: plan.designs.map((designs) => designs.length),
    gridPoints: plan.gridPoints.length,
    replications: plan.sequential ? null : plan.replications,
  };
}

/** True when every watched interval of a cell meets the sequential target. */
export function cellConverged(
  plan: ExperimentPlan,
  cell: Cell,
  replications: number,
  results: ReadonlyMap<string, JobResult>,
): boolean {
  const rule = plan.sequential!;
  const designs = plan.designs[cell.scenarioIndex];
  const valuesOf = (designIndex: number): number[] => {
    const values: number[] = [];
    for (let r = 0; r < replications; r++) {
      const summaries = results.get(jobKeyString({ ...cell, designIndex, replication: r }))!
        .tables.summaries;
      const row = summaries.find((summary) => summary.metric === rule.metric);
      if (!row) {
        throw UsageError.field(
          "sequential.metric",
          rule.metric,
          `a summary metric of the runs: ${summaries.map((s) => `"${s.metric}"`).join(", ")}`,
        );
      }
      values.push(row.value);
    }
    return values;
  };
  const baselineIndex = designs.indexOf(plan.baselines[cell.scenarioIndex]);
  const baselineValues = rule.of === "difference" ? valuesOf(baselineIndex) : [];
  for (let d = 0; d < designs.length; d++) {
    if (rule.of === "difference" && d === baselineIndex) continue;
    let values = valuesOf(d);
    if (rule.of === "difference") values = values.map((value, r) => value - baselineValues[r]);
    const interval = meanConfidenceInterval(values, plan.confidence);
    const target = rule.relative ? rule.halfWidth * Math.abs(interval.mean) : rule.halfWidth;
    if (!(interval.halfWidth <= target)) return false;
  }
  return true;
}
