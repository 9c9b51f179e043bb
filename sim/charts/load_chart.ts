/**
 * Chart 1 — load over time: offered load (first attempts and retries, stacked), admitted,
 * completed and goodput, against capacity.
 *
 * @module
 */
import type { SeriesRow } from "../table/types.ts";
import { Chart } from "./chart.ts";
import {
  axisTitle,
  checkLang,
  formatPercent,
  formatSignificant,
  formatTimes,
  type Lang,
  metricLabel,
  percentWithArticle,
  pick,
  unitLabel,
  WORDS,
} from "./labels.ts";
import { CONCEPT_COLORS } from "./palette.ts";
import { integral, meanSeries, type RunSelection, selectRuns, valueAt } from "./select_rows.ts";
import { timeSeriesFigure, type TimeTrace } from "./time_series_figure.ts";

/** Options for `loadChart`. */
export interface LoadChartOptions extends RunSelection {
  /** Chart language (default Italian). */
  lang?: Lang;
}

/**
 * Load over time from `SeriesRow`s (`offered_first_per_s`, `offered_retry_per_s`,
 * `admitted_per_s`, `completed_per_s`, `goodput_per_s`, `capacity_per_s`; requests/s).
 * The caption gives the peak offered load, its ratio to capacity and the share of retries.
 */
export function loadChart(series: readonly SeriesRow[], options: LoadChartOptions = {}): Chart {
  const lang = checkLang(options.lang);
  const rows = selectRuns(series, options, "series");
  const first = meanSeries(rows, "offered_first_per_s");
  const retry = meanSeries(rows, "offered_retry_per_s");
  if (first.length === 0) {
    throw new RangeError(
      "series: no offered_first_per_s rows for the chosen run; the load chart needs them",
    );
  }
  const capacity = meanSeries(rows, "capacity_per_s");
  const traces: TimeTrace[] = [
    {
      label: metricLabel("offered_first_per_s", lang),
      color: CONCEPT_COLORS.offeredFirst,
      points: first,
      style: "stacked-area",
    },
  ];
  if (retry.length > 0) {
    traces.push({
      label: metricLabel("offered_retry_per_s", lang),
      color: CONCEPT_COLORS.offeredRetry,
      points: retry,
      style: "stacked-area",
    });
  }
  const lines = [
    ["admitted_per_s", CONCEPT_COLORS.admitted],
    ["completed_per_s", CONCEPT_COLORS.completed],
    ["goodput_per_s", CONCEPT_COLORS.goodput],
  ] as const;
  for (const [metric, color] of lines) {
    const points = meanSeries(rows, metric);
    if (points.length > 0) {
      traces.push({ label: metricLabel(metric, lang), color, points, style: "line" });
    }
  }
  if (capacity.length > 0) {
    traces.push({
      label: metricLabel("capacity_per_s", lang),
      color: CONCEPT_COLORS.capacity,
      points: capacity,
      style: "dashed",
    });
  }

  const offered = first.map((point) => ({
    ...point,
    value: point.value + (valueAt(retry, point.start) ?? 0),
  }));
  const peak = offered.reduce((best, point) => point.value > best.value ? point : best);
  const peakCapacity = valueAt(capacity, peak.start);
  const retryShare = integral(retry) / (integral(first) + integral(retry));
  const unit = unitLabel("requests/s", lang);
  const peakText = `${formatSignificant(peak.value, lang)} ${unit}`;
  const ratio = peakCapacity && peakCapacity > 0 ? peak.value / peakCapacity : undefined;
  const title = ratio === undefined
    ? pick(lang, {
      it: `Il carico offerto ha raggiunto ${peakText}`,
      en: `Offered load peaked at ${peakText}`,
    })
    : pick(lang, {
      it: `Il carico offerto ha raggiunto ${formatTimes(ratio, lang)} la capacità`,
      en: `Offered load reached ${formatTimes(ratio, lang)} capacity`,
    });
  const ratioText = ratio === undefined
    ? ""
    : `, ${formatTimes(ratio, lang)} ${pick(lang, { it: "la capacità", en: "capacity" })}`;
  const retryText = Number.isFinite(retryShare)
    ? pick(lang, {
      it: `; ${percentWithArticle(retryShare, lang)} dei tentativi erano ritentativi`,
      en: `; ${formatPercent(retryShare, lang)} of attempts were retries`,
    })
    : "";
  const caption = pick(lang, {
    it: `Il carico offerto ha avuto un picco di ${peakText}${ratioText}${retryText}.`,
    en: `Offered load peaked at ${peakText}${ratioText}${retryText}.`,
  });
  return new Chart(timeSeriesFigure({
    title,
    caption,
    lang,
    panels: [{ yTitle: axisTitle(pick(lang, WORDS.rate), unit), traces }],
  }));
}
