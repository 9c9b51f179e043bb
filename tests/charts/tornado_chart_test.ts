/**
 * The tornado chart on hand-made rows, in both languages: the SVG renders with one bar per
 * assumption and end (top N only), the assumptions' values labelled at the bar ends, the
 * calibrated value as a dashed rule, a caption naming the largest swing from what to what,
 * the plotly figure with the same bars; bad rows rejected with the field named.
 */
import assert from "node:assert/strict";
import { tornadoChart, type TornadoChartRow } from "../../sim/charts/mod.ts";
import { formatQuantity } from "../../sim/charts/tornado_chart.ts";

const metric = "quota_exhausted_seconds";
const baseline = 172.5;

/** Ten assumptions whose swing grows with their index (so the order is known). */
function rows(): TornadoChartRow[] {
  return Array.from({ length: 10 }, (_, index) => ({
    assumption: `assumption_${index}`,
    low_value: index + 1,
    high_value: 10 * (index + 1),
    metric,
    at_low: baseline + 3 * (index + 1),
    at_high: baseline - 5 * (index + 1),
    baseline,
  }));
}

const units = Object.fromEntries(rows().map((row) => [row.assumption, "s"]));

for (const lang of ["it", "en"] as const) {
  Deno.test(`tornado chart: SVG bars, value labels, baseline rule and caption (${lang})`, async () => {
    const chart = tornadoChart([...rows(), { ...rows()[0], assumption: "broken", at_low: NaN }], {
      lang,
      top: 8,
      metricLabel: lang === "it" ? "Quota esaurita dopo" : "Quota exhausted after",
      metricUnit: "s",
      assumptionUnits: units,
    });
    const largest = rows()[9];
    // Title: the metric and "one at a time".
    assert.match(chart.title, lang === "it" ? /una alla volta/ : /one at a time/);
    assert.match(chart.title, /Quota/);
    // Caption: the largest swing, from what to what, at which values; the calibrated value.
    for (const text of [largest.at_low, largest.at_high, baseline]) {
      assert.ok(
        chart.caption.includes(formatQuantity(text, "s", lang)),
        `${text}: ${chart.caption}`,
      );
    }
    for (const text of [largest.low_value, largest.high_value]) {
      assert.ok(
        chart.caption.includes(formatQuantity(text, "s", lang)),
        `${text}: ${chart.caption}`,
      );
    }
    assert.match(chart.caption, /Assumption 9/);
    assert.match(chart.caption, lang === "it" ? /8 ipotesi su 10/ : /8 of 10 assumptions/);
    assert.match(chart.caption, lang === "it" ? /1 ipotesi non dà/ : /1 assumption gives no value/);

    const svg = await chart.toSVG();
    assert.match(svg, /<svg[\s>]/);
    // One bar per shown assumption and end (vega draws bars as paths with role mark-rect).
    const bars = svg.match(/<path[^>]*aria-roledescription="bar"/g) ?? [];
    assert.equal(bars.length, 16, "8 assumptions × 2 ends");
    for (const row of rows().slice(2)) {
      assert.ok(svg.includes(`Assumption ${row.assumption.slice(-1)}`), `${row.assumption} label`);
      for (const value of [row.low_value, row.high_value]) {
        const text = formatQuantity(value, "s", lang);
        assert.ok(svg.includes(`>${text}<`), `${row.assumption}: value label ${text}`);
      }
    }
    assert.ok(!svg.includes("Assumption 1<") && !svg.includes("Assumption 0<"), "top 8 only");
    assert.match(svg, /stroke-dasharray="5,3"/, "the calibrated value is a dashed rule");
    const png = await chart.toPNG(1);
    assert.ok(png.length > 1000, "PNG renders");

    // Plotly: two bar traces from the baseline, the same assumptions, the rule as a shape.
    assert.equal(chart.plotly.data.length, 2);
    for (const trace of chart.plotly.data) {
      assert.equal(trace.type, "bar");
      assert.equal(trace.orientation, "h");
      assert.equal((trace.y as string[]).length, 8);
      assert.deepEqual(trace.base, new Array(8).fill(baseline));
    }
    const [high, low] = chart.plotly.data;
    assert.equal((low.x as number[])[0], largest.at_low - baseline);
    assert.equal((high.x as number[])[0], largest.at_high - baseline);
    assert.deepEqual((low.text as string[]).slice(0, 2), [
      formatQuantity(largest.low_value, "s", lang),
      formatQuantity(rows()[8].low_value, "s", lang),
    ]);
    const shapes = chart.plotly.layout.shapes as { x0: number }[];
    assert.equal(shapes[0].x0, baseline);
  });
}

Deno.test("tornado chart: shares as percentages, bad input names the field", () => {
  const share = rows().map((row) => ({
    ...row,
    metric: "technical_failure_share",
    at_low: row.at_low / 1000,
    at_high: row.at_high / 1000,
    baseline: row.baseline / 1000,
  }));
  const chart = tornadoChart(share, { lang: "en" });
  assert.match(chart.caption, /17\.3%|17%/);
  assert.throws(() => tornadoChart([]), /rows: no tornado rows/);
  assert.throws(
    () => tornadoChart([...rows(), { ...rows()[0], metric: "other" }]),
    /one metric per tornado chart/,
  );
  assert.throws(() => tornadoChart(rows(), { top: 0 }), /top: got 0/);
  assert.throws(
    () => tornadoChart([{ ...rows()[0], at_high: NaN }]),
    /no assumption gives a finite/,
  );
});
