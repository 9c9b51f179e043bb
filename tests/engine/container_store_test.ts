/** Container (levels such as a euro budget), Store and FilterStore. */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  Container,
  Environment,
  FilterStore,
  type ProcessGenerator,
  RandomStreams,
  Store,
} from "../../sim/engine/mod.ts";

Deno.test("Container get blocks until the level covers it; put blocks when full", () => {
  const env = new Environment();
  const tank = new Container(env, { capacity: 100, initial: 30 });
  const log: string[] = [];
  env.process((function* (): ProcessGenerator {
    yield tank.get(50);
    log.push(`got 50@${env.now} level ${tank.level}`);
  })());
  env.process((function* (): ProcessGenerator {
    yield env.timeout(2);
    yield tank.put(40);
    log.push(`put 40@${env.now}`);
    yield tank.put(90);
    log.push(`put 90@${env.now}`);
  })());
  env.schedule(5, () => assert.equal(tank.tryGet(15), true));
  env.run();
  assert.deepEqual(log, ["put 40@2", "got 50@2 level 20", "put 90@5"]);
  assert.equal(tank.level, 95);
});

Deno.test("Container.tryGet fails without taking when short (budget exhausted)", () => {
  const env = new Environment();
  const budget = new Container(env, { initial: 1000 });
  let funded = 0;
  let denied = 0;
  for (let i = 0; i < 7; i++) budget.tryGet(150) ? funded++ : denied++;
  assert.equal(funded, 6);
  assert.equal(denied, 1);
  assert.equal(budget.level, 100);
  assert.throws(() => budget.get(-5), /Container.get: amount must be a number > 0/);
  assert.throws(() => new Container(env, { capacity: 10, initial: 20 }), /initial level/);
});

Deno.test("Container.cancel withdraws a waiting get", () => {
  const env = new Environment();
  const tank = new Container(env, { initial: 0 });
  const big = tank.get(10);
  const small = tank.get(1);
  assert.equal(tank.cancel(big), true);
  tank.put(1);
  env.run();
  assert.equal(small.processed, true);
  assert.equal(big.triggered, false);
  assert.equal(tank.level, 0);
});

Deno.test("property: a container never goes negative nor above capacity; amounts are conserved", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
      const env = new Environment();
      const random = new RandomStreams(seed).stream("amounts");
      const amount = random.integer(1, 20);
      const delay = random.exponential(1);
      const tank = new Container(env, { capacity: 40, initial: 10 });
      let taken = 0;
      let added = 0;
      const check = () => assert.ok(tank.level >= 0 && tank.level <= 40, `level ${tank.level}`);
      for (let p = 0; p < 6; p++) {
        env.process((function* (): ProcessGenerator {
          for (let i = 0; i < 10; i++) {
            yield env.timeout(delay());
            const a = amount();
            if (p % 2 === 0) {
              yield tank.get(a);
              taken += a;
            } else {
              yield tank.put(a);
              added += a;
            }
            check();
          }
        })());
      }
      env.run({ until: 1000 });
      check();
      assert.equal(tank.level, 10 + added - taken);
    }),
    { numRuns: 100, seed: 3 },
  );
});

Deno.test("Store is FIFO, blocks gets when empty and puts when full", () => {
  const env = new Environment();
  const store = new Store<string>(env, 2);
  const log: string[] = [];
  env.process((function* (): ProcessGenerator {
    for (const item of ["a", "b", "c"]) {
      yield store.put(item);
      log.push(`put ${item}@${env.now}`);
    }
  })());
  env.process((function* (): ProcessGenerator {
    yield env.timeout(1);
    for (let i = 0; i < 3; i++) log.push(`get ${yield store.get()}@${env.now}`);
  })());
  env.run();
  assert.deepEqual(log, ["put a@0", "put b@0", "get a@1", "put c@1", "get b@1", "get c@1"]);
  assert.equal(store.size, 0);
});

Deno.test("FilterStore gets the first matching item; unmatched gets do not block others", () => {
  const env = new Environment();
  const store = new FilterStore<{ kind: string; id: number }>(env);
  const log: string[] = [];
  env.process((function* (): ProcessGenerator {
    const item = (yield store.get((x) => x.kind === "pdf")) as { id: number };
    log.push(`pdf ${item.id}@${env.now}`);
  })());
  env.process((function* (): ProcessGenerator {
    const item = (yield store.get()) as { id: number };
    log.push(`any ${item.id}@${env.now}`);
  })());
  env.schedule(1, () => store.put({ kind: "doc", id: 1 }));
  env.schedule(2, () => store.put({ kind: "pdf", id: 2 }));
  env.run();
  assert.deepEqual(log, ["any 1@1", "pdf 2@2"]);
});

Deno.test("Store.cancel withdraws a waiting get; bad capacity is a clear error", () => {
  const env = new Environment();
  const store = new Store<number>(env);
  const first = store.get();
  const second = store.get();
  assert.equal(store.cancel(first), true);
  assert.equal(store.cancel(first), false);
  store.put(42);
  env.run();
  assert.equal(second.value, 42);
  assert.equal(first.triggered, false);
  assert.throws(() => new Store(env, 0), /Store: capacity must be an integer >= 1/);
  assert.throws(() => new FilterStore(env, 2.5), /FilterStore: capacity/);
});

Deno.test("property: a store conserves items (put = got + held) and keeps FIFO order", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 1, max: 5 }),
      (seed, cap) => {
        const env = new Environment();
        const delay = new RandomStreams(seed).stream("delays").exponential(1);
        const store = new Store<number>(env, cap);
        const got: number[] = [];
        let put = 0;
        env.process((function* (): ProcessGenerator {
          for (let i = 0; i < 30; i++) {
            yield env.timeout(delay());
            yield store.put(put++);
          }
        })());
        env.process((function* (): ProcessGenerator {
          for (let i = 0; i < 25; i++) {
            yield env.timeout(delay());
            got.push((yield store.get()) as number);
          }
        })());
        env.run();
        assert.ok(store.size <= cap);
        assert.equal(put, got.length + store.size + store.putQueueLength);
        assert.deepEqual(got, got.map((_, i) => i));
      },
    ),
    { numRuns: 50, seed: 5 },
  );
});
