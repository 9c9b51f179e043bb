/**
 * What every vega-lite chart starts from: schema, title with the caption as subtitle, size,
 * fonts, locale number format and palette.
 *
 * @module
 */
import { type Lang, vegaNumberLocale } from "./labels.ts";
import { CATEGORY_COLORS, CHART_HEIGHT, CHART_WIDTH, FONT_FAMILY, FONT_SIZE } from "./palette.ts";
import { CAPTION_LINE_CHARACTERS, TITLE_LINE_CHARACTERS, wrapText } from "./plotly_figure.ts";
import type { VegaLiteSpec } from "./render_svg.ts";

/** The vega-lite schema the specs declare (JupyterLab's `application/vnd.vegalite.v5+json`). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Options for `baseVegaLiteSpec`. */
export interface BaseSpecOptions {
  /** Headline. */
  title: string;
  /** Caption, shown as subtitle (wrapped). */
  caption: string;
  /** Chart language (number format). */
  lang: Lang;
}

/** Top-level properties every vega-lite chart has; spread the chart's own spec over it. */
export function baseVegaLiteSpec(options: BaseSpecOptions): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: wrapText(options.title, TITLE_LINE_CHARACTERS),
      subtitle: wrapText(options.caption, CAPTION_LINE_CHARACTERS),
      anchor: "start",
      fontSize: FONT_SIZE + 4,
      subtitleFontSize: FONT_SIZE,
      subtitleColor: "#333333",
      offset: 12,
    },
    background: "white",
    padding: 12,
    config: {
      font: FONT_FAMILY,
      locale: { number: vegaNumberLocale(options.lang) },
      view: { continuousWidth: CHART_WIDTH, continuousHeight: CHART_HEIGHT, stroke: null },
      axis: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, titleFontWeight: "normal" },
      legend: {
        labelFontSize: FONT_SIZE,
        titleFontSize: FONT_SIZE,
        orient: "bottom",
        labelLimit: 0,
        columns: 3,
      },
      range: { category: [...CATEGORY_COLORS] },
    },
  };
}

/** Default plot width (pixels) for vega-lite specs. */
export const SPEC_WIDTH = CHART_WIDTH;

/** Default plot height (pixels) for vega-lite specs. */
export const SPEC_HEIGHT = CHART_HEIGHT;
