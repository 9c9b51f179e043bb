/**
 * The single-tier fluid model over time: a surge's verdict (healthy, recovers, stays
 * degraded) as the surge grows; the separatrix passes through the saddle and splits the
 * plane (a start just on either side ends in a different state); the metastability map
 * evaluates every grid point and names unknown parameters.
 */
import assert from "node:assert/strict";
import { findEquilibria } from "../../sim/fluid/equilibria.ts";
import { integratePath } from "../../sim/fluid/integration.ts";
import { metastabilityMap, singleTierSurgeEvaluator } from "../../sim/fluid/metastability_map.ts";
import { phasePortraitRows, separatrix } from "../../sim/fluid/phase_portrait.ts";
import {
  singleTierDerivative,
  singleTierModel,
  type SingleTierParameters,
} from "../../sim/fluid/single_tier.ts";
import { surgeVerdict } from "../../sim/fluid/surge_verdict.ts";

const TIER: SingleTierParameters = {
  arrivalRate: 8,
  serviceRate: 10,
  servers: 1,
  queueCapacity: 100,
  timeout: 3,
  retryDelay: 0.5,
  maxAttempts: 4,
};

Deno.test("surge verdicts: a small surge is absorbed, a long large one locks the tier", () => {
  const small = surgeVerdict(TIER, { surge: { start: 0, duration: 1, multiplier: 1.1 } });
  assert.equal(small.verdict, "healthy");
  const large = surgeVerdict(TIER, { surge: { start: 0, duration: 60, multiplier: 2 } });
  assert.equal(large.verdict, "stays-degraded");
  assert.equal(large.reason, "degraded-equilibrium");
  // LIFO has no degraded state: the same surge is followed by recovery.
  const lifo = surgeVerdict({ ...TIER, discipline: "lifo" }, {
    surge: { start: 0, duration: 60, multiplier: 2 },
  });
  assert.notEqual(lifo.verdict, "stays-degraded");
  // Overload at the base rate: no healthy state at all.
  const over = surgeVerdict({ ...TIER, arrivalRate: 11 }, {
    surge: { start: 0, duration: 1, multiplier: 1.1 },
  });
  assert.equal(over.reason, "no-healthy-state");
});

Deno.test("the separatrix goes through the saddle and divides the two basins", () => {
  const model = singleTierModel(TIER);
  const saddle = findEquilibria(model).find((e) => e.kind === "saddle")!;
  const branches = separatrix(model, saddle, { queueMax: 100, orbitMax: 120 });
  assert.equal(branches.length, 2);
  const derivative = singleTierDerivative(model);
  for (const points of branches) {
    assert.deepEqual(points[0].slice(0, 2), [saddle.queue, saddle.orbit]);
    const [q, o] = points[Math.floor(points.length / 2)];
    const ends = [-0.02, 0.02].map((shift) =>
      integratePath({ derivative, start: [q * (1 + shift), o], from: 0, to: 2000 })
    );
    assert.ok(ends[0].queue < 5 && ends[1].queue > 95, `${ends.map((e) => e.queue)}`);
  }
  const rows = phasePortraitRows(model, { gridQueue: 5, gridOrbit: 4 });
  assert.equal(rows.filter((r) => r.element === "drift").length, 20);
  assert.equal(rows.filter((r) => r.element === "equilibrium").length, 3);
  assert.ok(rows.some((r) => r.element === "separatrix"));
});

Deno.test("the metastability map evaluates the grid, x fastest, and names bad parameters", () => {
  const evaluate = singleTierSurgeEvaluator(TIER, { start: 0, duration: 30, multiplier: 2 });
  const rows = metastabilityMap({
    evaluate,
    x: { name: "servers", values: [1, 2] },
    y: { name: "maxAttempts", values: [1, 4] },
  });
  assert.deepEqual(rows.map((r) => [r.x, r.y]), [[1, 1], [2, 1], [1, 4], [2, 4]]);
  assert.equal(rows[2].verdict, "stays-degraded"); // one server, four attempts: the storm stays
  assert.notEqual(rows[1].verdict, "stays-degraded"); // two servers, one attempt
  assert.throws(() => evaluate({ colour: 1 }), /colour: not a single-tier map parameter/);
  assert.throws(
    () =>
      metastabilityMap({ evaluate, x: { name: "a", values: [] }, y: { name: "b", values: [1] } }),
    /x.values/,
  );
});
