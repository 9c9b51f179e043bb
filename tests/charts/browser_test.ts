/**
 * Charts in headless Chromium, offline: the standalone HTML and two notebook outputs (plotly.js
 * inlined in the first only) draw interactive plotly charts with no console errors, no network
 * requests, and a non-blank screenshot.
 */
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import {
  budgetChart,
  loadChart,
  outcomeChart,
  resetNotebookPlotly,
  writeChartFiles,
} from "../../sim/charts/mod.ts";
import {
  assertNoConsoleErrors,
  assertNonBlank,
  launchBrowser,
  openWatchedPage,
} from "../browser.ts";
import * as fixtures from "./fixtures.ts";

const tables = fixtures.resultTables();

/** Number of SVG paths plotly drew inside an element. */
function plotlyPathCount(selector: string): string {
  return `(() => { const el = document.querySelector(${JSON.stringify(selector)});
    return el && el.querySelector(".main-svg") ? el.querySelectorAll("svg path").length : 0; })()`;
}

Deno.test({
  name: "charts render in headless Chromium, offline, without console errors",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const browser = await launchBrowser();
    if (!browser) return;
    const dir = await Deno.makeTempDir({ prefix: "clickday-browser-" });
    try {
      const chart = loadChart(tables.series, { design: "as-built" });
      const { html } = await writeChartFiles(chart, dir, "load", { formats: ["html"] });
      const { page, watch } = await openWatchedPage(browser);
      await page.goto(pathToFileURL(html!).href);
      await page.waitForFunction(`${plotlyPathCount("#chart")} > 0`, undefined, { timeout: 20000 });
      const paths = await page.evaluate(plotlyPathCount("#chart")) as number;
      assert.ok(paths > 10, `plotly drew ${paths} paths`);
      const title = await page.evaluate(`document.querySelector("#chart .gtitle")?.textContent`);
      assert.ok(String(title).includes("Il carico offerto"), `plotly title: ${title}`);
      await assertNonBlank(page, 0.02);
      assertNoConsoleErrors(watch);

      // Notebook outputs as nbconvert's HTML export lays them out: plotly.js is inlined in the
      // first output only; the second waits for it.
      resetNotebookPlotly();
      const outputs = [
        await outcomeChart(tables.outcomes, { design: "as-built" }).toMimeBundle(),
        await budgetChart(tables.series, { design: "as-built", lang: "en" }).toMimeBundle(),
      ];
      const notebook = `${dir}/notebook.html`;
      await Deno.writeTextFile(
        notebook,
        `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${
          outputs.map((bundle) => `<div class="output">${bundle["text/html"]}</div>`).join("\n")
        }</body></html>`,
      );
      const second = await openWatchedPage(browser);
      await second.page.goto(pathToFileURL(notebook).href);
      for (const index of [1, 2]) {
        const selector = `.output:nth-of-type(${index}) .clickday-chart`;
        await second.page.waitForFunction(`${plotlyPathCount(selector)} > 0`, undefined, {
          timeout: 20000,
        });
      }
      await assertNonBlank(second.page, 0.02);
      assertNoConsoleErrors(second.watch);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
