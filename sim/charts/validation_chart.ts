/**
 * Chart 8 — simulation against theory: each validation case's relative deviation from the
 * theoretical value, with the simulation's confidence interval, coloured by pass/fail.
 *
 * @module
 */
import { Chart } from "./chart.ts";
import { checkLang, formatPercent, type Lang, metricLabel, pick, WORDS } from "./labels.ts";
import { CONCEPT_COLORS } from "./palette.ts";
import { intervalFigure } from "./interval_figure.ts";

/** One validation check: a simulated estimate against its closed-form value. */
export interface ValidationChartRow {
  /** Case name, e.g. `"M/M/1 ρ=0.8"`. */
  case: string;
  /** Metric compared, e.g. `"mean_wait_s"`. */
  metric: string;
  /** Theoretical value. */
  theory: number;
  /** Simulated mean over replications. */
  mean: number;
  /** Lower end of the simulation's confidence interval. */
  ci_low: number;
  /** Upper end of the simulation's confidence interval. */
  ci_high: number;
  /** Whether the check passed. */
  pass: boolean;
}

/** Options for `validationChart`. */
export interface ValidationChartOptions {
  /** Chart language (default Italian). */
  lang?: Lang;
}

/** Relative deviation from theory, (value − theory) / |theory|; absolute when theory is 0. */
export function relativeDeviation(value: number, theory: number): number {
  return theory === 0 ? value : (value - theory) / Math.abs(theory);
}

/**
 * Simulation vs theory from validation rows: relative deviation of the simulated mean (and
 * its confidence interval) from the theoretical value, with a line at zero. The caption
 * counts the passing checks and names the largest deviation.
 */
export function validationChart(
  rows: readonly ValidationChartRow[],
  options: ValidationChartOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  if (rows.length === 0) throw new RangeError("rows: no validation rows to chart");
  for (const row of rows) {
    if (!Number.isFinite(row.theory) || !Number.isFinite(row.mean)) {
      throw new RangeError(
        `rows: case ${JSON.stringify(row.case)} needs finite theory and mean, got ` +
          `theory=${row.theory}, mean=${row.mean}`,
      );
    }
  }
  const passed = rows.filter((row) => row.pass).length;
  const largest = rows.reduce((top, row) =>
    Math.abs(relativeDeviation(row.mean, row.theory)) >
        Math.abs(relativeDeviation(top.mean, top.theory))
      ? row
      : top
  );
  const deviation = relativeDeviation(largest.mean, largest.theory);
  const signed = `${deviation >= 0 ? "+" : "−"}${formatPercent(Math.abs(deviation), lang, 1)}`;
  const failed = rows.filter((row) => !row.pass).map((row) => row.case);
  const title = pick(lang, {
    it: `Validazione: ${passed} controlli su ${rows.length} superati`,
    en: `Validation: ${passed} of ${rows.length} checks pass`,
  });
  const failedText = failed.length === 0 ? "" : pick(lang, {
    it: ` Non superati: ${failed.join(", ")}.`,
    en: ` Failed: ${failed.join(", ")}.`,
  });
  const caption = pick(lang, {
    it: `Scarto relativo della media simulata dal valore teorico, con l'${WORDS.confidence.it}. ` +
      `Lo scarto maggiore è ${signed} (${largest.case}, ${
        metricLabel(largest.metric, lang)
      }).${failedText}`,
    en: `Relative deviation of the simulated mean from theory, with its ${WORDS.confidence.en}. ` +
      `The largest deviation is ${signed} (${largest.case}, ${
        metricLabel(largest.metric, lang)
      }).${failedText}`,
  });
  const pass = pick(lang, WORDS.pass);
  const fail = pick(lang, WORDS.fail);
  return new Chart(intervalFigure({
    title,
    caption,
    lang,
    panels: [{
      items: rows.map((row) => ({
        category: `${row.case} · ${metricLabel(row.metric, lang)}`,
        mean: relativeDeviation(row.mean, row.theory),
        low: relativeDeviation(row.ci_low, row.theory),
        high: relativeDeviation(row.ci_high, row.theory),
        group: row.pass ? pass : fail,
      })),
      valueTitle: pick(lang, {
        it: "Scarto dalla teoria (%)",
        en: "Deviation from theory (%)",
      }),
      valueFormat: "+.1~%",
      reference: 0,
    }],
    groups: [{ group: pass, color: CONCEPT_COLORS.pass }, {
      group: fail,
      color: CONCEPT_COLORS.fail,
    }],
    categoryTitle: pick(lang, { it: "Caso", en: "Case" }),
  }));
}
