/**
 * The run budget check: the model's cost estimate of every replication of a plan, summed,
 * against the budget of `limits.ts`. A run beyond it is refused before it starts, saying which
 * scenario, grid point and design cost most and how to run it anyway (`--allow-large-run`).
 *
 * @module
 */
import type { RunBudget } from "./limits.ts";
import type { ExperimentPlan } from "./plan.ts";
import { UsageError } from "./usage_error.ts";

/** What the whole run is estimated to cost. */
export interface RunCostSummary {
  /** Events of the costliest replication. */
  largestEvents: number;
  /** Memory of the hungriest replication, bytes. */
  largestMemoryBytes: number;
  /** Events of every replication (sequential: at `max`). */
  totalEvents: number;
  /** Result rows of every replication, bytes. */
  totalResultBytes: number;
  /** Where the costliest replication is: scenario, grid point, design. */
  costliest: string;
}

function formatCount(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : "unbounded";
}

function formatBytes(value: number): string {
  return Number.isFinite(value) ? `${(value / 1024 ** 3).toPrecision(3)} GiB` : "unbounded";
}

/** Sums the plan's cost estimates (undefined when its model gives none). */
export function summariseCost(plan: ExperimentPlan): RunCostSummary | undefined {
  if (!plan.costs) return undefined;
  const perCell = plan.sequential ? plan.sequential.max : plan.replications;
  const summary: RunCostSummary = {
    largestEvents: 0,
    largestMemoryBytes: 0,
    totalEvents: 0,
    totalResultBytes: 0,
    costliest: "",
  };
  plan.costs.forEach((row, s) =>
    row.forEach((designs, g) =>
      designs.forEach((cost, d) => {
        const events = Number.isNaN(cost.expectedEvents) ? Infinity : cost.expectedEvents;
        const memory = Number.isNaN(cost.expectedMemoryBytes) ? Infinity : cost.expectedMemoryBytes;
        const result = (cost as { expectedResultBytes?: number }).expectedResultBytes ?? 0;
        if (events >= summary.largestEvents || memory > summary.largestMemoryBytes) {
          const where = plan.gridLabels[g] === "{}" ? "" : ` at grid point ${plan.gridLabels[g]}`;
          summary.costliest = `scenario "${plan.scenarios[s].name}"${where}, design ` +
            `"${plan.designs[s][d]}"`;
        }
        summary.largestEvents = Math.max(summary.largestEvents, events);
        summary.largestMemoryBytes = Math.max(summary.largestMemoryBytes, memory);
        summary.totalEvents += events * perCell;
        summary.totalResultBytes += (Number.isNaN(result) ? Infinity : result) * perCell;
      })
    )
  );
  return summary;
}

/**
 * Refuses a plan whose estimated cost exceeds `budget`.
 *
 * @throws UsageError naming the costliest replication, the estimate, the budget and the flag
 *   that lifts it.
 */
export function checkRunBudget(plan: ExperimentPlan, budget: RunBudget): void {
  const cost = summariseCost(plan);
  if (!cost) return;
  const problems: string[] = [];
  if (!(cost.largestEvents <= budget.eventsPerReplication)) {
    problems.push(
      `${formatCount(cost.largestEvents)} events in one replication (${cost.costliest}); ` +
        `budget ${formatCount(budget.eventsPerReplication)}`,
    );
  }
  if (!(cost.largestMemoryBytes <= budget.memoryBytesPerReplication)) {
    problems.push(
      `${formatBytes(cost.largestMemoryBytes)} of memory in one replication ` +
        `(${cost.costliest}); budget ${formatBytes(budget.memoryBytesPerReplication)}`,
    );
  }
  if (!(cost.totalEvents <= budget.eventsPerRun)) {
    problems.push(
      `${formatCount(cost.totalEvents)} events in all; budget ${formatCount(budget.eventsPerRun)}`,
    );
  }
  if (!(cost.totalResultBytes <= budget.resultBytesPerRun)) {
    problems.push(
      `${formatBytes(cost.totalResultBytes)} of result rows in all; budget ` +
        formatBytes(budget.resultBytesPerRun),
    );
  }
  if (problems.length > 0) {
    throw new UsageError(
      `the run is beyond the budget (README, "Bounds"): estimated ${problems.join("; ")}. ` +
        "Check the scenario's rates, population, retries and bins (a typo?), run it scaled " +
        "down or with fewer replications, or pass --allow-large-run to run it anyway",
    );
  }
}
