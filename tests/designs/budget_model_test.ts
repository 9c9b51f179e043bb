/**
 * The bonus budget and its allocation rules inside the click-day model, from scenario files:
 * completing the journey submits an application; FCFS funds on submission, a lottery or a
 * ranking at the close of registration; the tables show funded / denied_budget /
 * denied_closed / failed_technical citizens, fairness across groups and the remaining budget.
 */
import assert from "node:assert/strict";
import { runReplication } from "../../sim/model/mod.ts";
import type { OutcomeRow } from "../../sim/table/mod.ts";
import { run, singleTier } from "../model/scenario_builder.ts";

function outcomeCount(
  rows: OutcomeRow[],
  outcome: string,
  groupBy: string,
  group?: string,
): number {
  return rows.filter((row) =>
    row.outcome === outcome && row.group_by === groupBy &&
    (group === undefined || row.group === group)
  ).reduce((sum, row) => sum + row.count, 0);
}

/** One citizen per second, deterministic 1 s service on ample servers: nobody waits. */
const calm = (budget: Record<string, unknown>) =>
  singleTier({
    horizon_seconds: 600,
    demand: { arrivals: { kind: "constant", rate_per_second: 1 } },
    service: {
      tiers: [{
        name: "app",
        servers: 20,
        service_time: { kind: "deterministic", mean_seconds: 1 },
      }],
    },
    budget,
  });

Deno.test("FCFS without overload funds exactly the earliest arrivals", () => {
  const scenario = calm({ total_euro: 1000, grant: { kind: "fixed", euro: 10 } });
  const { summaries, outcomes, series } = runReplication(scenario, "base", 0);
  const summary = (metric: string) => summaries.find((row) => row.metric === metric)!.value;
  assert.equal(summary("funded"), 100);
  const citizens = summary("citizens");
  assert.equal(
    summary("funded") + summary("denied_budget") + summary("failed_technical"),
    citizens,
  );
  const decileSize = (decile: number) =>
    ["funded", "denied_budget", "failed_technical"].reduce(
      (sum, outcome) => sum + outcomeCount(outcomes, outcome, "arrival_decile", String(decile)),
      0,
    );
  // completions follow arrivals, so the first 100 arrivals are funded and nobody after them
  let before = 0;
  for (let decile = 1; decile <= 10; decile++) {
    const size = decileSize(decile);
    const funded = outcomeCount(outcomes, "funded", "arrival_decile", String(decile));
    assert.equal(funded, Math.max(0, Math.min(size, 100 - before)), `decile ${decile}`);
    before += size;
  }
  const exhausted = summary("budget_exhausted_at_s");
  assert.ok(
    exhausted > 90 && exhausted < 130,
    `the 100th citizen is done near 100 s: ${exhausted}`,
  );
  const remaining = series.filter((row) => row.metric === "budget_remaining_euro");
  assert.equal(remaining[0].value > 0, true);
  assert.equal(remaining[remaining.length - 1].value, 0);
  assert.ok(summary("fairness_jain") < 0.5, "funding is concentrated in the first deciles");
  assert.equal(summary("fairness_jain_persistence"), 1, "one persistence class");
});

Deno.test("a lottery funds floor(budget ÷ grant) applicants at the close", () => {
  const scenario = calm({
    total_euro: 1000,
    grant: { kind: "fixed", euro: 7 },
    allocation: { rule: "lottery", registration_close_seconds: 500 },
  });
  const result = run(scenario);
  assert.equal(result.summary("funded"), Math.floor(1000 / 7));
  const exhausted = result.summary("budget_exhausted_at_s");
  assert.equal(exhausted, 500, "decided (and exhausted) at the close");
  const remaining = result.series("budget_remaining_euro");
  assert.equal(remaining.find((row) => row.bin_start === 490)!.value, 1000);
  assert.equal(remaining[remaining.length - 1].value, 1000 - 7 * Math.floor(1000 / 7));
  // submitted after the close: denied; the lottery spreads funding over the first 500 s
  assert.ok(result.summary("fairness_jain") > 0.5);
});

