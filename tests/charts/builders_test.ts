/**
 * Every chart builder, in both languages, on the synthetic fixtures: the vega-lite spec
 * compiles, the plotly figure has data and layout, and the title and caption state numbers
 * computed here from the fixture tables.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { downIntervals, downtimeSeconds } from "../../sim/charts/queue_chart.ts";
import {
  budgetChart,
  type Chart,
  type ChartLang as Lang,
  designComparisonChart,
  differenceChart,
  DOCUMENTED_PEAK_BAND,
  latencyChart,
  loadChart,
  outcomeChart,
  parseDesignParameters,
  queueChart,
  standardCharts,
  sweepCellsFromEstimates,
  sweepHeatmap,
  validationChart,
} from "../../sim/charts/mod.ts";
import { compileVegaLite } from "../../sim/charts/render_svg.ts";
import { formatPercent, formatSignificant } from "../../sim/charts/labels.ts";
import type { EstimateRow } from "../../sim/table/types.ts";
import * as fixtures from "./fixtures.ts";

const tables = fixtures.resultTables();

function builders(lang: Lang): Record<string, () => Chart> {
  return {
    load: () => loadChart(tables.series, { design: "as-built", lang }),
    queue: () => queueChart(tables.series, { design: "as-built", lang }),
    latency: () => latencyChart(tables.series, { design: "as-built", lang }),
    budget: () => budgetChart(tables.series, { design: "as-built", lang }),
    outcomeArrival: () => outcomeChart(tables.outcomes, { design: "as-built", lang }),
    outcomePersistence: () =>
      outcomeChart(tables.outcomes, { design: "waiting-room", groupBy: "persistence", lang }),
    designs: () => designComparisonChart(tables.estimates, { metric: "goodput_share", lang }),
    differences: () => differenceChart(tables.differences, { metric: "goodput_share", lang }),
    sweep: () =>
      sweepHeatmap(fixtures.sweepCells(), {
        metric: "goodput_share",
        xLabel: "Peak",
        xUnit: "requests/s",
        yLabel: "Servers",
        yUnit: "servers",
        band: DOCUMENTED_PEAK_BAND,
        lang,
      }),
    validation: () => validationChart(fixtures.validationRows(), { lang }),
  };
}

for (const lang of ["it", "en"] as const) {
  Deno.test(`every builder makes a valid vega-lite spec and plotly figure (${lang})`, () => {
    for (const [name, build] of Object.entries(builders(lang))) {
      const chart = build();
      assert.equal(chart.lang, lang, name);
      assert.ok(chart.title.length > 10, `${name}: title`);
      assert.ok(chart.caption.length > 20, `${name}: caption`);
      assert.ok(compileVegaLite(chart.vegaLite).marks, `${name}: compiled vega spec has marks`);
      assert.ok(chart.plotly.data.length > 0, `${name}: plotly has traces`);
      for (const trace of chart.plotly.data) {
        const points = (trace.x as unknown[] | undefined) ?? (trace.z as unknown[]);
        assert.ok(Array.isArray(points) && points.length > 0, `${name}: trace without data`);
      }
      assert.ok(chart.plotly.layout.title, `${name}: plotly layout has a title`);
      assert.equal(chart.plotly.layout.separators, lang === "it" ? ",." : ".,", name);
      const spec = JSON.stringify(chart.vegaLite);
      assert.ok(!/https?:\/\/(?!vega\.github\.io\/schema)/.test(spec), `${name}: no URLs`);
    }
  });
}

Deno.test("the load chart states the peak, its ratio to capacity and the retry share", () => {
  const runs = tables.series.filter((row) => row.design === "as-built");
  const offered = new Map<number, number>();
  let first = 0;
  let retry = 0;
  for (const row of runs) {
    if (row.metric === "offered_first_per_s") first += row.value;
    if (row.metric === "offered_retry_per_s") retry += row.value;
    if (row.metric.startsWith("offered_")) {
      offered.set(
        row.bin_start,
        (offered.get(row.bin_start) ?? 0) + row.value / fixtures.REPLICATIONS,
      );
    }
  }
  const peak = [...offered.values()].reduce((most, v) => Math.max(most, v), -Infinity);
  const chart = loadChart(tables.series, { design: "as-built", lang: "en" });
  assert.ok(chart.caption.includes(`${formatSignificant(peak, "en")} requests/s`), chart.caption);
  const ratio = (peak / fixtures.CAPACITY).toFixed(1);
  assert.ok(chart.caption.includes(`${ratio}× capacity`), chart.caption);
  assert.ok(chart.caption.includes(`${formatPercent(retry / (first + retry), "en")} of attempts`));
  const italian = loadChart(tables.series, { design: "as-built" });
  assert.ok(italian.caption.includes(`${formatSignificant(peak, "it")} richieste/s`));
  assert.ok(italian.caption.includes(`${ratio.replace(".", ",")}× la capacità`));
});

Deno.test("the queue chart shades the downtime and states its length", () => {
  const chart = queueChart(tables.series, { design: "as-built", lang: "en" });
  const minutes = (fixtures.DOWN_TO - fixtures.DOWN_FROM) * fixtures.BIN_WIDTH / 60;
  assert.match(chart.title, new RegExp(`app tier was down for ${minutes} min`));
  const shapes = chart.plotly.layout.shapes as { x0: number; x1: number }[];
  assert.equal(shapes.length, 1);
  assert.deepEqual([shapes[0].x0, shapes[0].x1], [fixtures.DOWN_FROM, fixtures.DOWN_TO]);
  assert.equal((chart.vegaLite.vconcat as unknown[]).length, 2, "queues and busy servers");
  const noDowntime = queueChart(tables.series, { design: "waiting-room", lang: "en" });
  assert.doesNotMatch(noDowntime.caption, /down for/);
  assert.equal((noDowntime.vegaLite.vconcat as unknown[]).length, 3, "plus the waiting room");
});

Deno.test("the budget chart marks when the budget ran out", () => {
  const at = fixtures.BUDGET_EXHAUSTED_BIN * fixtures.BIN_WIDTH;
  const fromSeries = budgetChart(tables.series, { design: "as-built", lang: "en" });
  assert.match(fromSeries.title, new RegExp(`ran out after ${at / 60} min`));
  const fromSummaries = budgetChart(tables.series, {
    design: "as-built",
    lang: "en",
    summaries: tables.summaries,
  });
  assert.equal((fromSummaries.plotly.layout.shapes as { x0: number }[])[0].x0, at / 60);
  const notExhausted = budgetChart(
    tables.series.map((row) =>
      row.metric === "budget_remaining_euro" ? { ...row, value: fixtures.BUDGET / 2 } : row
    ),
    { design: "as-built", lang: "en" },
  );
  assert.match(notExhausted.title, /not exhausted: 100% left/);
});

Deno.test("the outcome chart compares the first and last arrival deciles", () => {
  const rows = tables.outcomes.filter((row) =>
    row.design === "as-built" && row.group_by === "arrival_decile"
  );
  const share = (group: string) => {
    const inGroup = rows.filter((row) => row.group === group);
    const funded = inGroup.filter((row) => row.outcome === "funded");
    const sum = (list: typeof rows) => list.reduce((total, row) => total + row.count, 0);
    return sum(funded) / sum(inGroup);
  };
  const chart = outcomeChart(tables.outcomes, { design: "as-built", lang: "en" });
  assert.ok(chart.caption.includes(`${formatPercent(share("1"), "en")} of group 1`));
  assert.ok(chart.caption.includes(`${formatPercent(share("10"), "en")} of group 10`));
  const groups = (chart.plotly.layout.xaxis as { categoryarray: string[] }).categoryarray;
  assert.deepEqual(groups, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
});

Deno.test("the design charts name the best design and the significant differences", () => {
  const designs = designComparisonChart(tables.estimates, { metric: "goodput_share", lang: "en" });
  assert.match(designs.caption, /highest with “waiting-room”, 81% \(CI 95%: 77% – 85%\)/);
  const differences = differenceChart(tables.differences, { metric: "funded_share", lang: "en" });
  assert.match(differences.caption, /1 of 2 designs differ significantly/);
});

Deno.test("several metrics are compared in one chart, one panel each", () => {
  const metrics = ["goodput_share", "funded_share"];
  const designs = designComparisonChart(tables.estimates, { metrics, lang: "en" });
  assert.equal(designs.title, "Designs compared on 2 metrics");
  assert.equal((designs.vegaLite.vconcat as unknown[]).length, 2);
  assert.ok(designs.plotly.layout.xaxis2, "a second value axis");
  assert.match(designs.caption, /Share funded: highest with “waiting-room”, 55%/);
  const differences = differenceChart(tables.differences, { metrics, lang: "en" });
  assert.equal((differences.vegaLite.vconcat as unknown[]).length, 2);
  assert.match(differences.caption, /Share funded: .*1 of 2 designs differ significantly/);
  assert.throws(
    () => designComparisonChart(tables.estimates, { metrics: ["goodput_share", "nope"] }),
    /metrics: "nope" is not in the estimates table/,
  );
  // the error says what each available metric means, with its unit
  assert.throws(
    () => designComparisonChart(tables.estimates, { metric: "funded" }),
    /goodput_share — Share of attempts served within the timeout\n/,
  );
});

Deno.test("the sweep heatmap marks the documented 8,000–12,000 requests/s band", () => {
  const chart = sweepHeatmap(fixtures.sweepCells(), {
    metric: "goodput_share",
    xLabel: "Peak",
    xUnit: "requests/s",
    yLabel: "Servers",
    yUnit: "servers",
    band: DOCUMENTED_PEAK_BAND,
    lang: "en",
  });
  assert.match(chart.caption, /8,000–12,000 requests\/s/);
  const inside = fixtures.sweepCells().filter((cell) => cell.x >= 8000 && cell.x <= 12000);
  const low = inside.reduce((least, cell) => Math.min(least, cell.value), Infinity);
  assert.ok(chart.caption.includes(`ranges from ${formatPercent(low, "en")}`), chart.caption);
  const shape = (chart.plotly.layout.shapes as { x0: number; x1: number }[])[0];
  assert.deepEqual([shape.x0, shape.x1], [8000, 12000]);
});

Deno.test("sweep cells can be read from design names", () => {
  assert.deepEqual(parseDesignParameters("servers=20,peak_rate=8000"), {
    servers: 20,
    peak_rate: 8000,
  });
  const estimates: EstimateRow[] = [
    {
      scenario: "s",
      design: "servers=10;peak=4000",
      metric: "goodput_share",
      n: 5,
      mean: 0.7,
      ci_low: 0.6,
      ci_high: 0.8,
      confidence: 0.95,
    },
    {
      scenario: "s",
      design: "as-built",
      metric: "goodput_share",
      n: 5,
      mean: 0.5,
      ci_low: 0.4,
      ci_high: 0.6,
      confidence: 0.95,
    },
  ];
  assert.deepEqual(
    sweepCellsFromEstimates(estimates, { metric: "goodput_share", x: "peak", y: "servers" }),
    [{ x: 4000, y: 10, value: 0.7 }],
  );
});

Deno.test("the validation chart counts passing checks and names failures", () => {
  const chart = validationChart(fixtures.validationRows(), { lang: "en" });
  assert.equal(chart.title, "Validation: 2 of 3 checks pass");
  assert.match(chart.caption, /largest deviation is \+30\.0% \(Erlang B/);
  assert.match(chart.caption, /Failed: Erlang B\./);
});

Deno.test("bad input gets a clear error naming the field", () => {
  assert.throws(() => loadChart(tables.series), /design: the series table holds 3 designs/);
  assert.throws(
    () => loadChart(tables.series, { design: "nope" }),
    /design: "nope" is not in the series table/,
  );
  assert.throws(
    () => loadChart(tables.series, { design: "as-built", lang: "de" as Lang }),
    /lang: "de"/,
  );
  assert.throws(() => loadChart([], {}), /no rows to chart/);
  assert.throws(
    () => outcomeChart(tables.outcomes, { design: "as-built", groupBy: "region" }),
    /groupBy: no outcome rows grouped by "region"/,
  );
  assert.throws(() => designComparisonChart(tables.estimates), /metric: .* pass \{ metric \}/);
  assert.throws(() => validationChart([]), /rows: no validation rows/);
  assert.throws(
    () =>
      sweepHeatmap(fixtures.sweepCells(), {
        metric: "goodput_share",
        xLabel: "x",
        xUnit: "u",
        yLabel: "y",
        yUnit: "u",
        band: { axis: "x", from: 5, to: 1 },
      }),
    /band: from \(5\) must be below to \(1\)/,
  );
});

Deno.test("one replication can be charted instead of the mean", () => {
  const mean = latencyChart(tables.series, { design: "as-built", lang: "en" });
  const last = latencyChart(tables.series, {
    design: "as-built",
    replication: fixtures.REPLICATIONS - 1,
    lang: "en",
  });
  const p99 = (chart: Chart) => chart.plotly.data[2].y as number[];
  const lastRun = tables.series.filter((row) =>
    row.design === "as-built" && row.replication === fixtures.REPLICATIONS - 1 &&
    row.metric === "latency_p99_s"
  ).map((row) => row.value);
  assert.deepEqual(p99(last), lastRun);
  assert.notDeepEqual(p99(mean), lastRun);
  assert.throws(
    () => latencyChart(tables.series, { design: "as-built", replication: 99 }),
    /replication: 99/,
  );
});

Deno.test("standardCharts builds every chart the tables support", () => {
  const charts = standardCharts(tables, { design: "as-built", lang: "en" });
  assert.deepEqual(Object.keys(charts).sort(), [
    "budget",
    "designs",
    "differences",
    "latency",
    "load",
    "outcomes_arrival_decile",
    "outcomes_persistence",
    "queues",
  ]);
  assert.equal(charts.designs.title, "Designs compared on 2 metrics");
  const onlySeries = standardCharts(
    { ...tables, outcomes: [], estimates: [], differences: [] },
    { design: "waiting-room" },
  );
  assert.deepEqual(Object.keys(onlySeries).sort(), ["budget", "latency", "load", "queues"]);
});

Deno.test("down intervals cover exactly the bins where the tier was down", () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (downs) => {
      const points = downs.map((down, index) => ({
        start: index * 60,
        width: 60,
        value: down ? 0 : 1,
      }));
      const intervals = downIntervals(points);
      const covered = intervals.reduce((sum, interval) => sum + interval.end - interval.start, 0);
      assert.equal(covered, downs.filter(Boolean).length * 60);
      assert.equal(downtimeSeconds(points), covered);
      for (let index = 1; index < intervals.length; index++) {
        assert.ok(intervals[index].start > intervals[index - 1].end, "separate outages are merged");
      }
    }),
  );
});

Deno.test("without a budget the outcome chart reports who completed the procedure", () => {
  const row = (group: string, outcome: string, count: number) => ({
    scenario: "entitlement",
    design: "as-built",
    replication: 0,
    outcome,
    group_by: "arrival_decile",
    group,
    count,
  });
  const outcomes = [
    row("1", "succeeded", 90),
    row("1", "gave_up", 10),
    row("10", "succeeded", 30),
    row("10", "still_trying", 70),
  ];
  const chart = outcomeChart(outcomes, { lang: "en" });
  assert.match(chart.title, /^Who completed the procedure: 90% in group 1, 30% in group 10/);
  assert.match(chart.caption, /40% of the 200 citizens were excluded by a technical failure/);
});

Deno.test("the outcome chart counts the citizens of one launch: the mean over replications", () => {
  const rows = [0, 1, 2].flatMap((replication) =>
    ["1", "2"].flatMap((group) =>
      [["funded", 60 + replication], ["failed_technical", 40]].map(([outcome, count]) => ({
        scenario: "s",
        design: "base",
        replication,
        outcome: outcome as string,
        group_by: "arrival_decile",
        group,
        count: count as number,
      }))
    )
  );
  // per replication: 2 groups × (61 ± 1 + 40) = 202 citizens on average, not 606
  const chart = outcomeChart(rows, { design: "base", lang: "en" });
  assert.match(chart.caption, /of the 202 citizens/);
  const funded = chart.plotly.data[0] as { customdata: number[] };
  assert.deepEqual(funded.customdata, [61, 61]);
});

Deno.test("the budget chart states the budget at the opening, in what the budget counts", () => {
  const key = { scenario: "s", design: "base", replication: 0 };
  // 1,000 spent in the first minute: the first bin's mean (500 below) is not the budget
  const series = [0, 60, 120].map((bin_start, i) => ({
    ...key,
    metric: "budget_remaining_euro",
    bin_start,
    bin_width: 60,
    value: [38530, 38030, 38030][i],
  }));
  const summaries = [
    { ...key, metric: "budget_total_euro", value: 39030 },
    { ...key, metric: "budget_exhausted_at_s", value: NaN },
  ];
  const chart = budgetChart(series, {
    design: "base",
    lang: "en",
    summaries,
    unit: { it: "quote", en: "quotas" },
  });
  assert.match(chart.caption, /Of the 39,030 quotas available at opening, 38,030 quotas remained/);
  assert.doesNotMatch(chart.caption, /€/);
  const euro = budgetChart(series, { design: "base", lang: "it", summaries });
  assert.match(euro.caption, /39\.030\s€/);
});
