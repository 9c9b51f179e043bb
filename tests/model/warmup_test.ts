/**
 * The warm-up: every summary covers requests sent after it and citizens who arrived after it
 * (sim/model/README.md). A backlog built up during the warm-up and served after it must not
 * count as successes of attempts that were never counted, and the outcomes table must count
 * the citizens the summaries count.
 */
import assert from "node:assert/strict";
import { loadScenario, parseScenario, runReplication } from "../../sim/model/mod.ts";

/** A burst during the warm-up, a trickle after it: the backlog drains after the warm-up. */
const drainingBacklog = parseScenario({
  name: "draining-backlog",
  seed: 1,
  horizon_seconds: 3000,
  warmup_seconds: 1000,
  bin_width_seconds: 100,
  demand: {
    arrivals: {
      kind: "piecewise",
      steps: [
        { from_seconds: 0, rate_per_second: 2 },
        { from_seconds: 1000, rate_per_second: 0.01 },
      ],
    },
    journey: [{ name: "request", route: ["server"] }],
    client: { timeout_seconds: 2000 },
  },
  service: {
    tiers: [{ name: "server", servers: 1, service_time: { kind: "exponential", mean_seconds: 1 } }],
  },
});

function summaries(tables: { summaries: { metric: string; value: number }[] }) {
  return Object.fromEntries(tables.summaries.map((row) => [row.metric, row.value]));
}

Deno.test("successes and timeouts after the warm-up are those of attempts sent after it", () => {
  const tables = runReplication(drainingBacklog, "base", 0);
  const at = summaries(tables);
  assert.ok(at.successes <= at.attempts, `${at.successes} successes of ${at.attempts} attempts`);
  assert.ok(at.goodput_share <= 1, `goodput share ${at.goodput_share}`);
  assert.ok(at.retry_amplification >= 1, `retry amplification ${at.retry_amplification}`);
  // the backlog of the burst is still served after the warm-up: the series shows it
  const served = tables.series.filter((row) =>
    row.metric === "goodput_per_s" && row.bin_start >= 1000
  )
    .reduce((sum, row) => sum + row.value * row.bin_width, 0);
  assert.ok(served > 10 * at.successes, `${served} served after the warm-up in the series`);
});

Deno.test("the outcomes table counts the citizens the summaries count", () => {
  for (
    const [scenario, design] of [
      [drainingBacklog, "base"],
      [loadScenario("data/scenarios/mmc.json"), "six-servers"],
    ] as const
  ) {
    const tables = runReplication(scenario, design, 0);
    const at = summaries(tables);
    for (const groupBy of ["arrival_decile", "persistence"]) {
      const rows = tables.outcomes.filter((row) => row.group_by === groupBy);
      const count = (outcome?: string) =>
        rows.filter((row) => outcome === undefined || row.outcome === outcome)
          .reduce((sum, row) => sum + row.count, 0);
      assert.equal(count(), at.citizens, `${scenario.name} ${groupBy}: all citizens`);
      assert.equal(count("succeeded"), at.citizens_succeeded, `${scenario.name} ${groupBy}`);
    }
  }
});
