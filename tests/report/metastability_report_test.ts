/**
 * The report's "how close to the cliff" block, end to end: a default (not `--quick`) report of
 * a small project (decreto flussi and the throw-away example incident; `--no-sensitivity` to
 * keep it short) maps each incident with the fluid model, spot-checks two cells with the
 * simulator, writes the map as one of the incident's chart files, embeds it once, and records
 * the verdicts in summary.json; `--quick` leaves the block out and says so. The primer section's
 * single-tier phase portrait (two stable states) is written and embedded once.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  copyData,
  copyIncident,
  EXAMPLE_INCIDENT,
  writeExampleIncident,
} from "../incidents/example_incident.ts";
import { reportInProject } from "./report_in_project.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const NEIGHBOUR = "decreto-flussi-2023";

function report(root: string, out: string, flags: string[]) {
  return reportInProject(root, out, ["--quiet", "--no-sensitivity", "--reps", "2"].concat(flags));
}

interface SummaryCliff {
  incident: string;
  as_built: { x: number; y: number; verdict: string };
  designs: { design: string; verdict: string }[];
  spot_checks: { source: string; verdict: string }[];
}

Deno.test({
  name:
    "report: each incident has a metastability map with simulator spot checks; --quick omits it",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const root = await Deno.makeTempDir({ prefix: "clickday-cliff-" });
    try {
      copyData(ROOT, root, ["references.json"]);
      copyIncident(ROOT, root, NEIGHBOUR);
      writeExampleIncident(root);
      const out = `${root}/out/report`;
      await report(root, out, ["--lang", "en"]);
      const summary = JSON.parse(await Deno.readTextFile(`${out}/summary.json`)) as {
        metastability: SummaryCliff[];
      };
      assert.deepEqual(
        summary.metastability.map((cliff) => cliff.incident).sort(),
        [EXAMPLE_INCIDENT, NEIGHBOUR].sort(),
      );
      const verdicts = ["healthy", "recovers", "stays-degraded"];
      for (const cliff of summary.metastability) {
        assert.ok(verdicts.includes(cliff.as_built.verdict), JSON.stringify(cliff.as_built));
        assert.equal(cliff.as_built.y, 1, "the as-built design at the forecast demand");
        assert.equal(cliff.spot_checks.length, 2, `${cliff.incident}: two simulator spot checks`);
        for (const check of cliff.spot_checks) {
          assert.equal(check.source, "simulator");
          assert.ok(verdicts.includes(check.verdict), check.verdict);
        }
        assert.ok(cliff.designs.length > 0, `${cliff.incident}: its alternatives placed`);
      }
      const charts = [...Deno.readDirSync(`${out}/charts`)].map((entry) => entry.name);
      const html = await Deno.readTextFile(`${out}/index.html`);
      for (const incident of [EXAMPLE_INCIDENT, NEIGHBOUR]) {
        for (const extension of ["svg", "png"]) {
          const file = `${incident}-metastability.${extension}`;
          assert.ok(charts.includes(file), `${file} is written`);
        }
        assert.equal(
          html.split(`data-chart="${incident}-metastability"`).length - 1,
          1,
          `${incident}: the map is embedded once`,
        );
      }
      assert.equal(html.split("How close to the cliff").length - 1, 2, "one block per incident");
      // the primer: the single-tier phase portrait, written and embedded once
      assert.ok(charts.includes("metastable-failure-phase-portrait.svg"));
      assert.equal(html.split('data-chart="metastable-failure-phase-portrait"').length - 1, 1);
      assert.match(html, /Metastable failure in one picture/);
      assert.match(html, /the healthy state serves 5 requests\/s and the degraded one 0:/);

      const quick = `${root}/out/quick`;
      await report(root, quick, ["--quick"]);
      const quickHtml = await Deno.readTextFile(`${quick}/index.html`);
      assert.ok(!quickHtml.includes("Quanto vicino al precipizio"), "no block in the preview");
      assert.equal(
        quickHtml.split(
          "la mappa di metastabilità (quanto vicino al precipizio era il sistema) è omessa",
        )
          .length - 1,
        2,
        "the preview says, per incident, that the map is left out",
      );
      const quickSummary = JSON.parse(await Deno.readTextFile(`${quick}/summary.json`)) as {
        metastability: unknown[];
      };
      assert.deepEqual(quickSummary.metastability, []);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
