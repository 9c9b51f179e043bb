/**
 * scaleScenario: capacity scales exactly by the factor, including a tier rounded up to one
 * server and the autoscaler bounds of that tier.
 */
import assert from "node:assert/strict";
import { scaleScenario } from "../../sim/scenario/mod.ts";

const scenario = {
  name: "scale-check",
  seed: 1,
  horizon_seconds: 3600,
  demand: {
    arrivals: { kind: "constant", rate_per_second: 100 },
    journey: [{ name: "add-card", route: ["wallet"] }],
  },
  service: {
    tiers: [{
      name: "wallet",
      servers: 5,
      service_time: { kind: "exponential", mean_seconds: 0.5 },
    }],
  },
  autoscaler: { tier: "wallet", min_servers: 5, max_servers: 1400 },
};

Deno.test("autoscaler bounds follow the tier's rounding, so their capacity scales exactly", () => {
  const factor = 0.01;
  const scaled = scaleScenario(scenario, { factor }) as typeof scenario;
  const tier = scaled.service.tiers[0];
  const mean = tier.service_time.mean_seconds;
  assert.equal(tier.servers, 1, "5 × 0.01 rounds up to one server");
  // capacity of one server, requests/s, at full and at reduced scale
  const capacity = (servers: number, meanSeconds: number) => servers / meanSeconds;
  assert.ok(Math.abs(capacity(tier.servers, mean) - factor * capacity(5, 0.5)) < 1e-9);
  const maxCapacity = capacity(scaled.autoscaler.max_servers, mean);
  const expected = factor * capacity(1400, 0.5);
  assert.ok(
    Math.abs(maxCapacity - expected) / expected < 0.01,
    `autoscaler max capacity ${maxCapacity} requests/s, expected ${expected}`,
  );
  assert.equal(scaled.autoscaler.min_servers, 1);
});
