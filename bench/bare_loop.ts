/**
 * The peak hour as a bare loop: the workload of `model/cashback-peak-hour` stripped to the events
 * of its network, as the least any simulator of it must do on this machine. It reads the same
 * scenario file: the same arrival profile (drawn by thinning), the same journeys (each citizen's
 * operations one after another, each routed through its tiers), the same tiers (servers ×
 * concurrency slots, a FIFO queue with the tier's capacity, the same service-time samplers,
 * the USL slowdown). What it leaves out is everything else the model does: no client behaviour
 * (no timeouts, retries, give-ups or come-backs: a request turned away by a full queue is
 * dropped with its citizen), no think times, no metrics, no mechanisms. One event per arrival
 * and per service completion, on the bare heap of `minimal_heap.ts`.
 *
 * It is a reference, not a model: nothing reads its results but the benchmark runner, which
 * prints the model's cost per event against it (`cost_per_event_vs_baseline`).
 *
 * @module
 */
import { RandomStream, RingQueue, sfc32, streamSeed } from "../sim/engine/mod.ts";
import { loadScenario, resolveDesign } from "../sim/model/mod.ts";
import { distributionSampler } from "../sim/model/distributions.ts";
import { buildArrivalProfile } from "../sim/model/sources/rate_profiles.ts";
import { uslSlowdown } from "../sim/model/tier/usl.ts";
import { type Benchmark, type BenchResult, RssSampler, secondsSince } from "./benchmark.ts";
import { MinimalHeap } from "./minimal_heap.ts";
import { PEAK_HOUR_SCENARIO } from "./model.ts";

/** Payload of the arrival event (requests are 0, 1, 2, …). */
const ARRIVAL = -1;

/** One tier of the bare loop: its slots, its queue and its service-time sampler. */
class BareTier {
  busy = 0;
  /** Requests waiting, first in first out (the engine's ring deque, as the model's tiers use). */
  readonly queue = new RingQueue<number>();

  /**
   * Creates a BareTier.
   *
   * @param options slots (servers × concurrency), queue capacity (requests), servers (for the
   *   USL slowdown), USL coefficients, the service-time sampler (seconds)
   */
  constructor(
    readonly options: {
      slots: number;
      queueCapacity: number;
      servers: number;
      sigma: number;
      kappa: number;
      serviceTime: () => number;
    },
  ) {}

  /** Queues `request` (false when the queue is full). */
  enqueue(request: number): boolean {
    if (this.queue.length >= this.options.queueCapacity) return false;
    this.queue.push(request);
    return true;
  }

  /** A service duration drawn now, slowed by the USL at the current concurrency (seconds). */
  duration(): number {
    const { sigma, kappa, servers, serviceTime } = this.options;
    const base = serviceTime();
    if (sigma === 0 && kappa === 0) return base;
    return base * uslSlowdown(servers > 0 ? this.busy / servers : this.busy, sigma, kappa);
  }
}

/** Runs `seconds` simulated seconds of `file`'s base design as the bare loop. */
export function runBareLoop(file: string, seconds: number): BenchResult {
  const rss = new RssSampler();
  const scenario = resolveDesign(loadScenario(file), "base");
  const horizon = Math.min(seconds, scenario.horizon_seconds);
  const stream = (name: string) => new RandomStream(name, sfc32(streamSeed(scenario.seed, name)));
  const tiers = scenario.service.tiers.map(({ servers, ...tier }) => {
    if (servers === "infinite") throw new RangeError(`bare loop: tier ${tier.name} is infinite`);
    return new BareTier({
      slots: servers * tier.concurrency_per_server,
      queueCapacity: tier.queue.capacity ?? Infinity,
      servers,
      sigma: tier.usl?.sigma ?? 0,
      kappa: tier.usl?.kappa ?? 0,
      serviceTime: distributionSampler(tier.service_time, stream(`service/${tier.name}`)),
    });
  });
  const tierIndex = new Map(scenario.service.tiers.map((tier, i) => [tier.name, i]));
  const routes = scenario.demand.journey.map((step) => {
    if (step.route === undefined) throw new RangeError(`bare loop: ${step.name} has no route`);
    return Int32Array.from(step.route, (name) => tierIndex.get(name)!);
  });
  const arrivalsConfig = scenario.demand.arrivals;
  if (arrivalsConfig.kind === "renewal" || arrivalsConfig.kind === "trace") {
    throw new RangeError(`bare loop: arrivals of kind ${arrivalsConfig.kind} are not drawn here`);
  }
  const profile = buildArrivalProfile(arrivalsConfig);
  const bound = profile.maxRate(0, horizon);
  const arrivals = stream("arrivals").random;

  const requestCapacity = 2 ** 22;
  const operation = new Int32Array(requestCapacity);
  const hop = new Int32Array(requestCapacity);
  const freeRequests = new Int32Array(requestCapacity);
  let freeCount = 0;
  let requestCount = 0;
  // Pending events: one per busy slot, plus the next arrival.
  const heap = new MinimalHeap({ capacity: tiers.reduce((sum, t) => sum + t.options.slots, 1) });
  let now = 0;
  let events = 0;
  let completions = 0;

  /** The next arrival after `t`, by thinning against the run's highest rate. */
  const nextArrival = (t: number): number => {
    for (;;) {
      t -= Math.log(1 - arrivals()) / bound;
      if (arrivals() * bound < profile.rate(t)) return t;
    }
  };
  const enter = (request: number, tier: BareTier): void => {
    if (tier.busy < tier.options.slots) {
      tier.busy++;
      heap.push(now + tier.duration(), request);
    } else if (!tier.enqueue(request)) freeRequests[freeCount++] = request;
  };

  const start = performance.now();
  heap.push(nextArrival(0), ARRIVAL);
  while (heap.size > 0 && heap.topTime <= horizon) {
    now = heap.topTime;
    const request = heap.topPayload;
    heap.pop();
    events++;
    if (request === ARRIVAL) {
      heap.push(nextArrival(now), ARRIVAL);
      if (freeCount === 0 && requestCount === requestCapacity) {
        throw new RangeError(`bare loop: more than ${requestCapacity} requests in the system`);
      }
      const fresh = freeCount > 0 ? freeRequests[--freeCount] : requestCount++;
      operation[fresh] = 0;
      hop[fresh] = 0;
      enter(fresh, tiers[routes[0][0]]);
      continue;
    }
    const route = routes[operation[request]];
    const tier = tiers[route[hop[request]]];
    tier.busy--;
    completions++;
    if (hop[request] + 1 < route.length) enter(request, tiers[route[++hop[request]]]);
    else if (operation[request] + 1 < routes.length) {
      hop[request] = 0;
      enter(request, tiers[routes[++operation[request]][0]]);
    } else freeRequests[freeCount++] = request;
    if (tier.queue.length > 0 && tier.busy < tier.options.slots) enter(tier.queue.shift()!, tier);
  }
  // Customers: service completions, as the model benchmarks count them.
  return { events, customers: completions, seconds: secondsSince(start), peakRssMb: rss.peakMb };
}

/** The bare-loop references. */
export const benchmarks: Benchmark[] = [
  {
    name: "reference/peak-hour-bare-loop",
    description: "model/cashback-peak-hour's arrivals, journeys and tiers as a bare loop: no " +
      "client behaviour, metrics or mechanisms (the least a simulator of it must do)",
    run: () => runBareLoop(PEAK_HOUR_SCENARIO, 3600),
  },
];
