/**
 * Captions never run into the plot: chart kinds the notebooks and the report show (and the
 * notebooks' generic x–y chart with a five-line caption, as notebook 04 has), drawn by plotly in
 * headless Chromium at a notebook's output width and a laptop width — the caption's lowest line
 * must end above the plot area's top edge.
 *
 * @module
 */
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import {
  type Chart,
  designComparisonChart,
  loadChart,
  outcomeChart,
  queueChart,
  writeChartFiles,
} from "../../sim/charts/mod.ts";
import { xyChart } from "../../sim/analysis/mod.ts";
import { launchBrowser, openWatchedPage } from "../browser.ts";
import * as fixtures from "./fixtures.ts";

const LONG_CAPTION = "Erlang C probability of waiting at 6,000 erlangs (12,000 operations/s × " +
  "0.5 s). The target P(wait) ≤ 20% is met at 6,052 servers; 50% at 6,031; 1% at 6,123. " +
  "Below the load itself (6,000 servers) no steady state exists: the queue grows for as long " +
  "as the demand lasts, and every request waits. The margin is small because a large pool " +
  "pools its randomness; the flip side is a cliff a few dozen servers wide.";

function charts(): { name: string; chart: Chart }[] {
  const tables = fixtures.resultTables();
  return [
    {
      name: "xy",
      chart: xyChart({
        title: "From 6,031 to 6,123 servers, P(wait) falls from 50% to 1% — a cliff near the load",
        caption: LONG_CAPTION,
        xTitle: "Servers",
        yTitle: "P(wait)",
        series: [{
          label: "Erlang C",
          color: "#0072B2",
          kind: "line",
          x: [1, 2, 3],
          y: [1, 0.5, 0],
        }],
      }),
    },
    { name: "load", chart: loadChart(tables.series, { design: "as-built", lang: "en" }) },
    { name: "queue", chart: queueChart(tables.series, { design: "as-built", lang: "en" }) },
    { name: "outcome", chart: outcomeChart(tables.outcomes, { design: "as-built" }) },
    {
      name: "designs",
      chart: designComparisonChart(tables.estimates, {
        metrics: ["goodput_share", "funded_share"],
        lang: "en",
      }),
    },
  ];
}

/** Bottom of the caption (plotly subtitle) and top of the first plot area, in CSS pixels. */
const MEASURE = `(() => {
  const subtitle = document.querySelector(".gtitle-subtitle");
  const plot = document.querySelector(".nsewdrag") ?? document.querySelector(".bglayer rect");
  if (!subtitle || !plot) return null;
  const lines = subtitle.querySelectorAll("tspan.line").length || 1;
  return { captionBottom: subtitle.getBoundingClientRect().bottom,
    plotTop: plot.getBoundingClientRect().top, lines };
})()`;

Deno.test({
  name: "a caption of four or more lines ends above the plot area, at notebook and laptop widths",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const browser = await launchBrowser();
    if (!browser) return;
    const dir = await Deno.makeTempDir({ prefix: "clickday-caption-" });
    try {
      const { page } = await openWatchedPage(browser);
      for (const { name, chart } of charts()) {
        const { html } = await writeChartFiles(chart, dir, name, { formats: ["html"] });
        for (const width of [760, 1366]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(pathToFileURL(html!).href);
          await page.waitForFunction(`${MEASURE} !== null`, undefined, { timeout: 20000 });
          const measured = await page.evaluate(MEASURE) as {
            captionBottom: number;
            plotTop: number;
            lines: number;
          };
          console.log(`${name} at ${width}px: ${JSON.stringify(measured)}`);
          if (name === "xy") {
            assert.ok(measured.lines >= 4, `${name}: the caption wraps (${measured.lines} lines)`);
          }
          assert.ok(
            measured.captionBottom <= measured.plotTop,
            `${name} at ${width}px: the caption ends at ${measured.captionBottom.toFixed(0)} px, ` +
              `below the plot's top edge at ${measured.plotTop.toFixed(0)} px`,
          );
        }
      }
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("an x–y series without a colour is named, not drawn colourless", () => {
  const series = (color: unknown) => ({
    label: "exact",
    color: color as string,
    kind: "line" as const,
    x: [1, 2],
    y: [1, 2],
  });
  const input = { title: "t", caption: "c", xTitle: "x", yTitle: "y" };
  assert.throws(
    () => xyChart({ ...input, series: [series("#000000"), series(undefined)] }),
    /series\[1\] \("exact"\)\.color: got undefined; expected a CSS colour/,
  );
  assert.ok(xyChart({ ...input, series: [series("#000000")] }).vegaLite);
});
