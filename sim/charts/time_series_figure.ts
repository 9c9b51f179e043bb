/**
 * One figure shape shared by the time charts (load, queues, latency, budget): one or more
 * panels over a common time axis, each with lines and stacked areas, shaded intervals (e.g.
 * downtime) and marked moments (e.g. budget exhausted), built for vega-lite and plotly alike.
 *
 * @module
 */
import type { ChartParts } from "./chart.ts";
import { axisTitle, formatDuration, type Lang, pick, timeUnitFor, WORDS } from "./labels.ts";
import { CONCEPT_COLORS } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import type { BinPoint } from "./select_rows.ts";
import { baseVegaLiteSpec, SPEC_HEIGHT, SPEC_WIDTH } from "./vega_lite_spec.ts";

/** How a trace is drawn. */
export type TraceStyle = "line" | "dashed" | "stacked-area";

/** One series in a panel. */
export interface TimeTrace {
  /** Legend label. */
  label: string;
  /** Colour (hex). */
  color: string;
  /** The values per bin; drawn at bin midpoints. */
  points: readonly BinPoint[];
  /** Line, dashed line, or a layer of the panel's stacked area. */
  style: TraceStyle;
}

/** One panel: a y axis and its traces. */
export interface TimePanel {
  /** Y axis title with unit. */
  yTitle: string;
  /** Traces, drawn in order (stacked areas stack in order, first at the bottom). */
  traces: readonly TimeTrace[];
}

/** A shaded time interval, seconds from the scenario origin. */
export interface TimeInterval {
  /** Start, seconds. */
  start: number;
  /** End, seconds. */
  end: number;
  /** What the shading means (tooltip, legend). */
  label: string;
}

/** A marked moment, seconds from the scenario origin. */
export interface TimeMarker {
  /** Time, seconds. */
  time: number;
  /** Label written next to the rule. */
  label: string;
}

/** Everything `timeSeriesFigure` needs. */
export interface TimeSeriesFigureInput {
  /** Headline. */
  title: string;
  /** Caption. */
  caption: string;
  /** Chart language. */
  lang: Lang;
  /** Panels, top to bottom. */
  panels: readonly TimePanel[];
  /** Shaded intervals, drawn on every panel. */
  shaded?: readonly TimeInterval[];
  /** Legend label for the shading. */
  shadedLabel?: string;
  /** Marked moments, drawn on every panel. */
  markers?: readonly TimeMarker[];
}

interface LongRow {
  t: number;
  /** The bin's midpoint as a duration since opening ("17 h 55 min"), for tooltips. */
  time: string;
  series: string;
  value: number;
  order: number;
}

/** Builds the chart parts (vega-lite spec and plotly figure) of a time-series figure. */
export function timeSeriesFigure(input: TimeSeriesFigureInput): ChartParts {
  const allPoints = input.panels.flatMap((panel) => panel.traces.flatMap((trace) => trace.points));
  const span = allPoints.reduce((max, point) => Math.max(max, point.start + point.width), 0);
  const unit = timeUnitFor(span);
  const toUnit = (seconds: number) => seconds / unit.secondsPerUnit;
  const xTitle = axisTitle(pick(input.lang, WORDS.timeSinceOpening), unit.symbol);
  const timeTitle = pick(input.lang, WORDS.timeSinceOpening);
  const labels = input.panels.flatMap((panel) => panel.traces.map((trace) => trace.label));
  const colors = input.panels.flatMap((panel) => panel.traces.map((trace) => trace.color));
  const domain = [...new Set(labels)];
  const range = domain.map((label) => colors[labels.indexOf(label)]);
  const shaded = (input.shaded ?? []).map((interval) => ({
    start: toUnit(interval.start),
    end: toUnit(interval.end),
    label: interval.label,
  }));
  const markers = (input.markers ?? []).map((marker) => ({
    t: toUnit(marker.time),
    label: marker.label,
  }));

  const xEncoding = { field: "t", type: "quantitative", title: xTitle, scale: { nice: false } };
  const vegaPanels = input.panels.map((panel) => {
    const rowsOf = (styles: TraceStyle[]): LongRow[] =>
      panel.traces.flatMap((trace, order) =>
        styles.includes(trace.style)
          ? trace.points.map((point) => ({
            t: toUnit(point.start + point.width / 2),
            time: formatDuration(point.start + point.width / 2, input.lang),
            series: trace.label,
            value: point.value,
            order,
          }))
          : []
      );
    const color = { field: "series", type: "nominal", title: null, scale: { domain, range } };
    const layers: Record<string, unknown>[] = [];
    if (shaded.length > 0) {
      layers.push({
        data: { values: shaded },
        mark: { type: "rect", color: CONCEPT_COLORS.downtime, opacity: 0.45 },
        encoding: {
          x: { field: "start", type: "quantitative", title: xTitle },
          x2: { field: "end" },
          tooltip: [{ field: "label", type: "nominal" }],
        },
      });
    }
    const areaRows = rowsOf(["stacked-area"]);
    if (areaRows.length > 0) {
      layers.push({
        data: { values: areaRows },
        mark: { type: "area", opacity: 0.75 },
        encoding: {
          x: xEncoding,
          y: { field: "value", type: "quantitative", title: panel.yTitle, stack: "zero" },
          color,
          order: { field: "order", type: "quantitative" },
          tooltip: tooltips(timeTitle, panel.yTitle),
        },
      });
    }
    for (const style of ["line", "dashed"] as const) {
      const lineRows = rowsOf([style]);
      if (lineRows.length === 0) continue;
      layers.push({
        data: { values: lineRows },
        mark: {
          type: "line",
          strokeWidth: 2,
          ...(style === "dashed" ? { strokeDash: [6, 4] } : {}),
        },
        encoding: {
          x: xEncoding,
          y: { field: "value", type: "quantitative", title: panel.yTitle },
          color,
          tooltip: tooltips(timeTitle, panel.yTitle),
        },
      });
    }
    if (markers.length > 0) {
      layers.push({
        data: { values: markers },
        mark: { type: "rule", color: CONCEPT_COLORS.band, strokeDash: [2, 2] },
        encoding: { x: { field: "t", type: "quantitative" } },
      }, {
        data: { values: markers },
        mark: { type: "text", align: "left", dx: 4, dy: -4, baseline: "top", fontWeight: "bold" },
        encoding: {
          x: { field: "t", type: "quantitative" },
          y: { value: 2 },
          text: { field: "label" },
        },
      });
    }
    return {
      width: SPEC_WIDTH,
      height: input.panels.length > 1 ? SPEC_HEIGHT * 0.7 : SPEC_HEIGHT,
      layer: layers,
    };
  });
  const base = baseVegaLiteSpec(input);
  const vegaLite = vegaPanels.length === 1
    ? { ...base, ...vegaPanels[0] }
    : { ...base, vconcat: vegaPanels, resolve: { scale: { color: "shared" } } };

  return {
    title: input.title,
    caption: input.caption,
    lang: input.lang,
    vegaLite,
    plotly: plotlyTimeFigure(input, toUnit, xTitle, timeTitle, shaded, markers),
  };
}

