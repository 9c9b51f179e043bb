/**
 * Chart 9 — one-at-a-time sensitivity (tornado): for the assumptions that move a metric most,
 * a bar from the calibrated value of the metric to its value with the assumption at the low
 * end of its plausible range, and one to its value at the high end; the calibrated value as a
 * vertical line. Reads plain rows (`TornadoChartRow`, the shape of the calibration layer's
 * tornado rows), so it depends on no simulation code.
 *
 * @module
 */
import { Chart } from "./chart.ts";
import {
  checkLang,
  formatDuration,
  formatEuro,
  formatPercent,
  formatSignificant,
  type Lang,
  metricLabel,
  pick,
  unitLabel,
} from "./labels.ts";
import { OKABE_ITO } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import { baseVegaLiteSpec, SPEC_WIDTH } from "./vega_lite_spec.ts";
import { metricInfo } from "../table/metrics.ts";

/** One assumption's effect on a metric, one assumption moved at a time. */
export interface TornadoChartRow {
  /** Assumption (calibration parameter) name, e.g. `"platform_capacity"`. */
  assumption: string;
  /** Low end of the assumption's plausible range, in its unit. */
  low_value: number;
  /** High end of the assumption's plausible range, in its unit. */
  high_value: number;
  /** Metric compared (observable or summary metric name). */
  metric: string;
  /** Mean of the metric with the assumption at its low end, in the metric's unit. */
  at_low: number;
  /** Mean of the metric with the assumption at its high end, in the metric's unit. */
  at_high: number;
  /** Mean of the metric with every assumption at its calibrated value, in the metric's unit. */
  baseline: number;
}

/** Options for `tornadoChart`. */
export interface TornadoChartOptions {
  /** Chart language (default Italian). */
  lang?: Lang;
  /** How many assumptions to draw, largest swing first (default 8). */
  top?: number;
  /** The metric in plain words (default: the metric catalogue's label, else its name). */
  metricLabel?: string;
  /**
   * Unit of the metric: `"s"`/`"seconds"` (durations), `"h"` (hours), `"1"` (a share,
   * shown as %), `"euro"`, or a count's unit such as `"applications"` (default: the metric
   * catalogue's unit, else none).
   */
  metricUnit?: string;
  /** Unit of each assumption's values by name (`"s"`, `"h"`, `"euro"`, `"1"`, `"citizens"`…). */
  assumptionUnits?: Readonly<Record<string, string>>;
  /** Plain-language label of each assumption by name (default: the name in words). */
  assumptionLabels?: Readonly<Record<string, string>>;
}

/** `"platform_service_seconds"` → `"Platform service seconds"`. */
export function assumptionWords(name: string): string {
  const words = name.replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A value in its unit for a reader: durations for seconds (`"s"`, `"seconds"`; below 10 min
 * in seconds to 3 significant digits) and hours (`"h"`), percentages for shares (`"1"` with |value| ≤ 1.5), euro, otherwise 3 significant
 * digits followed by the unit.
 */
export function formatQuantity(value: number, unit: string | undefined, lang: Lang): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === "s" || unit === "seconds") {
    // Seconds below 10 min keep 3 significant digits (173 s, not "3 min").
    return Math.abs(value) < 600
      ? `${formatSignificant(value, lang)} s`
      : formatDuration(value, lang);
  }
  if (unit === "h") return formatDuration(value * 3600, lang);
  if (unit === "euro") return formatEuro(value, lang);
  if (unit === "1" || unit === "share") {
    return Math.abs(value) <= 1.5
      ? formatPercent(value, lang, Math.abs(value) < 0.1 && value !== 0 ? 1 : 0)
      : formatSignificant(value, lang);
  }
  const number = formatSignificant(value, lang);
  return unit ? `${number} ${unitLabel(unit, lang)}` : number;
}

function swing(row: TornadoChartRow): number {
  return Math.abs(row.at_high - row.at_low);
}

const finite = (row: TornadoChartRow) =>
  Number.isFinite(row.at_low) && Number.isFinite(row.at_high) && Number.isFinite(row.baseline);

/**
 * A tornado chart from one metric's rows: the `top` assumptions by swing |at_high − at_low|,
 * each with a bar to the metric's value at the low end (blue) and at the high end (orange)
 * of its range, labelled with the assumption's value there; a dashed line at the calibrated
 * value. The caption names the assumption that moves the metric most, from what to what.
 * Rows with a non-finite value are left out (the caption counts them).
 *
 * @throws RangeError when there are no rows, they mix metrics, or no row is finite.
 */
