/**
 * A retry budget per citizen (or session) starts with its initial tokens when that citizen
 * begins, whenever that is: no trickle from before it arrived. A budget per gateway shrinks with
 * the gateway's citizens at a reduced scale, so retries per citizen do not change.
 */
import assert from "node:assert/strict";
import { parseScenario, runReplication, scaleScenario } from "../../sim/model/mod.ts";

/**
 * `population` citizens, one every `gapSeconds`, against a tier down the whole run, retrying
 * every second, with the retry budget `budget`.
 */
function alwaysDown(gapSeconds: number, population: number, budget: Record<string, unknown>) {
  return {
    name: "retry-budget-scope",
    seed: 1,
    horizon_seconds: 700,
    bin_width_seconds: 100,
    demand: {
      arrivals: {
        kind: "renewal",
        interarrival: { kind: "deterministic", mean_seconds: gapSeconds },
      },
      journey: [{ name: "op", route: ["srv"] }],
      population,
      client: {
        retry: { kind: "fixed", delay_seconds: 1, max_attempts: 50 },
        retry_budget: budget,
      },
    },
    service: {
      tiers: [{
        name: "srv",
        servers: 10,
        service_time: { kind: "deterministic", mean_seconds: 0.01 },
        maintenance: [{ start_seconds: 0, end_seconds: 1000, drop_queued: true }],
      }],
    },
  };
}

/** The summary metrics of replication 0 of `scenario` (a scenario file's JSON), by name. */
function summaries(scenario: unknown): (name: string) => number {
  const rows = runReplication(parseScenario(scenario), "base", 0).summaries;
  return (name) => rows.find((row) => row.metric === name)!.value;
}

Deno.test("a citizen's retry budget earns its trickle only from its own arrival", () => {
  // 60 citizens, one every 10 s, each starting with no tokens
  const budget = { ratio: 1, max_tokens: 100, initial_tokens: 0, min_retries_per_second: 0.1 };
  const retries = (scope: "citizen" | "session") =>
    summaries(alwaysDown(10, 60, { ...budget, scope }))("retries");
  // each citizen earns 0.1 token/s over its ~49 s of failing: about 4 retries, 240 in all
  const citizen = retries("citizen");
  assert.ok(citizen >= 200 && citizen <= 300, `${citizen} retries`);
  assert.equal(citizen, retries("session"), "one session per citizen: the same budget");
});

/**
 * 600 citizens (one a second) through one gateway whose bucket starts full with 100 tokens (the
 * default max_tokens) and earns none.
 */
const gatewayBudget = alwaysDown(1, 600, { ratio: 1 });

Deno.test("a gateway's retry budget allows as many retries per citizen at any scale", () => {
  /** Retries and citizens of one run at `factor`. */
  const run = (factor: number) => {
    const metric = summaries(scaleScenario(gatewayBudget, { factor }));
    return { retries: metric("retries"), citizens: metric("first_attempts") };
  };
  const full = run(1);
  // Nothing succeeds, so the 100 initial tokens are all the retries there are; retry demand
  // (49 per citizen) far exceeds them at both scales, so the runs are exact.
  assert.equal(full.citizens, 600);
  assert.equal(full.retries, 100);
  for (const factor of [0.1, 0.05]) {
    const scaled = run(factor);
    assert.equal(scaled.citizens, 600 * factor);
    // per citizen: 100 ÷ 600 at full scale; the unscaled cap gave 100 ÷ 60 at 1/10
    const perCitizen = scaled.retries / scaled.citizens;
    assert.ok(
      Math.abs(perCitizen - full.retries / full.citizens) < 1e-9,
      `factor ${factor}: ${scaled.retries} retries for ${scaled.citizens} citizens`,
    );
  }
});
