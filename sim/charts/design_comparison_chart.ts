/**
 * Chart 6 — design comparison: a metric per design with its confidence interval
 * (`EstimateRow`), and each design's paired difference from the baseline (`DifferenceRow`).
 *
 * @module
 */
import type { DifferenceRow, EstimateRow } from "../table/types.ts";
import { describeMetrics, metricInfo } from "../table/metrics.ts";
import { Chart } from "./chart.ts";
import {
  axisTitle,
  checkLang,
  formatMetricDifference,
  formatMetricValue,
  formatPercent,
  isShareMetric,
  type Lang,
  metricLabel,
  metricUnit,
  pick,
  WORDS,
} from "./labels.ts";
import { CONCEPT_COLORS } from "./palette.ts";
import { intervalFigure } from "./interval_figure.ts";

/** Options for `designComparisonChart` and `differenceChart`. */
export interface DesignComparisonOptions {
  /** Metric to compare; may be omitted when the table holds only one (or `metrics` is given). */
  metric?: string;
  /** Several metrics, one panel each (each with its own axis); overrides `metric`. */
  metrics?: readonly string[];
  /** Scenario; may be omitted when the table holds only one. */
  scenario?: string;
  /** Chart language (default Italian). */
  lang?: Lang;
}

function pickOne(available: string[], wanted: string | undefined, field: string, table: string) {
  if (wanted !== undefined) {
    if (!available.includes(wanted)) {
      throw new RangeError(
        field.startsWith("metric") && available.length > 0
          ? `${field}: ${JSON.stringify(wanted)} is not in the ${table} table; it holds:\n` +
            describeMetrics(available)
          : `${field}: ${JSON.stringify(wanted)} is not in the ${table} table; it holds ${
            available.map((name) => JSON.stringify(name)).join(", ") || "no rows"
          }`,
      );
    }
    return wanted;
  }
  if (available.length !== 1) {
    throw new RangeError(
      field === "metric" && available.length > 0
        ? `metric: the ${table} table holds ${available.length} metrics; pass { metric } to ` +
          `choose one:\n${describeMetrics(available)}`
        : `${field}: the ${table} table holds ${available.length} ${field}s (${
          available.map((name) => JSON.stringify(name)).join(", ")
        }); pass { ${field} } to choose one`,
    );
  }
  return available[0];
}

function selectEstimates<Row extends EstimateRow>(
  rows: readonly Row[],
  options: DesignComparisonOptions,
  table: string,
): { metric: string; rows: Row[] }[] {
  const scenario = pickOne(
    [...new Set(rows.map((row) => row.scenario))],
    options.scenario,
    "scenario",
    table,
  );
  const inScenario = rows.filter((row) => row.scenario === scenario);
  const available = [...new Set(inScenario.map((row) => row.metric))];
  const metrics = options.metrics && options.metrics.length > 0
    ? options.metrics.map((metric) => pickOne(available, metric, "metrics", table))
    : [pickOne(available, options.metric, "metric", table)];
  return metrics.map((metric) => ({
    metric,
    rows: inScenario.filter((row) => row.metric === metric),
  }));
}

/**
 * The value axis of a metric: its title with the unit, its tick format, and the divisor of its
 * values — durations in seconds are drawn in hours beyond 2 h and in minutes beyond 2 min (an
 * axis of 160,000 s reads as 44 h).
 */
function valueAxis(
  metric: string,
  lang: Lang,
  difference: boolean,
  rows: readonly { mean: number; ci_low: number; ci_high: number }[],
) {
  const share = isShareMetric(metric);
  let unit = share ? "%" : metricUnit(metric, lang);
  let divisor = 1;
  if (!share && metricInfo(metric)?.unit === "seconds") {
    let largest = 0;
    for (const row of rows) {
      for (const value of [row.mean, row.ci_low, row.ci_high]) {
        if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
      }
    }
    divisor = largest >= 7200 ? 3600 : largest >= 120 ? 60 : 1;
    unit = divisor === 3600 ? "h" : divisor === 60 ? "min" : "s";
  }
  const label = difference
    ? `${pick(lang, WORDS.difference)}: ${metricLabel(metric, lang)}`
    : metricLabel(metric, lang);
  return {
    title: unit ? axisTitle(label, unit) : label,
    format: share ? ".0%" : ",~r",
    divisor,
  };
}

