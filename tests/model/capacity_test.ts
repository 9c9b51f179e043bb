/**
 * The service's capacity (`capacity_per_s`) is counted in attempts, like the offered load it is
 * compared with: a tier's requests per second ÷ its visits per attempt in the journey's mix.
 */
import assert from "node:assert/strict";
import { journeyVisits } from "../../sim/model/tier/visits.ts";
import { run, singleTier } from "./scenario_builder.ts";

const TIERS = ["web", "backend"];
const indexOf = (name: string) => TIERS.indexOf(name);

Deno.test("visits per attempt: routes count their tiers, routing solves the traffic equations", () => {
  const fixed = journeyVisits([{ route: ["web"] }, { route: ["web", "backend"] }], indexOf, 2);
  assert.deepEqual([...fixed], [1, 0.5]);
  // web → backend with 0.5, backend → web with 0.2: v_web = 1 + 0.2 v_backend, v_backend = 0.5 v_web
  const routed = journeyVisits(
    [{ routing: { entry: "web", next: { web: { backend: 0.5 }, backend: { web: 0.2 } } } }],
    indexOf,
    2,
  );
  assert.ok(Math.abs(routed[0] - 1 / 0.9) < 1e-9, `${routed[0]}`);
  assert.ok(Math.abs(routed[1] - 0.5 / 0.9) < 1e-9, `${routed[1]}`);
});

Deno.test("capacity counts attempts: a back end half the operations visit allows twice its rate", () => {
  // web: 100 servers × 100/s; backend: 2 servers × 1/s, visited by one operation in two.
  const result = run(singleTier({
    horizon_seconds: 2000,
    bin_width_seconds: 100,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 5 },
      journey: [
        { name: "op", route: ["web"] },
        { name: "submit", route: ["web", "backend"] },
      ],
    },
    service: {
      tiers: [
        {
          name: "app",
          servers: 1,
          service_time: { kind: "exponential", mean_seconds: 1 },
        },
        { name: "web", servers: 100, service_time: { kind: "deterministic", mean_seconds: 0.01 } },
        { name: "backend", servers: 2, service_time: { kind: "exponential", mean_seconds: 1 } },
      ],
    },
  }));
  for (const row of result.series("capacity_per_s")) assert.equal(row.value, 4);
  // journeys completed × 2 operations each cannot exceed it (the back end serves 2 submits/s)
  const journeysPerSecond = result.summary("citizens_succeeded") / 2000;
  assert.ok(journeysPerSecond * 2 <= 4 * 1.05, `${journeysPerSecond} journeys/s`);
  assert.ok(journeysPerSecond * 2 > 4 * 0.9, `the back end is saturated: ${journeysPerSecond}`);
});
