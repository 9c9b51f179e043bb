/**
 * The phase-portrait and metastability-map charts on small tables, in both languages: the
 * SVG draws one arrow per drift cell, the equilibria and the separatrix; the map one cell per
 * fluid row and one marker per simulator spot check, with captions that count what they show.
 */
import assert from "node:assert/strict";
import {
  metastabilityMapChart,
  type MetastabilityMapChartRow,
  phasePortraitChart,
  type PhasePortraitChartRow,
} from "../../sim/charts/mod.ts";
import { findEquilibria } from "../../sim/fluid/equilibria.ts";
import { singleTierFlows, singleTierModel } from "../../sim/fluid/single_tier.ts";

function portraitRows(): PhasePortraitChartRow[] {
  const model = singleTierModel({
    arrivalRate: 8,
    serviceRate: 10,
    servers: 1,
    queueCapacity: 100,
    timeout: 3,
    retryDelay: 0.5,
    maxAttempts: 4,
  });
  const base = { point: 0, time: null, probability: null, queue_drift: null, orbit_drift: null };
  const rows: PhasePortraitChartRow[] = [];
  for (let j = 0; j < 8; j++) {
    for (let i = 0; i < 10; i++) {
      const q = (100 * i) / 9;
      const o = (105 * j) / 7;
      const flows = singleTierFlows(model, 0, q, o);
      rows.push({
        ...base,
        element: "drift",
        series: "",
        queue: q,
        orbit: o,
        queue_drift: flows.queueDrift,
        orbit_drift: flows.orbitDrift,
      });
      rows.push({
        ...base,
        element: "stationary",
        series: "",
        queue: q,
        orbit: o,
        probability: 1e-3,
      });
    }
  }
  for (const e of findEquilibria(model)) {
    rows.push({ ...base, element: "equilibrium", series: e.kind, queue: e.queue, orbit: e.orbit });
  }
  // A hand-made line through the saddle stands in for the separatrix (the chart draws rows).
  for (let k = 0; k < 5; k++) {
    rows.push({
      ...base,
      element: "separatrix",
      series: "branch 1",
      point: k,
      queue: 20 + 3 * k,
      orbit: 20 - 3 * k,
      time: k,
    });
    rows.push({
      ...base,
      element: "trajectory",
      series: "from (90, 0)",
      point: k,
      queue: 90 + 2 * k,
      orbit: 10 * k,
      time: k,
    });
  }
  return rows;
}

for (const lang of ["en", "it"] as const) {
  Deno.test(`phase portrait chart: arrows, equilibria, separatrix and caption (${lang})`, async () => {
    const rows = portraitRows();
    const chart = phasePortraitChart(rows, { lang });
    assert.match(chart.title, lang === "en" ? /Two stable states/ : /Due stati stabili/);
    if (lang === "it") {
      assert.equal(phasePortraitChart(rows).title, chart.title, "Italian by default");
    }
    assert.match(chart.caption, lang === "en" ? /healthy \(queue 0[.]8/ : /sano \(coda 0,8/);
    assert.match(chart.caption, lang === "en" ? /saddle \(queue 25[.]8/ : /sella \(coda 25,8/);
    const svg = await chart.toSVG();
    const arrows = rows.filter((row) => row.element === "drift").length;
    const rules = svg.match(/aria-roledescription="rule mark"/g) ?? [];
    assert.equal(rules.length, arrows, "one shaft per drift cell");
    const points = svg.match(/aria-roledescription="point"/g) ?? [];
    assert.equal(points.length, arrows + 3, "one head per arrow and three equilibria");
    assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, 2);
    assert.ok((await chart.toPNG(1)).length > 1000);
    const names = chart.plotly.data.map((trace) => String(trace.name ?? ""));
    assert.ok(names.some((name) => /Separatri/.test(name)), names.join(", "));
    assert.equal(chart.plotly.data.filter((trace) => trace.type === "heatmap").length, 1);
  });

  Deno.test(`metastability map chart: cells, simulator markers and agreement (${lang})`, async () => {
    const rows: MetastabilityMapChartRow[] = [];
    for (const y of [1, 2, 3]) {
      for (const x of [10, 20, 30, 40]) {
        const verdict = x / y >= 20 ? "healthy" : x / y >= 10 ? "recovers" : "stays-degraded";
        rows.push({
          x_name: "servers",
          x,
          y_name: "surge_multiplier",
          y,
          verdict,
          recovery_seconds: verdict === "recovers" ? 60 * x : null,
          source: "fluid",
        });
      }
    }
    rows.push({ ...rows[0], source: "simulator" }, {
      ...rows[8],
      verdict: "recovers",
      recovery_seconds: 30,
      source: "simulator",
    });
    const chart = metastabilityMapChart(rows, { lang, xUnit: "servers" });
    if (lang === "it") {
      const byDefault = metastabilityMapChart(rows, { xUnit: "servers" });
      assert.equal(byDefault.caption, chart.caption, "Italian by default");
    }
    const degraded = rows.filter((r) => r.source === "fluid" && r.verdict === "stays-degraded");
    assert.match(chart.title, new RegExp(`${degraded.length} (of|casi su) 12`));
    assert.match(
      chart.caption,
      lang === "en" ? /agreeing with the fluid model in 1 of 2/ : /in 1 casi su 2/,
    );
    assert.match(chart.caption, lang === "en" ? /Slowest recovery: 40 min/ : /più lenta: 40 min/);
    const svg = await chart.toSVG();
    const cells = svg.match(/aria-roledescription="rect mark"/g) ?? [];
    assert.equal(cells.length, 12);
    const markers = svg.match(/aria-roledescription="point"/g) ?? [];
    assert.equal(markers.length, 2);
    const heat = chart.plotly.data.find((trace) => trace.type === "heatmap")!;
    assert.equal((heat.z as unknown[][]).length, 3);
    assert.throws(
      () => metastabilityMapChart(rows.filter((r) => r.source === "simulator")),
      /no fluid rows/,
    );
  });
}
