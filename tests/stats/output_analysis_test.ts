import assert from "node:assert/strict";
import {
  batchMeansInterval,
  giniCoefficient,
  jainIndex,
  meanConfidenceInterval,
  mser5Truncation,
  pairedDifferenceInterval,
  replicateUntilPrecise,
} from "../../sim/stats/mod.ts";

/** Small deterministic generator (mulberry32) for test data only. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("mean confidence interval: hand-computed example", () => {
  // x = 1..5: mean 3, s = √2.5, t_{0.975,4} = 2.776445 → half-width 1.963243.
  const interval = meanConfidenceInterval([1, 2, 3, 4, 5], 0.95);
  assert.equal(interval.mean, 3);
  assert.ok(Math.abs(interval.halfWidth - 2.776445 * Math.sqrt(2.5) / Math.sqrt(5)) < 1e-5);
  assert.ok(Number.isNaN(meanConfidenceInterval([4]).halfWidth));
  assert.throws(() => meanConfidenceInterval([1, NaN]), /observations\[1\]/);
  assert.throws(() => meanConfidenceInterval([1, 2], 95), /confidence/);
});

Deno.test("a 95% interval covers the true mean about 95% of the time", () => {
  // 2,000 intervals of 10 uniforms; coverage count is Binomial(2000, 0.95): sd ≈ 9.7, so the
  // 99.9% two-sided band is 1900 ± 3.29·9.75.
  const random = seeded(11);
  let covered = 0;
  for (let k = 0; k < 2000; k++) {
    const sample = Array.from({ length: 10 }, random);
    const interval = meanConfidenceInterval(sample, 0.95);
    if (interval.low <= 0.5 && 0.5 <= interval.high) covered++;
  }
  const sd = Math.sqrt(2000 * 0.95 * 0.05);
  assert.ok(Math.abs(covered - 1900) <= 3.29 * sd, `covered ${covered}`);
});

Deno.test("MSER-5 deletes an initial transient and keeps a stationary series", () => {
  const random = seeded(3);
  const series = new Float64Array(2000);
  for (let i = 0; i < series.length; i++) {
    series[i] = random() + (i < 300 ? 10 * Math.exp(-i / 60) : 0);
  }
  const { truncatedObservations } = mser5Truncation(series);
  assert.ok(
    truncatedObservations >= 200 && truncatedObservations <= 500,
    `${truncatedObservations}`,
  );
  const flat = Float64Array.from({ length: 2000 }, random);
  assert.ok(mser5Truncation(flat).truncatedObservations < 1000);
  assert.equal(mser5Truncation([1, 2, 3]).truncatedObservations, 0);
});

Deno.test("batch means: an AR(1) series' interval covers its mean", () => {
  const random = seeded(5);
  const series = new Float64Array(60000);
  let x = 0;
  for (let i = 0; i < series.length; i++) {
    x = 0.9 * x + (random() - 0.5);
    series[i] = 2 + x;
  }
  const interval = batchMeansInterval(series, { batches: 30, confidence: 0.999 });
  assert.ok(interval.low <= 2 && 2 <= interval.high, JSON.stringify(interval));
  assert.equal(interval.batchSize * 30 + interval.truncatedObservations <= 60000, true);
  assert.throws(() => batchMeansInterval([1, 2], { batches: 30 }), /observations/);
});

Deno.test("sequential rule stops once the relative half-width is met", () => {
  const random = seeded(9);
  const result = replicateUntilPrecise(() => 10 + random(), {
    relativeHalfWidth: 0.005,
    confidence: 0.95,
  });
  assert.ok(result.reachedTarget);
  assert.ok(result.interval.halfWidth <= 0.005 * result.interval.mean);
  // One replication fewer would not have met the target (or would be below the minimum).
  const fewer = result.samples.slice(0, -1);
  if (fewer.length >= 5) {
    const previous = meanConfidenceInterval(fewer, 0.95);
    assert.ok(previous.halfWidth > 0.005 * previous.mean);
  }
  const capped = replicateUntilPrecise(() => random(), {
    relativeHalfWidth: 1e-9,
    maxReplications: 20,
  });
  assert.equal(capped.reachedTarget, false);
  assert.equal(capped.samples.length, 20);
});

Deno.test("paired difference under CRN is tighter than the unpaired spread", () => {
  const random = seeded(21);
  const common = Array.from({ length: 50 }, () => 10 * random());
  const design = common.map((c) => c + 1 + 0.1 * random());
  const baseline = common.map((c) => c + 0.1 * random());
  const difference = pairedDifferenceInterval(design, baseline, 0.99);
  assert.ok(difference.low > 0.9 && difference.high < 1.1);
  assert.throws(() => pairedDifferenceInterval([1, 2], [1]), /replication/);
});

Deno.test("Jain and Gini indices on known allocations", () => {
  assert.equal(jainIndex([5, 5, 5, 5]), 1);
  assert.equal(jainIndex([1, 0, 0, 0]), 0.25);
  assert.equal(giniCoefficient([3, 3, 3]), 0);
  assert.equal(giniCoefficient([0, 0, 0, 1]), 0.75);
  assert.ok(Math.abs(giniCoefficient([1, 2, 3, 4]) - 0.25) < 1e-15);
  assert.throws(() => jainIndex([1, -1]), /values\[1\]/);
  assert.throws(() => giniCoefficient([]), /empty/);
});