function intervalText(metric: string, row: EstimateRow, lang: Lang, signed: boolean): string {
  const format = signed ? formatMetricDifference : formatMetricValue;
  if (!Number.isFinite(row.ci_low) || !Number.isFinite(row.ci_high)) {
    return format(metric, row.mean, lang);
  }
  return `${format(metric, row.mean, lang)} (${pick(lang, { it: "IC", en: "CI" })} ${
    formatPercent(row.confidence, lang)
  }: ${format(metric, row.ci_low, lang)} – ${format(metric, row.ci_high, lang)})`;
}

/**
 * One or more metrics across designs, from `EstimateRow`s: mean and confidence interval per
 * design, one panel per metric (`metrics`). The caption names, for each metric, the designs
 * with the highest and the lowest mean.
 */
export function designComparisonChart(
  estimates: readonly EstimateRow[],
  options: DesignComparisonOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  const selected = selectEstimates(estimates, options, "estimates");
  const group = pick(lang, {
    it: "Media e intervallo di confidenza",
    en: "Mean and confidence interval",
  });
  const sentences = selected.map(({ metric, rows }) => {
    const highest = rows.reduce((best, row) => row.mean > best.mean ? row : best);
    const lowest = rows.reduce((best, row) => row.mean < best.mean ? row : best);
    const label = metricLabel(metric, lang);
    const spread = highest.mean - lowest.mean;
    if (rows.length > 1 && !(spread > 1e-9 * Math.max(1, Math.abs(highest.mean)))) {
      const value = formatMetricValue(metric, highest.mean, lang);
      return {
        title: pick(lang, {
          it: `${label}: uguale in ogni configurazione`,
          en: `${label}: the same in every design`,
        }),
        text: pick(lang, {
          it: `${label}: ${value} in ogni configurazione, quindi non distingue le configurazioni ` +
            `(ad esempio tutte esauriscono lo stanziamento); scegliere un indicatore che varia, ` +
            `come la quota di cittadini riusciti o il tempo fino al successo.`,
          en: `${label}: ${value} in every design, so it does not tell the designs apart (for ` +
            `instance every design spends the whole budget); pick a metric that varies, such as ` +
            `the share of citizens who succeeded or the time to success.`,
        }),
      };
    }
    return {
      title: pick(lang, {
        it: `${label}: valore più alto con «${highest.design}»`,
        en: `${label}: highest with “${highest.design}”`,
      }),
      text: pick(lang, {
        it: `${label}: il valore più alto è con «${highest.design}», ${
          intervalText(metric, highest, lang, false)
        }; il più basso con «${lowest.design}», ${intervalText(metric, lowest, lang, false)}.`,
        en: `${label}: highest with “${highest.design}”, ${
          intervalText(metric, highest, lang, false)
        }; lowest with “${lowest.design}”, ${intervalText(metric, lowest, lang, false)}.`,
      }),
    };
  });
  const replications = selected[0].rows[0].n;
  const title = selected.length === 1 ? sentences[0].title : pick(lang, {
    it: `Confronto delle configurazioni su ${selected.length} indicatori`,
    en: `Designs compared on ${selected.length} metrics`,
  });
  const caption = `${sentences.map((sentence) => sentence.text).join(" ")} ${
    pick(lang, {
      it: `Media su ${replications} repliche.`,
      en: `Mean over ${replications} replications.`,
    })
  }`;
  return new Chart(intervalFigure({
    title,
    caption,
    lang,
    panels: selected.map(({ metric, rows }) => {
      const axis = valueAxis(metric, lang, false, rows);
      return {
        items: rows.map((row) => ({
          category: row.design,
          mean: row.mean / axis.divisor,
          low: row.ci_low / axis.divisor,
          high: row.ci_high / axis.divisor,
          group,
        })),
        valueTitle: axis.title,
        valueFormat: axis.format,
      };
    }),
    groups: [{ group, color: CONCEPT_COLORS.neutral }],
    categoryTitle: pick(lang, WORDS.design),
  }));
}

