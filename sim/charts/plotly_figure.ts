/**
 * The plotly figure type and the layout every chart starts from (palette, fonts, locale
 * separators, title with the caption as subtitle).
 *
 * @module
 */
import { type Lang, plotlySeparators } from "./labels.ts";
import { CHART_HEIGHT, FONT_FAMILY, FONT_SIZE } from "./palette.ts";
import { escapeHTML } from "./html_text.ts";

/** A plotly.js figure: traces, layout and config, as `Plotly.newPlot` takes them. */
export interface PlotlyFigure {
  /** Traces. */
  data: Record<string, unknown>[];
  /** Layout. */
  layout: Record<string, unknown>;
  /** Config (mode bar, responsiveness). */
  config: Record<string, unknown>;
}

/** Splits text into lines of at most `width` characters at spaces (longer words stay whole). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Options for `basePlotlyLayout`. */
export interface BaseLayoutOptions {
  /** Headline. */
  title: string;
  /** Caption, shown as subtitle (wrapped). */
  caption: string;
  /** Chart language (number separators). */
  lang: Lang;
  /** Plot height in pixels (default `CHART_HEIGHT`); the title block is added to it. */
  height?: number;
}

/** Number of caption characters per line (subtitles). */
export const CAPTION_LINE_CHARACTERS = 95;

/** Number of title characters per line (bold, larger). */
export const TITLE_LINE_CHARACTERS = 68;

/** The layout every plotly chart starts from. */
export function basePlotlyLayout(options: BaseLayoutOptions): Record<string, unknown> {
  const captionLines = wrapText(options.caption, CAPTION_LINE_CHARACTERS);
  const titleLines = wrapText(options.title, TITLE_LINE_CHARACTERS);
  const top = 28 + 22 * titleLines.length + 17 * captionLines.length;
  return {
    title: {
      text: `<b>${titleLines.map(escapeHTML).join("<br>")}</b>`,
      subtitle: {
        text: captionLines.map(escapeHTML).join("<br>"),
        font: { size: FONT_SIZE, color: "#333333" },
      },
      x: 0,
      xanchor: "left",
      xref: "container",
      y: 1,
      yref: "container",
      yanchor: "top",
      pad: { t: 12, l: 12 },
      font: { size: FONT_SIZE + 4 },
    },
    font: { family: FONT_FAMILY, size: FONT_SIZE, color: "#222222" },
    separators: plotlySeparators(options.lang),
    height: (options.height ?? CHART_HEIGHT) + top + 90,
    margin: { t: top + 16, l: 80, r: 30, b: 60 },
    legend: { orientation: "h", y: -0.2, x: 0, yanchor: "top" },
    plot_bgcolor: "white",
    paper_bgcolor: "white",
    hovermode: "closest",
    autosize: true,
  };
}

/** Plotly config for every chart: no logo, no links to the plotly cloud, PNG download button. */
export function basePlotlyConfig(): Record<string, unknown> {
  return { responsive: true, displaylogo: false, showLink: false, showSendToCloud: false };
}
