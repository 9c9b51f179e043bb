/**
 * Static rendering of a vega-lite spec to SVG, headless (no browser, no canvas, no network).
 *
 * @module
 */
import * as vega from "npm:vega@6.4.0";
import * as vegaLite from "npm:vega-lite@6.5.0";

/**
 * Width of a character in DejaVu Sans, in em (advance widths from the font, grouped): vega
 * measures text with a canvas when there is one and otherwise guesses 0.8 em a character,
 * which lays headless charts out far too wide. Hand-written because no canvas is available
 * offline under Deno without native modules.
 */
export function characterWidthEm(character: string): number {
  if (" .,:;'|!ijlI".includes(character)) return 0.3;
  if ('ftr()[]{}-/\\"'.includes(character)) return 0.4;
  if ("mwMW%@".includes(character)) return 0.95;
  if (/[0-9]/.test(character)) return 0.64;
  if (/[A-Z]/.test(character)) return 0.72;
  return 0.6;
}

/** Estimated width in pixels of `text` at `fontSize` pixels in DejaVu Sans (bold: +15%). */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const character of text) em += characterWidthEm(character);
  return Math.ceil(em * fontSize * (bold ? 1.15 : 1));
}

// vega.textMetrics.width is the hook vega uses to measure text without a canvas (exported at
// run time by vega-scenegraph, missing from vega's type declarations).
const textMetrics = (vega as unknown as {
  textMetrics: { width: (item: Record<string, unknown>, text: unknown) => number };
}).textMetrics;
textMetrics.width = (
  item,
  text,
) => {
  const size = typeof item.fontSize === "number" ? item.fontSize : 11;
  const weight = item.fontWeight;
  const bold = weight === "bold" || (typeof weight === "number" && weight >= 600);
  return estimateTextWidth(String(text ?? ""), size, bold);
};

/** A vega-lite specification (top-level, data inlined). */
export type VegaLiteSpec = Record<string, unknown>;

/** Compiles a vega-lite spec to a vega spec; throws with vega-lite's message when it is invalid. */
export function compileVegaLite(spec: VegaLiteSpec): vega.Spec {
  return vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec;
}

/**
 * Renders a vega-lite spec to an SVG document string, with vega's headless renderer
 * (`renderer: "none"`). Data must be inline (`data.values`): the loader is denied network
 * and file access.
 */
export async function vegaLiteToSVG(spec: VegaLiteSpec): Promise<string> {
  const runtime = vega.parse(compileVegaLite(spec));
  const view = new vega.View(runtime, { renderer: "none", loader: offlineLoader() });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function offlineLoader(): vega.Loader {
  const loader = vega.loader();
  const refuse = (uri: string): Promise<never> =>
    Promise.reject(new Error(`chart data must be inline; refusing to load ${uri}`));
  loader.load = refuse;
  loader.http = refuse;
  loader.file = refuse;
  return loader;
}
