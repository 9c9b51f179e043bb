/**
 * Every design of the stylised overload scenario (`fixtures/click_day_overload.json`, one
 * mechanism per design) runs through the model: outcomes add up to the citizens, the budget
 * pays at most floor(budget ÷ grant) grants, and every metric name is in the catalogue.
 */
import assert from "node:assert/strict";
import { runReplication } from "../../sim/model/mod.ts";
import { designNames, loadScenario } from "../../sim/model/mod.ts";
import { metricInfo } from "../../sim/table/mod.ts";

const scenario = loadScenario(
  new URL("./fixtures/click_day_overload.json", import.meta.url).pathname,
);

for (const design of designNames(scenario)) {
  Deno.test(`click-day overload, design ${design}: outcomes add up and metrics are catalogued`, () => {
    const { summaries, series, outcomes } = runReplication(scenario, design, 0);
    const summary = (metric: string) => summaries.find((row) => row.metric === metric)!.value;
    const citizens = summary("citizens");
    assert.equal(
      summary("funded") + summary("denied_budget") + summary("denied_closed") +
        summary("failed_technical"),
      citizens,
    );
    assert.ok(summary("funded") <= Math.floor(1_000_000 / 200));
    for (const groupBy of ["arrival_decile", "persistence"]) {
      const total = outcomes.filter((row) => row.group_by === groupBy)
        .reduce((sum, row) => sum + row.count, 0);
      assert.equal(total, citizens, groupBy);
    }
    const names = new Set([...summaries, ...series].map((row) => row.metric));
    for (const name of names) assert.ok(metricInfo(name), `${name} is not in the catalogue`);
  });
}