function tooltips(timeTitle: string, yTitle: string): Record<string, unknown>[] {
  return [
    { field: "series", type: "nominal", title: " " },
    { field: "time", type: "nominal", title: timeTitle },
    { field: "value", type: "quantitative", title: yTitle, format: ",.6~r" },
  ];
}

function plotlyTimeFigure(
  input: TimeSeriesFigureInput,
  toUnit: (seconds: number) => number,
  xTitle: string,
  timeTitle: string,
  shaded: { start: number; end: number; label: string }[],
  markers: { t: number; label: string }[],
): ChartParts["plotly"] {
  const panelCount = input.panels.length;
  const gap = 0.08;
  const panelHeight = (1 - gap * (panelCount - 1)) / panelCount;
  const layout = basePlotlyLayout({
    ...input,
    height: panelCount > 1 ? SPEC_HEIGHT * 0.8 * panelCount : SPEC_HEIGHT,
  });
  const data: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  input.panels.forEach((panel, index) => {
    const axis = index === 0 ? "" : String(index + 1);
    const top = 1 - index * (panelHeight + gap);
    layout[`yaxis${axis}`] = {
      title: { text: panel.yTitle },
      domain: [Math.max(0, top - panelHeight), top],
      rangemode: "tozero",
      tickformat: ",~r",
      anchor: "x",
      zeroline: true,
      gridcolor: "#E5E5E5",
    };
    for (const trace of panel.traces) {
      const first = !seen.has(trace.label);
      seen.add(trace.label);
      const area = trace.style === "stacked-area";
      data.push({
        type: "scatter",
        mode: "lines",
        name: trace.label,
        legendgroup: trace.label,
        showlegend: first,
        x: trace.points.map((point) => toUnit(point.start + point.width / 2)),
        y: trace.points.map((point) => point.value),
        yaxis: `y${axis}`,
        line: {
          color: trace.color,
          width: area ? 0.5 : 2,
          dash: trace.style === "dashed" ? "dash" : "solid",
        },
        ...(area ? { stackgroup: `stack${index}`, fillcolor: `${trace.color}BF` } : {}),
        // the whole series name, the time in h/min and the value with the axis' unit
        customdata: trace.points.map((point) =>
          formatDuration(point.start + point.width / 2, input.lang)
        ),
        hovertemplate: `<b>${trace.label}</b><br>${timeTitle}: %{customdata}<br>` +
          `${panel.yTitle}: %{y:,.6~r}<extra></extra>`,
      });
    }
  });
  layout.xaxis = {
    title: { text: xTitle },
    anchor: panelCount > 1 ? `y${panelCount}` : "y",
    tickformat: ",~r",
    gridcolor: "#E5E5E5",
  };
  // "closest": the tooltip of one series, with its full name and the time in h/min (a unified
  // tooltip's title can only show the raw axis number, e.g. 17.9167 for 17 h 55 min)
  layout.hovermode = "closest";
  layout.hoverlabel = { namelength: -1 };
  layout.shapes = [
    ...shaded.map((interval) => ({
      type: "rect",
      xref: "x",
      yref: "paper",
      x0: interval.start,
      x1: interval.end,
      y0: 0,
      y1: 1,
      fillcolor: CONCEPT_COLORS.downtime,
      opacity: 0.45,
      line: { width: 0 },
      layer: "below",
    })),
    ...markers.map((marker) => ({
      type: "line",
      xref: "x",
      yref: "paper",
      x0: marker.t,
      x1: marker.t,
      y0: 0,
      y1: 1,
      line: { color: CONCEPT_COLORS.band, dash: "dot", width: 1.5 },
    })),
  ];
  layout.annotations = markers.map((marker) => ({
    x: marker.t,
    xref: "x",
    y: 1,
    yref: "paper",
    text: `<b>${marker.label}</b>`,
    showarrow: false,
    xanchor: "left",
    yanchor: "top",
    xshift: 4,
  }));
  if (shaded.length > 0 && input.shadedLabel) {
    data.push({
      type: "scatter",
      mode: "markers",
      x: [null],
      y: [null],
      name: input.shadedLabel,
      marker: { symbol: "square", size: 12, color: CONCEPT_COLORS.downtime },
      hoverinfo: "skip",
    });
  }
  return { data, layout, config: basePlotlyConfig() };
}
