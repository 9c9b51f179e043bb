import assert from "node:assert/strict";
import {
  type DistributionDescription,
  distributionMoments,
  laplaceTransform,
  logLaplaceTransform,
} from "../../sim/analytic/mod.ts";

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * Adaptive Simpson on [a, b] (independent reference quadrature). The tolerance is absolute and
 * must stay well above rounding (callers pass a relative 1e-13 of the expected value); the
 * evaluation budget turns an unreachable tolerance into an error instead of a hang.
 */
function adaptiveSimpson(f: (x: number) => number, a: number, b: number, tolerance: number) {
  let evaluations = 0;
  const g = (x: number) => {
    if (++evaluations > 2_000_000) throw new Error("adaptiveSimpson: evaluation budget exhausted");
    return f(x);
  };
  const simpson = (fa: number, fm: number, fb: number, width: number) =>
    (width / 6) * (fa + 4 * fm + fb);
  const recurse = (
    a: number,
    b: number,
    fa: number,
    fm: number,
    fb: number,
    whole: number,
    tol: number,
    depth: number,
  ): number => {
    const m = (a + b) / 2;
    const flm = g((a + m) / 2);
    const frm = g((m + b) / 2);
    const left = simpson(fa, flm, fm, m - a);
    const right = simpson(fm, frm, fb, b - m);
    if (depth >= 40 || Math.abs(left + right - whole) <= 15 * tol) {
      return left + right + (left + right - whole) / 15;
    }
    return recurse(a, m, fa, flm, fm, left, tol / 2, depth + 1) +
      recurse(m, b, fm, frm, fb, right, tol / 2, depth + 1);
  };
  const fa = g(a);
  const fb = g(b);
  const fm = g((a + b) / 2);
  return recurse(a, b, fa, fm, fb, simpson(fa, fm, fb, b - a), tolerance, 0);
}

Deno.test("closed-form transforms match their definitions", () => {
  const s = 0.7;
  assert.ok(relativeError(laplaceTransform({ kind: "exponential", mean: 2 }, s), 1 / 2.4) < 1e-15);
  assert.ok(
    relativeError(laplaceTransform({ kind: "deterministic", mean: 2 }, s), Math.exp(-1.4)) < 1e-15,
  );
  // Erlang-3 with mean 3: three exponential phases of rate 1, transform (1/(1+s))³.
  assert.ok(
    relativeError(laplaceTransform({ kind: "erlang", mean: 3, shape: 3 }, s), (1 / 1.7) ** 3) <
      1e-14,
  );
  // Gamma with cv = 1/√3 is the same Erlang-3.
  assert.ok(
    relativeError(
      laplaceTransform({ kind: "gamma", mean: 3, cv: 1 / Math.sqrt(3) }, s),
      (1 / 1.7) ** 3,
    ) < 1e-14,
  );
  const hyper = laplaceTransform(
    { kind: "hyperexponential", probabilities: [0.25, 0.75], rates: [0.5, 4] },
    s,
  );
  assert.ok(relativeError(hyper, 0.25 * 0.5 / 1.2 + 0.75 * 4 / 4.7) < 1e-15);
  const uniform = laplaceTransform({ kind: "uniform", min: 1, max: 3 }, s);
  assert.ok(relativeError(uniform, (Math.exp(-0.7) - Math.exp(-2.1)) / (0.7 * 2)) < 1e-14);
  const empirical = laplaceTransform(
    { kind: "empirical", values: [1, 2, 4], weights: [1, 2, 1] },
    s,
  );
  assert.ok(
    relativeError(empirical, (Math.exp(-0.7) + 2 * Math.exp(-1.4) + Math.exp(-2.8)) / 4) < 1e-15,
  );
  assert.equal(laplaceTransform({ kind: "lognormal", mean: 1, cv: 1 }, 0), 1);
  // Underflow-safe logarithm.
  assert.equal(logLaplaceTransform({ kind: "deterministic", mean: 1 }, 5000), -5000);
});

