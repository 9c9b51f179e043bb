/**
 * Chart 7 — sweep heatmaps: a metric over a grid of two swept parameters (e.g. servers ×
 * peak rate → goodput share), with a documented band of one parameter marked (e.g. the IO
 * wallet's reported peaks of total offered load, 8,000–12,000 operations/s on 7–8 Dec 2020,
 * `ref:news-2020-12-08-cashback-cosa-non-va` in `data/references.json`).
 *
 * @module
 */
import type { EstimateRow } from "../table/types.ts";
import { Chart } from "./chart.ts";
import {
  axisTitle,
  checkLang,
  formatMetricValue,
  formatNumber,
  isShareMetric,
  type Lang,
  metricLabel,
  metricUnit,
  pick,
  WORDS,
} from "./labels.ts";
import { CONCEPT_COLORS, HEATMAP_COLORSCALE, HEATMAP_SCHEME } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import { baseVegaLiteSpec, SPEC_HEIGHT, SPEC_WIDTH } from "./vega_lite_spec.ts";

/** One cell of a two-parameter sweep. */
export interface SweepCell {
  /** Value of the x parameter (e.g. peak rate, requests/s). */
  x: number;
  /** Value of the y parameter (e.g. servers). */
  y: number;
  /** The metric's value (mean over replications) at (x, y). */
  value: number;
}

/** A band of one parameter to mark on the heatmap. */
export interface SweepBand {
  /** Which axis the band is on. */
  axis: "x" | "y";
  /** Lower end, in the parameter's unit. */
  from: number;
  /** Upper end, in the parameter's unit. */
  to: number;
  /** Legend text (default "Documented range" in the chart language). */
  label?: string;
}

/**
 * The IO wallet's reported launch peaks, 8,000–12,000 operations/s (7–8 Dec 2020;
 * `ref:news-2020-12-08-cashback-cosa-non-va`), as a band on an x axis of **total offered load**
 * (every request, first attempts and retries alike; requests/s). The reported figures are
 * observables of the offered load, not first-attempt or arrival rates: do not mark them on an
 * axis of first attempts.
 */
export const DOCUMENTED_PEAK_BAND: SweepBand = { axis: "x", from: 8000, to: 12000 };

/** Options for `sweepHeatmap`. */
export interface SweepHeatmapOptions {
  /** Metric the cells hold (catalogue name: label, unit and number format come from it). */
  metric: string;
  /** X parameter label, e.g. "Peak rate". */
  xLabel: string;
  /** X parameter unit, e.g. "requests/s". */
  xUnit: string;
  /** Y parameter label, e.g. "Servers". */
  yLabel: string;
  /** Y parameter unit, e.g. "servers". */
  yUnit: string;
  /** Band to mark (e.g. `DOCUMENTED_PEAK_BAND`). */
  band?: SweepBand;
  /** Chart language (default Italian). */
  lang?: Lang;
}

/** Cell edges for sorted distinct values: midpoints, the ends extended by half a gap. */
function edges(values: readonly number[]): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const result = new Map<number, [number, number]>();
  sorted.forEach((value, index) => {
    const previous = sorted[index - 1];
    const next = sorted[index + 1];
    const halfBefore = previous !== undefined
      ? (value - previous) / 2
      : next !== undefined
      ? (next - value) / 2
      : 0.5;
    const halfAfter = next !== undefined ? (next - value) / 2 : halfBefore;
    result.set(value, [value - halfBefore, value + halfAfter]);
  });
  return result;
}

/**
 * Heatmap of a metric over a two-parameter sweep (`SweepCell`s, e.g. from
 * `sweepCellsFromEstimates`), with an optional band marked. The caption gives the best and
 * worst cells and the range of the metric inside the band.
 */
