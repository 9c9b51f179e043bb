import assert from "node:assert/strict";
import { retryStormCriterion } from "../../sim/analytic/mod.ts";

Deno.test("retry storm: λ(R + 1) against capacity", () => {
  // 60/s with 2 retries: 180 attempts/s in the collapsed state.
  const storm = retryStormCriterion({ arrivalRate: 60, retriesPerFailure: 2, capacity: 100 });
  assert.equal(storm.collapsedAttemptRate, 180);
  assert.equal(storm.capacity, 100);
  assert.equal(storm.collapseSustains, true);
  assert.equal(storm.stableWithoutTrigger, true);
  assert.equal(storm.metastable, true);
  assert.equal(storm.retryThreshold, 100 / 60 - 1);
  const safe = retryStormCriterion({ arrivalRate: 40, retriesPerFailure: 1, capacity: 100 });
  assert.equal(safe.collapseSustains, false);
  assert.equal(safe.metastable, false);
  // Exactly at capacity the collapse does not sustain (the criterion is strict).
  assert.equal(
    retryStormCriterion({ arrivalRate: 50, retriesPerFailure: 1, capacity: 100 }).collapseSustains,
    false,
  );
  // Overloaded even without retries: collapsed, but not metastable.
  const overloaded = retryStormCriterion({ arrivalRate: 120, retriesPerFailure: 0, capacity: 100 });
  assert.equal(overloaded.collapseSustains, true);
  assert.equal(overloaded.metastable, false);
  assert.throws(
    () => retryStormCriterion({ arrivalRate: 1, retriesPerFailure: -1, capacity: 1 }),
    /retriesPerFailure/,
  );
});
