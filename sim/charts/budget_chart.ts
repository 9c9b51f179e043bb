/**
 * Chart 4 — budget depletion over time, and the moment it ran out.
 *
 * @module
 */
import type { SeriesRow, SummaryRow } from "../table/types.ts";
import { Chart } from "./chart.ts";
import {
  axisTitle,
  checkLang,
  formatDuration,
  formatEuro,
  formatNumber,
  formatPercent,
  type Lang,
  metricLabel,
  pick,
} from "./labels.ts";
import { OKABE_ITO } from "./palette.ts";
import { meanSeries, type RunSelection, selectRuns } from "./select_rows.ts";
import { timeSeriesFigure } from "./time_series_figure.ts";

/** Options for `budgetChart`. */
export interface BudgetChartOptions extends RunSelection {
  /** Chart language (default Italian). */
  lang?: Lang;
  /**
   * Per-run summaries; when they hold `budget_exhausted_at_s` for the chosen runs, its mean
   * is the exact moment marked (otherwise the first bin whose mean remaining budget is 0),
   * and `budget_total_euro` the budget at the opening (otherwise the first bin's mean, which
   * is lower when money goes in the first minutes).
   */
  summaries?: readonly SummaryRow[];
  /**
   * What the budget counts when it is not euro, as a plural noun in each language (e.g.
   * `{ it: "quote", en: "quotas" }` for work permits modelled as one-euro grants).
   */
  unit?: { it: string; en: string };
}

/**
 * Budget remaining over time from `SeriesRow`s (`budget_remaining_euro`, euro), with the
 * moment it ran out marked. The caption gives the initial budget and when it ran out, or
 * how much was left.
 */
export function budgetChart(series: readonly SeriesRow[], options: BudgetChartOptions = {}): Chart {
  const lang = checkLang(options.lang);
  const rows = selectRuns(series, options, "series");
  const points = meanSeries(rows, "budget_remaining_euro");
  if (points.length === 0) {
    throw new RangeError("series: no budget_remaining_euro rows for the chosen run");
  }
  const scenario = rows[0].scenario;
  const design = rows[0].design;
  const initial = summaryMean(options, "budget_total_euro", scenario, design) ?? points[0].value;
  const last = points.at(-1)!.value;
  let exhaustedAt = summaryMean(options, "budget_exhausted_at_s", scenario, design);
  const unit = options.unit;
  const amount = (value: number) =>
    unit ? `${formatNumber(value, lang)} ${pick(lang, unit)}` : formatEuro(value, lang);
  if (exhaustedAt === undefined) {
    const empty = points.find((point) => point.value <= initial * 1e-9);
    exhaustedAt = empty?.start;
  }
  const ranOut = pick(lang, { it: "Fondi esauriti", en: "Budget exhausted" });
  const title = exhaustedAt === undefined
    ? pick(lang, {
      it: `I fondi non si sono esauriti: restano ${formatPercent(last / initial, lang)}`,
      en: `The budget was not exhausted: ${formatPercent(last / initial, lang)} left`,
    })
    : pick(lang, {
      it: `I fondi si sono esauriti dopo ${formatDuration(exhaustedAt, lang)}`,
      en: `The budget ran out after ${formatDuration(exhaustedAt, lang)}`,
    });
  const caption = exhaustedAt === undefined
    ? pick(lang, {
      it: `Dei ${amount(initial)} disponibili all'apertura restano ${
        amount(last)
      } alla fine della simulazione.`,
      en: `Of the ${amount(initial)} available at opening, ${
        amount(last)
      } remained at the end of the simulation.`,
    })
    : pick(lang, {
      it: `I ${amount(initial)} disponibili all'apertura si sono esauriti ${
        formatDuration(exhaustedAt, lang)
      } dopo l'apertura (linea tratteggiata).`,
      en: `The ${amount(initial)} available at opening ran out ${
        formatDuration(exhaustedAt, lang)
      } after opening (dotted line).`,
    });
  // Large budgets are plotted in millions of euro so the axis reads "150" rather than
  // "150.000.000".
  const millions = initial >= 1e7;
  const plotted = millions
    ? points.map((point) => ({ ...point, value: point.value / 1e6 }))
    : points;
  const axisUnit = unit
    ? (millions ? pick(lang, { it: "milioni di ", en: "million " }) : "") + pick(lang, unit)
    : millions
    ? pick(lang, { it: "milioni di €", en: "million €" })
    : "€";
  return new Chart(timeSeriesFigure({
    title,
    caption,
    lang,
    panels: [{
      yTitle: axisTitle(metricLabel("budget_remaining_euro", lang), axisUnit),
      traces: [{
        label: metricLabel("budget_remaining_euro", lang),
        color: OKABE_ITO.blue,
        points: plotted,
        style: "line",
      }],
    }],
    markers: exhaustedAt === undefined ? [] : [{ time: exhaustedAt, label: ranOut }],
  }));
}

/** Mean of a summary metric over the chosen runs (undefined when the summaries lack it). */
function summaryMean(
  options: BudgetChartOptions,
  metric: string,
  scenario: string,
  design: string,
): number | undefined {
  if (!options.summaries || options.summaries.length === 0) return undefined;
  const values = options.summaries.filter((row) =>
    row.metric === metric &&
    row.scenario === scenario && row.design === design &&
    (options.replication === undefined || row.replication === options.replication) &&
    Number.isFinite(row.value)
  ).map((row) => row.value);
  if (values.length === 0) return undefined;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
