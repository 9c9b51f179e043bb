/**
 * The default runner (the model with the scenario loader) runs through the experiment
 * layer: scenario files load, grid overrides apply to parsed scenarios, designs pair.
 */
import assert from "node:assert/strict";
import { runExperiment } from "../../sim/experiment/mod.ts";
import { serializedTables } from "./fixtures/helpers.ts";

const MMC = new URL("../../data/scenarios/mmc.json", import.meta.url).pathname;

Deno.test("the model runs as the default runner, identically on 0 and 1 workers", async () => {
  const experiment = {
    name: "mmc-small",
    scenarios: [MMC],
    grid: { horizon_seconds: [1500], warmup_seconds: [100], bin_width_seconds: [500] },
    replications: 3,
  };
  const inline = await runExperiment({ experiment, workers: 0, quiet: true });
  const pooled = await runExperiment({ experiment, workers: 1, quiet: true });
  assert.deepEqual(serializedTables(pooled.tables), serializedTables(inline.tables));
  const designs = new Set(inline.tables.summaries.map((row) => row.design));
  assert.deepEqual([...designs], ["base", "six-servers"]);
  const difference = inline.tables.differences.find((row) => row.metric === "citizens");
  assert.ok(difference, "a paired difference for the six-server design");
  assert.equal(difference.baseline, "base");
  assert.equal(difference.n, 3);
  // CRN: both designs see the same arrivals, so the number of citizens is identical.
  assert.equal(difference.mean, 0);
  assert.equal(
    inline.tables.summaries[0].grid_point,
    '{"horizon_seconds":1500,"warmup_seconds":100,"bin_width_seconds":500}',
  );
});