export function tornadoChart(
  rows: readonly TornadoChartRow[],
  options: TornadoChartOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  if (rows.length === 0) throw new RangeError("rows: no tornado rows to chart");
  const metrics = [...new Set(rows.map((row) => row.metric))];
  if (metrics.length !== 1) {
    throw new RangeError(`rows: one metric per tornado chart, got ${metrics.join(", ")}`);
  }
  const top = options.top ?? 8;
  if (!(Number.isInteger(top) && top >= 1)) {
    throw new RangeError(`top: got ${top}; allowed: an integer ≥ 1`);
  }
  const metric = metrics[0];
  const usable = rows.filter(finite).sort((a, b) => swing(b) - swing(a));
  if (usable.length === 0) {
    throw new RangeError(`rows: no assumption gives a finite ${metric} at both ends`);
  }
  const missing = rows.length - usable.length;
  const shown = usable.slice(0, top);
  const baseline = usable[0].baseline;
  const info = metricInfo(metric);
  const unit = options.metricUnit ?? info?.unit;
  const label = options.metricLabel ?? (info ? metricLabel(metric, lang) : metric);
  const value = (x: number) => formatQuantity(x, unit, lang);
  const assumptionLabel = (name: string) =>
    options.assumptionLabels?.[name] ?? assumptionWords(name);
  const assumptionValue = (row: TornadoChartRow, x: number) =>
    formatQuantity(x, options.assumptionUnits?.[row.assumption], lang);

  const lowName = pick(lang, {
    it: "Ipotesi all'estremo basso del suo intervallo",
    en: "Assumption at the low end of its range",
  });
  const highName = pick(lang, {
    it: "Ipotesi all'estremo alto del suo intervallo",
    en: "Assumption at the high end of its range",
  });
  const largest = shown[0];
  const title = pick(lang, {
    it: `${label}: quanto la sposta ogni ipotesi, una alla volta`,
    en: `${label}: how much each assumption moves it, one at a time`,
  });
  const rest = usable.slice(top);
  const restText = rest.length === 0 ? "" : pick(lang, {
    it: ` Mostrate ${shown.length} ipotesi su ${usable.length}; le altre la spostano al più di ${
      value(rest.reduce((most, row) => Math.max(most, swing(row)), -Infinity))
    }.`,
    en: ` ${shown.length} of ${usable.length} assumptions shown; the others move it by at most ${
      value(rest.reduce((most, row) => Math.max(most, swing(row)), -Infinity))
    }.`,
  });
  const missingText = missing === 0 ? "" : pick(lang, {
    it: ` ${missing} ${
      missing === 1 ? "ipotesi non dà" : "ipotesi non danno"
    } un valore a un estremo e non ${missing === 1 ? "è mostrata" : "sono mostrate"}.`,
    en: ` ${missing} ${
      missing === 1 ? "assumption gives" : "assumptions give"
    } no value at one end and ${missing === 1 ? "is" : "are"} not shown.`,
  });
  const caption = pick(lang, {
    it: `Ogni barra: ${label.toLowerCase()} con una sola ipotesi all'estremo basso (blu) o alto ` +
      `(arancione) del suo intervallo plausibile e tutte le altre ai valori calibrati; linea ` +
      `tratteggiata: valore calibrato, ${value(baseline)}. Sposta di più «${
        assumptionLabel(largest.assumption)
      }»: da ${value(largest.at_low)} (a ${assumptionValue(largest, largest.low_value)}) a ${
        value(largest.at_high)
      } (a ${assumptionValue(largest, largest.high_value)}).${restText}${missingText}`,
    en: `Each bar: ${label.toLowerCase()} with one assumption at the low (blue) or high ` +
      `(orange) end of its plausible range and every other at its calibrated value; dashed ` +
      `line: the calibrated value, ${value(baseline)}. Largest effect: “${
        assumptionLabel(largest.assumption)
      }”, from ${value(largest.at_low)} (at ${assumptionValue(largest, largest.low_value)}) to ${
        value(largest.at_high)
      } (at ${assumptionValue(largest, largest.high_value)}).${restText}${missingText}`,
  });

  const share = unit === "1" && shown.every((row) => Math.abs(row.baseline) <= 1.5);
  const axisUnit = share ? "%" : unit ? unitLabel(unit === "seconds" ? "s" : unit, lang) : "";
  const axisTitle = axisUnit ? `${label} (${axisUnit})` : label;
  const format = share ? ".1~%" : ",~r";
  const extremes = shown.flatMap((row) => [row.at_low, row.at_high, row.baseline]);
  const lowest = extremes.reduce((least, v) => Math.min(least, v), Infinity);
  const highest = extremes.reduce((most, v) => Math.max(most, v), -Infinity);
  const span = highest - lowest || Math.max(Math.abs(baseline) * 0.1, 1e-9);
  // Room for the value labels at the bar ends; axis values the metric cannot take (below 0
  // for a count or a share, above 100% for a share) are left unlabelled.
  const domain = [lowest - 0.3 * span, highest + 0.3 * span];
  const hidden = [
    ...(lowest >= 0 ? ["datum.value < 0"] : []),
    ...(share && highest <= 1 ? ["datum.value > 1"] : []),
  ].join(" || ");
  const axisHidden = hidden === "" ? {} : {
    labelExpr: `${hidden} ? '' : datum.label`,
    gridOpacity: { condition: { test: hidden, value: 0 }, value: 1 },
    tickOpacity: { condition: { test: hidden, value: 0 }, value: 1 },
  };
  const visibleRange = [
    lowest >= 0 ? Math.max(0, domain[0]) : domain[0],
    share && highest <= 1 ? Math.min(1, domain[1]) : domain[1],
  ];

  const categories = shown.map((row) => assumptionLabel(row.assumption));
  const values = shown.flatMap((row, index) => [
    {
      assumption: categories[index],
      end: lowName,
      value: row.at_low,
      baseline: row.baseline,
      label: assumptionValue(row, row.low_value),
      metricText: value(row.at_low),
    },
    {
      assumption: categories[index],
      end: highName,
      value: row.at_high,
      baseline: row.baseline,
      label: assumptionValue(row, row.high_value),
      metricText: value(row.at_high),
    },
  ]);
  const color = {
    field: "end",
    type: "nominal",
    title: null,
    scale: { domain: [lowName, highName], range: [OKABE_ITO.blue, OKABE_ITO.orange] },
  };
  const y = {
    field: "assumption",
    type: "nominal",
    sort: categories,
    title: null,
    axis: { labelLimit: 260 },
  };
  const yOffset = { field: "end", type: "nominal", sort: [lowName, highName] };
  const x = {
    field: "value",
    type: "quantitative",
    title: axisTitle,
    axis: { format, tickCount: 8, ...axisHidden },
    scale: { domain, nice: false, zero: false },
  };
  const endLabel = (test: string, align: "left" | "right", dx: number) => ({
    data: { values },
    transform: [{ filter: test }],
    mark: { type: "text", align, dx, fontSize: 11, color: "#333333" },
    encoding: { y, yOffset, x, text: { field: "label" } },
  });
  const height = Math.max(120, 44 * shown.length);
  const vegaLite = {
    ...baseVegaLiteSpec({ title, caption, lang }),
    width: SPEC_WIDTH,
    height,
    layer: [
      {
        data: { values },
        mark: { type: "bar", height: { band: 0.45 } },
        encoding: {
          y,
          yOffset,
          x,
          x2: { field: "baseline" },
          color,
          tooltip: [
            { field: "assumption", type: "nominal", title: pick(lang, WORD_ASSUMPTION) },
            { field: "end", type: "nominal", title: null },
            { field: "label", type: "nominal", title: pick(lang, WORD_VALUE) },
            { field: "metricText", type: "nominal", title: label },
          ],
        },
      },
      endLabel("datum.value >= datum.baseline", "left", 4),
      endLabel("datum.value < datum.baseline", "right", -4),
      {
        data: { values: [{ baseline }] },
        mark: { type: "rule", color: OKABE_ITO.black, strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { x: { field: "baseline", type: "quantitative", scale: x.scale } },
      },
    ],
  };

  const layout = basePlotlyLayout({ title, caption, lang, height });
  layout.margin = { ...(layout.margin as Record<string, unknown>), l: 220 };
  layout.barmode = "group";
  layout.xaxis = {
    title: { text: axisTitle },
    tickformat: format,
    range: domain,
    tickvals: niceTicks(visibleRange[0], visibleRange[1], 7),
    gridcolor: "#E5E5E5",
    zeroline: false,
  };
  layout.yaxis = {
    type: "category",
    categoryorder: "array",
    categoryarray: [...categories].reverse(),
    automargin: true,
  };
  layout.shapes = [{
    type: "line",
    xref: "x",
    yref: "y domain",
    x0: baseline,
    x1: baseline,
    y0: 0,
    y1: 1,
    line: { color: OKABE_ITO.black, dash: "dash", width: 1.5 },
  }];
  const trace = (
    name: string,
    colour: string,
    at: (row: TornadoChartRow) => number,
    end: "low" | "high",
  ) => ({
    type: "bar",
    orientation: "h",
    name,
    y: categories,
    base: shown.map((row) => row.baseline),
    x: shown.map((row) => at(row) - row.baseline),
    marker: { color: colour },
    text: shown.map((row) => assumptionValue(row, end === "low" ? row.low_value : row.high_value)),
    textposition: "outside",
    cliponaxis: false,
    customdata: shown.map((row) => value(at(row))),
    hovertemplate: `%{y}: %{text} → %{customdata}<extra>${name}</extra>`,
  });
  // Plotly stacks a group's bars bottom-up in trace order: high first puts the low end on top,
  // as in the static chart; the legend is reversed to read low, high.
  const data = [
    trace(highName, OKABE_ITO.orange, (row) => row.at_high, "high"),
    trace(lowName, OKABE_ITO.blue, (row) => row.at_low, "low"),
  ];
  layout.legend = { ...(layout.legend as Record<string, unknown>), traceorder: "reversed" };
  return new Chart({
    title,
    caption,
    lang,
    vegaLite,
    plotly: { data, layout, config: basePlotlyConfig() },
  });
}

/** Round tick values (1, 2 or 5 × a power of ten apart) covering [low, high], about `count`. */
export function niceTicks(low: number, high: number, count: number): number[] {
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return [low];
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((size) => size >= raw)!;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

const WORD_ASSUMPTION = { it: "Ipotesi", en: "Assumption" };
const WORD_VALUE = { it: "Valore dell'ipotesi", en: "Assumption's value" };
