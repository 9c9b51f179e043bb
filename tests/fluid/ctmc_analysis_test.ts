/**
 * The CTMC's metastability picture against the fluid model: where the fluid model is
 * bistable, both passage times (healthy → degraded, degraded → healthy) exceed a thousand
 * relaxation times and the degraded orbit's mean is the fluid's degraded orbit; where LIFO or
 * deadline drop make the fluid model monostable, the degraded start escapes quickly.
 */
import assert from "node:assert/strict";
import { analyseSingleTierCtmc } from "../../sim/fluid/ctmc_analysis.ts";
import { findEquilibria } from "../../sim/fluid/equilibria.ts";
import { expectedHittingTimes } from "../../sim/fluid/gth.ts";
import { singleTierModel, type SingleTierParameters } from "../../sim/fluid/single_tier.ts";

const TIER: SingleTierParameters = {
  arrivalRate: 8,
  serviceRate: 10,
  servers: 1,
  queueCapacity: 60,
  timeout: 3,
  retryDelay: 0.5,
  maxAttempts: 4,
};

Deno.test("bistable FIFO: time-scale separation and the degraded orbit of the fluid model", () => {
  const falls: number[] = [];
  for (const arrivalRate of [6, 8]) {
    const model = singleTierModel({ ...TIER, arrivalRate });
    const equilibria = findEquilibria(model);
    const healthy = equilibria.find((e) => e.kind === "healthy")!;
    const degraded = equilibria.find((e) => e.kind === "degraded")!;
    const analysis = analyseSingleTierCtmc(model, { orbitLimit: 150, equilibria });
    let total = 0;
    for (const p of analysis.stationary) total += p;
    assert.ok(Math.abs(total - 1) < 1e-12);
    assert.ok(analysis.orbitLimitMass < 1e-9, `truncation mass ${analysis.orbitLimitMass}`);
    // Relaxation times: the slowest decay at each stable equilibrium, seconds.
    const relax = (rates: { re: number }[]) =>
      1 / rates.reduce((low, v) => Math.min(low, Math.abs(v.re)), Infinity);
    // At ρ = 0.6 the healthy state is metastable too; at ρ = 0.8 noise tips it over within
    // minutes (the fall time shrinks as the saddle comes closer).
    if (arrivalRate === 6) {
      assert.ok(
        analysis.fallSeconds > 1000 * relax(healthy.eigenvalues),
        `fall ${analysis.fallSeconds} s`,
      );
    }
    falls.push(analysis.fallSeconds);
    assert.ok(
      analysis.escapeSeconds > 1000 * relax(degraded.eigenvalues),
      `escape ${analysis.escapeSeconds} s`,
    );
    // In the degraded region (f ≈ 1) the orbit is an immigration–death process whose mean is
    // rλD/(1 − r) on the wall and rfλD/(1 − rf) off it: within 4(1 − f) ≲ 1e-3 of the fluid's.
    let mass = 0;
    let orbit = 0;
    for (let i = 0; i < analysis.chain.size; i++) {
      if (analysis.healthyState[i]) continue;
      mass += analysis.stationary[i];
      orbit += analysis.stationary[i] * analysis.chain.orbitOf(i);
    }
    const relative = Math.abs(orbit / mass - degraded.orbit) / degraded.orbit;
    assert.ok(relative < 1e-3, `E[o | degraded] ${orbit / mass} vs fluid ${degraded.orbit}`);
  }
  assert.ok(falls[1] < falls[0], `fall times ${falls}`);
});

Deno.test("LIFO and deadline drop: the degraded start escapes within a few relaxation times", () => {
  const fifo = findEquilibria(singleTierModel(TIER)).find((e) => e.kind === "degraded")!;
  for (const discipline of ["lifo", "deadline-drop"] as const) {
    const model = singleTierModel({ ...TIER, discipline });
    const equilibria = findEquilibria(model);
    assert.deepEqual(equilibria.map((e) => e.kind), ["healthy"]);
    const analysis = analyseSingleTierCtmc(model, { orbitLimit: 150, equilibria });
    assert.ok(analysis.healthyMass > 0.99, `${discipline}: healthy mass ${analysis.healthyMass}`);
    const start = analysis.chain.index(model.queueCapacity, Math.round(fifo.orbit));
    // From where FIFO stays degraded: in the fluid model the orbit now decays at least at the
    // rate (1 − r)/D, so it falls from o_d to the healthy region's (λ + o/D < cμ) within
    // ln(o_d D/(cμ − λ))·D/(1 − r) ≈ 2.5·D/(1 − r); allow four times that.
    const times = expectedHittingTimes(analysis.chain, (i) => analysis.healthyState[i] === 1);
    const bound = (10 * model.orbitDelay) / (1 - model.retryProbability);
    assert.ok(times[start] < bound, `${discipline}: ${times[start]} s ≥ ${bound} s`);
  }
});
