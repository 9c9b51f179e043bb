/**
 * The delay lane: entries of one constant delay fire in order, interleaved with the calendar by
 * time; stale entries are skipped; a `warm` function is called for each entry, in batches,
 * before the entry fires, and changes nothing in what fires when.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { DelayLane, Environment } from "../../sim/engine/mod.ts";

/** An entry pushed at `setAt` with payload its index, dropped at `dropAt` (Infinity: never). */
interface EntryPlan {
  setAt: number;
  dropAt: number;
}

/** What a run did: "time:payload" per fired entry, and the warm calls before each firing. */
interface LaneRun {
  fired: string[];
  /** For each fired payload, whether `warm` had been called for it before it fired. */
  warmedFirst: boolean[];
  /** Sizes of the warm batches (warm calls between two callback calls). */
  batches: number[];
}

function runLane(plans: EntryPlan[], delay: number, warm: boolean): LaneRun {
  const env = new Environment();
  const dropped = new Uint8Array(plans.length);
  const warmed = new Set<number>();
  const result: LaneRun = { fired: [], warmedFirst: [], batches: [] };
  let batch = 0;
  const lane = new DelayLane({
    env,
    callback: (payload) => {
      // A batch ends at each call, also for an entry the callback then ignores (the lane checks
      // staleness only after a call, so a head dropped at the same time is still called).
      if (batch > 0) result.batches.push(batch);
      batch = 0;
      if (dropped[payload] === 1) return;
      result.fired.push(`${env.now}:${payload}`);
      result.warmedFirst.push(warmed.has(payload));
    },
    isStale: (payload) => dropped[payload] === 1,
    warm: warm
      ? (payload) => {
        warmed.add(payload);
        batch++;
        return payload;
      }
      : undefined,
  });
  // Pushes and drops happen at calendar events, in time order (pushes first at equal times).
  plans.forEach((plan, entry) => {
    env.scheduleAt(plan.setAt, () => lane.push(env.now + delay, entry));
    if (plan.dropAt < Infinity) env.scheduleAt(plan.dropAt, () => (dropped[entry] = 1), 0, 1);
  });
  env.run();
  return result;
}

const plans = fc.array(
  fc.record({
    setAt: fc.integer({ min: 0, max: 50 }),
    dropAt: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 80 })),
  }),
  { maxLength: 60, size: "max" }, // long enough that more than a batch waits at once
);

Deno.test("delay lane: warming changes nothing in what fires when", () => {
  fc.assert(
    fc.property(plans, fc.integer({ min: 0, max: 20 }), (entries, delay) => {
      assert.deepEqual(runLane(entries, delay, true).fired, runLane(entries, delay, false).fired);
    }),
  );
});

Deno.test("delay lane: every entry is warmed before it fires, at most 8 at a time", () => {
  fc.assert(
    fc.property(plans, fc.integer({ min: 0, max: 20 }), (entries, delay) => {
      const run = runLane(entries, delay, true);
      assert.ok(run.warmedFirst.every((warmed) => warmed));
      assert.ok(run.batches.every((size) => size >= 1 && size <= 8));
    }),
  );
});

Deno.test("delay lane: entries in order, before a later calendar event, stale ones skipped", () => {
  const env = new Environment();
  const order: string[] = [];
  const lane = new DelayLane({
    env,
    callback: (payload, tag) => order.push(`lane ${payload}/${tag} at ${env.now}`),
    isStale: (payload) => payload === 2,
  });
  lane.push(1, 1, 10);
  lane.push(1, 2, 20); // stale when its turn comes: skipped
  lane.push(3, 3, 30);
  env.schedule(3, () => order.push(`calendar at ${env.now}`)); // equal time: calendar first
  env.schedule(2, () => order.push(`calendar at ${env.now}`));
  env.run();
  assert.deepEqual(order, [
    "lane 1/10 at 1",
    "calendar at 2",
    "calendar at 3",
    "lane 3/30 at 3",
  ]);
  assert.throws(() => lane.push(0.5, 4), /before the lane's last entry .* or before now/);
});
