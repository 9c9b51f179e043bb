import assert from "node:assert/strict";
import { PriorityShedder } from "../../sim/model/mod.ts";

Deno.test("priority shedding drops the least important class first as load rises", () => {
  const shedder = new PriorityShedder({ thresholds: [Infinity, 0.9, 0.7] });
  const shedAt = (load: number) => [0, 1, 2].map((p) => shedder.shouldShed(p, load));
  assert.deepEqual(shedAt(0.5), [false, false, false]);
  assert.deepEqual(shedAt(0.75), [false, false, true]);
  assert.deepEqual(shedAt(0.95), [false, true, true]);
  assert.deepEqual(shedAt(100), [false, true, true]);
  assert.equal(shedder.shedCount(2), 3);
  assert.equal(shedder.offeredCount(0), 4);
  assert.equal(shedder.shedCount(0), 0);
});

Deno.test("priority shedding rejects thresholds that would shed important work first", () => {
  assert.throws(
    () => new PriorityShedder({ thresholds: [0.5, 0.9] }),
    /thresholds\[1\] = 0.9 > thresholds\[0\] = 0.5/,
  );
  const shedder = new PriorityShedder({ thresholds: [1] });
  assert.throws(() => shedder.shouldShed(1, 0), /priority must be an integer in \[0, 0\]/);
});
