/**
 * Engine benchmarks: the M/M/1 queue on the fast path and as a bare typed-array heap loop
 * (the "speed of light" reference), M/M/c in the process style, timeouts set and cancelled
 * per request, and a million processes waiting on one resource (memory).
 *
 * @module
 */
import {
  Environment,
  type ProcessGenerator,
  RandomStreams,
  Resource,
  sfc32,
  streamSeed,
} from "../sim/engine/mod.ts";
import { type Benchmark, type BenchResult, RssSampler, secondsSince } from "./benchmark.ts";
import { MinimalHeap } from "./minimal_heap.ts";

const SEED = 20201208;

/** M/M/1 (λ = 0.9/s, μ = 1/s) on the fast path: two callbacks created once, no allocation. */
function mm1Callbacks(customers: number): BenchResult {
  const rss = new RssSampler();
  const env = new Environment();
  const streams = new RandomStreams(SEED);
  const interarrival = streams.stream("arrivals").exponential(0.9);
  const service = streams.stream("service").exponential(1);
  let queued = 0;
  let busy = false;
  let done = 0;
  const departure = (): void => {
    done++;
    if (done === customers) env.stop();
    if (queued > 0) {
      queued--;
      env.schedule(service(), departure);
    } else busy = false;
  };
  const arrival = (): void => {
    env.schedule(interarrival(), arrival);
    if (busy) queued++;
    else {
      busy = true;
      env.schedule(service(), departure);
    }
  };
  const start = performance.now();
  env.schedule(interarrival(), arrival);
  env.run();
  const seconds = secondsSince(start);
  return { events: env.eventsProcessed, customers: done, seconds, peakRssMb: rss.peakMb };
}

/**
 * The same M/M/1 as a bare loop: the bare heap of `minimal_heap.ts` (payload 0 an arrival, 1 a
 * departure), inline exponential draws from the same generator. No engine — the speed of light
 * on this machine.
 */
function mm1MinimalHeap(customers: number): BenchResult {
  const rss = new RssSampler();
  const arrivalSource = sfc32(streamSeed(SEED, "arrivals"));
  const serviceSource = sfc32(streamSeed(SEED, "service"));
  const heap = new MinimalHeap({ capacity: 1024 });
  const start = performance.now();
  let now = 0;
  let queued = 0;
  let busy = false;
  let done = 0;
  let events = 0;
  heap.push(-Math.log1p(-arrivalSource()) / 0.9, 0);
  while (done < customers) {
    now = heap.topTime;
    const kind = heap.topPayload;
    heap.pop();
    events++;
    if (kind === 0) {
      heap.push(now - Math.log1p(-arrivalSource()) / 0.9, 0);
      if (busy) queued++;
      else {
        busy = true;
        heap.push(now - Math.log1p(-serviceSource()), 1);
      }
    } else {
      done++;
      if (queued > 0) {
        queued--;
        heap.push(now - Math.log1p(-serviceSource()), 1);
      } else busy = false;
    }
  }
  const seconds = secondsSince(start);
  return { events, customers: done, seconds, peakRssMb: rss.peakMb };
}

/** M/M/c (c = 50, λ = 47.5/s, μ = 1/s) in the process style: one generator per customer. */
function mmcProcesses(customers: number): BenchResult {
  const rss = new RssSampler();
  const env = new Environment();
  const streams = new RandomStreams(SEED);
  const interarrival = streams.stream("arrivals").exponential(47.5);
  const service = streams.stream("service").exponential(1);
  const servers = new Resource(env, 50);
  let done = 0;
  function* customer(): ProcessGenerator {
    const request = servers.request();
    yield request;
    yield env.timeout(service());
    servers.release(request);
    done++;
  }
  function* source(): ProcessGenerator {
    for (let i = 0; i < customers; i++) {
      yield env.timeout(interarrival());
      env.process(customer());
      if ((i & 0xffff) === 0) rss.sample();
    }
  }
  const start = performance.now();
  env.process(source());
  env.run();
  const seconds = secondsSince(start);
  return { events: env.eventsProcessed, customers: done, seconds, peakRssMb: rss.peakMb };
}

/**
 * Requests with a client timeout (fast path): λ = 100/s, service ~ exp(mean 0.5 s) on
 * unlimited servers, timeout 2 s. Each request schedules its completion and its timeout; the
 * first to fire cancels the other (≈ 98 % of timeouts are cancelled).
 */
