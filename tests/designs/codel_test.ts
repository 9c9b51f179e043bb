import assert from "node:assert/strict";
import { CoDelQueuePolicy } from "../../sim/model/mod.ts";
import { run, singleTier } from "../model/scenario_builder.ts";

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

Deno.test("CoDel in a tier: only a dequeue that finds the queue empty ends the episode", () => {
  // RFC 8289 §5: dequeue() on an empty queue resets first_above_time and the dropping state; a
  // queue emptied while the server is busy is not yet empty at the next dequeue if requests came
  // meanwhile. A transcription of the RFC's dodequeue/dequeue pseudo-code on this queue (D
  // arrivals every 0.9 s and 1 s services, 1 server, target 0.5 s, interval 5 s, 2000 s) gives a
  // mean queue wait of 0.5504 s; resetting whenever the queue empties gives 0.9495 s.
  const result = run(singleTier({
    horizon_seconds: 2000,
    bin_width_seconds: 100,
    demand: {
      arrivals: { kind: "renewal", interarrival: { kind: "deterministic", mean_seconds: 0.9 } },
      client: { retry: { kind: "none" } },
    },
    service: {
      tiers: [{
        name: "app",
        servers: 1,
        service_time: { kind: "deterministic", mean_seconds: 1 },
      }],
    },
    admission: { codel: { target_seconds: 0.5, interval_seconds: 5 } },
  }));
  const wait = result.summary("queue_wait_mean_s:app");
  assert.ok(Math.abs(wait - 0.5504) < 1e-3, `mean queue wait ${wait} s`);
});
