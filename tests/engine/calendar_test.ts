/**
 * Event calendar: ordering by (time, priority, sequence), FIFO ties, cancellation, stale
 * handles, growth — unit and property tests.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Environment, EventCalendar, RandomStreams } from "../../sim/engine/mod.ts";

Deno.test("calendar pops in time order, then priority, then insertion order", () => {
  const calendar = new EventCalendar(16);
  const fired: number[] = [];
  const entries: [number, number, number][] = [
    [2, 0, 0],
    [1, 5, 1],
    [1, 0, 2],
    [1, -3, 3],
    [1, 0, 4],
    [0.5, 9, 5],
  ];
  for (const [time, priority, id] of entries) calendar.push(time, priority, null, null, id);
  for (;;) {
    const slot = calendar.pop();
    if (slot < 0) break;
    fired.push(calendar.payloads[slot]);
    calendar.release(slot);
  }
  assert.deepEqual(fired, [5, 3, 2, 4, 1, 0]);
});

Deno.test("cancel returns true once, stale handles after reuse are harmless", () => {
  const env = new Environment();
  let fired = 0;
  const callback = () => fired++;
  const handle = env.schedule(1, callback);
  assert.equal(env.isPending(handle), true);
  assert.equal(env.cancel(handle), true);
  assert.equal(env.cancel(handle), false);
  assert.equal(env.isPending(handle), false);
  // The freed slot is reused by the next schedule; the old handle must not cancel it.
  env.run();
  const second = env.schedule(1, callback);
  assert.equal(env.cancel(handle), false);
  env.run();
  assert.equal(fired, 1);
  assert.equal(env.cancel(second), false, "a fired event cannot be cancelled");
  assert.equal(env.cancel(-1), false);
  assert.equal(env.cancel(Number.NaN), false);
});

Deno.test("calendar grows past its initial capacity and keeps order", () => {
  const env = new Environment({ initialCapacity: 16 });
  const fired: number[] = [];
  const record = (payload: number) => fired.push(payload);
  for (let i = 0; i < 1000; i++) env.schedule((i * 7919) % 101, record, i);
  for (let i = 1000; i < 1100; i++) env.schedule(0, record, i);
  env.run();
  assert.equal(fired.length, 1100);
  const key = (id: number) => (id >= 1000 ? 0 : (id * 7919) % 101);
  for (let i = 1; i < fired.length; i++) {
    const a = fired[i - 1];
    const b = fired[i];
    assert.ok(key(a) < key(b) || (key(a) === key(b) && a < b), `order broken at ${i}`);
  }
});

/** A random schedule: delay (on a coarse grid so ties happen), priority, cancel flag. */
const operation = fc.record({
  delay: fc.integer({ min: 0, max: 8 }).map((d) => d / 4),
  priority: fc.integer({ min: -2, max: 2 }),
  cancel: fc.boolean(),
  nested: fc.integer({ min: 0, max: 2 }),
});

/** Naive reference calendar: linear scan for the smallest (time, priority, sequence). */
class NaiveCalendar {
  now = 0;
  private pending: { time: number; priority: number; sequence: number; id: number }[] = [];
  private sequence = 0;
  schedule(delay: number, id: number, priority: number): number {
    this.pending.push({ time: this.now + delay, priority, sequence: this.sequence++, id });
    return id;
  }
  cancel(id: number): void {
    this.pending = this.pending.filter((e) => e.id !== id);
  }
  pop(): number {
    if (this.pending.length === 0) return -1;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++) {
      const a = this.pending[i];
      const b = this.pending[best];
      if (
        a.time < b.time || (a.time === b.time && a.priority < b.priority) ||
        (a.time === b.time && a.priority === b.priority && a.sequence < b.sequence)
      ) best = i;
    }
    const [event] = this.pending.splice(best, 1);
    this.now = event.time;
    return event.id;
  }
}

Deno.test("property: firing order equals a naive (time, priority, sequence) calendar; times never decrease; cancelled never fire", () => {
  fc.assert(
    fc.property(fc.array(operation, { minLength: 1, maxLength: 60 }), (operations) => {
      // Engine run: events schedule follow-ups (including delay 0) while the run goes.
      const env = new Environment({ initialCapacity: 16 });
      const fired: number[] = [];
      const times: number[] = [];
      const cancelled = new Set<number>();
      let created = 0;
      const onFire = (id: number) => {
        assert.ok(!cancelled.has(id), `cancelled event ${id} fired`);
        fired.push(id);
        times.push(env.now);
        const op = operations[id % operations.length];
        for (let k = 0; k < op.nested && created < 200; k++) {
          env.schedule(op.delay, onFire, created++, op.priority);
        }
      };
      const handles = operations.map((op) =>
        env.schedule(op.delay, onFire, created++, op.priority)
      );
      operations.forEach((op, i) => {
        if (op.cancel) {
          assert.equal(env.cancel(handles[i]), true);
          cancelled.add(i);
        }
      });
      env.run();

      // Same program on the naive calendar.
      const naive = new NaiveCalendar();
      const expected: number[] = [];
      let naiveCreated = 0;
      operations.forEach((op) => naive.schedule(op.delay, naiveCreated++, op.priority));
      operations.forEach((op, i) => op.cancel && naive.cancel(i));
      for (let id = naive.pop(); id >= 0; id = naive.pop()) {
        expected.push(id);
        const op = operations[id % operations.length];
        for (let k = 0; k < op.nested && naiveCreated < 200; k++) {
          naive.schedule(op.delay, naiveCreated++, op.priority);
        }
      }
      assert.deepEqual(fired, expected);
      for (let i = 1; i < times.length; i++) assert.ok(times[i] >= times[i - 1]);
      assert.equal(fired.length + cancelled.size, created, "created = fired + cancelled");
      assert.equal(env.pendingEvents, 0);
    }),
    { numRuns: 300, seed: 42 },
  );
});

Deno.test("heap compaction after mass cancellation keeps order and never fires cancelled events", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
      const env = new Environment();
      const random = new RandomStreams(seed).stream("calendar");
      const time = random.integer(0, 500); // coarse times: many ties
      const keep = random.bernoulli(0.15);
      const n = 6000;
      const times = new Float64Array(n);
      const handles: number[] = [];
      const fired: number[] = [];
      const record = (id: number) => fired.push(id);
      for (let id = 0; id < n; id++) {
        times[id] = time();
        handles.push(env.scheduleAt(times[id], record, id));
      }
      const cancelled = new Set<number>();
      for (let id = 0; id < n; id++) {
        if (!keep()) {
          assert.equal(env.cancel(handles[id]), true);
          cancelled.add(id);
        }
      }
      for (const id of cancelled) assert.equal(env.isPending(handles[id]), false);
      assert.equal(env.pendingEvents, n - cancelled.size);
      env.run();
      const expected = [...Array(n).keys()]
        .filter((id) => !cancelled.has(id))
        .sort((a, b) => times[a] - times[b] || a - b);
      assert.deepEqual(fired, expected);
    }),
    { numRuns: 20, seed: 9 },
  );
});
