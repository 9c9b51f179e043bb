/**
 * An open Jackson network on the engine's fast path: Poisson external arrivals per station,
 * M/M/c FIFO stations, Markovian routing after each service. The customer log records entry
 * into and exit from the network; per-station busy time is accumulated for utilisation.
 *
 * @module
 */
import { Environment, RandomStreams } from "../../../sim/engine/mod.ts";
import { type CustomerLog, IndexQueue, OUTCOME_SERVED } from "./customer_log.ts";

/** Parameters of one Jackson-network replication. */
export interface JacksonNetworkOptions {
  /** External arrival rate into each station, per second. */
  externalArrivalRates: readonly number[];
  /** Service rate per server at each station, per second. */
  serviceRates: readonly number[];
  /** Servers at each station. */
  servers: readonly number[];
  /** routing[i][j]: probability of going to j after service at i (rest leaves). */
  routing: readonly (readonly number[])[];
  /** Customers to generate (over all entry stations). */
  customers: number;
  /** Seed of this replication. */
  seed: number;
}

/**
 * Runs one replication into `log`: `arrival` is entry into the network, `departure` the exit;
 * `serviceStart` is unused (set to the exit time).
 * @param options Model parameters and seed.
 * @param log Customer records to fill.
 */
export function runJacksonNetwork(options: JacksonNetworkOptions, log: CustomerLog): void {
  log.reset();
  const stations = options.serviceRates.length;
  const env = new Environment();
  const streams = new RandomStreams(options.seed);
  const totalExternal = options.externalArrivalRates.reduce((s, r) => s + r, 0);
  const interarrival = streams.stream("arrivals").exponential(totalExternal);
  const entryChoice = streams.stream("entry").discrete(
    options.externalArrivalRates.map((_, i) => i),
    [...options.externalArrivalRates],
  );
  const routingUniform = streams.stream("routing").random;
  const services = options.serviceRates.map((rate, i) =>
    streams.stream(`service-${i}`).exponential(rate)
  );
  const queues = options.serviceRates.map(() => new IndexQueue());
  const busy = new Int32Array(stations);
  const station = new Int32Array(log.capacity);
  let inNetwork = 0;
  const departureCallbacks = options.serviceRates.map((_, i) => (customer: number) =>
    complete(i, customer)
  );

  const join = (target: number, customer: number): void => {
    station[customer] = target;
    if (busy[target] < options.servers[target]) {
      busy[target]++;
      env.schedule(services[target](), departureCallbacks[target], customer);
    } else queues[target].push(customer);
  };
  const complete = (at: number, customer: number): void => {
    const next = queues[at].shift();
    if (next < 0) busy[at]--;
    else env.schedule(services[at](), departureCallbacks[at], next);
    const u = routingUniform();
    let cumulative = 0;
    const row = options.routing[at];
    for (let j = 0; j < stations; j++) {
      cumulative += row[j];
      if (u < cumulative) {
        join(j, customer);
        return;
      }
    }
    log.departure[customer] = env.now;
    log.serviceStart[customer] = env.now;
    inNetwork--;
  };
  const arrive = (): void => {
    const customer = log.count++;
    log.arrival[customer] = env.now;
    log.outcome[customer] = OUTCOME_SERVED;
    log.seenAtArrival[customer] = inNetwork++;
    join(entryChoice(), customer);
    if (log.count < options.customers) env.schedule(interarrival(), arrive);
  };
  env.schedule(interarrival(), arrive);
  env.run();
}
