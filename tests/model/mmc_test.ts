import assert from "node:assert/strict";
import { erlangC } from "../../sim/analytic/mod.ts";
import { loadScenario, resolveDesign } from "../../sim/model/mod.ts";
import { runReplication } from "../../sim/model/mod.ts";
import { meanAndHalfWidth } from "./scenario_builder.ts";

Deno.test("data/scenarios/mmc.json: mean wait matches Erlang C within the replications' CI", () => {
  const scenario = loadScenario("data/scenarios/mmc.json");
  for (const design of ["base", "six-servers"]) {
    const resolved = resolveDesign(scenario, design);
    const lambda = (resolved.demand.arrivals as { rate_per_second: number }).rate_per_second;
    const tier = resolved.service.tiers[0];
    const mu = 1 / (tier.service_time as { mean_seconds: number }).mean_seconds;
    const c = tier.servers as number;
    const expected = erlangC(c, lambda / mu) / (c * mu - lambda);
    const waits = Array.from(
      { length: 8 },
      (_, replication) =>
        runReplication(scenario, design, replication).summaries.find((row) =>
          row.metric === "queue_wait_mean_s:server"
        )!.value,
    );
    const { mean, halfWidth } = meanAndHalfWidth(waits);
    assert.ok(
      Math.abs(mean - expected) <= halfWidth,
      `${design}: simulated ${mean} ± ${halfWidth}, Erlang C ${expected}`,
    );
  }
});
