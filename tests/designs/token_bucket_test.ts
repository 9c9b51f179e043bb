import assert from "node:assert/strict";
import fc from "fast-check";
import { TokenBucket } from "../../sim/model/mod.ts";

// Float tolerance on the bound rate × t + burst (not a statistical tolerance).
const FLOAT_SLACK = 1e-8;

Deno.test("a token bucket never admits more than rate × t + burst in any interval", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 1000, noNaN: true }),
      fc.integer({ min: 1, max: 50 }),
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 150 }),
      (rate, burst, rawTimes) => {
        const times = Float64Array.from(rawTimes).sort();
        const bucket = new TokenBucket({ ratePerSecond: rate, burst });
        const admittedTimes = times.filter((time) => bucket.tryTake(time));
        // every window [admittedTimes[i], admittedTimes[j]] holds j − i + 1 admissions
        for (let i = 0; i < admittedTimes.length; i++) {
          for (let j = i; j < admittedTimes.length; j++) {
            const bound = rate * (admittedTimes[j] - admittedTimes[i]) + burst;
            assert.ok(j - i + 1 <= bound + FLOAT_SLACK, `${j - i + 1} admitted > ${bound}`);
          }
        }
      },
    ),
    { seed: 6, numRuns: 300 },
  );
});

Deno.test("a saturated token bucket admits exactly burst + floor(rate × t) (it never starves)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 200 }),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 30 }),
      (rate, burst, seconds) => {
        const bucket = new TokenBucket({ ratePerSecond: rate, burst });
        // demand far above the rate: a request every 1/(4 rate) s, times exact multiples
        const step = 1 / (4 * rate);
        let admitted = 0;
        for (let k = 0; k * step <= seconds; k++) if (bucket.tryTake(k * step)) admitted++;
        const expected = burst + Math.floor(rate * seconds + FLOAT_SLACK);
        // ±1: the request at exactly t = seconds may land just past it in floating point
        assert.ok(Math.abs(admitted - expected) <= 1, `admitted ${admitted}, expected ${expected}`);
        assert.ok(admitted <= rate * seconds + burst + FLOAT_SLACK);
      },
    ),
    { seed: 7, numRuns: 100 },
  );
});

Deno.test("retryAfter tells exactly when the next request will be admitted", () => {
  const bucket = new TokenBucket({ ratePerSecond: 4, burst: 2 });
  assert.equal(bucket.tryTake(0), true);
  assert.equal(bucket.tryTake(0), true);
  assert.equal(bucket.tryTake(0), false);
  const wait = bucket.retryAfter(0);
  assert.equal(wait, 0.25);
  assert.equal(bucket.tryTake(wait * 0.99), false);
  assert.equal(bucket.tryTake(wait), true);
  assert.equal(bucket.retryAfter(10), 0);
});

Deno.test("a token bucket rejects bad options naming the field", () => {
  assert.throws(() => new TokenBucket({ ratePerSecond: -1, burst: 1 }), /ratePerSecond.*-1/);
  assert.throws(() => new TokenBucket({ ratePerSecond: 1, burst: NaN }), /burst.*NaN/);
  assert.throws(() => new TokenBucket({ ratePerSecond: 1, burst: 0.5 }), /burst must be >= 1/);
});
