/** Environment: clock, run/step/stop/peek, errors for bad times, events processed count. */
import assert from "node:assert/strict";
import { Environment } from "../../sim/engine/mod.ts";

Deno.test("run() advances the clock to each event and counts events", () => {
  const env = new Environment({ startTime: 10 });
  const seen: number[] = [];
  const record = () => seen.push(env.now);
  env.schedule(2, record);
  env.scheduleAt(11, record);
  env.schedule(0, record);
  assert.equal(env.peek(), 10);
  env.run();
  assert.deepEqual(seen, [10, 11, 12]);
  assert.equal(env.now, 12);
  assert.equal(env.eventsProcessed, 3);
  assert.equal(env.peek(), Infinity);
  assert.equal(env.step(), false);
});

Deno.test("run({until: time}) stops before events at that time and sets now", () => {
  const env = new Environment();
  const seen: number[] = [];
  const record = (payload: number) => seen.push(payload);
  env.schedule(1, record, 1);
  env.schedule(5, record, 5);
  env.schedule(7, record, 7);
  env.run({ until: 5 });
  assert.deepEqual(seen, [1]);
  assert.equal(env.now, 5);
  env.run({ until: 100 });
  assert.deepEqual(seen, [1, 5, 7]);
  assert.equal(env.now, 100);
  assert.throws(() => env.run({ until: 50 }), /until must be a time.*not before now/);
});

Deno.test("run({until: event}) returns its value; stop() ends run after the current event", () => {
  const env = new Environment();
  const done = env.timeout(3, "finished");
  let later = 0;
  env.schedule(4, () => later++);
  assert.equal(env.run({ until: done }), "finished");
  assert.equal(env.now, 3);
  assert.equal(later, 0);
  env.schedule(1, () => env.stop());
  env.schedule(1, () => later++);
  env.run();
  assert.equal(env.now, 4);
  assert.equal(later, 1, "the first time-4 event ran, stop() returned before the third");
  env.run();
  assert.equal(later, 2);
  const never = env.event();
  assert.throws(() => env.run({ until: never }), /calendar is empty/);
});

Deno.test("step() processes exactly one event", () => {
  const env = new Environment();
  let count = 0;
  env.schedule(1, () => count++);
  env.schedule(2, () => count++);
  assert.equal(env.step(), true);
  assert.equal(count, 1);
  assert.equal(env.now, 1);
});

Deno.test("scheduling in the past, with negative, NaN or infinite delays is a clear error", () => {
  const env = new Environment();
  const noop = () => {};
  env.schedule(5, noop);
  env.run();
  assert.throws(
    () => env.schedule(-1, noop),
    /schedule: delay must be a finite number of seconds >= 0, got -1/,
  );
  assert.throws(() => env.schedule(Number.NaN, noop), /got NaN/);
  assert.throws(() => env.schedule(Infinity, noop), /got Infinity/);
  assert.throws(() => env.scheduleAt(4, noop), /not before now \(5 s\), got 4/);
  assert.throws(() => env.schedule(1, noop, 0, Number.NaN), /priority must be a finite number/);
  assert.throws(() => env.timeout(-0.5), /timeout: delay .* got -0.5/);
  assert.throws(() => new Environment({ startTime: Number.NaN }), /startTime/);
});

Deno.test("payload and priority reach the callback in the documented order", () => {
  const env = new Environment();
  const seen: number[] = [];
  const record = (payload: number) => seen.push(payload);
  env.schedule(1, record, 30, 3);
  env.schedule(1, record, 10, 1);
  env.schedule(1, record, 11, 1);
  env.schedule(1, record, -5, -5);
  env.run();
  assert.deepEqual(seen, [-5, 10, 11, 30]);
});

Deno.test("a callback error propagates out of run()", () => {
  const env = new Environment();
  env.schedule(1, () => {
    throw new Error("boom");
  });
  assert.throws(() => env.run(), /boom/);
});
