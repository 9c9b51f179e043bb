/**
 * The report's first screen, as a minister opens it on a laptop (1366 × 768) and on a phone
 * (375 × 812): the page never scrolls sideways (wide tables scroll inside their own box), on
 * the laptop the summary table starts on the first screen, no two text blocks of the first screen overlap, and
 * the screenshot is not blank. Run on a default report of a small project (decreto flussi and
 * the example incident), in Italian.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { decodePNG, launchBrowser, nonWhiteShare } from "../browser.ts";
import {
  copyData,
  copyIncident,
  EXAMPLE_INCIDENT,
  writeExampleIncident,
} from "../incidents/example_incident.ts";
import { reportInProject } from "./report_in_project.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const VIEWPORTS = [
  { name: "laptop", width: 1366, height: 768, tableOnFirstScreen: true },
  { name: "phone", width: 375, height: 812, tableOnFirstScreen: false },
];

/** Measured in the page: sideways scroll, where the summary table starts, overlapping text. */
const FIRST_SCREEN_LAYOUT = `(() => {
  const width = window.innerWidth;
  const height = window.innerHeight;
  const table = document.querySelector(".summary-table");
  const blocks = [...document.querySelectorAll("h1, h2, h3, p, th, td, li")].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top < height && box.bottom > 0 &&
      (element.textContent || "").trim() !== "";
  });
  const overlaps = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i], b = blocks[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 1 && y > 1) {
        overlaps.push(a.tagName + " «" + (a.textContent || "").slice(0, 30) + "» / " + b.tagName +
          " «" + (b.textContent || "").slice(0, 30) + "»");
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    tableTop: table ? table.getBoundingClientRect().top : 1e9,
    height,
    blocks: blocks.length,
    overlaps,
  };
})()`;

Deno.test({
  name: "report: the first screen fits a laptop and a phone, nothing overlaps",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const root = await Deno.makeTempDir({ prefix: "clickday-first-screen-" });
    try {
      copyData(ROOT, root, ["references.json"]);
      copyIncident(ROOT, root, "decreto-flussi-2023");
      writeExampleIncident(root);
      const out = `${root}/out/report`;
      await reportInProject(root, out, [
        "--quiet",
        "--reps",
        "2",
        "--no-sensitivity",
        "--no-metastability",
      ]);
      const html = await Deno.readTextFile(`${out}/index.html`);
      assert.match(html, /summary-table/, "the summary has its table");
      assert.ok(html.includes(`href="#${EXAMPLE_INCIDENT}"`), "each row links to its section");
      assert.match(html, /data-chart="incidents-incident-comparison"/, "the incidents compared");
      const browser = await launchBrowser();
      if (!browser) return;
      try {
        for (const viewport of VIEWPORTS) {
          const page = await browser.newPage({
            viewport: { width: viewport.width, height: viewport.height },
          });
          await page.goto(new URL(`file://${out}/index.html`).href, { waitUntil: "load" });
          const layout = await page.evaluate(FIRST_SCREEN_LAYOUT) as {
            scrollWidth: number;
            width: number;
            tableTop: number;
            height: number;
            blocks: number;
            overlaps: string[];
          };
          assert.ok(
            layout.scrollWidth <= layout.width + 1,
            `${viewport.name}: the page scrolls sideways (${layout.scrollWidth} > ${layout.width})`,
          );
          assert.ok(
            !viewport.tableOnFirstScreen || layout.tableTop < layout.height,
            `${viewport.name}: the summary table starts below the first screen`,
          );
          assert.ok(layout.blocks > 3, `${viewport.name}: text on the first screen`);
          assert.deepEqual(layout.overlaps, [], `${viewport.name}: overlapping text`);
          const shot = decodePNG(await page.screenshot({ type: "png" }));
          assert.ok(nonWhiteShare(shot) > 0.01, `${viewport.name}: blank first screen`);
          await page.close();
        }
      } finally {
        await browser.close();
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
