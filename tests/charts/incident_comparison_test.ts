/**
 * The report's summary chart: each incident as built and with its best alternative, shares with
 * intervals, the largest gain named in the caption, in both languages; bad shares refused.
 *
 * @module
 */
import assert from "node:assert/strict";
import { incidentComparisonChart } from "../../sim/charts/mod.ts";

const rows = [
  {
    incident: "Cashback",
    role: "as-built" as const,
    design: "base",
    mean: 0.5,
    low: 0.48,
    high: 0.52,
  },
  {
    incident: "Cashback",
    role: "best" as const,
    design: "waiting-room",
    mean: 0.8,
    low: 0.78,
    high: 0.82,
  },
  {
    incident: "Terme",
    role: "as-built" as const,
    design: "base",
    mean: 0.6,
    low: 0.55,
    high: 0.65,
  },
  { incident: "Terme", role: "best" as const, design: "lottery", mean: 0.7, low: 0.65, high: 0.75 },
];

Deno.test("the incidents compared: as built and best alternative, the largest gain named", async () => {
  const en = incidentComparisonChart(rows, { lang: "en" });
  assert.match(en.caption, /The largest gain: Cashback, \+30% of the citizens/);
  const it = incidentComparisonChart(rows, { lang: "it" });
  assert.match(it.caption, /Il guadagno maggiore: Cashback, \+30% dei cittadini/);
  assert.equal(incidentComparisonChart(rows).caption, it.caption, "Italian by default");
  const svg = await en.toSVG();
  for (const label of ["Cashback — as built", "Cashback — waiting-room", "Terme — lottery"]) {
    assert.ok(svg.includes(label), `${label} on the chart`);
  }
  assert.throws(
    () => incidentComparisonChart([{ ...rows[0], mean: 1.5 }]),
    /share 1.5 not in \[0, 1\]/,
  );
  assert.throws(() => incidentComparisonChart([]), /no incident/);
});