Deno.test("before the allocation opens an application is refused, and spends nothing", () => {
  // money for 100 grants; one applicant a second; the allocation opens at 200 s
  const scenario = calm({
    total_euro: 700,
    grant: { kind: "fixed", euro: 7 },
    allocation: { rule: "fcfs", opens_seconds: 200 },
  });
  const result = run(scenario);
  const early = result.summary("denied_closed");
  assert.ok(early > 170 && early < 230, `${early} applied before 200 s (one a second)`);
  assert.equal(result.summary("funded"), 100, "the whole budget is left for those after it");
  const exhausted = result.summary("budget_exhausted_at_s");
  assert.ok(exhausted > 280 && exhausted < 320, `exhausted at ${exhausted} s, ~100 s after 200`);
  const remaining = result.series("budget_remaining_euro");
  assert.equal(remaining.find((row) => row.bin_start === 190)!.value, 700);
  // the same for a lottery: only applications between the opening and the close are drawn
  const lottery = run(calm({
    total_euro: 1e6,
    grant: { kind: "fixed", euro: 7 },
    allocation: { rule: "lottery", opens_seconds: 200, registration_close_seconds: 300 },
  }));
  const drawn = lottery.summary("funded");
  assert.ok(drawn > 70 && drawn < 130, `${drawn} funded: those who applied in 200–300 s`);
  assert.equal(
    drawn + lottery.summary("denied_closed"),
    lottery.summary("citizens_succeeded"),
    "everyone else applied outside the window",
  );
  assert.throws(
    () =>
      calm({
        total_euro: 10,
        grant: { kind: "fixed", euro: 7 },
        allocation: { rule: "lottery", opens_seconds: 300, registration_close_seconds: 300 },
      }),
    /opens_seconds[^]*is not before registration_close_seconds \(300\)/,
  );
});

Deno.test("applying after a lottery's close is too late, not a budget denial", () => {
  // money for everyone: whoever is not funded applied after the close at 300 s
  const scenario = calm({
    total_euro: 1e6,
    grant: { kind: "fixed", euro: 7 },
    allocation: { rule: "lottery", registration_close_seconds: 300 },
  });
  const result = run(scenario);
  const late = result.summary("denied_closed");
  assert.equal(result.summary("denied_budget"), 0, "money was left");
  assert.ok(late > 250 && late < 310, `${late} applied after the close (one a second)`);
  const funded = result.summary("funded");
  assert.ok(funded > 200 && funded <= 320, `${funded} funded (applied in the first 300 s)`);
  assert.equal(funded + late, result.summary("citizens_succeeded"), "every applicant decided");
  const outcomes = ["funded", "denied_budget", "denied_closed", "failed_technical"];
  assert.equal(
    outcomes.reduce((sum, metric) => sum + result.summary(metric), 0),
    result.summary("citizens"),
  );
  const { outcomes: rows } = runReplication(scenario, "base", 0);
  assert.equal(outcomeCount(rows, "denied_closed", "persistence"), late);
});

Deno.test("ranking funds the same number; without a budget section the old outcomes remain", () => {
  const ranking = run(calm({
    total_euro: 1000,
    grant: { kind: "fixed", euro: 7 },
    allocation: { rule: "ranking", registration_close_seconds: 500 },
  }));
  assert.equal(ranking.summary("funded"), Math.floor(1000 / 7));
  const plain = runReplication(singleTier({ horizon_seconds: 100 }), "base", 0);
  assert.deepEqual(
    [...new Set(plain.outcomes.map((row) => row.outcome))].sort(),
    ["gave_up", "still_trying", "succeeded"],
  );
  assert.ok(!plain.summaries.some((row) => row.metric === "funded"));
});

Deno.test("technical failures: citizens who give up before completing are failed_technical", () => {
  const scenario = singleTier({
    horizon_seconds: 600,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 5 },
      client: { timeout_seconds: 5, give_up_probability: 1 },
    },
    service: { tiers: [{ name: "app", servers: 2 }] },
    budget: { total_euro: 1e6, grant: { kind: "fixed", euro: 100 } },
  });
  const result = run(scenario);
  const failed = result.summary("failed_technical");
  assert.ok(failed > 0.4 * result.summary("citizens"), `${failed} excluded`);
  assert.equal(result.summary("denied_budget"), 0, "the budget never ran out");
  assert.ok(Number.isNaN(result.summary("budget_exhausted_at_s")));
  assert.equal(
    result.summary("technical_failure_share"),
    failed / result.summary("citizens"),
  );
});
