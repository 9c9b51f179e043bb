/**
 * Random streams: reproducibility, independence between names (tolerances from each run's
 * own confidence interval), distribution means against their formulas, input validation.
 */
import assert from "node:assert/strict";
import { RandomStreams } from "../../sim/engine/mod.ts";

/** Two-sided normal quantile for a family-wise 99.9 % level over `tests` tests (Bonferroni). */
function zFor(tests: number): number {
  // Acklam-free shortcut: a few tabulated points of the standard normal are enough here.
  const table: [number, number][] = [[1, 3.2905], [10, 3.8906], [20, 4.0556], [50, 4.2649]];
  for (const [count, z] of table) if (tests <= count) return z;
  return 4.4172; // 100 tests
}

function draws(sampler: () => number, n: number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = sampler();
  return values;
}

function meanAndStandardError(values: Float64Array): [number, number] {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (values.length - 1));
  return [mean, sd / Math.sqrt(values.length)];
}

function correlation(x: Float64Array, y: Float64Array): number {
  const [mx] = meanAndStandardError(x);
  const [my] = meanAndStandardError(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

Deno.test("same seed and name give identical draws; another seed or name differs", () => {
  const a = new RandomStreams(123).stream("arrivals");
  const b = new RandomStreams(123).stream("arrivals");
  const c = new RandomStreams(124).stream("arrivals");
  const d = new RandomStreams(123).stream("arrivalz");
  const da = draws(a.random, 100);
  assert.deepEqual(da, draws(b.random, 100));
  assert.notDeepEqual(da, draws(c.random, 100));
  assert.notDeepEqual(da, draws(d.random, 100));
  const streams = new RandomStreams(1);
  assert.equal(streams.stream("x"), streams.stream("x"));
  for (const u of da) assert.ok(u >= 0 && u < 1);
});

Deno.test("streams with different names are uncorrelated (Fisher-z interval contains 0)", () => {
  const streams = new RandomStreams(2020);
  const names = ["arrivals", "service", "patience", "retry", "s1", "s2", "s3", "s10", "a", "b"];
  const n = 20_000;
  const samples = names.map((name) => draws(streams.stream(name).random, n));
  const pairs: [number, number][] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) pairs.push([i, j]);
  }
  const z = zFor(pairs.length + names.length);
  const halfWidth = z / Math.sqrt(n - 3);
  for (const [i, j] of pairs) {
    const r = correlation(samples[i], samples[j]);
    assert.ok(Math.abs(Math.atanh(r)) < halfWidth, `${names[i]} vs ${names[j]}: r = ${r}`);
  }
  // Lag-1 autocorrelation within each stream as well.
  for (let i = 0; i < names.length; i++) {
    const r = correlation(samples[i].subarray(0, n - 1), samples[i].subarray(1));
    assert.ok(Math.abs(Math.atanh(r)) < z / Math.sqrt(n - 4), `${names[i]} lag-1: r = ${r}`);
  }
});

Deno.test("distribution means match their formulas within the sample's confidence interval", () => {
  const stream = new RandomStreams(99).stream("distributions");
  const gammaFn = (x: number): number => {
    // Lanczos approximation (g = 7), enough for the Weibull mean below.
    const p = [
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7,
    ];
    x -= 1;
    let a = p[0];
    const t = x + 7.5;
    for (let i = 1; i < 9; i++) a += p[i] / (x + i);
    return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
  };
  const cases: [string, () => number, number][] = [
    ["exponential(2)", stream.exponential(2), 0.5],
    ["uniform(3, 5)", stream.uniform(3, 5), 4],
    ["normal(10, 2)", stream.normal(10, 2), 10],
    ["logNormal(0, 0.5)", stream.logNormal(0, 0.5), Math.exp(0.125)],
    ["gamma(2.5, 3)", stream.gamma(2.5, 3), 7.5],
    ["weibull(1.5, 2)", stream.weibull(1.5, 2), 2 * gammaFn(1 + 1 / 1.5)],
    ["pareto(3, 2)", stream.pareto(3, 2), (3 * 2) / (3 - 1)],
    ["bernoulli(0.3)", stream.bernoulli(0.3), 0.3],
    ["binomial(20, 0.25)", stream.binomial(20, 0.25), 5],
    ["poisson(4.5)", stream.poisson(4.5), 4.5],
    ["discrete", stream.discrete([1, 2, 10], [0.5, 0.3, 0.2]), 0.5 + 0.6 + 2],
    ["empirical", stream.empirical([1, 2, 3, 10]), 4],
    ["integer(0, 10)", stream.integer(0, 10), 4.5],
  ];
  const z = zFor(cases.length);
  for (const [name, sampler, expected] of cases) {
    const [mean, standardError] = meanAndStandardError(draws(sampler, 40_000));
    assert.ok(
      Math.abs(mean - expected) < z * standardError,
      `${name}: mean ${mean}, expected ${expected} ± ${z * standardError}`,
    );
  }
});

Deno.test("discrete() frequencies match the weights (each within its binomial interval)", () => {
  const sampler = new RandomStreams(5).stream("choice").discrete([7, 8, 9, 10], [1, 0, 3, 6]);
  const n = 50_000;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = sampler();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  assert.equal(counts.get(8), undefined, "zero weight never drawn");
  const z = zFor(3);
  for (const [value, p] of [[7, 0.1], [9, 0.3], [10, 0.6]]) {
    const observed = (counts.get(value) ?? 0) / n;
    const standardError = Math.sqrt((observed * (1 - observed)) / n);
    assert.ok(Math.abs(observed - p) < z * standardError, `${value}: ${observed} vs ${p}`);
  }
});

Deno.test("bad parameters are clear errors naming the field and value", () => {
  const stream = new RandomStreams(1).stream("x");
  assert.throws(
    () => stream.exponential(-1),
    /exponential: rate must be a finite number > 0, got -1/,
  );
  assert.throws(() => stream.exponential(Number.NaN), /got NaN/);
  assert.throws(() => stream.uniform(2, 1), /uniform: max must be >= min/);
  assert.throws(() => stream.normal(0, -1), /normal: sd/);
  assert.throws(() => stream.gamma(0, 1), /gamma: shape/);
  assert.throws(() => stream.bernoulli(1.5), /bernoulli: p must be a probability/);
  assert.throws(() => stream.binomial(2.5, 0.5), /binomial: n must be an integer/);
  assert.throws(() => stream.poisson(-2), /poisson: mean/);
  assert.throws(() => stream.discrete([1, 2], [1]), /as many weights as values/);
  assert.throws(() => stream.discrete([1, 2], [0, 0]), /must not all be 0/);
  assert.throws(() => new RandomStreams(-3), /seed must be an integer/);
  assert.throws(() => new RandomStreams(1).stream(""), /non-empty string/);
});
