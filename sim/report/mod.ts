/**
 * The policy report (`deno task report`): runs every documented incident, scaled down, under
 * its as-built design and the alternatives it declares, and writes a self-contained
 * `index.html`, charts, `summary.json` and the result tables.
 *
 * @module
 */
export { buildReport, reportTitle } from "./build.ts";
export type { BuiltReport } from "./build.ts";
export { main } from "./main.ts";
export {
  DEFAULT_REPLICATIONS,
  parseReportArgs,
  REPORT_USAGE,
  ReportUsageError,
} from "./options.ts";
export type { ReportOptions } from "./options.ts";
export {
  CONVERGENCE_FOLDER,
  DATA_PATHS,
  FALLBACK_SCALE,
  incidentScale,
  loadIncidents,
  readConvergence,
} from "./incidents.ts";
export { agrees, chooseScale, disagreements } from "./convergence.ts";
export type { ConvergenceEstimate, ConvergencePoint, ConvergenceStudy } from "./convergence.ts";
export type {
  CalibrationEntry,
  CalibrationRecord,
  Incident,
  IncidentScale,
  StructuralAssumption,
} from "./incidents.ts";
export { chooseHeadline, incidentFindings, meanSeries, replicationValues } from "./findings.ts";
export type { DesignFinding, HeadlineMetric, IncidentFindings, Interval } from "./findings.ts";
export { runIncidents } from "./run.ts";
export type { RunIncidentsOptions } from "./run.ts";
export { buildIncidentCharts, writeIncidentCharts } from "./charts.ts";
export type { IncidentChartKind, ReportChart } from "./charts.ts";
export {
  clockTime,
  EXECUTIVE_SUMMARY_ID,
  executiveSummary,
  incidentSection,
  methodSection,
  significantlyBetter,
} from "./sections.ts";
export type { IncidentReport, RunSettings } from "./sections.ts";
export { StatedNumbers } from "./numbers.ts";
export type { Language, StatedNumber } from "./numbers.ts";
export { escapeHtml, renderPage } from "./page.ts";
export type { PageContent, ReportSection } from "./page.ts";
export {
  computeSensitivity,
  metricUnitOf,
  metricWindowEnd,
  SENSITIVITY_COLUMNS,
  SENSITIVITY_FINDING_CLASS,
  SENSITIVITY_SETTINGS,
  sensitivityChart,
  sensitivityParagraph,
  sensitivityTableRows,
  tornadoMetric,
  tornadoMetricLabel,
  tornadoScale,
  WINDOW_MARGIN_SECONDS,
  writeSensitivityTable,
} from "./sensitivity.ts";
export { LANGUAGE_NEUTRAL_UNITS, UNIT_WORDS_IT, unitWords } from "./unit_words.ts";
export type {
  ComputeSensitivityOptions,
  IncidentSensitivity,
  SensitivitySettings,
} from "./sensitivity.ts";
