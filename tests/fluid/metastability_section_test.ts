/**
 * The report's metastability block: on the single-tier surge scenario (with one design that
 * adds capacity) it places the as-built design on the cliff, names the capacity that was
 * needed, places the design, draws the map with a spot check, in Italian and in English.
 */
import assert from "node:assert/strict";
import {
  metastabilityFindings,
  metastabilitySection,
} from "../../sim/report/metastability_section.ts";
import { SURGE_SCENARIO } from "./surge_scenario.ts";

const RAW = {
  ...structuredClone(SURGE_SCENARIO),
  designs: { "double-capacity": { service: { tiers: [{ name: "app", servers: 40 }] } } },
} as Record<string, unknown>;

Deno.test("metastability block: as built on the cliff, the capacity needed, the design placed", async () => {
  const findings = metastabilityFindings(RAW, { points: 6, spotChecks: 1, scale: 0.25 });
  assert.equal(findings.x.name, "service.tiers.app.servers");
  assert.equal(findings.plan.asBuilt.verdict, "stays-degraded");
  assert.ok(findings.plan.minimalX !== null && findings.plan.minimalX > 20);
  assert.deepEqual(findings.designs.map((d) => [d.design, d.x, d.verdict]), [
    ["double-capacity", 40, "healthy"],
  ]);
  assert.equal(findings.rows.filter((row) => row.source === "simulator").length, 1);
  const en = await metastabilitySection(findings, "en");
  const it = await metastabilitySection(findings, "it");
  assert.match(en, /How close to the cliff/);
  assert.match(en, /with 20 app servers and the forecast demand the service stays degraded/);
  assert.match(en, new RegExp(`at least ${findings.plan.minimalX} servers`));
  assert.match(it, /Quanto vicino al precipizio/);
  assert.match(it, /resta degradato fino alla fine/);
  for (const html of [en, it]) assert.match(html, /data:image\/svg\+xml;base64,/);
  assert.doesNotMatch(it, /healthy|stays degraded|servers/, "one language per output");
});
