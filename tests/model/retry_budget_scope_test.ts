/**
 * A retry budget per citizen (or session) starts with its initial tokens when that citizen
 * begins, whenever that is: no trickle from before it arrived.
 */
import assert from "node:assert/strict";
import { parseScenario, runReplication } from "../../sim/model/mod.ts";

/** 60 citizens, one every 10 s, against a tier down the whole run; a budget of `scope`. */
function alwaysDown(scope: "citizen" | "session") {
  return parseScenario({
    name: "retry-budget-scope",
    seed: 1,
    horizon_seconds: 700,
    bin_width_seconds: 100,
    demand: {
      arrivals: { kind: "renewal", interarrival: { kind: "deterministic", mean_seconds: 10 } },
      journey: [{ name: "op", route: ["srv"] }],
      population: 60,
      client: {
        retry: { kind: "fixed", delay_seconds: 1, max_attempts: 50 },
        retry_budget: {
          ratio: 1,
          max_tokens: 100,
          initial_tokens: 0,
          min_retries_per_second: 0.1,
          scope,
        },
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
  });
}

Deno.test("a citizen's retry budget earns its trickle only from its own arrival", () => {
  const retries = (scope: "citizen" | "session") =>
    runReplication(alwaysDown(scope), "base", 0).summaries.find((row) => row.metric === "retries")!
      .value;
  // each citizen earns 0.1 token/s over its ~49 s of failing: about 4 retries, 240 in all
  const citizen = retries("citizen");
  assert.ok(citizen >= 200 && citizen <= 300, `${citizen} retries`);
  assert.equal(citizen, retries("session"), "one session per citizen: the same budget");
});
