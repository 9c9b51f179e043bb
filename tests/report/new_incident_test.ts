/**
 * Adding a click day takes data files alone: a throw-away incident (`bonus-esempio-2099`,
 * `tests/incidents/example_incident.ts`: scenario, calibration record, descriptor, convergence
 * study) written into a temporary project folder next to a copy of one documented incident
 * (decreto flussi, the cheapest) appears in a `--quick` report run from that folder: in
 * summary.json, with its tornado, charts, title, prose and design descriptions from its
 * descriptor. (The discovery of all six: `tests/incidents/descriptor_test.ts`.)
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { listIncidents } from "../../sim/calibration/mod.ts";
import {
  copyData,
  copyIncident,
  EXAMPLE_INCIDENT,
  writeExampleIncident,
} from "../incidents/example_incident.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const NEIGHBOUR = "decreto-flussi-2023";

Deno.test({
  name: "a sixth incident made of data files alone is in a --quick report run from its folder",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const root = await Deno.makeTempDir({ prefix: "clickday-new-incident-" });
    try {
      copyData(ROOT, root, ["references.json"]);
      copyIncident(ROOT, root, NEIGHBOUR);
      writeExampleIncident(root);
      assert.deepEqual(listIncidents(root), [EXAMPLE_INCIDENT, NEIGHBOUR]);
      const out = `${root}/out/report`;
      const command = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          `--allow-read=${ROOT},${root},/usr/share/fonts`,
          `--allow-write=${root}`,
          `${ROOT}/sim/report/main.ts`,
          "--out",
          out,
          "--quick",
          "--quiet",
        ],
        cwd: root,
        stdout: "piped",
        stderr: "piped",
      });
      const result = await command.output();
      const stderr = new TextDecoder().decode(result.stderr);
      assert.equal(result.code, 0, stderr);
      const summary = JSON.parse(await Deno.readTextFile(`${out}/summary.json`)) as {
        incidents: { name: string; scale_factor: number; designs: string[] }[];
        sensitivity: { incident: string; metric: string; rows: unknown[] }[];
      };
      assert.deepEqual(summary.incidents.map((incident) => incident.name), [
        EXAMPLE_INCIDENT,
        NEIGHBOUR,
      ]);
      const example = summary.incidents[0];
      assert.equal(example.scale_factor, 0.5, "the quick scale of its convergence study");
      assert.deepEqual(example.designs, ["base", "portal-x4", "lottery"]);
      const tornado = summary.sensitivity.find((entry) => entry.incident === EXAMPLE_INCIDENT);
      assert.ok(tornado, "no tornado for the new incident");
      assert.equal(tornado.metric, "technical_failure_share");
      assert.equal(tornado.rows.length, 3, "its three ranged assumptions (not the horizon)");
      const charts = [...Deno.readDirSync(`${out}/charts`)].map((entry) => entry.name);
      for (const kind of ["load", "designs", "sensitivity"]) {
        assert.ok(charts.includes(`${EXAMPLE_INCIDENT}-${kind}.svg`), `${kind} chart`);
      }
      const html = await Deno.readTextFile(`${out}/index.html`);
      for (
        const text of [
          `id="${EXAMPLE_INCIDENT}"`,
          "Bonus esempio (marzo 2099, dati inventati)",
          "un portale quattro volte più grande",
          "due ore per registrarsi, poi un sorteggio",
        ]
      ) {
        assert.ok(html.includes(text), `the page lacks: ${text}`);
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
