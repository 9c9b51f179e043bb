/**
 * The standard chart catalogue for one scenario and design, built from whatever the result
 * tables hold: each chart whose input is present, skipped otherwise.
 *
 * @module
 */
import type { ResultTables } from "../table/types.ts";
import { budgetChart } from "./budget_chart.ts";
import type { Chart } from "./chart.ts";
import { designComparisonChart, differenceChart } from "./design_comparison_chart.ts";
import { checkLang, type Lang } from "./labels.ts";
import { latencyChart } from "./latency_chart.ts";
import { loadChart } from "./load_chart.ts";
import { outcomeChart } from "./outcome_chart.ts";
import { queueChart } from "./queue_chart.ts";
import { type RunSelection, selectRuns } from "./select_rows.ts";

/** Metrics the standard design comparison shows, when the estimates hold them. */
export const KEY_COMPARISON_METRICS: readonly string[] = [
  "goodput_share",
  "funded_share",
  "technical_failure_share",
  "retry_amplification",
  "time_to_success_p95_s",
];

/** Options for `standardCharts`. */
export interface StandardChartsOptions extends RunSelection {
  /** Chart language (default Italian). */
  lang?: Lang;
  /** Metrics for the design comparison and differences (default `KEY_COMPARISON_METRICS`). */
  comparisonMetrics?: readonly string[];
}

/**
 * Builds the standard catalogue for one scenario and design: `load`, `queues`, `latency`,
 * `budget`, `outcomes_<group_by>` (one per grouping), and across designs `designs` and
 * `differences`. A chart is left out when its input rows are absent. Keys are file-name safe.
 */
export function standardCharts(
  tables: ResultTables,
  options: StandardChartsOptions = {},
): Record<string, Chart> {
  const lang = checkLang(options.lang);
  const charts: Record<string, Chart> = {};
  const has = (prefix: string) => tables.series.some((row) => row.metric.startsWith(prefix));
  if (tables.series.length > 0) {
    const series = selectRuns(tables.series, options, "series");
    const selection = { ...options, scenario: series[0].scenario, design: series[0].design };
    if (has("offered_first_per_s")) charts.load = loadChart(series, selection);
    if (has("queue_length:") || has("busy_servers:")) {
      charts.queues = queueChart(series, selection);
    }
    if (has("latency_p")) charts.latency = latencyChart(series, selection);
    if (has("budget_remaining_euro")) {
      charts.budget = budgetChart(series, { ...selection, summaries: tables.summaries });
    }
  }
  if (tables.outcomes.length > 0) {
    const outcomes = selectRuns(tables.outcomes, options, "outcomes");
    for (const groupBy of new Set(outcomes.map((row) => row.group_by))) {
      const key = `outcomes_${groupBy.replace(/[^A-Za-z0-9_-]/g, "_")}`;
      charts[key] = outcomeChart(outcomes, { ...options, groupBy, lang });
    }
  }
  const wanted = options.comparisonMetrics ?? KEY_COMPARISON_METRICS;
  const scenarioOf = (rows: { scenario: string }[]) =>
    options.scenario ??
      (new Set(rows.map((row) => row.scenario)).size === 1 ? rows[0]?.scenario : undefined);
  const estimateScenario = scenarioOf(tables.estimates);
  const estimateMetrics = wanted.filter((metric) =>
    tables.estimates.some((row) => row.metric === metric && row.scenario === estimateScenario)
  );
  if (estimateMetrics.length > 0) {
    charts.designs = designComparisonChart(tables.estimates, {
      scenario: estimateScenario,
      metrics: estimateMetrics,
      lang,
    });
  }
  const differenceScenario = scenarioOf(tables.differences);
  const differenceMetrics = wanted.filter((metric) =>
    tables.differences.some((row) => row.metric === metric && row.scenario === differenceScenario)
  );
  if (differenceMetrics.length > 0) {
    charts.differences = differenceChart(tables.differences, {
      scenario: differenceScenario,
      metrics: differenceMetrics,
      lang,
    });
  }
  return charts;
}
