/**
 * Exports: SVG has the expected marks, PNG is an image of the SVG's size × scale, the Jupyter
 * bundle carries the rich MIME types and the offline fallbacks (plotly.js inlined once per
 * session), and `writeChartFiles` writes complete files.
 */
import assert from "node:assert/strict";
import {
  type Chart,
  JUPYTER_DISPLAY,
  latencyChart,
  loadChart,
  notebookSetup,
  outcomeChart,
  PLOTLY_MIME,
  plotlyBundleText,
  queueChart,
  resetNotebookPlotly,
  setChartFonts,
  sweepHeatmap,
  validationChart,
  VEGA_LITE_MIME,
  writeChartFiles,
} from "../../sim/charts/mod.ts";
import { pngDimensions } from "../browser.ts";
import * as fixtures from "./fixtures.ts";

const tables = fixtures.resultTables();

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  assert.ok(match, "the SVG declares its width and height");
  return { width: Number(match[1]), height: Number(match[2]) };
}

const marksOf = (svg: string) =>
  new Set([...svg.matchAll(/class="mark-(\w+) role-mark/g)].map((m) => m[1]));

Deno.test("SVG export contains the chart's marks, title and locale-formatted axis labels", async () => {
  const load = await loadChart(tables.series, { design: "as-built" }).toSVG();
  assert.ok(load.startsWith("<svg"), "an SVG document");
  for (const mark of ["area", "line"]) assert.ok(marksOf(load).has(mark), `load: ${mark}`);
  assert.ok(load.includes("Il carico offerto ha raggiunto"), "the title is in the SVG");
  assert.ok(load.includes(">3.000<"), "Italian thousands separator on the y axis");
  const english = await loadChart(tables.series, { design: "as-built", lang: "en" }).toSVG();
  assert.ok(english.includes(">3,000<"), "English thousands separator on the y axis");
  const queue = await queueChart(tables.series, { design: "as-built" }).toSVG();
  assert.ok(marksOf(queue).has("rect"), "downtime is shaded with a rect");
  const outcome = await outcomeChart(tables.outcomes, { design: "as-built" }).toSVG();
  assert.ok(marksOf(outcome).has("rect"), "outcome bars");
  assert.ok(outcome.includes("Finanziati"), "legend in Italian");
  const sweep = await sweepHeatmap(fixtures.sweepCells(), {
    metric: "goodput_share",
    xLabel: "Picco",
    xUnit: "richieste/s",
    yLabel: "Server",
    yUnit: "server",
  }).toSVG();
  assert.ok(marksOf(sweep).has("rect") && marksOf(sweep).has("text"), "heatmap cells and labels");
  const validation = await validationChart(fixtures.validationRows()).toSVG();
  assert.ok(marksOf(validation).has("symbol") && marksOf(validation).has("rule"));
});

Deno.test("PNG export is a PNG of the SVG's size times the scale", async () => {
  const chart = latencyChart(tables.series, { design: "as-built", lang: "en" });
  const { width, height } = svgSize(await chart.toSVG());
  for (const scale of [1, 2]) {
    const png = await chart.toPNG(scale);
    assert.ok(png.length > 5000, `a non-trivial image (${png.length} bytes)`);
    assert.deepEqual(pngDimensions(png), {
      width: Math.round(width * scale),
      height: Math.round(height * scale),
    });
  }
  await assert.rejects(() => chart.toPNG(0), /scale: 0 is not allowed/);
});

Deno.test("the Jupyter bundle has the rich MIME types and offline fallbacks", async () => {
  resetNotebookPlotly();
  const plotly = await plotlyBundleText();
  assert.ok(plotly.length > 1_000_000, "the plotly.js bundle is read from the npm package");
  const chart: Chart = loadChart(tables.series, { design: "as-built" });
  assert.equal(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
  const first = await chart[JUPYTER_DISPLAY]();
  const second = await chart.toMimeBundle();
  for (const bundle of [first, second]) {
    assert.deepEqual(bundle[PLOTLY_MIME], chart.plotly);
    assert.deepEqual(bundle[VEGA_LITE_MIME], chart.vegaLite);
    assert.ok(String(bundle["image/svg+xml"]).startsWith("<svg"));
    assert.ok(String(bundle["text/plain"]).includes(chart.title));
    assert.ok(
      String(bundle["text/html"]).includes('src="data:image/svg+xml;base64,'),
      "the static figure inside the HTML, as an image an untrusted notebook keeps",
    );
    assert.doesNotMatch(
      String(bundle["text/html"]).replace(/<script>[\s\S]*?<\/script>/g, ""),
      /<svg[\s>]/,
      "no inline SVG (an untrusted notebook strips it)",
    );
  }
  const firstHTML = String(first["text/html"]);
  const secondHTML = String(second["text/html"]);
  assert.ok(firstHTML.includes(plotly.slice(0, 200)), "plotly.js inlined in the first output");
  assert.ok(!secondHTML.includes(plotly.slice(0, 200)), "and not again");
  assert.ok(secondHTML.length < 200_000, `second output is small (${secondHTML.length} chars)`);
  assert.doesNotMatch(firstHTML, /<script[^>]+src=/, "no external scripts");
  resetNotebookPlotly();
  const afterReset = await chart.toMimeBundle();
  assert.ok(String(afterReset["text/html"]).includes(plotly.slice(0, 200)));
});

Deno.test("writeChartFiles writes complete .svg, .png and .html files and no temporaries", async () => {
  const dir = await Deno.makeTempDir({ prefix: "clickday-charts-" });
  try {
    const chart = validationChart(fixtures.validationRows(), { lang: "en" });
    const written = await writeChartFiles(chart, `${dir}/nested`, "validation");
    assert.deepEqual(Object.keys(written).sort(), ["html", "png", "svg"]);
    assert.equal(await Deno.readTextFile(written.svg!), await chart.toSVG());
    assert.ok(pngDimensions(await Deno.readFile(written.png!)).width > 0);
    const html = await Deno.readTextFile(written.html!);
    assert.ok(html.startsWith("<!DOCTYPE html>") && html.trimEnd().endsWith("</html>"));
    assert.ok(html.includes("Plotly.newPlot") || html.includes("newPlot"));
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="https?:/, "nothing external");
    const names = [...Deno.readDirSync(`${dir}/nested`)].map((entry) => entry.name).sort();
    assert.deepEqual(names, ["validation.html", "validation.png", "validation.svg"]);
    await assert.rejects(() => writeChartFiles(chart, dir, "../escape"), /name: "..\/escape"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("setChartFonts refuses an empty font list", () => {
  assert.throws(() => setChartFonts([]), /setChartFonts: give at least one font file/);
});

Deno.test("an HTML fragment for a larger page inlines plotly.js only when asked", async () => {
  const chart = validationChart(fixtures.validationRows(), { lang: "en" });
  const plain = await chart.toHTMLFragment({ id: "validation-chart", inlinePlotly: false });
  assert.ok(
    plain.includes('id="validation-chart"') && plain.includes("data:image/svg+xml;base64,"),
  );
  assert.ok(plain.length < 200_000, "no plotly.js in it");
  const withLibrary = await chart.toHTMLFragment({ id: "v2", inlinePlotly: true });
  assert.ok(withLibrary.length > 1_000_000, "plotly.js inlined");
  await assert.rejects(
    () => chart.toHTMLFragment({ id: "1 bad", inlinePlotly: false }),
    /id: "1 bad" is not a valid element id/,
  );
});

Deno.test("notebookSetup carries plotly.js once; chart outputs after it carry none", async () => {
  resetNotebookPlotly();
  const plotly = await plotlyBundleText();
  const setup = await notebookSetup()[JUPYTER_DISPLAY]();
  assert.ok(setup["text/html"].includes(plotly.slice(0, 200)), "plotly.js in the setup output");
  assert.match(setup["text/plain"], /interactive charts ready/);
  const chart: Chart = loadChart(tables.series, { design: "as-built" });
  for (let i = 0; i < 2; i++) {
    const html = String((await chart.toMimeBundle())["text/html"]);
    assert.ok(!html.includes(plotly.slice(0, 200)), `chart output ${i + 1} carries no plotly.js`);
  }
  resetNotebookPlotly();
});
