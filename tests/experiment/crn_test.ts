/**
 * Common random numbers: replication r of every design uses the same random streams, so the
 * paired interval of a difference is narrower than the interval that ignores the pairing.
 */
import assert from "node:assert/strict";
import { meanConfidenceInterval, studentTQuantile } from "../../sim/stats/mod.ts";
import { runExperiment } from "../../sim/experiment/mod.ts";
import { toyExperiment } from "./fixtures/helpers.ts";

Deno.test("the paired CI of a design difference is narrower than the unpaired one", async () => {
  const n = 20;
  const { tables } = await runExperiment({
    experiment: toyExperiment({ grid: undefined, replications: n, designs: ["base", "fast"] }),
    workers: 0,
    quiet: true,
  });
  const valuesOf = (design: string) =>
    tables.summaries
      .filter((row) => row.design === design && row.metric === "mean_wait_seconds")
      .map((row) => row.value);
  const base = meanConfidenceInterval(valuesOf("base"));
  const fast = meanConfidenceInterval(valuesOf("fast"));
  // Unpaired (independent samples) interval of the difference: Welch's standard error.
  const unpairedError = Math.sqrt(
    base.standardDeviation ** 2 / n + fast.standardDeviation ** 2 / n,
  );
  const unpairedHalfWidth = studentTQuantile(0.975, n - 1) * unpairedError;
  const paired = tables.differences.find((row) =>
    row.design === "fast" && row.metric === "mean_wait_seconds"
  )!;
  assert.equal(paired.baseline, "base");
  assert.equal(paired.n, n);
  const pairedHalfWidth = (paired.ci_high - paired.ci_low) / 2;
  assert.ok(
    pairedHalfWidth < unpairedHalfWidth,
    `paired half-width ${pairedHalfWidth} should be below unpaired ${unpairedHalfWidth}`,
  );
  // The paired mean difference is the difference of the means.
  assert.ok(Math.abs(paired.mean - (fast.mean - base.mean)) <= 1e-12 * Math.abs(base.mean));
  // A faster server cannot lengthen the wait of the same customers: every pair improves.
  const fastValues = valuesOf("fast");
  valuesOf("base").forEach((value, r) => assert.ok(fastValues[r] <= value));
});
