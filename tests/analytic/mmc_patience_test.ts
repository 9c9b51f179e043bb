import assert from "node:assert/strict";
import { erlangB, erlangC, mmcDeterministicPatience, mmcMeasures } from "../../sim/analytic/mod.ts";

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

Deno.test("M/M/c+D: infinite patience gives Erlang C, zero patience gives Erlang B", () => {
  for (const [lambda, mu, c] of [[0.7, 1, 1], [8, 1, 10], [95, 0.5, 200]]) {
    const mmc = mmcMeasures(lambda, mu, c);
    const patient = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: mu,
      servers: c,
      patienceSeconds: Infinity,
    });
    assert.ok(relativeError(patient.probabilityOfWait, erlangC(c, lambda / mu)) < 1e-12);
    assert.equal(patient.probabilityOfAbandonment, 0);
    assert.ok(relativeError(patient.meanWait, mmc.meanWait) < 1e-12);
    assert.ok(relativeError(patient.meanWaitOfServed, mmc.meanWait) < 1e-12);
    // A patience of 60 mean waits is effectively infinite.
    const long = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: mu,
      servers: c,
      patienceSeconds: 60 / (c * mu - lambda),
    });
    assert.ok(relativeError(long.probabilityOfWait, patient.probabilityOfWait) < 1e-12);
    assert.ok(long.probabilityOfAbandonment < 1e-25);
  }
  for (const [lambda, c] of [[0.7, 1], [12, 10], [250, 200]]) {
    const zero = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: 1,
      servers: c,
      patienceSeconds: 0,
    });
    assert.ok(relativeError(zero.probabilityOfAbandonment, erlangB(c, lambda)) < 1e-12);
    assert.ok(relativeError(zero.probabilityOfWait, erlangB(c, lambda)) < 1e-12);
    assert.equal(zero.meanWait, 0);
    const tiny = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: 1,
      servers: c,
      patienceSeconds: 1e-9,
    });
    assert.ok(relativeError(tiny.probabilityOfAbandonment, erlangB(c, lambda)) < 1e-6);
  }
});

/**
 * Brute force: the balance equation of the offered-wait density,
 * f(v) = λp e^{−cμv} + λ∫_0^{min(v,D)} f(u)e^{−cμ(v−u)} du with p = p_{c−1} = 1, solved on a grid
 * of n steps over [0, D] by the trapezoid rule, the mass beyond D from the same equation,
 * ε = Σ_{k<c} p_k/p_{c−1} by direct summation. Returns P(wait), P(abandon), E[V; V ≤ D].
 */
function balanceByQuadrature(lambda: number, mu: number, c: number, d: number, n: number) {
  const h = d / n;
  const decay = Math.exp(-c * mu * h);
  const f = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    // Σ_j w_j f_j e^{−cμ(v_i − v_j)}, trapezoid weights, f_i itself on the left.
    let convolution = 0;
    let kernel = 1;
    for (let j = i - 1; j >= 0; j--) {
      kernel *= decay;
      convolution += (j === 0 ? 0.5 : 1) * f[j] * kernel;
    }
    const free = lambda * Math.exp(-c * mu * i * h) + lambda * h * convolution;
    f[i] = i === 0 ? lambda : free / (1 - (lambda * h) / 2);
  }
  let mass = 0;
  let moment = 0;
  let weighted = 0;
  for (let i = 0; i <= n; i++) {
    const w = i === 0 || i === n ? h / 2 : h;
    mass += w * f[i];
    moment += w * i * h * f[i];
    weighted += w * f[i] * Math.exp(c * mu * (i * h - d));
  }
  const tail = (lambda / (c * mu)) * (Math.exp(-c * mu * d) + weighted);
  let idle = 0;
  let term = 1; // p_{c−1}/p_{c−1}, then p_k/p_{c−1} going down
  for (let k = c - 1; k >= 0; k--) {
    idle += term;
    term *= k / (lambda / mu);
  }
  const total = idle + mass + tail;
  return { wait: (mass + tail) / total, abandon: tail / total, servedWait: moment / total };
}

