/**
 * Whole-model checks: the same seed gives an identical event trace; a different seed gives a
 * different one; an M/M/1 queue's mean time in system matches 1/(μ−λ) within its
 * batch-means confidence interval, in both modelling styles.
 */
import assert from "node:assert/strict";
import {
  Environment,
  type ProcessGenerator,
  RandomStreams,
  Resource,
} from "../../sim/engine/mod.ts";

/** A small M/M/c model with patience and a timeout, logging (time, kind, id). */
function trace(seed: number): string[] {
  const env = new Environment();
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream("arrivals").exponential(3);
  const service = streams.stream("service").exponential(1);
  const patience = streams.stream("patience").exponential(0.5);
  const servers = new Resource(env, 3);
  const log: string[] = [];
  function* customer(id: number): ProcessGenerator {
    log.push(`${env.now} arrive ${id}`);
    const request = servers.request();
    const timeout = env.timeout(patience());
    if ((yield env.anyOf([request, timeout])) === timeout) {
      servers.release(request);
      log.push(`${env.now} abandon ${id}`);
      return;
    }
    timeout.cancel();
    yield env.timeout(service());
    servers.release(request);
    log.push(`${env.now} done ${id}`);
  }
  env.process((function* (): ProcessGenerator {
    for (let id = 0; id < 300; id++) {
      yield env.timeout(arrivals());
      env.process(customer(id));
    }
  })());
  env.run();
  log.push(`events ${env.eventsProcessed}`);
  return log;
}

Deno.test("same seed ⇒ identical event trace; another seed ⇒ a different one", () => {
  const first = trace(11);
  assert.deepEqual(trace(11), first);
  assert.notDeepEqual(trace(12), first);
});

/** Batch-means 99.9 % half-width from `batches` batch averages (t quantile, 19 d.f.). */
function batchMeans(values: Float64Array, batches: number): [number, number] {
  const size = Math.floor(values.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += values[i];
    means.push(sum / size);
  }
  const mean = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  const tQuantile = 3.883; // t(0.9995, 19)
  return [mean, tQuantile * Math.sqrt(variance / batches)];
}

const LAMBDA = 0.5;
const MU = 1;
const CUSTOMERS = 100_000;

Deno.test("M/M/1 fast path: mean time in system = 1/(μ−λ) within the batch-means CI", () => {
  const env = new Environment();
  const streams = new RandomStreams(77);
  const interarrival = streams.stream("arrivals").exponential(LAMBDA);
  const service = streams.stream("service").exponential(MU);
  const arrivalTimes = new Float64Array(CUSTOMERS);
  const sojourn = new Float64Array(CUSTOMERS);
  let arrived = 0;
  let departed = 0;
  const departure = () => {
    sojourn[departed] = env.now - arrivalTimes[departed];
    departed++;
    if (departed < arrived) env.schedule(service(), departure);
  };
  const arrival = () => {
    arrivalTimes[arrived++] = env.now;
    if (arrived - departed === 1) env.schedule(service(), departure);
    if (arrived < CUSTOMERS) env.schedule(interarrival(), arrival);
  };
  env.schedule(interarrival(), arrival);
  env.run();
  const [mean, halfWidth] = batchMeans(sojourn, 20);
  assert.ok(Math.abs(mean - 1 / (MU - LAMBDA)) < halfWidth, `${mean} ± ${halfWidth}`);
});

Deno.test("M/M/1 process style: mean time in system = 1/(μ−λ) within the batch-means CI", () => {
  const env = new Environment();
  const streams = new RandomStreams(78);
  const interarrival = streams.stream("arrivals").exponential(LAMBDA);
  const service = streams.stream("service").exponential(MU);
  const server = new Resource(env, 1);
  const sojourn = new Float64Array(CUSTOMERS);
  let done = 0;
  function* customer(): ProcessGenerator {
    const arrivedAt = env.now;
    const request = server.request();
    yield request;
    yield env.timeout(service());
    server.release(request);
    sojourn[done++] = env.now - arrivedAt;
  }
  env.process((function* (): ProcessGenerator {
    for (let i = 0; i < CUSTOMERS; i++) {
      yield env.timeout(interarrival());
      env.process(customer());
    }
  })());
  env.run();
  const [mean, halfWidth] = batchMeans(sojourn, 20);
  assert.ok(Math.abs(mean - 1 / (MU - LAMBDA)) < halfWidth, `${mean} ± ${halfWidth}`);
});
