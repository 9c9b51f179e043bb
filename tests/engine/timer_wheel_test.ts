/**
 * The timer wheel: timers that go through it fire at the same times and in the same order as
 * timers put straight on the calendar and cancelled the same way; it refuses what it cannot
 * hold, and it checks its options.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Environment, TimerWheel } from "../../sim/engine/mod.ts";

/** A timer: set at `setAt`, due `delay` later, dropped at `cancelAt` (Infinity: never). */
interface TimerPlan {
  setAt: number;
  delay: number;
  cancelAt: number;
}

/**
 * Runs the plan and returns "time:timer" for every timer that fired, in firing order. With a
 * wheel, a timer the wheel refuses goes on the calendar as the model does it.
 */
function fire(plans: TimerPlan[], useWheel: boolean, bucketSeconds = 0.25): string[] {
  const env = new Environment();
  const fired: string[] = [];
  const live = new Uint8Array(plans.length);
  const handles = new Float64Array(plans.length).fill(-1);
  const generations = new Uint32Array(plans.length);
  const onFire = (timer: number) => {
    if (live[timer] === 0) return;
    live[timer] = 0;
    fired.push(`${env.now}:${timer}`);
  };
  const wheel = useWheel
    ? new TimerWheel({
      env,
      bucketSeconds,
      buckets: 8,
      transfer: (time, timer) => {
        handles[timer] = env.scheduleAt(time, onFire, timer);
      },
      isStale: (timer, generation) => live[timer] === 0 || generations[timer] !== generation,
    })
    : null;
  plans.forEach((plan, timer) => {
    env.scheduleAt(plan.setAt, () => {
      live[timer] = 1;
      generations[timer]++;
      const time = env.now + plan.delay;
      if (wheel !== null && wheel.push(time, timer, generations[timer])) handles[timer] = -1;
      else handles[timer] = env.schedule(plan.delay, onFire, timer);
    });
    if (plan.cancelAt < Infinity) {
      env.scheduleAt(plan.cancelAt, () => {
        live[timer] = 0;
        env.cancel(handles[timer]);
      });
    }
  });
  env.run();
  return fired;
}

const time = fc.double({ min: 0, max: 20, noNaN: true });
const planArbitrary = fc.record({
  setAt: time,
  delay: fc.double({ min: 0, max: 6, noNaN: true }),
  cancelAfter: fc.option(fc.double({ min: 0, max: 6, noNaN: true }), { nil: undefined }),
}).map(({ setAt, delay, cancelAfter }): TimerPlan => ({
  setAt,
  delay,
  cancelAt: cancelAfter === undefined ? Infinity : setAt + cancelAfter,
}));

Deno.test("timers through the wheel fire exactly when and in the order calendar timers do", () => {
  fc.assert(
    fc.property(
      fc.array(planArbitrary, { maxLength: 60 }),
      fc.constantFrom(0.05, 0.25, 1),
      (plans, bucketSeconds) => {
        assert.deepEqual(fire(plans, true, bucketSeconds), fire(plans, false));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("the wheel holds timers due after the current bucket and within its span, and hands over only live ones", () => {
  const env = new Environment();
  const handed: string[] = [];
  let stale = -1;
  const wheel = new TimerWheel({
    env,
    bucketSeconds: 1,
    buckets: 4,
    transfer: (time, payload, tag) => handed.push(`${env.now}:${time}:${payload}:${tag}`),
    isStale: (payload) => payload === stale,
  });
  assert.equal(wheel.push(0.5, 1, 0), false, "in the bucket holding now");
  assert.equal(wheel.push(1.5, 2, 7), true);
  assert.equal(wheel.push(4.2, 3, 0), true);
  assert.equal(wheel.push(5.1, 4, 0), false, "beyond the span from the earliest held bucket");
  assert.equal(wheel.push(3.7, 5, 0), true);
  assert.equal(wheel.length, 3);
  stale = 5;
  env.run();
  assert.deepEqual(handed, ["1:1.5:2:7", "4:4.2:3:0"]);
  assert.equal(wheel.length, 0);
  assert.equal(env.now, 4);
});

Deno.test("the wheel refuses bad options", () => {
  const env = new Environment();
  const options = { env, transfer: () => {}, isStale: () => false };
  assert.throws(
    () => new TimerWheel({ ...options, bucketSeconds: 0, buckets: 8 }),
    /bucketSeconds must be a finite number > 0, got 0/,
  );
  assert.throws(
    () => new TimerWheel({ ...options, bucketSeconds: 1, buckets: 6 }),
    /buckets must be a power of two >= 2, got 6/,
  );
});