/**
 * Each design's paired difference from the baseline, from `DifferenceRow`s, for one or more
 * metrics (one panel each), with confidence intervals and a line at zero; designs whose
 * interval excludes zero are coloured. The caption gives, per metric, the largest change and
 * how many designs differ significantly.
 */
export function differenceChart(
  differences: readonly DifferenceRow[],
  options: DesignComparisonOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  const selected = selectEstimates(differences, options, "differences");
  const baseline = selected[0].rows[0].baseline;
  const significant = (row: DifferenceRow) => row.ci_low > 0 || row.ci_high < 0;
  const sentences = selected.map(({ metric, rows }) => {
    const largest = rows.reduce((best, row) =>
      Math.abs(row.mean) > Math.abs(best.mean) ? row : best
    );
    const count = rows.filter(significant).length;
    const label = metricLabel(metric, lang);
    return {
      title: pick(lang, {
        it: `${label}: «${largest.design}» cambia di ${
          formatMetricDifference(metric, largest.mean, lang)
        } rispetto a «${baseline}»`,
        en: `${label}: “${largest.design}” changes it by ${
          formatMetricDifference(metric, largest.mean, lang)
        } from “${baseline}”`,
      }),
      text: pick(lang, {
        it: `${label}: il cambiamento maggiore è di «${largest.design}», ${
          intervalText(metric, largest, lang, true)
        }; ${count} ${count === 1 ? "configurazione" : "configurazioni"} su ${rows.length} ${
          count === 1 ? "differisce" : "differiscono"
        } in modo significativo.`,
        en: `${label}: the largest change is “${largest.design}”, ${
          intervalText(metric, largest, lang, true)
        }; ${count} of ${rows.length} ${
          rows.length === 1 ? "design differs" : "designs differ"
        } significantly.`,
      }),
    };
  });
  const title = selected.length === 1 ? sentences[0].title : pick(lang, {
    it: `Differenze da «${baseline}» su ${selected.length} indicatori`,
    en: `Differences from “${baseline}” on ${selected.length} metrics`,
  });
  const caption = `${
    pick(lang, {
      it: `Differenze da «${baseline}» con gli stessi numeri casuali ` +
        `(significativa: l'intervallo esclude lo zero).`,
      en: `Differences from “${baseline}” under common random numbers ` +
        `(significant: the interval excludes zero).`,
    })
  } ${sentences.map((sentence) => sentence.text).join(" ")}`;
  const yes = pick(lang, { it: "Differenza significativa", en: "Significant difference" });
  const no = pick(lang, { it: "Non significativa", en: "Not significant" });
  return new Chart(intervalFigure({
    title,
    caption,
    lang,
    panels: selected.map(({ metric, rows }) => {
      const axis = valueAxis(metric, lang, true, rows);
      return {
        items: rows.map((row) => ({
          category: row.design,
          mean: row.mean / axis.divisor,
          low: row.ci_low / axis.divisor,
          high: row.ci_high / axis.divisor,
          group: significant(row) ? yes : no,
        })),
        valueTitle: axis.title,
        valueFormat: axis.format === ".0%" ? "+.1~%" : "+,~r",
        reference: 0,
      };
    }),
    groups: [{ group: yes, color: CONCEPT_COLORS.neutral }, { group: no, color: "#999999" }],
    categoryTitle: pick(lang, WORDS.design),
  }));
}
