/**
 * M/M/c in the engine's process-interaction style (SimPy-like generators and a `Resource`), to
 * validate that style beside the fast path. Slower: one generator per customer.
 *
 * @module
 */
import { Environment, type ProcessGenerator, RandomStreams, Resource } from "../../engine/mod.ts";
import { type CustomerLog, OUTCOME_SERVED } from "./customer_log.ts";

/** Parameters of one process-style M/M/c replication. */
export interface ProcessQueueOptions {
  /** Poisson arrival rate, per second. */
  arrivalRate: number;
  /** Exponential service rate per server, per second. */
  serviceRate: number;
  /** Number of servers. */
  servers: number;
  /** Customers to generate. */
  customers: number;
  /** Seed of this replication. */
  seed: number;
}

/**
 * Runs one replication into `log`.
 * @param options Model parameters and seed.
 * @param log Customer records to fill.
 */
export function runProcessQueue(options: ProcessQueueOptions, log: CustomerLog): void {
  log.reset();
  const env = new Environment();
  const streams = new RandomStreams(options.seed);
  const interarrival = streams.stream("arrivals").exponential(options.arrivalRate);
  const service = streams.stream("service").exponential(options.serviceRate);
  const servers = new Resource(env, options.servers);
  let inSystem = 0;

  function* customer(index: number): ProcessGenerator {
    log.arrival[index] = env.now;
    log.outcome[index] = OUTCOME_SERVED;
    log.seenAtArrival[index] = inSystem++;
    const request = servers.request();
    yield request;
    log.serviceStart[index] = env.now;
    yield env.timeout(service());
    servers.release(request);
    log.departure[index] = env.now;
    inSystem--;
  }
  function* source(): ProcessGenerator {
    while (log.count < options.customers) {
      yield env.timeout(interarrival());
      env.process(customer(log.count++));
    }
  }
  env.process(source());
  env.run();
}
