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
   * is the exact moment marked (otherwise the first bin whose mean remaining budget is 0).
   */
  summaries?: readonly SummaryRow[];
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
  const initial = points[0].value;
  const last = points.at(-1)!.value;
  let exhaustedAt = exhaustionFromSummaries(options, rows[0].scenario, rows[0].design);
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
      it: `Dei ${formatEuro(initial, lang)} disponibili all'apertura restano ${
        formatEuro(last, lang)
      } alla fine della simulazione.`,
      en: `Of the ${formatEuro(initial, lang)} available at opening, ${
        formatEuro(last, lang)
      } remained at the end of the simulation.`,
    })
    : pick(lang, {
      it: `I ${formatEuro(initial, lang)} disponibili all'apertura si sono esauriti ${
        formatDuration(exhaustedAt, lang)
      } dopo l'apertura (linea tratteggiata).`,
      en: `The ${formatEuro(initial, lang)} available at opening ran out ${
        formatDuration(exhaustedAt, lang)
      } after opening (dotted line).`,
    });
  // Large budgets are plotted in millions of euro so the axis reads "150" rather than
  // "150.000.000".
  const millions = initial >= 1e7;
  const plotted = millions
    ? points.map((point) => ({ ...point, value: point.value / 1e6 }))
    : points;
  const unit = millions ? pick(lang, { it: "milioni di €", en: "million €" }) : "€";
  return new Chart(timeSeriesFigure({
    title,
    caption,
    lang,
    panels: [{
      yTitle: axisTitle(metricLabel("budget_remaining_euro", lang), unit),
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

function exhaustionFromSummaries(
  options: BudgetChartOptions,
  scenario: string,
  design: string,
): number | undefined {
  if (!options.summaries || options.summaries.length === 0) return undefined;
  const values = options.summaries.filter((row) =>
    row.metric === "budget_exhausted_at_s" &&
    row.scenario === scenario && row.design === design &&
    (options.replication === undefined || row.replication === options.replication) &&
    Number.isFinite(row.value)
  ).map((row) => row.value);
  if (values.length === 0) return undefined;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
