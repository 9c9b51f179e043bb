/**
 * The analysis API: run a click day and read its results in a few lines, from a notebook or a
 * script. `incident(name)` (a documented click day of `data/`) or `scenario(fileOrObject)`,
 * `.at({ scale })`, `.run({ designs, replications, workers })` → a `Study`: estimates,
 * differences, series and outcomes at full scale (converted as the metric catalogue's kind
 * says), the incident's observables against their bands, standard charts. Finished
 * replications are cached on disk (`out/cache/`), so a rerun after a kernel restart returns at
 * once. `clickDay` builds a new click day's scenario from a few numbers; `show`, `md`,
 * `markdownTable` and `estimatesTable` display results in Jupyter; `xyChart` draws any x–y
 * data. Everything runs through the experiment layer.
 *
 * @example
 * ```ts ignore
 * import { incident, show } from "./mod.ts";
 * const study = await incident("cashback-io-2020").at({ scale: 0.1 })
 *   .run({ designs: "all", replications: 5, workers: 2 });
 * await show(study.chart.load());
 * ```
 *
 * @module
 */
export { incident, scenario, StudyPlan } from "./study_builder.ts";
export type { AtOptions, StudyRunOptions } from "./study_builder.ts";
export { Study } from "./study.ts";
export type { ScaleOption, SeriesOptions, StudyCharts, StudyLang, StudyOptions } from "./study.ts";
export { cacheFolder, defaultCacheRoot } from "./run_cache.ts";
export { clickDay, saveScenario } from "./click_day.ts";
export type { Assumed, ClickDayClient, ClickDayInput } from "./click_day.ts";
export { metrics } from "./catalogue.ts";
export type { MetricEntry } from "./catalogue.ts";
export { estimatesTable, Markdown, markdownTable, md, show } from "./display.ts";
export type { EstimatesTableOptions, MarkdownTableOptions } from "./display.ts";
export { hhmm, num, pct, sig } from "./format.ts";
export type { AnalysisLang } from "./format.ts";
export { binMeans, coarsen, maxBetween } from "./series_tools.ts";
export { xyChart } from "./xy_chart.ts";
export type { XYChartInput, XYSeries } from "./xy_chart.ts";
export { listIncidents } from "../calibration/mod.ts";
