/** Process interaction: timeouts, events, waiting for processes, conditions, interrupts. */
import assert from "node:assert/strict";
import {
  Environment,
  Interrupt,
  type ProcessGenerator,
  Resource,
  type SimEvent,
} from "../../sim/engine/mod.ts";

Deno.test("a process waits for timeouts and returns a value other processes can wait for", () => {
  const env = new Environment();
  const log: string[] = [];
  function* worker(name: string, delay: number): ProcessGenerator<string> {
    log.push(`${name} start ${env.now}`);
    const value = yield env.timeout(delay, `${name}-slept`);
    log.push(`${name} woke ${env.now} with ${value}`);
    return `${name}-result`;
  }
  function* parent(): ProcessGenerator {
    const child = env.process(worker("child", 2));
    const result = yield child;
    log.push(`parent got ${result} at ${env.now}`);
    // Waiting for an already finished process continues at once.
    const again = yield child;
    log.push(`parent again ${again} at ${env.now}`);
  }
  env.process(parent());
  env.run();
  assert.deepEqual(log, [
    "child start 0",
    "child woke 2 with child-slept",
    "parent got child-result at 2",
    "parent again child-result at 2",
  ]);
});

Deno.test("events succeed and fail; a failure is thrown into the waiting process", () => {
  const env = new Environment();
  const signal = env.event();
  const broken = env.event();
  const log: unknown[] = [];
  env.process((function* (): ProcessGenerator {
    log.push(yield signal);
    try {
      yield broken;
    } catch (error) {
      log.push((error as Error).message);
    }
  })());
  env.schedule(1, () => signal.succeed("go"));
  env.schedule(2, () => broken.fail(new Error("bad")));
  env.run();
  assert.deepEqual(log, ["go", "bad"]);
  assert.throws(() => signal.succeed(), /already triggered/);
});

Deno.test("an uncaught error in a process nobody waits for surfaces from run()", () => {
  const env = new Environment();
  env.process((function* (): ProcessGenerator {
    yield env.timeout(1);
    throw new Error("crash in process");
  })());
  assert.throws(() => env.run(), /crash in process/);
});

Deno.test("yielding something that is not an event fails the process clearly", () => {
  const env = new Environment();
  env.process((function* (): Generator<unknown, void, unknown> {
    yield 42;
  })() as unknown as ProcessGenerator);
  assert.throws(() => env.run(), /process yielded 42; a process must yield SimEvent/);
  assert.throws(() => env.process(42 as unknown as ProcessGenerator), /expected a generator/);
});

Deno.test("anyOf succeeds with the first event; allOf with all values in order", () => {
  const env = new Environment();
  const log: unknown[] = [];
  env.process((function* (): ProcessGenerator {
    const fast = env.timeout(1, "fast");
    const slow = env.timeout(3, "slow");
    const first = (yield env.anyOf([slow, fast])) as SimEvent;
    log.push(first === fast, env.now);
    const all = yield env.allOf([env.timeout(2, "a"), slow, env.timeout(1, "c")]);
    log.push(all, env.now);
    log.push(yield env.allOf([]), env.now);
  })());
  env.run();
  assert.deepEqual(log, [true, 1, ["a", "slow", "c"], 3, [], 3]);
});

Deno.test("a cancelled timeout never fires and its waiters are not resumed", () => {
  const env = new Environment();
  let resumed = false;
  const timeout = env.timeout(5);
  env.process((function* (): ProcessGenerator {
    yield timeout;
    resumed = true;
  })());
  env.schedule(1, () => assert.equal(timeout.cancel(), true));
  env.run();
  assert.equal(resumed, false);
  assert.equal(env.now, 1);
  assert.equal(timeout.cancel(), false);
});

Deno.test("interrupt throws an Interrupt with its cause; the process can carry on", () => {
  const env = new Environment();
  const log: unknown[] = [];
  const sleeper = env.process((function* (): ProcessGenerator {
    try {
      yield env.timeout(10);
      log.push("not interrupted");
    } catch (error) {
      assert.ok(error instanceof Interrupt);
      log.push(`interrupted at ${env.now} because ${error.cause}`);
    }
    yield env.timeout(1);
    log.push(`done at ${env.now}`);
  })());
  env.process((function* (): ProcessGenerator {
    yield env.timeout(4);
    sleeper.interrupt("maintenance");
  })());
  env.run();
  assert.deepEqual(log, ["interrupted at 4 because maintenance", "done at 5"]);
  assert.throws(() => sleeper.interrupt("again"), /already finished/);
});

Deno.test("process starts run at the current time in creation order, before normal events", () => {
  const env = new Environment();
  const log: string[] = [];
  env.schedule(0, () => log.push("callback"));
  env.process((function* (): ProcessGenerator {
    log.push("p1");
    yield env.timeout(0);
    log.push("p1 after timeout(0)");
  })());
  env.process((function* (): ProcessGenerator {
    log.push("p2");
    yield env.timeout(0);
  })());
  env.run();
  assert.deepEqual(log, ["p1", "p2", "callback", "p1 after timeout(0)"]);
});

Deno.test("a child's failure is thrown into the parent waiting for it, not out of run()", () => {
  const env = new Environment();
  const log: string[] = [];
  function* child(): ProcessGenerator {
    yield env.timeout(1);
    throw new Error("child failed");
  }
  env.process((function* (): ProcessGenerator {
    try {
      yield env.process(child());
    } catch (error) {
      log.push(`${(error as Error).message}@${env.now}`);
    }
  })());
  env.run();
  assert.deepEqual(log, ["child failed@1"]);
});

Deno.test("an interrupted process can withdraw its waiting resource request", () => {
  const env = new Environment();
  const resource = new Resource(env, 1);
  const holder = resource.request();
  const log: string[] = [];
  const waiter = env.process((function* (): ProcessGenerator {
    const request = resource.request();
    try {
      yield request;
    } catch (error) {
      assert.ok(error instanceof Interrupt);
      resource.release(request);
      log.push(`left queue@${env.now}`);
    }
  })());
  env.schedule(3, () => waiter.interrupt("hung up"));
  env.run();
  assert.deepEqual(log, ["left queue@3"]);
  assert.equal(resource.queueLength, 0);
  resource.release(holder);
  assert.equal(resource.count, 0);
});

Deno.test("allOf fails as soon as one event fails", () => {
  const env = new Environment();
  const bad = env.event();
  const log: string[] = [];
  env.process((function* (): ProcessGenerator {
    try {
      yield env.allOf([env.timeout(5), bad]);
    } catch (error) {
      log.push(`${error}@${env.now}`);
    }
  })());
  env.schedule(1, () => bad.fail("oops"));
  env.run();
  assert.deepEqual(log, ["oops@1"]);
});