export function sweepHeatmap(cells: readonly SweepCell[], options: SweepHeatmapOptions): Chart {
  const lang = checkLang(options.lang);
  if (cells.length === 0) throw new RangeError("cells: the sweep has no cells to chart");
  for (const cell of cells) {
    if (![cell.x, cell.y].every(Number.isFinite)) {
      throw new RangeError(`cells: x and y must be finite numbers, got x=${cell.x}, y=${cell.y}`);
    }
  }
  if (options.band && !(options.band.from < options.band.to)) {
    throw new RangeError(
      `band: from (${options.band.from}) must be below to (${options.band.to})`,
    );
  }
  const metric = options.metric;
  const share = isShareMetric(metric);
  const xEdges = edges(cells.map((cell) => cell.x));
  const yEdges = edges(cells.map((cell) => cell.y));
  const format = (value: number) => formatMetricValue(metric, value, lang);
  const valueFormat = share ? ".0%" : ",.3~r";
  const finite = cells.filter((cell) => Number.isFinite(cell.value));
  const best = finite.reduce((top, cell) => cell.value > top.value ? cell : top, finite[0]);
  const worst = finite.reduce((low, cell) => cell.value < low.value ? cell : low, finite[0]);
  const middle = (best.value + worst.value) / 2;
  const xTitle = axisTitle(options.xLabel, options.xUnit);
  const yTitle = axisTitle(options.yLabel, options.yUnit);
  const unit = metricUnit(metric, lang);
  const valueTitle = share
    ? `${metricLabel(metric, lang)} (%)`
    : unit
    ? axisTitle(metricLabel(metric, lang), unit)
    : metricLabel(metric, lang);
  const cellText = (cell: SweepCell) =>
    `${options.yLabel} ${formatNumber(cell.y, lang, 2)}, ${options.xLabel} ${
      formatNumber(cell.x, lang, 2)
    }`;
  const band = options.band;
  const bandLabel = band?.label ?? pick(lang, WORDS.documentedBand);
  let bandText = "";
  if (band) {
    const inside = finite.filter((cell) => {
      const position = band.axis === "x" ? cell.x : cell.y;
      return position >= band.from && position <= band.to;
    });
    const range = `${formatNumber(band.from, lang)}–${formatNumber(band.to, lang)} ${
      band.axis === "x" ? options.xUnit : options.yUnit
    }`;
    if (inside.length > 0) {
      const low = inside.reduce((least, cell) => Math.min(least, cell.value), Infinity);
      const high = inside.reduce((most, cell) => Math.max(most, cell.value), -Infinity);
      bandText = pick(lang, {
        it: ` Nell'intervallo segnato (${bandLabel.toLowerCase()}, ${range}) il valore va da ` +
          `${format(low)} a ${format(high)}.`,
        en: ` Inside the marked band (${bandLabel.toLowerCase()}, ${range}) it ranges from ` +
          `${format(low)} to ${format(high)}.`,
      });
    }
  }
  const label = metricLabel(metric, lang);
  const title = pick(lang, {
    it: `${label}: da ${format(worst.value)} a ${format(best.value)} nella griglia esplorata`,
    en: `${label}: from ${format(worst.value)} to ${format(best.value)} across the sweep`,
  });
  const caption = pick(lang, {
    it: `Valore più alto ${format(best.value)} (${cellText(best)}); più basso ${
      format(worst.value)
    } (${cellText(worst)}).${bandText}`,
    en: `Highest ${format(best.value)} (${cellText(best)}); lowest ${format(worst.value)} (${
      cellText(worst)
    }).${bandText}`,
  });

  const values = cells.map((cell) => ({
    x: cell.x,
    y: cell.y,
    x0: xEdges.get(cell.x)![0],
    x1: xEdges.get(cell.x)![1],
    y0: yEdges.get(cell.y)![0],
    y1: yEdges.get(cell.y)![1],
    value: cell.value,
  }));
  const xDomain = [
    values.reduce((least, v) => Math.min(least, v.x0), Infinity),
    values.reduce((most, v) => Math.max(most, v.x1), -Infinity),
  ];
  const yDomain = [
    values.reduce((least, v) => Math.min(least, v.y0), Infinity),
    values.reduce((most, v) => Math.max(most, v.y1), -Infinity),
  ];
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "rect" },
      encoding: {
        x: {
          field: "x0",
          type: "quantitative",
          title: xTitle,
          scale: { domain: xDomain, nice: false, zero: false },
        },
        x2: { field: "x1" },
        y: {
          field: "y0",
          type: "quantitative",
          title: yTitle,
          scale: { domain: yDomain, nice: false, zero: false },
        },
        y2: { field: "y1" },
        color: {
          field: "value",
          type: "quantitative",
          title: valueTitle,
          scale: { scheme: HEATMAP_SCHEME },
          legend: { format: valueFormat, orient: "right", titleLimit: 360 },
        },
        tooltip: [
          { field: "x", type: "quantitative", title: xTitle, format: ",~r" },
          { field: "y", type: "quantitative", title: yTitle, format: ",~r" },
          { field: "value", type: "quantitative", title: valueTitle, format: ",.6~r" },
        ],
      },
    },
    {
      transform: [{ calculate: "(datum.x0 + datum.x1) / 2", as: "cx" }, {
        calculate: "(datum.y0 + datum.y1) / 2",
        as: "cy",
      }],
      mark: { type: "text", fontSize: 11 },
      encoding: {
        x: { field: "cx", type: "quantitative" },
        y: { field: "cy", type: "quantitative" },
        text: { field: "value", type: "quantitative", format: valueFormat },
        color: { condition: { test: `datum.value < ${middle}`, value: "white" }, value: "black" },
      },
    },
  ];
  if (band) {
    const bandRow = band.axis === "x"
      ? { x0: band.from, x1: band.to, y0: yDomain[0], y1: yDomain[1], label: bandLabel }
      : { x0: xDomain[0], x1: xDomain[1], y0: band.from, y1: band.to, label: bandLabel };
    layers.push({
      data: { values: [bandRow] },
      mark: {
        type: "rect",
        fillOpacity: 0,
        stroke: CONCEPT_COLORS.band,
        strokeWidth: 2.5,
        strokeDash: [6, 3],
      },
      encoding: {
        x: { field: "x0", type: "quantitative" },
        x2: { field: "x1" },
        y: { field: "y0", type: "quantitative" },
        y2: { field: "y1" },
        tooltip: [{ field: "label", type: "nominal" }],
      },
    }, {
      data: { values: [bandRow] },
      mark: { type: "text", align: "left", baseline: "bottom", dy: -4, fontWeight: "bold" },
      encoding: {
        x: { field: "x0", type: "quantitative" },
        y: { field: "y1", type: "quantitative" },
        text: { field: "label" },
      },
    });
  }
  const vegaLite = {
    ...baseVegaLiteSpec({ title, caption, lang }),
    width: SPEC_WIDTH,
    height: SPEC_HEIGHT,
    data: { values },
    layer: layers,
  };

  const xs = [...xEdges.keys()].sort((a, b) => a - b);
  const ys = [...yEdges.keys()].sort((a, b) => a - b);
  const lookup = new Map(cells.map((cell) => [`${cell.x}|${cell.y}`, cell.value]));
  const z = ys.map((y) => xs.map((x) => lookup.get(`${x}|${y}`) ?? null));
  const layout = basePlotlyLayout({ title, caption, lang });
  layout.xaxis = { title: { text: xTitle }, tickformat: ",~r", tickvals: xs };
  layout.yaxis = { title: { text: yTitle }, tickformat: ",~r", tickvals: ys };
  if (band) {
    layout.shapes = [{
      type: "rect",
      xref: band.axis === "x" ? "x" : "paper",
      yref: band.axis === "y" ? "y" : "paper",
      x0: band.axis === "x" ? band.from : 0,
      x1: band.axis === "x" ? band.to : 1,
      y0: band.axis === "y" ? band.from : 0,
      y1: band.axis === "y" ? band.to : 1,
      line: { color: CONCEPT_COLORS.band, width: 2.5, dash: "dash" },
      fillcolor: "rgba(0,0,0,0)",
    }];
    layout.annotations = [{
      x: band.axis === "x" ? band.from : 0,
      xref: band.axis === "x" ? "x" : "paper",
      y: band.axis === "y" ? band.to : 1,
      yref: band.axis === "y" ? "y" : "paper",
      text: `<b>${bandLabel}</b>`,
      showarrow: false,
      xanchor: "left",
      yanchor: "top",
      xshift: 4,
      yshift: -4,
      bgcolor: "rgba(255,255,255,0.8)",
    }];
  }
  const data = [{
    type: "heatmap",
    x: xs,
    y: ys,
    z,
    colorscale: HEATMAP_COLORSCALE,
    colorbar: { title: { text: valueTitle, side: "right" }, tickformat: valueFormat },
    texttemplate: share ? "%{z:.0%}" : "%{z:,.3~r}",
    hovertemplate: `${xTitle}: %{x:,~r}<br>${yTitle}: %{y:,~r}<br>${valueTitle}: %{z:,.6~r}` +
      "<extra></extra>",
  }];
  return new Chart({
    title,
    caption,
    lang,
    vegaLite,
    plotly: { data, layout, config: basePlotlyConfig() },
  });
}

