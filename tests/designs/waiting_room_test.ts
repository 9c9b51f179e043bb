import assert from "node:assert/strict";
import { Environment, RandomStreams } from "../../sim/engine/mod.ts";
import { ROOM_ADMITTED, ROOM_AWAY, ROOM_QUEUED, WaitingRoom } from "../../sim/model/mod.ts";
import type { WaitingRoomOptions } from "../../sim/model/mod.ts";

interface Trace {
  ids: number[];
  times: number[];
}

function room(env: Environment, options: Partial<WaitingRoomOptions>, trace: Trace): WaitingRoom {
  return new WaitingRoom(env, {
    citizens: 10_000,
    admissionRatePerSecond: 5,
    onAdmit: (id) => {
      trace.ids.push(id);
      trace.times.push(env.now);
    },
    ...options,
  });
}

Deno.test("a waiting room admits at its rate, in FIFO order, from the opening on", () => {
  const env = new Environment();
  const trace: Trace = { ids: [], times: [] };
  const rate = 13.3; // bonus mobilità: ~800 admissions a minute
  const waitingRoom = room(env, { admissionRatePerSecond: rate, openingTime: 100 }, trace);
  for (let id = 0; id < 5000; id++) env.schedule(id * 0.01, () => waitingRoom.join(id, env.now));
  env.run({ until: 300 });
  assert.equal(trace.times[0], 100); // nobody before the opening
  // admissions in [100, 300]: exactly floor(200 × rate) + 1 (one at each 1/rate tick)
  assert.equal(trace.ids.length, Math.floor(200 * rate) + 1);
  for (let k = 1; k < trace.times.length; k++) {
    assert.ok(Math.abs(trace.times[k] - trace.times[k - 1] - 1 / rate) < 1e-9);
  }
  assert.deepEqual(trace.ids, trace.ids.map((_, k) => k)); // FIFO
  assert.equal(waitingRoom.length, 5000 - trace.ids.length);
  assert.equal(waitingRoom.position(4999), waitingRoom.length - 1);
});

Deno.test("an idle waiting room admits a newcomer at once, then keeps the rate", () => {
  const env = new Environment();
  const trace: Trace = { ids: [], times: [] };
  const waitingRoom = room(env, { admissionRatePerSecond: 2, openingTime: 0 }, trace);
  env.schedule(10, () => waitingRoom.join(1, env.now));
  env.schedule(10.1, () => waitingRoom.join(2, env.now));
  env.schedule(20, () => waitingRoom.join(3, env.now));
  env.run();
  assert.deepEqual(trace.times, [10, 10.5, 20]);
});

Deno.test("random-before-opening shuffles the early joiners; later arrivals queue behind", () => {
  // Over replications, the admission rank of the i-th early joiner must be uniform: its mean
  // rank ((n − 1) / 2) lies in the 99.9 % interval estimated from the replications.
  const early = 20;
  const replications = 400;
  const rankSums = new Float64Array(early);
  const rankSquares = new Float64Array(early);
  for (let r = 0; r < replications; r++) {
    const env = new Environment();
    const trace: Trace = { ids: [], times: [] };
    const waitingRoom = room(env, {
      openingTime: 50,
      ordering: "random-before-opening",
      random: new RandomStreams(r).stream("waiting-room"),
    }, trace);
    for (let id = 0; id < early; id++) env.schedule(id, () => waitingRoom.join(id, env.now));
    for (let id = early; id < early + 5; id++) {
      env.schedule(50 + id, () => waitingRoom.join(id, env.now));
    }
    env.run();
    assert.deepEqual(trace.ids.slice(early), [20, 21, 22, 23, 24]);
    trace.ids.slice(0, early).forEach((id, rank) => {
      rankSums[id] += rank;
      rankSquares[id] += rank * rank;
    });
  }
  const z = 3.29; // two-sided 99.9 % normal quantile
  for (let id = 0; id < early; id++) {
    const mean = rankSums[id] / replications;
    const variance = (rankSquares[id] - replications * mean * mean) / (replications - 1);
    const halfWidth = z * Math.sqrt(variance / replications);
    assert.ok(
      Math.abs(mean - (early - 1) / 2) <= halfWidth,
      `joiner ${id}: mean rank ${mean} ± ${halfWidth}`,
    );
  }
});

