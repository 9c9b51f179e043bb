/**
 * Chart 3 — latency percentiles (p50, p95, p99) over time.
 *
 * @module
 */
import type { SeriesRow } from "../table/types.ts";
import { Chart } from "./chart.ts";
import {
  axisTitle,
  checkLang,
  formatDuration,
  formatSignificant,
  type Lang,
  metricLabel,
  pick,
} from "./labels.ts";
import { OKABE_ITO } from "./palette.ts";
import { meanSeries, peakOf, type RunSelection, selectRuns } from "./select_rows.ts";
import { timeSeriesFigure, type TimeTrace } from "./time_series_figure.ts";

/** Options for `latencyChart`. */
export interface LatencyChartOptions extends RunSelection {
  /** Chart language (default Italian). */
  lang?: Lang;
}

const PERCENTILES = [
  ["latency_p50_s", OKABE_ITO.blue, "p50"],
  ["latency_p95_s", OKABE_ITO.orange, "p95"],
  ["latency_p99_s", OKABE_ITO.vermillion, "p99"],
] as const;

/**
 * Latency percentiles over time from `SeriesRow`s (`latency_p50_s`, `latency_p95_s`,
 * `latency_p99_s`; seconds). The caption gives each percentile's peak and when p99 peaked.
 */
export function latencyChart(
  series: readonly SeriesRow[],
  options: LatencyChartOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  const rows = selectRuns(series, options, "series");
  const traces: TimeTrace[] = [];
  const peaks: { name: string; value: number; start: number }[] = [];
  for (const [metric, color, name] of PERCENTILES) {
    const points = meanSeries(rows, metric);
    if (points.length === 0) continue;
    traces.push({ label: metricLabel(metric, lang), color, points, style: "line" });
    const peak = peakOf(points)!;
    peaks.push({ name, value: peak.value, start: peak.start });
  }
  if (traces.length === 0) {
    throw new RangeError("series: no latency_p50_s/p95_s/p99_s rows for the chosen run");
  }
  const top = peaks.at(-1)!;
  const seconds = (value: number) => `${formatSignificant(value, lang, 2)} s`;
  const title = pick(lang, {
    it: `La latenza ${top.name} ha raggiunto ${seconds(top.value)}`,
    en: `${top.name} latency peaked at ${seconds(top.value)}`,
  });
  const list = peaks.map((peak) => `${peak.name} ${seconds(peak.value)}`).join(", ");
  const caption = pick(lang, {
    it: `Picchi di latenza: ${list}; il picco di ${top.name} è arrivato ${
      formatDuration(top.start, lang)
    } dopo l'apertura.`,
    en: `Latency peaks: ${list}; the ${top.name} peak came ${
      formatDuration(top.start, lang)
    } after opening.`,
  });
  return new Chart(timeSeriesFigure({
    title,
    caption,
    lang,
    panels: [{ yTitle: axisTitle(pick(lang, { it: "Latenza", en: "Latency" }), "s"), traces }],
  }));
}
