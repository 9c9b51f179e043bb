/**
 * The parallel tornado (`sim/calibration/sensitivity_workers.ts`): the rows are bit-for-bit
 * the same on 1 and 2 workers and the same as one `tornado()` call; chunks whose baselines
 * differ are rejected; and the report's horizon cut (runs stop after the window the metric
 * reads) leaves the cashback metric unchanged. Small cases (decreto flussi at k = 0.02,
 * cashback at k = 0.001) keep this under ~15 s.
 */
import assert from "node:assert/strict";
import {
  loadIncident,
  mergeTornadoChunks,
  tornado,
  TORNADO_COLUMNS,
  tornadoAssumptions,
  tornadoOnWorkers,
  type TornadoRow,
} from "../../sim/calibration/mod.ts";
import { metricWindowEnd, WINDOW_MARGIN_SECONDS } from "../../sim/report/sensitivity.ts";

const FIELDS = TORNADO_COLUMNS;

/** Same rows, same order, every number identical (Object.is: bit for bit, NaN equal to NaN). */
function assertIdentical(actual: readonly TornadoRow[], expected: readonly TornadoRow[]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, index) => {
    for (const field of FIELDS) {
      assert.ok(
        Object.is(row[field], expected[index][field]),
        `row ${index} ${field}: ${row[field]} vs ${expected[index][field]}`,
      );
    }
  });
}

Deno.test({
  name: "tornado on workers: decreto flussi, 2 assumptions, 1 and 2 workers give identical rows",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const request = {
      incident: "decreto-flussi-2023",
      metric: "quota_exhausted_seconds",
      scale: 0.02,
      replications: 2,
      assumptions: ["platform_capacity", "senders_in_horizon"],
    };
    const progress: number[] = [];
    const [one] = await tornadoOnWorkers([request], { workers: 1, chunkSize: 1 });
    const [two] = await tornadoOnWorkers([request], {
      workers: 2,
      chunkSize: 1,
      onProgress: ({ runsDone, runsTotal }) => {
        progress.push(runsDone);
        assert.equal(runsTotal, 2 * (1 + 2) * 2, "2 chunks × (baseline + 2 ends) × 2 reps");
      },
    });
    const { incident, ...options } = request;
    const direct = tornado(incident, options);
    assert.equal(one.length, 2);
    for (const row of one) {
      assert.ok(Number.isFinite(row.at_low) && Number.isFinite(row.at_high), row.assumption);
    }
    assert.notEqual(one[0].at_low, one[0].at_high, "the test case must move the metric");
    assertIdentical(two, one);
    assertIdentical(one, direct);
    assert.deepEqual(progress, [6, 12]);
  },
});

Deno.test("tornado chunks: different baselines are an error naming both values", () => {
  const row: TornadoRow = {
    incident: "x",
    assumption: "a",
    low_value: 1,
    high_value: 2,
    metric: "m",
    at_low: 1,
    at_high: 3,
    baseline: 2,
  };
  const other = { ...row, assumption: "b", at_high: 2, baseline: 2.5 };
  assert.throws(
    () => mergeTornadoChunks("x", ["a", "b"], [[row], [other]]),
    /x: chunks computed different baselines \(2 and 2\.5\)/,
  );
  // Same baseline: merged in file order, then by swing (a: 2, b: 1).
  const merged = mergeTornadoChunks("x", ["b", "a"], [[{ ...other, baseline: 2 }], [row]]);
  assert.deepEqual(merged.map((entry) => entry.assumption), ["a", "b"]);
  assert.throws(
    () => mergeTornadoChunks("x", ["a", "c"], [[row]]),
    /no tornado row for assumption "c"/,
  );
  assert.throws(
    () => tornadoAssumptions("decreto-flussi-2023", ["moon_phase"]),
    /assumption "moon_phase": not an assumption of decreto-flussi-2023; allowed:/,
  );
  assert.ok(!tornadoAssumptions("cashback-io-2020").includes("horizon_seconds"));
});

Deno.test("the report's horizon cut leaves the cashback tornado metric unchanged", () => {
  const metric = "enrolments_7dec";
  const windowEnd = metricWindowEnd(loadIncident("cashback-io-2020"), metric);
  assert.equal(windowEnd, 86_400, "the measure reads the first day (data/incidents)");
  const options = {
    metric,
    scale: 0.001,
    replications: 1,
    assumptions: ["sia_wallet_capacity_day1"],
  };
  const [whole] = tornado("cashback-io-2020", options);
  const [cut] = tornado("cashback-io-2020", {
    ...options,
    horizonSeconds: windowEnd! + WINDOW_MARGIN_SECONDS,
  });
  assert.ok(whole.baseline > 0 && whole.at_low !== whole.at_high, JSON.stringify(whole));
  assertIdentical([cut], [whole]);
});
