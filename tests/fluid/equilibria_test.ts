/**
 * Equilibria of the single-tier fluid model against their closed forms: healthy below
 * capacity, the saddle where f = (1 − ρ)/r, the degraded state on the full-queue wall with
 * o = D·r·λ/(1 − r); bistability exactly when ρ < 1 < ρ·N; LIFO and deadline drop have no
 * degraded state below capacity; bad parameters named.
 */
import assert from "node:assert/strict";
import { findEquilibria, jacobian, orbitNullcline } from "../../sim/fluid/equilibria.ts";
import { fluidTimeoutProbability } from "../../sim/fluid/response_tail.ts";
import {
  singleTierFlows,
  singleTierModel,
  type SingleTierParameters,
} from "../../sim/fluid/single_tier.ts";

const BASE: SingleTierParameters = {
  arrivalRate: 8,
  serviceRate: 10,
  servers: 1,
  queueCapacity: 100,
  timeout: 3,
  retryDelay: 0.5,
  maxAttempts: 4,
};

Deno.test("FIFO with ρ < 1 < ρN: healthy, saddle and degraded equilibria at their closed forms", () => {
  for (const extra of [{}, { servers: 4, serviceRate: 2.5 }, { arrivalRate: 9.2 }]) {
    const model = singleTierModel({ ...BASE, ...extra });
    const lambda = model.arrivalRate;
    const beta = model.capacity;
    const r = model.retryProbability;
    const D = model.orbitDelay;
    const found = findEquilibria(model);
    assert.deepEqual(found.map((e) => e.kind), ["healthy", "saddle", "degraded"]);
    for (const e of found) {
      const flows = singleTierFlows(model, 0, e.queue, e.orbit);
      assert.ok(Math.abs(flows.queueDrift) < 1e-8 * beta, `${e.kind}: dq/dt = ${flows.queueDrift}`);
      assert.ok(Math.abs(flows.orbitDrift) < 1e-8 * beta, `${e.kind}: do/dt = ${flows.orbitDrift}`);
    }
    const [healthy, saddle, degraded] = found;
    // Healthy: below c servers busy, queue ≈ λ/μ (f ≈ 0 there), eigenvalues ≈ −μ and −1/D.
    assert.ok(Math.abs(healthy.queue - lambda / model.service.serviceRate) < 1e-6);
    const rates = healthy.eigenvalues.map((v) => v.re).sort((a, b) => a - b);
    assert.ok(Math.abs(rates[0] + model.service.serviceRate) < 1e-4, `${rates}`);
    assert.ok(Math.abs(rates[1] + 1 / D) < 1e-4, `${rates}`);
    // Saddle: all servers busy (A = cμ) and f(q) = (1 − ρ)/r, orbit D(cμ − λ).
    const f = fluidTimeoutProbability(model.service, saddle.queue);
    assert.ok(Math.abs(f - (1 - lambda / beta) / r) < 1e-9, `f at saddle ${f}`);
    assert.ok(Math.abs(saddle.orbit - D * (beta - lambda)) < 1e-6 * saddle.orbit);
    assert.equal(saddle.stability, "saddle");
    assert.ok(saddle.stableDirection && saddle.unstableDirection);
    // Degraded: on the wall, every attempt fails, A = λ/(1 − r), eigenvalue −(1 − r)/D.
    assert.ok(degraded.onWall);
    assert.equal(degraded.queue, model.queueCapacity);
    const expected = (D * r * lambda) / (1 - r);
    assert.ok(Math.abs(degraded.orbit - expected) < 1e-6 * expected, `${degraded.orbit}`);
    assert.ok(Math.abs(degraded.eigenvalues[0].re + (1 - r) / D) < 1e-6);
    assert.ok(degraded.successShare < 1e-6);
  }
});

Deno.test("bistability appears exactly when the retry-amplified load ρN crosses 1", () => {
  const model = (arrivalRate: number, maxAttempts: number) =>
    singleTierModel({ ...BASE, arrivalRate, maxAttempts });
  // ρ = 0.5: N = 1.9 → ρN = 0.95 (one equilibrium), N = 2.1 → 1.05 (three).
  assert.deepEqual(findEquilibria(model(5, 1.9)).map((e) => e.kind), ["healthy"]);
  assert.deepEqual(findEquilibria(model(5, 2.1)).map((e) => e.kind), [
    "healthy",
    "saddle",
    "degraded",
  ]);
  // Overload (ρ > 1): no healthy state.
  assert.deepEqual(findEquilibria(model(11, 4)).map((e) => e.kind), ["degraded"]);
});

Deno.test("LIFO and deadline drop have no degraded equilibrium below capacity", () => {
  for (const discipline of ["lifo", "deadline-drop"] as const) {
    const found = findEquilibria(singleTierModel({ ...BASE, discipline }));
    assert.deepEqual(found.map((e) => e.kind), ["healthy"], discipline);
  }
  // Above capacity, deadline drop keeps the goodput at capacity: success share cμ/A.
  const overloaded = singleTierModel({ ...BASE, arrivalRate: 12, discipline: "deadline-drop" });
  const [state] = findEquilibria(overloaded);
  assert.ok(Math.abs(state.flows.goodput - overloaded.capacity) < 1e-6, `${state.flows.goodput}`);
});

Deno.test("the orbit nullcline zeroes do/dt and the Jacobian matches a finite difference", () => {
  for (const discipline of ["fifo", "lifo", "deadline-drop"] as const) {
    const model = singleTierModel({ ...BASE, discipline });
    for (const q of [0.3, 5, 24, 30, 60, 99]) {
      const o = orbitNullcline(model, model.arrivalRate, q);
      const flows = singleTierFlows(model, 0, q, o);
      assert.ok(
        Math.abs(flows.orbitDrift) < 1e-9 * (1 + o),
        `${discipline} q=${q}: ${flows.orbitDrift}`,
      );
    }
    const j = jacobian(model, model.arrivalRate, 20, 10);
    const h = 1e-3;
    const up = singleTierFlows(model, 0, 20 + h, 10);
    const down = singleTierFlows(model, 0, 20 - h, 10);
    assert.ok(Math.abs(j[1][0] - (up.orbitDrift - down.orbitDrift) / (2 * h)) < 1e-5);
  }
});

Deno.test("bad parameters fail naming the field", () => {
  assert.throws(() => singleTierModel({ ...BASE, serviceRate: 0 }), /serviceRate/);
  assert.throws(() => singleTierModel({ ...BASE, queueCapacity: 0.5 }), /queueCapacity/);
  assert.throws(() => singleTierModel({ ...BASE, maxAttempts: undefined }), /maxAttempts/);
  assert.throws(() => singleTierModel({ ...BASE, retryProbability: 0.5 }), /not both/);
  assert.throws(
    () => singleTierModel({ ...BASE, maxAttempts: undefined, retryProbability: 1 }),
    /retryProbability/,
  );
  assert.throws(
    () => singleTierModel({ ...BASE, discipline: "random" as "fifo" }),
    /discipline/,
  );
});
