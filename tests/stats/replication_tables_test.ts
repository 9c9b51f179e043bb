import assert from "node:assert/strict";
import { estimateReplications } from "../../sim/stats/mod.ts";
import type { SummaryRow } from "../../sim/table/types.ts";

Deno.test("summary rows become estimates and CRN-paired differences", () => {
  const rows: SummaryRow[] = [];
  const base = [10, 12, 11, 13];
  base.forEach((value, replication) => {
    rows.push({ scenario: "s", design: "as-built", replication, metric: "m", value });
    rows.push({ scenario: "s", design: "queue", replication, metric: "m", value: value - 2 });
    rows.push({ scenario: "s", design: "queue", replication, metric: "other", value: 1 });
  });
  // A replication the baseline lacks is left out of the pairing but kept in the estimate.
  rows.push({ scenario: "s", design: "queue", replication: 9, metric: "m", value: 100 });
  rows.push({ scenario: "s", design: "as-built", replication: 5, metric: "m", value: NaN });
  const { estimates, differences } = estimateReplications(rows, {
    confidence: 0.9,
    baseline: "as-built",
  });
  assert.equal(estimates.length, 3);
  const baseline = estimates.find((e) => e.design === "as-built")!;
  assert.equal(baseline.n, 4);
  assert.equal(baseline.mean, 11.5);
  assert.ok(baseline.ci_low < 11.5 && baseline.ci_high > 11.5);
  assert.equal(estimates.find((e) => e.design === "queue" && e.metric === "m")!.n, 5);
  assert.equal(differences.length, 1);
  const difference = differences[0];
  assert.equal(difference.baseline, "as-built");
  assert.equal(difference.design, "queue");
  assert.equal(difference.n, 4);
  assert.equal(difference.mean, -2);
  assert.equal(difference.ci_low, -2); // zero variance of the paired differences
  assert.equal(difference.confidence, 0.9);
  assert.deepEqual(estimateReplications(rows).differences, []);
  assert.throws(() => estimateReplications([...rows, rows[0]]), /duplicate/);
});
