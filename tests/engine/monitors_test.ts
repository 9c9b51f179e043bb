/** Monitors: Counter, TimeWeightedLevel, Tally (HDR quantiles), BinnedSeries, BinnedLevel. */
import assert from "node:assert/strict";
import {
  BinnedLevel,
  BinnedSeries,
  Counter,
  Environment,
  RandomStreams,
  Tally,
  TimeWeightedLevel,
} from "../../sim/engine/mod.ts";

Deno.test("Counter adds and resets", () => {
  const counter = new Counter();
  counter.add();
  counter.add(149.5);
  assert.equal(counter.value, 150.5);
  assert.throws(() => counter.add(Number.NaN), /Counter.add: amount must be a finite number/);
  counter.reset();
  assert.equal(counter.value, 0);
});

Deno.test("TimeWeightedLevel integrates a piecewise-constant level", () => {
  const env = new Environment();
  const level = new TimeWeightedLevel(env);
  env.schedule(2, () => level.set(4)); // 0 on [0,2), 4 on [2,5), 1 on [5,10)
  env.schedule(5, () => level.add(-3));
  env.run({ until: 10 });
  assert.equal(level.mean(), (0 * 2 + 4 * 3 + 1 * 5) / 10);
  assert.equal(level.max, 4);
  assert.equal(level.level, 1);
  level.reset();
  env.run({ until: 12 });
  assert.equal(level.mean(), 1);
});

Deno.test("Tally: exact mean/variance, quantiles within the HDR precision", () => {
  const tally = new Tally();
  const stream = new RandomStreams(8).stream("latency");
  const exponential = stream.exponential(2); // seconds
  const values: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const x = exponential();
    values.push(x);
    tally.record(x);
  }
  values.sort((a, b) => a - b);
  const exactMean = values.reduce((a, b) => a + b, 0) / values.length;
  assert.equal(tally.count, 20_000);
  assert.ok(Math.abs(tally.mean - exactMean) < 1e-9 * exactMean);
  for (const q of [0.5, 0.9, 0.99]) {
    const exact = values[Math.ceil(q * values.length) - 1];
    // 3 significant digits: relative error <= 1e-3, plus one resolution step (1 µs).
    assert.ok(
      Math.abs(tally.quantile(q) - exact) <= 1e-3 * exact + 1e-6,
      `q${q}: ${tally.quantile(q)} vs ${exact}`,
    );
  }
  assert.equal(tally.min, values[0]);
  assert.equal(tally.max, values[values.length - 1]);
  assert.throws(() => tally.record(-1), /Tally.record: value must be a finite number >= 0/);
  assert.throws(() => tally.quantile(2), /q must be in \[0, 1\]/);
  assert.ok(Number.isNaN(new Tally().quantile(0.5)));
});

Deno.test("BinnedSeries counts per bin, overflow past the horizon, rates per second", () => {
  const series = new BinnedSeries(60, 180);
  for (const t of [0, 59.9, 60, 125, 179.99, 180, 500]) series.add(t);
  series.add(30, 2.5);
  assert.deepEqual([...series.values()], [4.5, 1, 2]);
  assert.equal(series.overflow, 2);
  assert.deepEqual([...series.rates()], [4.5 / 60, 1 / 60, 2 / 60]);
  assert.throws(() => series.add(-1), /time must be >= start/);
  assert.throws(
    () => new BinnedSeries(0, 10),
    /binWidthSeconds must be a finite number > 0, got 0/,
  );
});

Deno.test("BinnedLevel gives the time-weighted mean per bin, partial last bin", () => {
  const env = new Environment();
  const busy = new BinnedLevel({ binWidthSeconds: 10, horizonSeconds: 40, warmupSeconds: 20 });
  env.schedule(5, () => busy.set(env.now, 2)); // bin 0: 0 for 5 s, 2 for 5 s → 1
  env.schedule(25, () => busy.set(env.now, 4)); // bin 1: 2; bin 2: 2 for 5 s, 4 for 5 s → 3
  env.run({ until: 35 }); // bin 3: 4 over the 5 s elapsed → 4
  const means = busy.means(env.now);
  assert.deepEqual([...means], [1, 2, 3, 4]);
  assert.equal(busy.integral(env.now), 10 + 20 + 30 + 20);
  assert.equal(busy.integralAfterWarmup(env.now), 2 * 5 + 4 * 10); // from 20 s
  assert.equal(busy.peak, 4);
  const fresh = new BinnedLevel({ binWidthSeconds: 10, horizonSeconds: 40, startSeconds: 35 });
  assert.ok(Number.isNaN(fresh.means(env.now)[0]));
});

Deno.test("BinnedSeries with a start offset; BinnedLevel spanning many bins in one step", () => {
  const series = new BinnedSeries(1, 3, 100);
  series.add(100.5);
  series.add(102.9, 4);
  assert.deepEqual([...series.values()], [1, 0, 4]);
  assert.throws(() => series.add(99), /time must be >= start \(100 s\)/);

  const env = new Environment({ startTime: 50 });
  // 5 bins starting at 50 s
  const level = new BinnedLevel({
    binWidthSeconds: 2,
    horizonSeconds: 10,
    startSeconds: 50,
    initial: 3,
  });
  env.run({ until: 57 });
  level.set(env.now, 1);
  env.run({ until: 70 }); // past the horizon: later bins ignored
  assert.deepEqual([...level.means(env.now)], [3, 3, 3, 2, 1]);
});

Deno.test("Tally with a coarser resolution records counts (e.g. attempts per citizen)", () => {
  const tally = new Tally({ resolution: 1, significantDigits: 2 });
  for (const attempts of [1, 1, 2, 3, 3, 3, 10]) tally.record(attempts);
  assert.equal(tally.quantile(0.5), 3);
  assert.equal(tally.quantile(1), 10);
  assert.equal(tally.mean, 23 / 7);
  assert.throws(() => new Tally({ resolution: 0 }), /resolution must be a finite number > 0/);
});
