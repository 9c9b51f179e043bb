/**
 * Charts of result tables: each builder takes tables and returns a `Chart` that displays in
 * the Deno Jupyter kernel and exports to SVG, PNG and standalone HTML, all offline. Labels in
 * Italian (default) or English; colour-blind-safe (Okabe–Ito) palette.
 *
 * Two back ends, each where it serves best: vega-lite (rendered headless by vega to SVG, then
 * to PNG by resvg) for static figures in reports and slides; plotly.js (inlined from the npm
 * package) for interactive HTML and notebooks. Every chart's title and caption state its
 * finding with numbers computed from the table.
 *
 * @example
 * ```ts ignore
 * // in a notebook, with `tables` from runExperiment
 * import { loadChart, writeChartFiles } from "../sim/mod.ts";
 * const chart = loadChart(tables.series, { design: "as-built", lang: "en" });
 * chart;                                   // last expression of a notebook cell: displayed
 * await writeChartFiles(chart, "out/report/charts", "load"); // load.svg, load.png, load.html
 * ```
 *
 * @module
 */
export { Chart, JUPYTER_DISPLAY, PLOTLY_MIME, VEGA_LITE_MIME } from "./chart.ts";
export type { ChartParts, MimeBundle } from "./chart.ts";
export { loadChart } from "./load_chart.ts";
export type { LoadChartOptions } from "./load_chart.ts";
export { queueChart } from "./queue_chart.ts";
export type { QueueChartOptions } from "./queue_chart.ts";
export { latencyChart } from "./latency_chart.ts";
export type { LatencyChartOptions } from "./latency_chart.ts";
export { budgetChart } from "./budget_chart.ts";
export type { BudgetChartOptions } from "./budget_chart.ts";
export { outcomeChart } from "./outcome_chart.ts";
export type { OutcomeChartOptions } from "./outcome_chart.ts";
export { designComparisonChart, differenceChart } from "./design_comparison_chart.ts";
export type { DesignComparisonOptions } from "./design_comparison_chart.ts";
export {
  DOCUMENTED_PEAK_BAND,
  parseDesignParameters,
  sweepCellsFromEstimates,
  sweepHeatmap,
} from "./sweep_heatmap_chart.ts";
export type {
  SweepBand,
  SweepCell,
  SweepFromEstimatesOptions,
  SweepHeatmapOptions,
} from "./sweep_heatmap_chart.ts";
export { validationChart } from "./validation_chart.ts";
export { assumptionWords, formatQuantity, tornadoChart } from "./tornado_chart.ts";
export type { TornadoChartOptions, TornadoChartRow } from "./tornado_chart.ts";
export type { ValidationChartOptions, ValidationChartRow } from "./validation_chart.ts";
export { KEY_COMPARISON_METRICS, standardCharts } from "./standard_charts.ts";
export { phasePortraitChart } from "./phase_portrait_chart.ts";
export type {
  PhasePortraitChartOptions,
  PhasePortraitChartRow,
  PhasePortraitElement,
} from "./phase_portrait_chart.ts";
export { metastabilityMapChart } from "./metastability_map_chart.ts";
export type {
  MetastabilityMapChartOptions,
  MetastabilityMapChartRow,
  MetastabilityVerdict,
} from "./metastability_map_chart.ts";
export type { StandardChartsOptions } from "./standard_charts.ts";
export { writeChartFiles } from "./write_files.ts";
export type { WriteChartFilesOptions, WrittenChartFiles } from "./write_files.ts";
export { resetNotebookPlotly, staticImageHTML } from "./html.ts";
export { NotebookSetup, notebookSetup } from "./notebook_setup.ts";
export type { FragmentOptions } from "./html.ts";
export { plotlyBundleText } from "./plotly_bundle.ts";
export { setChartFonts, svgToPNG } from "./render_png.ts";
export { vegaLiteToSVG } from "./render_svg.ts";
export type { VegaLiteSpec } from "./render_svg.ts";
export type { PlotlyFigure } from "./plotly_figure.ts";
export type { Lang as ChartLang } from "./labels.ts";
export { CONCEPT_COLORS, OKABE_ITO } from "./palette.ts";
export type { RunSelection as ChartRunSelection } from "./select_rows.ts";
export {
  incidentComparisonChart,
  type IncidentComparisonOptions,
  type IncidentComparisonRow,
} from "./incident_comparison_chart.ts";
