/**
 * Mechanism settings stay valid at any scale, and a grant of nothing is refused.
 */
import assert from "node:assert/strict";
import { parseScenario, scaleScenario } from "../../sim/model/mod.ts";

const base = {
  name: "small-burst",
  horizon_seconds: 600,
  demand: {
    arrivals: { kind: "constant", rate_per_second: 5 },
    journey: [{ name: "op", route: ["app"] }],
  },
  service: {
    tiers: [{ name: "app", servers: 10, service_time: { kind: "exponential", mean_seconds: 1 } }],
  },
};

Deno.test("a token bucket's burst scales to whole requests, at least one", () => {
  const scenario = { ...base, admission: { token_bucket: { rate_per_second: 2, burst: 5 } } };
  for (const [factor, burst] of [[0.1, 1], [0.5, 3], [1, 5]] as const) {
    const scaled = parseScenario(scaleScenario(scenario, { factor })) as unknown as {
      admission: { token_bucket: { burst: number } };
    };
    assert.equal(scaled.admission.token_bucket.burst, burst, `k = ${factor}`);
  }
});

Deno.test("a capped-share grant of share 0 is refused, naming the field", () => {
  const scenario = {
    ...base,
    budget: {
      total_euro: 1,
      grant: {
        kind: "capped-share",
        share: 0,
        cap_euro: 150,
        median_spend_euro: 100,
        spend_log_sd: 0.5,
      },
    },
  };
  assert.throws(() => parseScenario(scenario), /budget\.grant\.share: .*is 0: a refund of nothing/);
});
