/**
 * A generic x–y chart for notebooks (theory curves, staffing steps, simulated points with
 * intervals) as a clickday `Chart`: vega-lite for the static figure and plotly for the
 * interactive one, both from the same series. English labels (the caller's text).
 *
 * @module
 */
import { Chart } from "../charts/mod.ts";
import { basePlotlyConfig, basePlotlyLayout } from "../charts/plotly_figure.ts";

/** One series of an x–y chart: a line (theory), a step line (staffing) or points with CIs. */
export interface XYSeries {
  /** Legend label. */
  label: string;
  /** CSS colour, e.g. from `OKABE_ITO`. */
  color: string;
  /** A line, a dashed line, a step line (`hv`) or points (with optional interval bars). */
  kind: "line" | "dashed" | "step" | "points";
  /** x values. */
  x: number[];
  /** y values, one per x. */
  y: number[];
  /** Lower ends of interval bars (points only). */
  low?: number[];
  /** Upper ends of interval bars (points only). */
  high?: number[];
}

/** What `xyChart` needs: headline, caption (the finding), axis titles and series. */
export interface XYChartInput {
  /** Headline (the finding). */
  title: string;
  /** Caption under the title (what the chart shows, with numbers). */
  caption: string;
  /** x axis title, with its unit. */
  xTitle: string;
  /** y axis title, with its unit. */
  yTitle: string;
  /** Logarithmic x axis. */
  xLog?: boolean;
  /** Logarithmic y axis. */
  yLog?: boolean;
  /** d3 format of the y ticks, e.g. `".0%"`. */
  yFormat?: string;
  /** The series, drawn in order. */
  series: XYSeries[];
}

/** Splits text into lines of at most `width` characters. */
function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length + 1 <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * A generic x–y chart as a clickday `Chart`: vega-lite (static SVG fallback, works offline)
 * and plotly (interactive), both from the same series.
 */
export function xyChart(input: XYChartInput): Chart {
  for (const [index, series] of input.series.entries()) {
    if (typeof series.color !== "string" || series.color.trim() === "") {
      throw new RangeError(
        `series[${index}] (${JSON.stringify(series.label)}).color: got ${
          String(series.color)
        }; expected a CSS colour, e.g. OKABE_ITO.blue`,
      );
    }
  }
  const rows = input.series.flatMap((s) =>
    s.x.map((x, i) => ({
      series: s.label,
      kind: s.kind,
      x,
      y: s.y[i],
      low: s.low?.[i] ?? null,
      high: s.high?.[i] ?? null,
    }))
  );
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    sort: input.series.map((s) => s.label),
    scale: { domain: input.series.map((s) => s.label), range: input.series.map((s) => s.color) },
  };
  const x = {
    field: "x",
    type: "quantitative",
    title: input.xTitle,
    scale: input.xLog ? { type: "log" } : { zero: false },
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: input.yTitle,
    scale: input.yLog ? { type: "log" } : {},
    ...(input.yFormat ? { axis: { format: input.yFormat } } : {}),
  };
  const only = (kinds: string[]) => ({ filter: { field: "kind", oneOf: kinds } });
  const vegaLite = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: wrapLines(input.title, 68),
      subtitle: wrapLines(input.caption, 95),
      anchor: "start",
      fontSize: 16,
      subtitleFontSize: 12,
      subtitleColor: "#333333",
      offset: 12,
    },
    width: 640,
    height: 320,
    background: "white",
    padding: 12,
    config: {
      font: "DejaVu Sans",
      view: { stroke: null },
      legend: { orient: "bottom", labelLimit: 0, columns: 2 },
    },
    data: { values: rows },
    layer: [
      {
        transform: [only(["line", "dashed"])],
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          strokeDash: {
            field: "kind",
            type: "nominal",
            scale: { domain: ["line", "dashed"], range: [[1, 0], [6, 4]] },
            legend: null,
          },
        },
      },
      {
        transform: [only(["step"])],
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
        encoding: { x, y, color },
      },
      {
        transform: [only(["points"]), { filter: "datum.low != null" }],
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: { x, y: { ...y, field: "low" }, y2: { field: "high" }, color },
      },
      {
        transform: [only(["points"])],
        mark: { type: "point", filled: true, size: 60, opacity: 1 },
        encoding: { x, y, color },
      },
    ],
  };
  const plotly = {
    data: input.series.map((s) => ({
      type: "scatter",
      name: s.label,
      x: s.x,
      y: s.y,
      mode: s.kind === "points" ? "markers" : "lines",
      marker: { color: s.color, size: 8 },
      line: {
        color: s.color,
        width: 2,
        dash: s.kind === "dashed" ? "dash" : "solid",
        shape: s.kind === "step" ? "hv" : "linear",
      },
      ...(s.low && s.high
        ? {
          error_y: {
            type: "data",
            symmetric: false,
            array: s.high.map((h, i) => h - s.y[i]),
            arrayminus: s.low.map((l, i) => s.y[i] - l),
            color: s.color,
          },
        }
        : {}),
    })),
    // the shared layout: the title block's height grows with the caption's lines, so a long
    // caption never runs into the plot area
    layout: {
      ...basePlotlyLayout({ title: input.title, caption: input.caption, lang: "en", height: 420 }),
      xaxis: { title: { text: input.xTitle }, type: input.xLog ? "log" : "linear" },
      yaxis: {
        title: { text: input.yTitle },
        type: input.yLog ? "log" : "linear",
        ...(input.yFormat ? { tickformat: input.yFormat } : {}),
      },
    },
    config: basePlotlyConfig(),
  };
  return new Chart({ title: input.title, caption: input.caption, lang: "en", vegaLite, plotly });
}