function timeouts(requests: number): BenchResult {
  const rss = new RssSampler();
  const env = new Environment();
  const streams = new RandomStreams(SEED);
  const interarrival = streams.stream("arrivals").exponential(100);
  const service = streams.stream("service").exponential(2);
  const completionHandle = new Float64Array(requests);
  const timeoutHandle = new Float64Array(requests);
  let arrived = 0;
  let completed = 0;
  let timedOut = 0;
  const complete = (id: number): void => {
    env.cancel(timeoutHandle[id]);
    completed++;
  };
  const giveUp = (id: number): void => {
    env.cancel(completionHandle[id]);
    timedOut++;
  };
  const arrive = (): void => {
    const id = arrived++;
    completionHandle[id] = env.schedule(service(), complete, id);
    timeoutHandle[id] = env.schedule(2, giveUp, id);
    if (arrived < requests) env.schedule(interarrival(), arrive);
  };
  const start = performance.now();
  env.schedule(interarrival(), arrive);
  env.run();
  const seconds = secondsSince(start);
  if (completed + timedOut !== requests) throw new Error("timeouts bench: requests lost");
  return { events: env.eventsProcessed, customers: requests, seconds, peakRssMb: rss.peakMb };
}

/**
 * The same requests with timeouts in the process style: each request is a process that waits
 * for `anyOf([service done, timeout])` and cancels the loser.
 */
function timeoutsProcesses(requests: number): BenchResult {
  const rss = new RssSampler();
  const env = new Environment();
  const streams = new RandomStreams(SEED);
  const interarrival = streams.stream("arrivals").exponential(100);
  const service = streams.stream("service").exponential(2);
  let completed = 0;
  let timedOut = 0;
  function* request(): ProcessGenerator {
    const done = env.timeout(service());
    const timeout = env.timeout(2);
    if ((yield env.anyOf([done, timeout])) === done) {
      timeout.cancel();
      completed++;
    } else {
      done.cancel();
      timedOut++;
    }
  }
  function* source(): ProcessGenerator {
    for (let i = 0; i < requests; i++) {
      yield env.timeout(interarrival());
      env.process(request());
    }
  }
  const start = performance.now();
  env.process(source());
  env.run();
  const seconds = secondsSince(start);
  if (completed + timedOut !== requests) throw new Error("timeouts bench: requests lost");
  return { events: env.eventsProcessed, customers: requests, seconds, peakRssMb: rss.peakMb };
}

/**
 * One million processes waiting on one resource at once (peak memory): a holder keeps the
 * single unit for 1 s while all processes queue; then each takes the unit for 0 s.
 */
function millionWaiting(processes: number): BenchResult {
  const rss = new RssSampler();
  const env = new Environment();
  const resource = new Resource(env, 1);
  let done = 0;
  function* holder(): ProcessGenerator {
    const request = resource.request();
    yield request;
    yield env.timeout(1);
    resource.release(request);
  }
  function* waiter(): ProcessGenerator {
    const request = resource.request();
    yield request;
    resource.release(request);
    done++;
  }
  const start = performance.now();
  env.process(holder());
  for (let i = 0; i < processes; i++) env.process(waiter());
  env.run({ until: 0.5 });
  rss.sample();
  if (resource.queueLength !== processes) throw new Error("million-waiting: not all queued");
  env.run();
  const seconds = secondsSince(start);
  return { events: env.eventsProcessed, customers: done, seconds, peakRssMb: rss.peakMb };
}

/** The engine benchmarks (see each function's description). */
export const benchmarks: Benchmark[] = [
  {
    name: "reference/mm1-minimal-heap",
    repetitions: 3,
    description: "M/M/1 λ=0.9 μ=1, 2,000,000 customers, bare typed-array heap loop, no engine",
    run: () => mm1MinimalHeap(2_000_000),
  },
  {
    name: "engine/mm1-callbacks",
    repetitions: 3,
    description: "M/M/1 λ=0.9 μ=1, 2,000,000 customers, fast path (schedule + callbacks)",
    run: () => mm1Callbacks(2_000_000),
  },
  {
    name: "engine/mmc-processes",
    repetitions: 3,
    description: "M/M/c c=50 λ=47.5 μ=1, 1,000,000 customers, process style (generators)",
    run: () => mmcProcesses(1_000_000),
  },
  {
    name: "engine/timeouts",
    repetitions: 3,
    description: "1,000,000 requests, each with a 2 s timeout cancelled on completion",
    run: () => timeouts(1_000_000),
  },
  {
    name: "engine/timeouts-processes",
    repetitions: 3,
    description: "1,000,000 request processes, each anyOf(service, 2 s timeout), loser cancelled",
    run: () => timeoutsProcesses(1_000_000),
  },
  {
    name: "engine/million-waiting",
    description: "1,000,000 processes waiting on one resource at once (peak memory)",
    run: () => millionWaiting(1_000_000),
  },
];