Deno.test("an expired token sends the citizen back to the end of the queue", () => {
  const env = new Environment();
  const trace: Trace = { ids: [], times: [] };
  const expired: number[] = [];
  const waitingRoom = room(env, {
    admissionRatePerSecond: 1,
    tokenValiditySeconds: 1200, // bonus mobilità's 20-minute session cap
    onExpire: (id) => expired.push(id),
  }, trace);
  for (let id = 0; id < 3; id++) waitingRoom.join(id, 0);
  env.schedule(500, () => waitingRoom.complete(1)); // citizen 1 finishes in time
  env.run({ until: 1199 });
  assert.equal(waitingRoom.stateOf(0), ROOM_ADMITTED);
  env.run({ until: 1200.5 });
  assert.deepEqual(expired, [0]); // admitted at 0, expired at 1200
  assert.deepEqual(trace.ids, [0, 1, 2, 0]); // back through the (empty) queue: readmitted at once
  assert.equal(trace.times[3], 1200);
  env.run({ until: 2410 });
  assert.deepEqual(expired, [0, 2, 0, 2]); // 2 (admitted at 2) at 1202; second tokens at 2400, 2402
  assert.equal(waitingRoom.expired, 4);
});

Deno.test("the waiting room shows position ÷ rate; citizens who balk come back later", () => {
  const env = new Environment();
  const trace: Trace = { ids: [], times: [] };
  const shown: number[] = [];
  const waitingRoom = room(env, {
    admissionRatePerSecond: 0.5,
    openingTime: 10,
    random: new RandomStreams(1).stream("balking"),
    // leave for sure when the shown wait exceeds 30 s, never otherwise
    balkingProbability: (wait) => (shown.push(wait), wait > 30 ? 1 : 0),
    returnDelay: () => 100,
  }, trace);
  for (let id = 0; id < 12; id++) waitingRoom.join(id, 0);
  // shown wait: 10 s to the opening + (people ahead) / 0.5
  assert.deepEqual(shown, [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]);
  assert.equal(waitingRoom.length, 11);
  assert.equal(waitingRoom.balked, 1);
  assert.equal(waitingRoom.stateOf(11), ROOM_AWAY);
  env.run();
  // 11 queued are admitted at 10, 12, …, 30; the 12th returns at 100 to an empty room
  assert.deepEqual(trace.ids, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(trace.times[11], 100);
  assert.equal(waitingRoom.stateOf(11), ROOM_ADMITTED);
});

Deno.test("citizens who leave the queue are skipped and the length stays right", () => {
  const env = new Environment();
  const trace: Trace = { ids: [], times: [] };
  const lengths: number[] = [];
  const waitingRoom = room(env, {
    admissionRatePerSecond: 1,
    openingTime: 5,
    onLengthChange: (length) => lengths.push(length),
  }, trace);
  for (let id = 0; id < 4; id++) waitingRoom.join(id, 0);
  waitingRoom.leave(1);
  assert.equal(waitingRoom.stateOf(2), ROOM_QUEUED);
  assert.equal(waitingRoom.length, 3);
  env.run();
  assert.deepEqual(trace.ids, [0, 2, 3]);
  assert.deepEqual(trace.times, [5, 6, 7]);
  assert.deepEqual(lengths, [1, 2, 3, 4, 3, 2, 1, 0]);
  assert.throws(() => waitingRoom.join(0, 8), /already queued or admitted/);
});

Deno.test("the waiting room rejects bad options naming the field", () => {
  const env = new Environment();
  const onAdmit = () => {};
  assert.throws(
    () => new WaitingRoom(env, { citizens: 1, admissionRatePerSecond: 0, onAdmit }),
    /admissionRatePerSecond must be a finite number > 0, got 0/,
  );
  assert.throws(
    () =>
      new WaitingRoom(env, {
        citizens: 1,
        admissionRatePerSecond: 1,
        ordering: "lifo" as "fifo",
        onAdmit,
      }),
    /ordering must be "fifo" or "random-before-opening", got "lifo"/,
  );
  assert.throws(
    () =>
      new WaitingRoom(env, {
        citizens: 1,
        admissionRatePerSecond: 1,
        ordering: "random-before-opening",
        onAdmit,
      }),
    /random stream/,
  );
});
