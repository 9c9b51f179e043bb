/**
 * Tooltips of the time charts read in the reader's units: the time of a point is a duration
 * since opening in h/min ("17 h 55 min", not the axis number 17.9167), and the series name is
 * shown whole (plotly cuts names longer than 15 characters unless told not to).
 *
 * @module
 */
import assert from "node:assert/strict";
import { timeSeriesFigure } from "../../sim/charts/time_series_figure.ts";

const LONG_LABEL = "Offered load, first attempts of citizens who came back";
const BIN_SECONDS = 600;

function figure(lang: "en" | "it") {
  // 20 h of 10-min bins: an hours axis
  const points = Array.from({ length: 120 }, (_, index) => ({
    start: index * BIN_SECONDS,
    width: BIN_SECONDS,
    value: index,
  }));
  return timeSeriesFigure({
    title: "t",
    caption: "c",
    lang,
    panels: [{
      yTitle: "Load (requests/s)",
      traces: [{ label: LONG_LABEL, color: "#000000", points, style: "line" }],
    }],
  });
}

Deno.test("a time chart's plotly tooltip gives the time in h/min and the whole series name", () => {
  const chart = figure("en");
  const trace = chart.plotly.data[0] as {
    x: number[];
    customdata: string[];
    hovertemplate: string;
  };
  // bin 107 spans 17 h 50 min – 18 h 00 min: midpoint 17 h 55 min, drawn at x = 17.9167 h
  assert.equal(trace.x[107].toFixed(4), "17.9167");
  assert.equal(trace.customdata[107], "17 h 55 min");
  assert.equal(trace.customdata[0], "5 min");
  assert.match(
    trace.hovertemplate,
    /^<b>Offered load, first attempts of citizens who came back<\/b>/,
  );
  assert.match(trace.hovertemplate, /Time since opening: %\{customdata\}/);
  assert.match(trace.hovertemplate, /Load \(requests\/s\): %\{y/);
  assert.deepEqual(chart.plotly.layout.hoverlabel, { namelength: -1 });
  assert.equal(chart.plotly.layout.hovermode, "closest");
});

Deno.test("a time chart's vega-lite tooltip gives the time in h/min, in the chart's language", () => {
  const spec = JSON.stringify(figure("it").vegaLite);
  assert.match(spec, /"time":"17 h 55 min"/);
  assert.match(spec, /\{"field":"time","type":"nominal","title":"Tempo dall'apertura"\}/);
  assert.doesNotMatch(spec, /"format":",\.4~r"/, "no raw axis number in the tooltip");
});
