import assert from "node:assert/strict";
import { CoDelQueuePolicy } from "../../sim/model/mod.ts";

Deno.test("CoDel never drops while the queue delay stays below target", () => {
  const codel = new CoDelQueuePolicy({ targetSeconds: 0.5, intervalSeconds: 2 });
  for (let t = 0; t < 100; t += 0.1) assert.equal(codel.shouldDrop(t, t - 0.49), false);
  assert.equal(codel.drops, 0);
});

Deno.test("CoDel drops only after the delay stayed above target for an interval", () => {
  const codel = new CoDelQueuePolicy({ targetSeconds: 0.5, intervalSeconds: 2 });
  // above target from t = 10 on
  let firstDrop = NaN;
  for (let t = 10; t < 20; t += 0.125) {
    if (codel.shouldDrop(t, t - 1)) {
      firstDrop = t;
      break;
    }
  }
  assert.equal(firstDrop, 12);
  assert.equal(codel.dropping, true);
});

Deno.test("CoDel's drops follow the control law interval / √count, and stop below target", () => {
  const interval = 1;
  const codel = new CoDelQueuePolicy({ targetSeconds: 0.1, intervalSeconds: interval });
  const drops: number[] = [];
  const dt = 1 / 1024;
  for (let t = 0; t < 8; t += dt) if (codel.shouldDrop(t, t - 5)) drops.push(t);
  assert.equal(drops[0], interval); // after one interval above target
  // next drop times: dropNext(k) = dropNext(k−1) + interval/√k with count starting at 1
  let expected = drops[0];
  for (let k = 1; k < drops.length; k++) {
    expected += interval / Math.sqrt(k);
    assert.ok(drops[k] >= expected - 1e-12 && drops[k] < expected + dt + 1e-12);
  }
  assert.ok(drops.length >= 5);
  assert.equal(codel.shouldDrop(9, 8.95), false); // below target: leaves the dropping state
  assert.equal(codel.dropping, false);
});

Deno.test("CoDel rejects bad options", () => {
  assert.throws(() => new CoDelQueuePolicy({ targetSeconds: 0 }), /targetSeconds.*> 0, got 0/);
});
