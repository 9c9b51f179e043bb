import assert from "node:assert/strict";
import fc from "fast-check";
import { AimdLimit, ConcurrencyLimit, GradientLimit } from "../../sim/model/mod.ts";
import type { ConcurrencyLimiter } from "../../sim/model/mod.ts";

/** Drives a limiter with a random acquire/release sequence; in-flight never exceeds the limit. */
function neverExceeds(make: () => ConcurrencyLimiter): void {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.boolean(), fc.double({ min: 0.001, max: 10, noNaN: true }), fc.boolean()),
        {
          maxLength: 400,
        },
      ),
      (steps) => {
        const limiter = make();
        let now = 0;
        for (const [acquire, latency, dropped] of steps) {
          now += 0.01;
          if (acquire || limiter.inflight === 0) {
            const before = limiter.inflight;
            const granted = limiter.tryAcquire();
            assert.equal(granted, before < limiter.limit);
            assert.ok(limiter.inflight <= Math.max(limiter.limit, before));
          } else {
            limiter.release(now, latency, dropped);
          }
        }
      },
    ),
    { seed: 11, numRuns: 100 },
  );
}

Deno.test("a static concurrency limit grants a permit only below the limit", () => {
  neverExceeds(() => new ConcurrencyLimit(3));
  const limit = new ConcurrencyLimit(2);
  assert.equal(limit.tryAcquire(), true);
  assert.equal(limit.tryAcquire(), true);
  assert.equal(limit.tryAcquire(), false);
  limit.release(1, 0.1, false);
  assert.equal(limit.tryAcquire(), true);
  assert.throws(() => new ConcurrencyLimit(0), /limit must be an integer >= 1, got 0/);
});

Deno.test("adaptive limiters never let more requests in than their limit", () => {
  neverExceeds(() => new AimdLimit({ initialLimit: 5, minLimit: 1, maxLimit: 50 }));
  neverExceeds(() => new GradientLimit({ initialLimit: 5, minLimit: 1, maxLimit: 50 }));
});

Deno.test("AIMD: multiplicative decrease on a drop, additive increase when the limit is in use", () => {
  const aimd = new AimdLimit({ initialLimit: 10, minLimit: 2, maxLimit: 12, backoffRatio: 0.5 });
  for (let i = 0; i < 10; i++) assert.ok(aimd.tryAcquire());
  aimd.release(1, 0.1, false); // inflight 10 ≥ 10/2: +1
  assert.equal(aimd.limit, 11);
  aimd.release(1, 0.1, true); // drop: × 0.5
  assert.equal(aimd.limit, 5);
  aimd.release(1, 6, false); // latency above the 5 s timeout counts as a drop
  assert.equal(aimd.limit, 2);
  // 7 still in flight: the limit grows while inflight·2 ≥ limit (7→3, 6→4, 5→5, 4→6, 3→7),
  // then stops growing once the service is app-limited (inflight 2 and 1 < 7/2)
  for (let i = 0; i < 7; i++) aimd.release(1, 0.1, false);
  assert.equal(aimd.inflight, 0);
  assert.equal(aimd.limit, 7);
});

Deno.test("gradient: the limit shrinks when latency rises above tolerance and grows when steady", () => {
  const gradient = new GradientLimit({
    initialLimit: 50,
    minLimit: 1,
    maxLimit: 1000,
    warmupSamples: 5,
  });
  const cycle = (latency: number, samples: number) => {
    for (let i = 0; i < samples; i++) {
      while (gradient.tryAcquire()); // keep the limit in use (not app-limited)
      gradient.release(0, latency, false);
    }
  };
  cycle(0.1, 50);
  const steady = gradient.limit;
  assert.ok(steady > 50, `steady latency must let the limit grow, got ${steady}`);
  cycle(1.0, 30); // 10× the long-run latency: queueing
  assert.ok(gradient.limit < steady, `limit ${gradient.limit} did not shrink from ${steady}`);
  assert.ok(gradient.limit >= 1);
});
