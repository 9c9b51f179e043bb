/**
 * Who gets the bonus under overload, in the click-day model itself (the stand-in version is
 * `overload_fairness_test.ts`): 1,200 citizens arrive in 30 s at a service that completes
 * 10 applications/s and queues 20; a rejected citizen retries after 0–4 s ("persistent") or
 * 0–60 s ("casual"). First come first served then funds citizens in an order that is not
 * their arrival order and favours the persistent; a lottery over a registration window does
 * not depend on persistence.
 */
import assert from "node:assert/strict";
import { runReplication } from "../../sim/model/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";
import type { OutcomeRow } from "../../sim/table/mod.ts";
import { singleTier } from "../model/scenario_builder.ts";

const REPLICATIONS = 8;

const clickDay = () =>
  singleTier({
    horizon_seconds: 1800,
    bin_width_seconds: 60,
    demand: {
      arrivals: {
        kind: "piecewise",
        steps: [{ from_seconds: 0, rate_per_second: 40 }, { from_seconds: 30, rate_per_second: 0 }],
      },
      client: {
        retry: { kind: "fixed", delay_seconds: 4, jitter: "full", max_attempts: 10000 },
      },
      persistence: [
        { name: "persistent", share: 0.5 },
        {
          name: "casual",
          share: 0.5,
          client: { retry: { kind: "fixed", delay_seconds: 60, jitter: "full" } },
        },
      ],
    },
    service: {
      tiers: [{
        name: "app",
        servers: 1,
        service_time: { kind: "exponential", mean_seconds: 0.1 },
        queue: { capacity: 20 },
      }],
    },
    budget: { total_euro: 30000, grant: { kind: "fixed", euro: 100 } },
    designs: {
      lottery: {
        budget: { allocation: { rule: "lottery", registration_close_seconds: 1500 } },
      },
    },
  });

function fundedShare(rows: OutcomeRow[], groupBy: string, group: string): number {
  const inGroup = rows.filter((row) => row.group_by === groupBy && row.group === group);
  const total = inGroup.reduce((sum, row) => sum + row.count, 0);
  const funded = inGroup.filter((row) => row.outcome === "funded")
    .reduce((sum, row) => sum + row.count, 0);
  return funded / total;
}

Deno.test("model: under overload FCFS departs from arrival order and favours persistence; a lottery does not", () => {
  const scenario = clickDay();
  const gaps: Record<string, number[]> = { base: [], lottery: [] };
  const lateFunded: number[] = [];
  for (let replication = 0; replication < REPLICATIONS; replication++) {
    for (const design of ["base", "lottery"]) {
      const { outcomes, summaries } = runReplication(scenario, design, replication);
      const funded = summaries.find((row) => row.metric === "funded")!.value;
      assert.equal(funded, 300, `${design}: the budget pays 300 grants`);
      gaps[design].push(
        fundedShare(outcomes, "persistence", "persistent") -
          fundedShare(outcomes, "persistence", "casual"),
      );
      if (design === "base") {
        // in arrival order only the first 300 of 1,200 (deciles 1–3) would be funded
        let late = 0;
        for (let decile = 4; decile <= 10; decile++) {
          late += fundedShare(outcomes, "arrival_decile", String(decile));
        }
        lateFunded.push(late / 7);
      }
    }
  }
  const fcfs = meanConfidenceInterval(gaps.base, 0.99);
  const lottery = meanConfidenceInterval(gaps.lottery, 0.99);
  const late = meanConfidenceInterval(lateFunded, 0.99);
  assert.ok(late.low > 0, `FCFS funds later arrivals too: ${late.low}…${late.high}`);
  assert.ok(fcfs.low > 0, `FCFS must favour the persistent: gap ${fcfs.low}…${fcfs.high}`);
  assert.ok(
    lottery.low <= 0 && lottery.high >= 0,
    `a lottery must not depend on persistence: gap ${lottery.low}…${lottery.high}`,
  );
  assert.ok(fcfs.low > lottery.high, "FCFS favours persistence more than the lottery");
});
