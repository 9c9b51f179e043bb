/**
 * One figure shape shared by the comparison charts (designs, differences, validation): a
 * point and its confidence interval per category, with an optional reference line, in one or
 * more panels (one per metric, each with its own value axis), built for vega-lite and plotly
 * alike.
 *
 * @module
 */
import type { ChartParts } from "./chart.ts";
import type { Lang } from "./labels.ts";
import { CONCEPT_COLORS } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import { baseVegaLiteSpec, SPEC_WIDTH } from "./vega_lite_spec.ts";

/** One row of an interval figure. */
export interface IntervalItem {
  /** Category label (y axis). */
  category: string;
  /** Point estimate. */
  mean: number;
  /** Lower end of the interval (NaN: no interval drawn). */
  low: number;
  /** Upper end of the interval (NaN: no interval drawn). */
  high: number;
  /** Legend group the point belongs to (colour). */
  group: string;
}

/** One panel: a value axis and its rows. */
export interface IntervalPanel {
  /** Rows, top to bottom. */
  items: readonly IntervalItem[];
  /** Value axis title with unit. */
  valueTitle: string;
  /** d3 format of the value axis (default `",~r"`). */
  valueFormat?: string;
  /** Reference value drawn as a line (e.g. 0 for differences). */
  reference?: number;
}

/** Everything `intervalFigure` needs. */
export interface IntervalFigureInput {
  /** Headline. */
  title: string;
  /** Caption. */
  caption: string;
  /** Chart language. */
  lang: Lang;
  /** Panels, top to bottom (each its own value axis). */
  panels: readonly IntervalPanel[];
  /** Legend groups in order, with colours. */
  groups: readonly { group: string; color: string }[];
  /** Category axis title. */
  categoryTitle: string;
}

interface IntervalValue {
  category: string;
  group: string;
  mean: number;
  low: number;
  high: number;
}

function valuesOf(panel: IntervalPanel): IntervalValue[] {
  return panel.items.map((item) => {
    const hasInterval = Number.isFinite(item.low) && Number.isFinite(item.high);
    return {
      category: item.category,
      group: item.group,
      mean: item.mean,
      low: hasInterval ? item.low : item.mean,
      high: hasInterval ? item.high : item.mean,
    };
  });
}

/** Builds the chart parts of a point-and-interval figure. */
export function intervalFigure(input: IntervalFigureInput): ChartParts {
  if (input.panels.length === 0) throw new RangeError("panels: an interval figure needs one");
  const domain = input.groups.map((entry) => entry.group);
  const range = input.groups.map((entry) => entry.color);
  const color = { field: "group", type: "nominal", title: null, scale: { domain, range } };
  const panelValues = input.panels.map(valuesOf);
  const heights = panelValues.map((values) =>
    Math.max(90, 36 * new Set(values.map((value) => value.category)).size)
  );

  const vegaPanels = input.panels.map((panel, index) => {
    const values = panelValues[index];
    const format = panel.valueFormat ?? ",~r";
    const categories = [...new Set(values.map((value) => value.category))];
    const y = {
      field: "category",
      type: "nominal",
      sort: categories,
      title: input.categoryTitle,
      axis: { labelLimit: 320 },
    };
    const layers: Record<string, unknown>[] = [];
    if (panel.reference !== undefined) {
      layers.push({
        data: { values: [{ reference: panel.reference }] },
        mark: { type: "rule", color: CONCEPT_COLORS.band, strokeDash: [4, 3] },
        encoding: { x: { field: "reference", type: "quantitative" } },
      });
    }
    layers.push(
      {
        data: { values },
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          x: {
            field: "low",
            type: "quantitative",
            title: panel.valueTitle,
            axis: { format },
            scale: { zero: false },
          },
          x2: { field: "high" },
          color,
        },
      },
      {
        data: { values },
        mark: { type: "point", filled: true, size: 80, opacity: 1 },
        encoding: {
          y,
          x: { field: "mean", type: "quantitative" },
          color,
          tooltip: [
            { field: "category", type: "nominal", title: input.categoryTitle },
            { field: "mean", type: "quantitative", format: ",.6~r", title: panel.valueTitle },
            { field: "low", type: "quantitative", format: ",.6~r" },
            { field: "high", type: "quantitative", format: ",.6~r" },
          ],
        },
      },
    );
    return { width: SPEC_WIDTH, height: heights[index], layer: layers };
  });
  const base = baseVegaLiteSpec(input);
  const vegaLite = vegaPanels.length === 1
    ? { ...base, ...vegaPanels[0] }
    : { ...base, vconcat: vegaPanels, resolve: { scale: { color: "shared", x: "independent" } } };

  const gap = 90;
  const totalHeight = heights.reduce((sum, height) => sum + height, 0) +
    gap * (heights.length - 1);
  const layout = basePlotlyLayout({ ...input, height: totalHeight });
  layout.margin = { ...(layout.margin as Record<string, unknown>), l: 180 };
  const shapes: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [];
  let top = 1;
  input.panels.forEach((panel, index) => {
    const suffix = index === 0 ? "" : String(index + 1);
    const share = heights[index] / totalHeight;
    const bottom = Math.max(0, top - share);
    const values = panelValues[index];
    const categories = [...new Set(values.map((value) => value.category))];
    layout[`xaxis${suffix}`] = {
      title: { text: panel.valueTitle },
      tickformat: panel.valueFormat ?? ",~r",
      gridcolor: "#E5E5E5",
      zeroline: false,
      anchor: `y${suffix}`,
    };
    layout[`yaxis${suffix}`] = {
      type: "category",
      categoryorder: "array",
      categoryarray: [...categories].reverse(),
      automargin: true,
      domain: [bottom, top],
      anchor: `x${suffix}`,
    };
    if (panel.reference !== undefined) {
      shapes.push({
        type: "line",
        xref: `x${suffix}`,
        yref: `y${suffix} domain`,
        x0: panel.reference,
        x1: panel.reference,
        y0: 0,
        y1: 1,
        line: { color: CONCEPT_COLORS.band, dash: "dash", width: 1 },
      });
    }
    for (const entry of input.groups) {
      const members = values.filter((value) => value.group === entry.group);
      if (members.length === 0) continue;
      data.push({
        type: "scatter",
        mode: "markers",
        name: entry.group,
        legendgroup: entry.group,
        showlegend: !data.some((trace) => trace.name === entry.group),
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        x: members.map((value) => value.mean),
        y: members.map((value) => value.category),
        marker: { color: entry.color, size: 10 },
        error_x: {
          type: "data",
          symmetric: false,
          array: members.map((value) => value.high - value.mean),
          arrayminus: members.map((value) => value.mean - value.low),
          color: entry.color,
          thickness: 2,
          width: 6,
        },
        customdata: members.map((value) => [value.low, value.high]),
        hovertemplate: `%{y}: %{x:,.6~r} [%{customdata[0]:,.6~r}, %{customdata[1]:,.6~r}]` +
          "<extra></extra>",
      });
    }
    top = bottom - gap / totalHeight;
  });
  layout.shapes = shapes;
  return {
    title: input.title,
    caption: input.caption,
    lang: input.lang,
    vegaLite,
    plotly: { data, layout, config: basePlotlyConfig() },
  };
}
