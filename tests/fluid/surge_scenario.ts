/**
 * A single-tier scenario with a 10-minute surge (120/s → 300/s → 120/s, 20 servers of 10/s,
 * 3,000 places, 10 s timeout, 3 attempts 5 s apart): the scenario-language twin of the
 * single-tier model `{ λ 120, μ 10, c 20, K 3000, τ 10, d 5, N 3 }` with a ×2.5 surge of 600 s,
 * for the map and spot-check tests.
 */
import type { ScenarioFileInput } from "../../sim/model/mod.ts";
import type { SingleTierParameters } from "../../sim/fluid/mod.ts";

/** The scenario file (one design, base). */
export const SURGE_SCENARIO: ScenarioFileInput = {
  name: "fluid-surge-map",
  seed: 11,
  horizon_seconds: 3600,
  bin_width_seconds: 60,
  demand: {
    arrivals: {
      kind: "piecewise",
      steps: [
        { from_seconds: 0, rate_per_second: 120 },
        { from_seconds: 900, rate_per_second: 300 },
        { from_seconds: 1500, rate_per_second: 120 },
      ],
    },
    journey: [{ name: "submit", route: ["app"] }],
    client: { timeout_seconds: 10, retry: { kind: "fixed", max_attempts: 3, delay_seconds: 5 } },
  },
  service: {
    tiers: [{
      name: "app",
      servers: 20,
      service_time: { kind: "exponential", mean_seconds: 0.1 },
      queue: { capacity: 3000 },
    }],
  },
};

/** The same tier for the single-tier analysis. */
export const SURGE_TIER: SingleTierParameters = {
  arrivalRate: 120,
  serviceRate: 10,
  servers: 20,
  queueCapacity: 3000,
  timeout: 10,
  retryDelay: 5,
  maxAttempts: 3,
};

/** Paths of the map axes in the scenario. */
export const SERVERS = "service.tiers.app.servers";
/** Client timeout path. */
export const TIMEOUT = "demand.client.timeout_seconds";
