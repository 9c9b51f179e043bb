/**
 * The report's charts for one incident, built with sim/charts from the result tables:
 * written to `charts/<incident>-<chart>.svg|png` and embedded in the page as an interactive
 * plotly chart (screen) with the static SVG as the print fallback.
 *
 * @module
 */
import {
  budgetChart,
  type Chart,
  designComparisonChart,
  differenceChart,
  KEY_COMPARISON_METRICS,
  loadChart,
  outcomeChart,
  queueChart,
  writeChartFiles,
} from "../charts/mod.ts";
import type { ExperimentTables } from "../experiment/mod.ts";
import type { Language } from "./numbers.ts";

/** One chart of the report, ready to embed. */
export interface ReportChart {
  /** File stem in `charts/`, e.g. `"cashback-io-2020-load"`. */
  name: string;
  /** The chart (title and caption state the finding). */
  chart: Chart;
  /** HTML to embed: interactive chart for the screen, static SVG for print. */
  html: string;
}

/** Which charts an incident gets; each is left out when its input rows are absent. */
export type IncidentChartKind =
  | "load"
  | "queues"
  | "budget"
  | "outcomes"
  | "outcomes-best"
  | "designs"
  | "differences"
  | "sensitivity"
  | "metastability"
  | "phase-portrait"
  | "incident-comparison";

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Builds an incident's charts (not yet written). */
export function buildIncidentCharts(
  tables: ExperimentTables,
  incident: string,
  bestDesign: string | undefined,
  language: Language,
  budgetUnit: { it: string; en: string } | null = null,
): Partial<Record<IncidentChartKind, Chart>> {
  const charts: Partial<Record<IncidentChartKind, Chart>> = {};
  const selection = { scenario: incident, design: "base", lang: language };
  const series = tables.series.filter((row) => row.scenario === incident);
  const has = (metric: string, design = "base") =>
    series.some((row) => row.design === design && row.metric.startsWith(metric));
  if (has("offered_first_per_s")) charts.load = loadChart(series, selection);
  if (has("queue_length:") || has("busy_servers:")) charts.queues = queueChart(series, selection);
  if (has("budget_remaining_euro")) {
    charts.budget = budgetChart(series, {
      ...selection,
      summaries: tables.summaries,
      unit: budgetUnit ?? undefined,
    });
  }
  const outcomes = tables.outcomes.filter((row) => row.scenario === incident);
  if (outcomes.some((row) => row.design === "base" && row.group_by === "arrival_decile")) {
    charts.outcomes = outcomeChart(outcomes, { ...selection, groupBy: "arrival_decile" });
  }
  if (
    bestDesign &&
    outcomes.some((row) => row.design === bestDesign && row.group_by === "arrival_decile")
  ) {
    charts["outcomes-best"] = outcomeChart(outcomes, {
      ...selection,
      design: bestDesign,
      groupBy: "arrival_decile",
    });
  }
  // Shares, times and cost; ratios such as retry_amplification are in the design table (the
  // comparison chart draws every non-time metric on a percent axis).
  const wanted = [
    ...KEY_COMPARISON_METRICS.filter((metric) => metric !== "retry_amplification"),
    "server_hours",
  ];
  /** The wanted metrics that have a finite mean for this incident in `rows`. */
  const presentIn = (rows: readonly { scenario: string; metric: string; mean: number }[]) =>
    wanted.filter((metric) =>
      rows.some((row) =>
        row.scenario === incident && row.metric === metric && Number.isFinite(row.mean)
      )
    );
  const estimateMetrics = presentIn(tables.estimates);
  if (estimateMetrics.length > 0) {
    charts.designs = designComparisonChart(tables.estimates, {
      scenario: incident,
      metrics: estimateMetrics,
      lang: language,
    });
  }
  const differenceMetrics = presentIn(tables.differences);
  if (differenceMetrics.length > 0) {
    charts.differences = differenceChart(tables.differences, {
      scenario: incident,
      metrics: differenceMetrics,
      lang: language,
    });
  }
  return charts;
}

/**
 * Writes each chart to `<dir>/<incident>-<kind>.svg|png` and returns the embeddable HTML:
 * the interactive plotly chart in `.interactive` (plotly.js must be inlined once in the
 * page), and the static SVG as an image in `.static-chart` for print.
 */
export async function writeIncidentCharts(
  charts: Partial<Record<IncidentChartKind, Chart>>,
  incident: string,
  dir: string,
): Promise<Partial<Record<IncidentChartKind, ReportChart>>> {
  const written: Partial<Record<IncidentChartKind, ReportChart>> = {};
  for (const [kind, chart] of Object.entries(charts) as [IncidentChartKind, Chart][]) {
    const name = `${incident}-${kind}`;
    await writeChartFiles(chart, dir, name, { formats: ["svg", "png"] });
    const id = `chart-${name}`.replace(/[^A-Za-z0-9_-]/g, "-");
    const fragment = await chart.toHTMLFragment({ id, inlinePlotly: false });
    const svg = await chart.toSVG();
    const html = `<div class="chart" data-chart="${name}">
<div class="interactive">${fragment}</div>
<figure class="static-chart"><img alt="${escapeAttribute(chart.title)}" ` +
      `src="data:image/svg+xml;base64,${base64(svg)}"></figure>
</div>`;
    written[kind] = { name, chart, html };
  }
  return written;
}

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}
