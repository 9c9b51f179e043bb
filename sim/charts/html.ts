/**
 * HTML for charts: a standalone file with plotly.js inlined, and the notebook fragment that
 * inlines plotly.js only in the first chart output of a kernel session.
 *
 * The chart itself carries its title and caption (so an exported SVG or PNG does too); the
 * HTML repeats them in `<title>` and the figure's `aria-label`. Every HTML form carries the
 * static figure inside the plot's element as an `<img>` with the SVG as a base64 `data:` URI:
 * where scripts do not run (an untrusted notebook, e-mail, script-blocking viewers) the picture
 * stays visible — Jupyter's sanitiser strips inline `<svg>` from untrusted HTML and ignores
 * untrusted `image/svg+xml`, but keeps such an image; where scripts run, plotly replaces it
 * with the interactive chart.
 *
 * plotly.js (~4.8 MB) reaches a notebook once: from `notebookSetup` when the notebook
 * displays it (its first cell), so that clearing or re-running any chart cell leaves the other
 * charts interactive; otherwise inlined in the session's first chart output.
 *
 * @module
 */
import { plotlyBundleText } from "./plotly_bundle.ts";
import type { PlotlyFigure } from "./plotly_figure.ts";
import { escapeHTML, jsonForScript } from "./html_text.ts";

/** What an HTML chart needs. */
export interface HTMLChartParts {
  /** Headline. */
  title: string;
  /** Caption stating the finding. */
  caption: string;
  /** Language of the text (`lang` attribute). */
  lang: string;
  /** Plotly figure. */
  plotly: PlotlyFigure;
  /** Static SVG shown until (or instead of) the interactive chart. */
  svg: string;
}

const STYLE = `body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:2em;color:#222}
figure{margin:0;max-width:960px}
.clickday-chart svg{max-width:100%;height:auto}`;

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The static figure as an image that survives HTML sanitisers (a base64 SVG `data:` URI). */
export function staticImageHTML(title: string, svg: string): string {
  return `<img class="clickday-static" style="max-width:100%;height:auto" alt="${
    escapeHTML(title)
  }" src="data:image/svg+xml;base64,${base64(svg)}">`;
}

function drawScript(elementId: string, figure: PlotlyFigure): string {
  // Waits for Plotly (inlined once per notebook, maybe in an earlier output), then swaps the
  // static SVG for the interactive chart.
  return `(function(){var id=${jsonForScript(elementId)},figure=${jsonForScript(figure)},tries=0;
function draw(){var el=document.getElementById(id);if(!el)return;
if(!window.Plotly){if(tries++<200)setTimeout(draw,50);return;}
el.innerHTML="";window.Plotly.newPlot(el,figure.data,figure.layout,figure.config);}
draw();})();`;
}

/** A standalone HTML document for one chart: plotly.js inlined, works offline. */
export async function standaloneHTML(parts: HTMLChartParts): Promise<string> {
  const plotly = await plotlyBundleText();
  return `<!DOCTYPE html>
<html lang="${escapeHTML(parts.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHTML(parts.title)}</title>
<style>${STYLE}</style>
<script>${plotly}</script>
</head>
<body>
<figure aria-label="${escapeHTML(parts.title)}. ${escapeHTML(parts.caption)}">
<div id="chart" class="clickday-chart">${staticImageHTML(parts.title, parts.svg)}</div>
</figure>
<script>${drawScript("chart", parts.plotly)}</script>
</body>
</html>
`;
}

let notebookHasPlotly = false;
let fragmentCount = 0;

/**
 * Forgets that plotly.js was already inlined in this kernel session, so the next notebook
 * output inlines it again (call it after clearing the notebook's outputs).
 */
export function resetNotebookPlotly(): void {
  notebookHasPlotly = false;
}

/** Options for `fragmentHTML`. */
export interface FragmentOptions {
  /** DOM id of the chart's element (must be unique in the page). */
  id: string;
  /** Put plotly.js (~4.8 MB) before the chart; otherwise the page must load it once itself. */
  inlinePlotly: boolean;
}

/**
 * An HTML fragment for one chart inside a larger page: the static SVG in a `<figure>`, replaced
 * by the interactive plotly chart once `window.Plotly` exists (waits up to 10 s for it).
 */
export async function fragmentHTML(
  parts: HTMLChartParts,
  options: FragmentOptions,
): Promise<string> {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(options.id)) {
    throw new RangeError(
      `id: ${JSON.stringify(options.id)} is not a valid element id; use letters, digits, - and _`,
    );
  }
  const library = options.inlinePlotly ? `<script>${await plotlyBundleText()}</script>\n` : "";
  return `${library}<figure style="margin:0" aria-label="${escapeHTML(parts.title)}. ${
    escapeHTML(parts.caption)
  }">
<div id="${options.id}" class="clickday-chart">${staticImageHTML(parts.title, parts.svg)}</div>
</figure>
<script>${drawScript(options.id, parts.plotly)}</script>`;
}

/** Records that plotly.js was loaded in this kernel session (by `notebookSetup`). */
export function markNotebookPlotlyLoaded(): void {
  notebookHasPlotly = true;
}

/**
 * The `text/html` fragment for a notebook output. plotly.js (~4.8 MB) is inlined only in the
 * first fragment of the session; later fragments wait for `window.Plotly`.
 */
export function notebookHTML(parts: HTMLChartParts): Promise<string> {
  const inlinePlotly = !notebookHasPlotly;
  notebookHasPlotly = true;
  fragmentCount += 1;
  // A random id: outputs from earlier kernel sessions stay in the saved notebook and must not
  // collide (crypto.randomUUID only names a DOM element; simulation randomness is seeded).
  const id = `clickday-chart-${fragmentCount}-${crypto.randomUUID()}`;
  return fragmentHTML(parts, { id, inlinePlotly });
}
