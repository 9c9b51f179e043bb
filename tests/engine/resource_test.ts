/** Resources: FIFO, capacity changes, withdrawal, priority and preemption; properties. */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  Environment,
  Interrupt,
  Preempted,
  PreemptiveResource,
  PriorityResource,
  type ProcessGenerator,
  RandomStreams,
  type Request,
  REQUEST_GRANTED,
  REQUEST_PREEMPTED,
  Resource,
} from "../../sim/engine/mod.ts";

/** A Resource that checks, at every grant, that a unit was really free. */
class CheckedResource extends Resource {
  grants = 0;
  protected override grant(request: Request): void {
    assert.ok(this.count < this.capacity, `grant with ${this.count} in use of ${this.capacity}`);
    this.grants++;
    super.grant(request);
  }
}

function* user(
  env: Environment,
  resource: Resource,
  name: string,
  hold: number,
  log: string[],
): ProcessGenerator {
  const request = resource.request();
  yield request;
  log.push(`${name}@${env.now}`);
  yield env.timeout(hold);
  resource.release(request);
}

Deno.test("Resource grants in FIFO order up to its capacity", () => {
  const env = new Environment();
  const resource = new Resource(env, 2);
  const log: string[] = [];
  for (const name of ["a", "b", "c", "d", "e"]) env.process(user(env, resource, name, 1, log));
  env.run({ until: 0.5 });
  assert.equal(resource.count, 2);
  assert.equal(resource.queueLength, 3);
  env.run();
  assert.deepEqual(log, ["a@0", "b@0", "c@1", "d@1", "e@2"]);
  assert.equal(resource.count, 0);
});

Deno.test("capacity changes keep queued requests in order; decreases do not evict", () => {
  const env = new Environment();
  const resource = new Resource(env, 1);
  const log: string[] = [];
  for (const name of ["a", "b", "c", "d"]) env.process(user(env, resource, name, 10, log));
  env.schedule(1, () => (resource.capacity = 3)); // autoscale up: b, c start at 1
  env.schedule(2, () => (resource.capacity = 0)); // breakdown: nothing evicted, d waits
  env.schedule(30, () => (resource.capacity = 1)); // repaired
  env.run();
  assert.deepEqual(log, ["a@0", "b@1", "c@1", "d@30"]);
  assert.throws(() => (resource.capacity = -1), /capacity must be an integer >= 0/);
  assert.throws(() => new Resource(env, 1.5), /Resource: capacity must be an integer/);
});

Deno.test("release() of a waiting request withdraws it (client timeout)", () => {
  const env = new Environment();
  const resource = new Resource(env, 1);
  const log: string[] = [];
  env.process(user(env, resource, "holder", 5, log));
  env.process((function* (): ProcessGenerator {
    const request = resource.request();
    const patience = env.timeout(2);
    const first = yield env.anyOf([request, patience]);
    if (first === patience) {
      resource.release(request);
      log.push(`gave up@${env.now}`);
    }
  })());
  env.process(user(env, resource, "next", 1, log));
  env.run();
  assert.deepEqual(log, ["holder@0", "gave up@2", "next@5"]);
  assert.equal(resource.queueLength, 0);
});

Deno.test("PriorityResource serves lower priority values first, FIFO among equals", () => {
  const env = new Environment();
  const resource = new PriorityResource(env, 1);
  const log: string[] = [];
  const job = (name: string, priority: number): ProcessGenerator =>
    (function* () {
      const request = resource.request(priority);
      yield request;
      log.push(name);
      yield env.timeout(1);
      resource.release(request);
    })();
  env.process(job("first", 5));
  env.process(job("low-a", 3));
  env.process(job("high", 1));
  env.process(job("low-b", 3));
  env.run();
  assert.deepEqual(log, ["first", "high", "low-a", "low-b"]);
});

Deno.test("PreemptiveResource evicts the worst user and interrupts it with Preempted", () => {
  const env = new Environment();
  const resource = new PreemptiveResource(env, 1);
  const log: string[] = [];
  const batch = env.process((function* (): ProcessGenerator {
    const request = resource.request(5);
    yield request;
    try {
      yield env.timeout(10);
      resource.release(request);
    } catch (error) {
      assert.ok(error instanceof Interrupt);
      assert.ok(error.cause instanceof Preempted);
      assert.equal(error.cause.usageSince, 0);
      assert.equal(request.status, REQUEST_PREEMPTED);
      log.push(`batch preempted@${env.now}`);
    }
  })());
  env.process((function* (): ProcessGenerator {
    yield env.timeout(2);
    const request = resource.request(1, true);
    yield request;
    log.push(`urgent@${env.now}`);
    yield env.timeout(1);
    resource.release(request);
  })());
  env.run();
  assert.deepEqual(log, ["batch preempted@2", "urgent@2"]);
  assert.equal(batch.processed, true);
  assert.equal(resource.count, 0);
});