/** Options for `sweepCellsFromEstimates`. */
export interface SweepFromEstimatesOptions {
  /** Metric to take from the estimates. */
  metric: string;
  /** Parameter on the x axis, as named in the design names (`"peak_rate"`). */
  x: string;
  /** Parameter on the y axis (`"servers"`). */
  y: string;
  /** Scenario to keep (default: every row). */
  scenario?: string;
  /**
   * Reads a design name's parameters (default: `key=value` pairs separated by `,`, `;`, `&`
   * or spaces, e.g. `"servers=20,peak_rate=8000"`).
   */
  parseDesign?: (design: string) => Record<string, number>;
}

/** Reads `key=value` pairs from a design name (`"servers=20,peak_rate=8000"`). */
export function parseDesignParameters(design: string): Record<string, number> {
  const parameters: Record<string, number> = {};
  for (const part of design.split(/[,;&\s]+/)) {
    const match = /^([^=]+)=(.+)$/.exec(part);
    if (match && Number.isFinite(Number(match[2]))) parameters[match[1]] = Number(match[2]);
  }
  return parameters;
}

/** Sweep cells from `EstimateRow`s whose design names carry the swept parameters. */
export function sweepCellsFromEstimates(
  estimates: readonly EstimateRow[],
  options: SweepFromEstimatesOptions,
): SweepCell[] {
  const parse = options.parseDesign ?? parseDesignParameters;
  const cells: SweepCell[] = [];
  for (const row of estimates) {
    if (row.metric !== options.metric) continue;
    if (options.scenario !== undefined && row.scenario !== options.scenario) continue;
    const parameters = parse(row.design);
    const x = parameters[options.x];
    const y = parameters[options.y];
    if (x === undefined || y === undefined) continue;
    cells.push({ x, y, value: row.mean });
  }
  if (cells.length === 0) {
    throw new RangeError(
      `estimates: no ${options.metric} rows with designs naming ${options.x}= and ${options.y}=`,
    );
  }
  return cells;
}
