/**
 * The chart object every builder returns: a headline, a caption stating the finding, a
 * vega-lite spec (static figures: SVG, PNG) and a plotly figure (interactive HTML), with
 * exports and Jupyter display. Everything works offline.
 *
 * @module
 */
import { fragmentHTML, type FragmentOptions, notebookHTML, standaloneHTML } from "./html.ts";
import type { Lang } from "./labels.ts";
import type { PlotlyFigure } from "./plotly_figure.ts";
import { svgToPNG } from "./render_png.ts";
import { compileVegaLite, type VegaLiteSpec, vegaLiteToSVG } from "./render_svg.ts";

/** What a chart builder produces. */
export interface ChartParts {
  /** Headline stating the finding, e.g. "Offered load reached 3.4× capacity". */
  title: string;
  /** Caption stating the finding with numbers computed from the table. */
  caption: string;
  /** Language of the text. */
  lang: Lang;
  /** Vega-lite spec with inline data (static figures). */
  vegaLite: VegaLiteSpec;
  /** Plotly figure (interactive charts). */
  plotly: PlotlyFigure;
}

/** The MIME bundle a Jupyter kernel displays (MIME type → content). */
export type MimeBundle = Record<string, unknown>;

/** The symbol Deno's Jupyter kernel calls to display an object (`Symbol.for("Jupyter.display")`). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for(
  "Jupyter.display",
) as typeof JUPYTER_DISPLAY;

/** The MIME type of the plotly figure in a display bundle. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The MIME type of the vega-lite spec in a display bundle. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/**
 * A chart. `Deno.jupyter.$display(chart)` or ending a notebook cell with it shows it; it also
 * exports to SVG, PNG and standalone HTML (all offline).
 */
export class Chart implements ChartParts {
  /** Headline stating the finding. */
  readonly title: string;
  /** Caption stating the finding with numbers. */
  readonly caption: string;
  /** Language of the text. */
  readonly lang: Lang;
  /** Vega-lite spec with inline data. */
  readonly vegaLite: VegaLiteSpec;
  /** Plotly figure. */
  readonly plotly: PlotlyFigure;
  #svg: Promise<string> | undefined;

  /** Wraps a builder's parts; checks that the vega-lite spec compiles. */
  constructor(parts: ChartParts) {
    this.title = parts.title;
    this.caption = parts.caption;
    this.lang = parts.lang;
    this.vegaLite = parts.vegaLite;
    this.plotly = parts.plotly;
    compileVegaLite(this.vegaLite);
  }

  /** The static figure as an SVG document (rendered once, then cached). */
  toSVG(): Promise<string> {
    this.#svg ??= vegaLiteToSVG(this.vegaLite);
    return this.#svg;
  }

  /** The static figure as PNG bytes at `scale` × the SVG's size (default 2). */
  async toPNG(scale = 2): Promise<Uint8Array> {
    return svgToPNG(await this.toSVG(), scale);
  }

  /** A standalone HTML document: interactive plotly chart, plotly.js inlined, static SVG fallback. */
  async toHTML(): Promise<string> {
    return standaloneHTML({ ...this.#htmlParts(), svg: await this.toSVG() });
  }

  /**
   * An HTML fragment for this chart inside a larger page (e.g. the report): static SVG,
   * replaced by the interactive chart once the page has plotly.js (`inlinePlotly: true`
   * puts it in this fragment; otherwise inline `plotlyBundleText()` once in the page).
   */
  async toHTMLFragment(options: FragmentOptions): Promise<string> {
    return fragmentHTML({ ...this.#htmlParts(), svg: await this.toSVG() }, options);
  }

  /**
   * The Jupyter MIME bundle: the plotly and vega-lite rich types for frontends that render
   * them, and offline fallbacks for those that do not (nbconvert's HTML export, the classic
   * notebook): `image/svg+xml`, and `text/html` with plotly.js inlined in the first chart
   * output of the session only.
   */
  async toMimeBundle(): Promise<MimeBundle> {
    const svg = await this.toSVG();
    return {
      [PLOTLY_MIME]: this.plotly,
      [VEGA_LITE_MIME]: this.vegaLite,
      "text/html": await notebookHTML({ ...this.#htmlParts(), svg }),
      "image/svg+xml": svg,
      "text/plain": `${this.title}\n${this.caption}`,
    };
  }

  /** Jupyter display hook used by the Deno kernel (`Deno.jupyter.$display`). */
  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.toMimeBundle();
  }

  #htmlParts() {
    return { title: this.title, caption: this.caption, lang: this.lang, plotly: this.plotly };
  }
}
