import assert from "node:assert/strict";
import { Environment, RandomStreams } from "../../sim/engine/mod.ts";
import { Autoscaler } from "../../sim/model/mod.ts";
import type { AutoscalerOptions } from "../../sim/model/mod.ts";
import { StandInService } from "./stand_in_service.ts";

const options: AutoscalerOptions = {
  targetUtilisation: 0.5,
  minServers: 1,
  maxServers: 8,
  evaluationIntervalSeconds: 60,
  provisioningDelaySeconds: 300,
  scaleInCooldownSeconds: 600,
};

Deno.test("the autoscaler adds capacity after its provisioning delay and not before", () => {
  const env = new Environment();
  let servers = 2;
  let busyShare = 1; // fraction of servers busy
  const changes: [number, number][] = [];
  const autoscaler = new Autoscaler(env, options, {
    busy: () => busyShare * servers,
    servers: () => servers,
    setServers: (n) => {
      servers = n;
      changes.push([env.now, n]);
    },
  });
  env.run({ until: 359.999 });
  assert.deepEqual(changes, []); // ordered at 60, nothing online before 60 + 300
  assert.equal(autoscaler.firstScaleUpOrderAt, 60);
  assert.equal(autoscaler.pendingServers, 2); // 2 × 1 / 0.5 = 4 wanted
  env.run({ until: 360.001 }); // (run's `until` is exclusive)
  assert.deepEqual(changes, [[360, 4]]);
  // the evaluation at 360 sees 4 of 4 busy: 8 ordered at 360, online at 660
  assert.equal(autoscaler.lastScaleUpOrderAt, 360);
  env.run({ until: 659.999 });
  assert.deepEqual(changes, [[360, 4]]);
  env.run({ until: 660.001 });
  assert.deepEqual(changes, [[360, 4], [660, 8]]); // capped at maxServers
  busyShare = 0; // load gone: scale in to minServers, but only after the cooldown since 660
  env.run({ until: 1259.999 });
  assert.deepEqual(changes.length, 2);
  env.run({ until: 1260.001 });
  assert.deepEqual(changes[2], [1260, 1]);
  assert.equal(autoscaler.scaleUpOrders, 2);
});

Deno.test("the autoscaler clamps to its bounds and rejects bad options", () => {
  const env = new Environment();
  const autoscaler = new Autoscaler(env, options, {
    busy: () => 0,
    servers: () => 1,
    setServers: () => {},
  });
  assert.equal(autoscaler.desiredServers(0, 1), 1);
  assert.equal(autoscaler.desiredServers(100, 100), 8);
  assert.equal(autoscaler.desiredServers(0.7, 2), 2); // 0.7 busy / 0.5 target = 1.4 → 2
  assert.equal(autoscaler.desiredServers(1, 2), 2); // exactly at target: no extra server
  assert.throws(
    () => new Autoscaler(env, { ...options, maxServers: 0 }, autoscaler as never),
    /maxServers must be an integer >= 1, got 0/,
  );
  assert.throws(
    () => new Autoscaler(env, { ...options, targetUtilisation: 1.5 }, autoscaler as never),
    /targetUtilisation must be a number in \[0, 1\], got 1.5/,
  );
});

interface SpikeRun {
  peakQueue: number;
  queueAtArrival: number[];
  arrivalTimes: number[];
  firstOnlineAt: number;
}

/** M/M/2 with a baseline of 0.2 requests/s and a 2-minute spike at 6 requests/s from t = 600. */
function spikeRun(autoscale: boolean, provisioningDelaySeconds: number): SpikeRun {
  const env = new Environment();
  const streams = new RandomStreams(42);
  const service = new StandInService(env, {
    servers: 2,
    serviceRatePerSecond: 1,
    random: streams.stream("service"),
  });
  const arrivals = streams.stream("arrivals");
  const run: SpikeRun = { peakQueue: 0, queueAtArrival: [], arrivalTimes: [], firstOnlineAt: NaN };
  const rateAt = (t: number) => (t >= 600 && t < 720 ? 6 : 0.2);
  let next = 0;
  const arrive = (id: number) => {
    run.arrivalTimes.push(env.now);
    run.queueAtArrival.push(service.queueLength);
    service.offer(id);
    // next arrival: exponential at the current rate, restarted at the spike's edges
    const gap = -Math.log(1 - arrivals.random()) / rateAt(env.now);
    const edge = env.now < 600 ? 600 : env.now < 720 ? 720 : Infinity;
    next = Math.min(env.now + gap, edge);
    if (next < 2400) env.scheduleAt(next, arrive, id + 1);
  };
  env.schedule(0, arrive, 0);
  let autoscaler: Autoscaler | undefined;
  if (autoscale) {
    autoscaler = new Autoscaler(env, {
      targetUtilisation: 0.7,
      minServers: 2,
      maxServers: 20,
      evaluationIntervalSeconds: 30,
      provisioningDelaySeconds,
      scaleInCooldownSeconds: 600,
    }, {
      busy: () => service.averageBusySinceLastCall(),
      servers: () => service.servers(),
      setServers: (n) => service.setServers(n),
    });
  }
  env.run({ until: 2400 });
  run.peakQueue = service.peakQueue;
  run.firstOnlineAt = autoscaler?.firstScaleUpOnlineAt ?? NaN;
  return run;
}

Deno.test("a scale-up decided too late does not help a short spike", () => {
  const without = spikeRun(false, 300);
  const late = spikeRun(true, 300);
  // the autoscaler did react to the spike, but its servers came online after the spike ended
  assert.ok(late.firstOnlineAt >= 720, `first server online at ${late.firstOnlineAt}`);
  // …so everything that happened until then is identical, the peak backlog included
  const cut = late.arrivalTimes.findIndex((t) => t >= late.firstOnlineAt);
  assert.ok(cut > 0);
  assert.deepEqual(late.queueAtArrival.slice(0, cut), without.queueAtArrival.slice(0, cut));
  assert.equal(late.peakQueue, without.peakQueue);
  assert.ok(without.peakQueue > 300, `the spike must build a backlog, got ${without.peakQueue}`);
  // control: the same autoscaler with a 10-second provisioning delay does cut the peak
  const prompt = spikeRun(true, 10);
  assert.ok(
    prompt.peakQueue < without.peakQueue,
    `prompt scaling peak ${prompt.peakQueue} vs ${without.peakQueue}`,
  );
});
