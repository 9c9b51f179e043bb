/**
 * The incidents side by side: for each, the share of citizens who succeeded as built and with
 * its best alternative, with confidence intervals, on one percent axis (the report's summary
 * chart). Reads rows, not incident data.
 *
 * @module
 */
import { Chart } from "./chart.ts";
import { checkLang, formatPercent, type Lang, pick } from "./labels.ts";
import { intervalFigure } from "./interval_figure.ts";
import { OKABE_ITO } from "./palette.ts";

/** One bar of the chart: an incident under one design, a share with its interval. */
export interface IncidentComparisonRow {
  /** The incident's title, as the reader knows it. */
  incident: string;
  /** `"as-built"` or `"best"` (the best alternative). */
  role: "as-built" | "best";
  /** The design's name (shown for the best alternative). */
  design: string;
  /** Share (0..1) and its confidence interval. */
  mean: number;
  /** Lower end of the interval. */
  low: number;
  /** Upper end of the interval. */
  high: number;
}

/** Options of {@link incidentComparisonChart}. */
export interface IncidentComparisonOptions {
  /** Chart language (default Italian, the report's, like every builder of sim/charts). */
  lang?: Lang;
  /** What the share is (default: the share of citizens who succeeded). */
  shareLabel?: string;
}

/**
 * The incidents compared: as built and with the best alternative, one row each.
 *
 * @throws RangeError when there is no row or a share is outside [0, 1].
 */
export function incidentComparisonChart(
  rows: readonly IncidentComparisonRow[],
  options: IncidentComparisonOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  if (rows.length === 0) throw new RangeError("rows: no incident to compare");
  for (const row of rows) {
    if (!(row.mean >= 0 && row.mean <= 1)) {
      throw new RangeError(
        `rows: ${row.incident} (${row.design}): share ${row.mean} not in [0, 1]`,
      );
    }
  }
  const asBuilt = pick(lang, { it: "Com'era", en: "As built" });
  const best = pick(lang, { it: "Alternativa migliore", en: "Best alternative" });
  const share = options.shareLabel ??
    pick(lang, { it: "Quota di cittadini riusciti", en: "Share of citizens who succeeded" });
  const items = rows.map((row) => ({
    category: row.role === "as-built"
      ? `${row.incident} — ${asBuilt.toLowerCase()}`
      : `${row.incident} — ${row.design}`,
    group: row.role === "as-built" ? asBuilt : best,
    mean: row.mean,
    low: row.low,
    high: row.high,
  }));
  let largestGain = { incident: "", gain: -Infinity };
  for (const row of rows) {
    if (row.role !== "best") continue;
    const base = rows.find((other) => other.incident === row.incident && other.role === "as-built");
    if (base && row.mean - base.mean > largestGain.gain) {
      largestGain = { incident: row.incident, gain: row.mean - base.mean };
    }
  }
  const caption = largestGain.gain > -Infinity
    ? pick(lang, {
      it:
        `Medie con intervallo di confidenza al 95%. Il guadagno maggiore: ${largestGain.incident}, +${
          formatPercent(largestGain.gain, lang)
        } dei cittadini.`,
      en: `Means with 95% confidence intervals. The largest gain: ${largestGain.incident}, +${
        formatPercent(largestGain.gain, lang)
      } of the citizens.`,
    })
    : pick(lang, {
      it: "Medie con intervallo di confidenza al 95%.",
      en: "Means with 95% confidence intervals.",
    });
  return new Chart(intervalFigure({
    title: pick(lang, {
      it: "Gli incidenti a confronto: com'era e con l'alternativa migliore",
      en: "The incidents compared: as built and with the best alternative",
    }),
    caption,
    lang,
    panels: [{ items, valueTitle: `${share} (%)`, valueFormat: ".0%" }],
    groups: [
      { group: asBuilt, color: OKABE_ITO.vermillion },
      { group: best, color: OKABE_ITO.bluishGreen },
    ],
    categoryTitle: pick(lang, { it: "Incidente", en: "Incident" }),
  }));
}