Deno.test("property: a resource never exceeds its capacity; created = finished + in progress", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 }),
      (capacity, seed, capacityChanges) => {
        const env = new Environment();
        const streams = new RandomStreams(seed);
        const arrivals = streams.stream("arrivals").exponential(2);
        const service = streams.stream("service").exponential(1);
        const patience = streams.stream("patience").exponential(0.5);
        const resource = new CheckedResource(env, capacity);
        let created = 0;
        let finished = 0;
        let abandoned = 0;
        let grantedThenAbandoned = 0;
        let decreased = false;
        const check = () => {
          if (!decreased) assert.ok(resource.count <= resource.capacity);
          assert.ok(resource.queueLength >= 0);
        };
        function* customer(): ProcessGenerator {
          const request = resource.request();
          const timeout = env.timeout(patience());
          const first = yield env.anyOf([request, timeout]);
          if (first === timeout) {
            if (request.status === REQUEST_GRANTED) grantedThenAbandoned++;
            resource.release(request);
            abandoned++;
            return;
          }
          timeout.cancel();
          check();
          yield env.timeout(service());
          resource.release(request);
          finished++;
        }
        env.process((function* (): ProcessGenerator {
          for (let i = 0; i < 60; i++) {
            yield env.timeout(arrivals());
            created++;
            env.process(customer());
          }
        })());
        capacityChanges.forEach((c, i) => {
          env.schedule(5 * (i + 1), () => {
            // After a decrease running requests stay; CheckedResource asserts no grant
            // happens while count >= capacity.
            if (c < resource.capacity) decreased = true;
            resource.capacity = c;
            check();
          });
        });
        env.schedule(5 * (capacityChanges.length + 1), () => (resource.capacity = capacity));
        env.run({ until: 20 });
        const inProgress = resource.count + resource.queueLength;
        assert.equal(created, finished + abandoned + inProgress);
        env.run();
        assert.equal(created, finished + abandoned);
        assert.equal(resource.grants, finished + grantedThenAbandoned);
        assert.equal(resource.count, 0);
      },
    ),
    { numRuns: 100, seed: 7 },
  );
});

Deno.test("PriorityResource: a capacity increase grants waiting requests in priority order", () => {
  const env = new Environment();
  const resource = new PriorityResource(env, 0);
  const granted: number[] = [];
  for (const priority of [3, 1, 2, 1, 0]) {
    resource.request(priority).onProcessed(() => granted.push(priority));
  }
  assert.equal(resource.queueLength, 5);
  env.schedule(1, () => (resource.capacity = 3));
  env.schedule(2, () => (resource.capacity = 5));
  env.run();
  assert.deepEqual(granted, [0, 1, 1, 2, 3]);
  assert.throws(() => resource.request(Number.NaN), /priority must be a finite number/);
});

Deno.test("PreemptiveResource: a request made from a callback can preempt; equal priority cannot", () => {
  const env = new Environment();
  const resource = new PreemptiveResource(env, 1);
  const log: string[] = [];
  env.process((function* (): ProcessGenerator {
    const request = resource.request(2);
    yield request;
    try {
      yield env.timeout(10);
    } catch (error) {
      assert.ok(error instanceof Interrupt);
      const cause = error.cause as Preempted;
      log.push(`preempted@${env.now} by ${cause.by === null ? "callback" : "process"}`);
    }
  })());
  env.schedule(1, () => {
    const same = resource.request(2, true); // equal priority: waits
    same.onProcessed(() => log.push(`equal granted@${env.now}`));
  });
  env.schedule(3, () => {
    const urgent = resource.request(0, true);
    urgent.onProcessed(() => {
      log.push(`urgent granted@${env.now}`);
      env.schedule(1, () => resource.release(urgent));
    });
  });
  env.run();
  assert.deepEqual(log, ["preempted@3 by callback", "urgent granted@3", "equal granted@4"]);
});
