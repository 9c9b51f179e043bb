/**
 * Durations on the design charts read in the reader's units: a 95th percentile time to success
 * of 160,000 s is drawn on an hours axis (44 h), a few minutes on a minutes axis, a few seconds
 * in seconds — the values divided accordingly, the interval kept.
 *
 * @module
 */
import assert from "node:assert/strict";
import { designComparisonChart, differenceChart } from "../../sim/charts/mod.ts";
import type { DifferenceRow, EstimateRow } from "../../sim/table/types.ts";

function estimates(metric: string, means: number[]): EstimateRow[] {
  return means.map((mean, index) => ({
    scenario: "s",
    grid_point: 0,
    design: `d${index}`,
    metric,
    mean,
    ci_low: mean * 0.9,
    ci_high: mean * 1.1,
    n: 3,
    confidence: 0.95,
  } as unknown as EstimateRow));
}

/** The plotted values and the axis title of a one-panel chart's plotly figure. */
function plotted(chart: { plotly: { data: unknown[]; layout: Record<string, unknown> } }) {
  const values: number[] = [];
  for (const trace of chart.plotly.data as { x?: unknown[]; y?: unknown[] }[]) {
    for (const axis of [trace.x, trace.y]) {
      for (const value of axis ?? []) if (typeof value === "number") values.push(value);
    }
  }
  const titles = JSON.stringify(chart.plotly.layout);
  return { largest: values.reduce((a, b) => Math.max(a, b), 0), titles };
}

Deno.test("a duration of hours is drawn in hours, minutes in minutes, seconds in seconds", () => {
  const metric = "time_to_success_p95_s";
  const hours = plotted(designComparisonChart(estimates(metric, [160_000, 90_000]), { metric }));
  assert.ok(hours.largest < 60 && hours.largest > 44, `hours: ${hours.largest}`);
  assert.match(hours.titles, /\(h\)/);
  const minutes = plotted(designComparisonChart(estimates(metric, [600, 300]), { metric }));
  assert.ok(minutes.largest <= 11 && minutes.largest >= 10, `minutes: ${minutes.largest}`);
  assert.match(minutes.titles, /\(min\)/);
  const seconds = plotted(designComparisonChart(estimates(metric, [30, 20]), { metric }));
  assert.ok(seconds.largest <= 33 && seconds.largest >= 30, `seconds: ${seconds.largest}`);
  const differences = estimates(metric, [-36_000, 7_200]) as unknown as DifferenceRow[];
  const difference = plotted(differenceChart(differences, { metric }));
  assert.match(difference.titles, /\(h\)/);
});

Deno.test("a metric equal in every design is called so, not ranked", () => {
  const rows = estimates("funded", [265_000, 265_000, 265_000]).map((row) => ({
    ...row,
    ci_low: 265_000,
    ci_high: 265_000,
  }));
  const chart = designComparisonChart(rows, { metric: "funded", lang: "en" });
  assert.match(chart.title, /the same in every design/);
  assert.match(chart.caption, /in every design, so it does not tell the designs apart/);
  assert.doesNotMatch(chart.caption, /highest with/);
  const italian = designComparisonChart(rows, { metric: "funded", lang: "it" });
  assert.match(italian.caption, /in ogni configurazione, quindi non distingue/);
});
