/**
 * Colours and typography shared by every chart.
 *
 * The palette is Okabe & Ito's (2008) eight colours, chosen to stay distinguishable for the
 * common forms of colour blindness; every chart draws from it, so a concept keeps its colour
 * across charts (retries are always vermillion, goodput always bluish green).
 *
 * @module
 */

/** The Okabe–Ito colour-blind-safe palette (hex colours). */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Palette order for categorical series without a fixed colour (hex colours). */
export const CATEGORY_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/** Fixed colours for the concepts the charts show (hex colours). */
export const CONCEPT_COLORS = {
  offeredFirst: OKABE_ITO.skyBlue,
  offeredRetry: OKABE_ITO.vermillion,
  admitted: OKABE_ITO.orange,
  completed: OKABE_ITO.blue,
  goodput: OKABE_ITO.bluishGreen,
  capacity: OKABE_ITO.black,
  funded: OKABE_ITO.bluishGreen,
  deniedBudget: OKABE_ITO.orange,
  deniedClosed: OKABE_ITO.yellow,
  failedTechnical: OKABE_ITO.vermillion,
  gaveUp: OKABE_ITO.reddishPurple,
  stillTrying: OKABE_ITO.skyBlue,
  succeeded: OKABE_ITO.blue,
  pass: OKABE_ITO.bluishGreen,
  fail: OKABE_ITO.vermillion,
  neutral: OKABE_ITO.blue,
  downtime: "#BBBBBB",
  band: OKABE_ITO.black,
} as const;

/** Sequential colour scheme for heatmaps (vega scheme name; plotly uses `HEATMAP_COLORSCALE`). */
export const HEATMAP_SCHEME = "viridis";

/** Plotly colourscale matching `HEATMAP_SCHEME`. */
export const HEATMAP_COLORSCALE = "Viridis";

/** Colour of one of the categorical series by its position (wraps around the palette). */
export function categoryColor(index: number): string {
  const size = CATEGORY_COLORS.length;
  return CATEGORY_COLORS[((index % size) + size) % size];
}

/** Font family for every chart (DejaVu Sans is what PNG export embeds; see `render_png.ts`). */
export const FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif";

/** Base font size in pixels (axis labels); titles are scaled from it. */
export const FONT_SIZE = 12;

/** Default chart width in CSS pixels (the plotting area, without legend). */
export const CHART_WIDTH = 640;

/** Default chart height in CSS pixels (the plotting area). */
export const CHART_HEIGHT = 320;
