/**
 * The notebook's setup output: plotly.js for every chart of the notebook, displayed once by the
 * first cell, so that clearing or re-running a chart cell never leaves the others static after
 * a reload (`html.ts` explains the fallbacks).
 *
 * @module
 */
import { JUPYTER_DISPLAY } from "./chart.ts";
import { markNotebookPlotlyLoaded } from "./html.ts";
import { escapeHTML } from "./html_text.ts";
import { plotlyBundleText } from "./plotly_bundle.ts";

/** The display of {@link notebookSetup}: plotly.js for every chart of the notebook. */
export class NotebookSetup {
  /** Jupyter display hook used by the Deno kernel. */
  async [JUPYTER_DISPLAY](): Promise<Record<string, string>> {
    markNotebookPlotlyLoaded();
    const note = "clickday: interactive charts ready (plotly.js loaded in this notebook; " +
      "charts stay pictures where scripts do not run)";
    return {
      "text/plain": note,
      "text/html": `<script>${await plotlyBundleText()}</script>\n<p style="color:#555;` +
        `font-size:.85em">${escapeHTML(note)}</p>`,
    };
  }
}

/**
 * Loads plotly.js once for the whole notebook: display it in the notebook's first cell
 * (`notebookSetup()` as the cell's last expression). Chart outputs displayed after it carry no
 * plotly.js, so clearing or re-running a chart cell never leaves the others static.
 *
 * @example
 * ```ts ignore
 * import { notebookSetup } from "../sim/mod.ts";
 * notebookSetup();
 * ```
 */
export function notebookSetup(): NotebookSetup {
  return new NotebookSetup();
}
