import assert from "node:assert/strict";
import fc from "fast-check";
import {
  fullScaleMultiplier,
  fullScaleTables,
  metricInfo,
  metricRange,
} from "../../sim/table/mod.ts";

const key = { scenario: "s", design: "base", replication: 0 };
const estimate = (metric: string, mean: number) => ({
  scenario: "s",
  design: "base",
  metric,
  n: 3,
  mean,
  ci_low: mean - 1,
  ci_high: mean + 1,
  confidence: 0.95,
});

Deno.test("rates, counts, levels and money scale back; shares, times and latencies do not", () => {
  assert.equal(fullScaleMultiplier("goodput_per_s", 0.05), 20);
  assert.equal(fullScaleMultiplier("citizens_succeeded", 0.05), 20);
  assert.equal(fullScaleMultiplier("queue_length:wallet", 0.05), 20);
  assert.equal(fullScaleMultiplier("server_hours", 0.05), 20);
  assert.equal(fullScaleMultiplier("wasted_work_seconds", 0.05), 20);
  for (
    const metric of ["utilisation:app", "tier_up:app", "time_to_success_p50_s", "funded_share"]
  ) {
    assert.equal(fullScaleMultiplier(metric, 0.05), 1, metric);
  }
  assert.equal(fullScaleMultiplier("not_a_catalogued_metric", 0.05), 1);
  assert.equal(metricInfo("tier_up:app")?.kind, "ratio");
});

Deno.test("fullScaleTables converts every table by each scenario's own factor", () => {
  const tables = {
    summaries: [
      { ...key, metric: "goodput_per_s", value: 30 },
      { ...key, metric: "goodput_share", value: 0.4 },
      { ...key, scenario: "t", metric: "goodput_per_s", value: 30 },
    ],
    series: [{ ...key, bin_start: 0, bin_width: 60, metric: "capacity_per_s", value: 3 }],
    outcomes: [{ ...key, outcome: "funded", group_by: "arrival_decile", group: "1", count: 7 }],
    estimates: [estimate("citizens", 100), estimate("retry_amplification", 4)],
    differences: [{ ...estimate("funded", -10), baseline: "base" }],
  };
  const before = structuredClone(tables);
  const full = fullScaleTables(tables, (scenario) => (scenario === "s" ? 0.1 : 1));
  assert.deepEqual(tables, before, "the input is not changed");
  assert.deepEqual(full.summaries.map((row) => row.value), [300, 0.4, 30]);
  assert.equal(full.series[0].value, 30);
  assert.equal(full.outcomes[0].count, 70);
  assert.deepEqual(
    [full.estimates[0].mean, full.estimates[0].ci_low, full.estimates[0].ci_high],
    [1000, 990, 1010],
  );
  assert.equal(full.estimates[1].mean, 4);
  assert.equal(full.differences[0].ci_high, -90);
  assert.throws(() => fullScaleTables(tables, () => 0), /scale factor of scenario "s" is 0/);
});

Deno.test("converting at k then comparing with a run at full scale: ratios of rates are unchanged", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-3, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      (factor, offered, capacity) => {
        const full = fullScaleTables({
          summaries: [
            { ...key, metric: "peak_offered_per_s", value: offered },
            { ...key, metric: "peak_goodput_per_s", value: capacity },
          ],
          series: [],
          outcomes: [],
          estimates: [],
          differences: [],
        }, () => factor);
        const ratio = full.summaries[0].value / full.summaries[1].value;
        assert.ok(Math.abs(ratio - offered / capacity) <= 1e-9 * Math.max(1, offered / capacity));
      },
    ),
  );
});

Deno.test("metricRange: shares in [0, 1], other catalogue metrics at least 0", () => {
  assert.deepEqual(metricRange("goodput_share"), [0, 1]);
  assert.deepEqual(metricRange("fairness_gini"), [0, 1]);
  assert.deepEqual(metricRange("utilisation:app"), [0, 1]);
  assert.deepEqual(metricRange("retry_amplification"), [0, Infinity]);
  assert.deepEqual(metricRange("funded"), [0, Infinity]);
  assert.deepEqual(metricRange("not_a_metric"), [-Infinity, Infinity]);
});