Deno.test("M/M/c+D agrees with a quadrature of the offered-wait balance equation", () => {
  const cases = [
    [0.8, 1, 1, 2], // underloaded
    [10, 1, 10, 0.7], // λ = cμ exactly (r = 0)
    [10.05, 1, 10, 1], // |rD| < 0.1: series branch
    [14, 1, 10, 1.5], // overloaded, stable thanks to abandonment
    [3, 2, 3, 0.25],
  ];
  for (const [lambda, mu, c, d] of cases) {
    const m = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: mu,
      servers: c,
      patienceSeconds: d,
    });
    // Richardson extrapolation of the O(h²) trapezoid results.
    const coarse = balanceByQuadrature(lambda, mu, c, d, 600);
    const fine = balanceByQuadrature(lambda, mu, c, d, 1200);
    const extrapolate = (a: number, b: number) => (4 * b - a) / 3;
    const wait = extrapolate(coarse.wait, fine.wait);
    const abandon = extrapolate(coarse.abandon, fine.abandon);
    const servedWait = extrapolate(coarse.servedWait, fine.servedWait);
    const label = `λ=${lambda} μ=${mu} c=${c} D=${d}`;
    assert.ok(relativeError(m.probabilityOfWait, wait) < 1e-8, `${label}: P(wait)`);
    assert.ok(relativeError(m.probabilityOfAbandonment, abandon) < 1e-8, `${label}: P(ab)`);
    assert.ok(
      relativeError(m.meanWaitOfServed * (1 - m.probabilityOfAbandonment), servedWait) < 1e-8,
      `${label}: E[V; V ≤ D]`,
    );
    // Flow balance: served rate = μ × mean busy servers, with p_k ∝ a^k/k! below c.
    let idleWeight = 0;
    let idleBusy = 0;
    let term = 1;
    for (let k = 0; k < c; k++) {
      idleWeight += term;
      idleBusy += k * term;
      term *= lambda / mu / (k + 1);
    }
    const busy = ((1 - m.probabilityOfWait) * idleBusy) / idleWeight + c * m.probabilityOfWait;
    assert.ok(relativeError(lambda * (1 - m.probabilityOfAbandonment), mu * busy) < 1e-12);
    assert.ok(relativeError(m.utilisation, busy / c) < 1e-12);
    assert.ok(m.meanWait >= m.meanWaitOfServed * (1 - m.probabilityOfAbandonment));
  }
});

/** mulberry32: a small seeded PRNG for a reproducible simulation. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The model itself, simulated: FIFO c-server queue by the Kiefer–Wolfowitz workload vector; an
 * arrival whose offered wait (earliest server-free time) exceeds D abandons at D.
 */
function simulate(lambda: number, mu: number, c: number, d: number, customers: number) {
  const random = mulberry32(20240916);
  const exponential = (rate: number) => -Math.log(1 - random()) / rate;
  const free = new Float64Array(c); // time until each server is free, seconds
  let waited = 0;
  let abandoned = 0;
  let totalWait = 0;
  const warmUp = customers / 20;
  for (let n = 0; n < customers; n++) {
    const gap = exponential(lambda);
    let earliest = 0;
    for (let i = 0; i < c; i++) {
      free[i] = Math.max(0, free[i] - gap);
      if (free[i] < free[earliest]) earliest = i;
    }
    const offered = free[earliest];
    if (offered <= d) free[earliest] += exponential(mu);
    if (n < warmUp) continue;
    if (offered > 0) waited++;
    if (offered > d) abandoned++;
    totalWait += Math.min(offered, d);
  }
  const counted = customers - warmUp;
  return { wait: waited / counted, abandon: abandoned / counted, meanWait: totalWait / counted };
}

Deno.test("M/M/c+D agrees with a seeded simulation of the queue (statistical tolerance)", () => {
  for (const [lambda, mu, c, d] of [[1, 1.1, 1, 3], [3.3, 1, 3, 0.5]]) {
    const m = mmcDeterministicPatience({
      arrivalRate: lambda,
      serviceRate: mu,
      servers: c,
      patienceSeconds: d,
    });
    const sim = simulate(lambda, mu, c, d, 400_000);
    const label = `λ=${lambda} c=${c} D=${d}`;
    assert.ok(relativeError(sim.wait, m.probabilityOfWait) < 0.015, `${label}: ${sim.wait}`);
    assert.ok(
      relativeError(sim.abandon, m.probabilityOfAbandonment) < 0.015,
      `${label}: ${sim.abandon} vs ${m.probabilityOfAbandonment}`,
    );
    assert.ok(relativeError(sim.meanWait, m.meanWait) < 0.015, `${label}: ${sim.meanWait}`);
  }
});

Deno.test("M/M/c+D: overload is stable, light load underflows cleanly, bad input refused", () => {
  const heavy = mmcDeterministicPatience({
    arrivalRate: 20,
    serviceRate: 1,
    servers: 10,
    patienceSeconds: 1000,
  });
  // Fluid limit: the servers run flat out and the excess (λ − cμ)/λ abandons.
  assert.ok(relativeError(heavy.probabilityOfAbandonment, 0.5) < 1e-3);
  assert.ok(Number.isFinite(heavy.meanWaitOfServed) && heavy.meanWaitOfServed < 1000);
  const light = mmcDeterministicPatience({
    arrivalRate: 1,
    serviceRate: 1,
    servers: 2000,
    patienceSeconds: 5,
  });
  assert.equal(light.probabilityOfWait, 0);
  assert.equal(light.meanWaitOfServed, 0);
  assert.throws(
    () =>
      mmcDeterministicPatience({
        arrivalRate: 2,
        serviceRate: 1,
        servers: 1,
        patienceSeconds: Infinity,
      }),
    /offered load/,
  );
  assert.throws(
    () =>
      mmcDeterministicPatience({ arrivalRate: 1, serviceRate: 1, servers: 1, patienceSeconds: -1 }),
    /patienceSeconds/,
  );
});
