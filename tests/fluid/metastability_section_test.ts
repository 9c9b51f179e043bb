/**
 * The report's metastability block: on the single-tier surge scenario (with one design that
 * adds capacity) it places the as-built design on the cliff, names the capacity that was
 * needed, places the design, draws the map with a spot check, in Italian and in English.
 */
import assert from "node:assert/strict";
import {
  metastabilityFindings,
  metastabilitySection,
  spotCheckAgreement,
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

Deno.test("metastability block: spot checks that disagree with the fluid map are named", () => {
  const findings = metastabilityFindings(RAW, { points: 4, spotChecks: 0 });
  const cell = findings.rows.find((row) => row.verdict === "stays-degraded")!;
  const agreeing = { ...cell, source: "simulator" as const };
  const disagreeing = {
    ...cell,
    source: "simulator" as const,
    verdict: "recovers" as const,
    recovery_seconds: 600,
  };
  const same = spotCheckAgreement({ ...findings, rows: [...findings.rows, agreeing] }, "app", "en");
  assert.equal(same, "Simulator spot checks (app): 1 of 1 agree with the fluid model.");
  const differ = spotCheckAgreement(
    { ...findings, rows: [...findings.rows, agreeing, disagreeing] },
    "app",
    "en",
  );
  assert.match(differ, /1 of 2 agree/);
  assert.match(
    differ,
    /the simulator finds that it recovers after 10 min, the fluid model that it stays degraded/,
  );
  assert.match(differ, /the simulator prevails/);
  assert.match(
    spotCheckAgreement({ ...findings, rows: [...findings.rows, disagreeing] }, "app", "it"),
    /0 su 1 concordano/,
  );
  assert.equal(spotCheckAgreement(findings, "app", "en"), "", "nothing without spot checks");
});