Deno.test("lognormal transform agrees with an independent adaptive integration over x", () => {
  for (const cv of [0.1, 0.5, 1, 3]) {
    const mean = 2;
    const sigma2 = Math.log1p(cv * cv);
    const mu = Math.log(mean) - sigma2 / 2;
    const density = (x: number) =>
      x <= 0 ? 0 : Math.exp(-((Math.log(x) - mu) ** 2) / (2 * sigma2)) /
        (x * Math.sqrt(2 * Math.PI * sigma2));
    for (const s of [0.01, 0.5, 3, 40]) {
      // Split [0, ∞) at multiples of the median so the adaptive rule sees every scale.
      const median = Math.exp(mu);
      const cuts = [0, median * 1e-3, median * 0.1, median * 0.5, median, median * 2, median * 10];
      cuts.push(median * Math.exp(12 * Math.sqrt(sigma2)));
      const value = laplaceTransform({ kind: "lognormal", mean, cv }, s);
      const tolerance = 1e-13 * value / cuts.length;
      let reference = 0;
      for (let i = 0; i + 1 < cuts.length; i++) {
        const integrand = (x: number) => density(x) * Math.exp(-s * x);
        reference += adaptiveSimpson(integrand, cuts[i], cuts[i + 1], tolerance);
      }
      assert.ok(
        relativeError(value, reference) < 1e-12,
        `cv=${cv} s=${s}: ${value} vs ${reference}`,
      );
    }
  }
});

Deno.test("transforms carry the stated mean and SCV (−K′(0) and K″(0) by finite differences)", () => {
  const cases: DistributionDescription[] = [
    { kind: "deterministic", mean: 2 },
    { kind: "exponential", mean: 2 },
    { kind: "erlang", mean: 2, shape: 4 },
    { kind: "gamma", mean: 2, cv: 1.7 },
    { kind: "lognormal", mean: 2, cv: 0.8 },
    { kind: "hyperexponential", probabilities: [0.1, 0.9], rates: [0.1, 2] },
    { kind: "uniform", min: 0.5, max: 3 },
    { kind: "empirical", values: [0.5, 1, 7], weights: [3, 1, 1] },
  ];
  for (const d of cases) {
    const { mean, scv } = distributionMoments(d);
    const h = 1e-4 / mean;
    const k1 = logLaplaceTransform(d, h);
    const k2 = logLaplaceTransform(d, 2 * h);
    const k3 = logLaplaceTransform(d, 3 * h);
    // Cumulants from K(s) = −κ1 s + κ2 s²/2 − …, with an O(h²) difference scheme.
    const kappa1 = -(18 * k1 - 9 * k2 + 2 * k3) / (6 * h);
    const kappa2 = (-5 * k1 + 4 * k2 - k3) / (h * h);
    assert.ok(relativeError(kappa1, mean) < 1e-6, `${d.kind} mean ${kappa1} vs ${mean}`);
    if (scv > 0) {
      assert.ok(relativeError(kappa2 / (mean * mean), scv) < 1e-3, `${d.kind} scv ${kappa2}`);
    }
  }
});

Deno.test("bad descriptions are refused with the field named", () => {
  assert.throws(() => laplaceTransform({ kind: "gamma", mean: 1, cv: 0 }, 1), /gamma.cv/);
  assert.throws(
    () => laplaceTransform({ kind: "hyperexponential", probabilities: [0.5], rates: [1] }, 1),
    /sum to 1/,
  );
  assert.throws(() => laplaceTransform({ kind: "uniform", min: 3, max: 1 }, 1), /min <= max/);
  assert.throws(() => laplaceTransform({ kind: "exponential", mean: 1 }, -1), /s must/);
  assert.throws(() => laplaceTransform({ kind: "empirical", values: [0, 0] }, 1), /mean > 0/);
});
