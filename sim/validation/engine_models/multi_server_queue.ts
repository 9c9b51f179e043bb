/**
 * M/G/c/K on the engine's fast path: Poisson arrivals, c FIFO servers with a general service
 * sampler, room for K customers in total (Infinity for an unlimited queue). Covers M/M/1,
 * M/M/c, M/M/c/K, M/M/c/c (Erlang B), M/D/1 and M/G/1.
 *
 * @module
 */
import { Environment, RandomStreams } from "../../engine/mod.ts";
import {
  type CustomerLog,
  IndexQueue,
  OUTCOME_BLOCKED,
  OUTCOME_INITIAL,
  OUTCOME_SERVED,
} from "./customer_log.ts";

/** Parameters of one M/G/c/K replication. */
export interface MultiServerQueueOptions {
  /** Poisson arrival rate, per second. */
  arrivalRate: number;
  /** Number of servers. */
  servers: number;
  /** Total places including those in service (Infinity: unlimited). */
  capacity: number;
  /** Builds the service-time sampler (seconds) from the replication's streams. */
  serviceSampler: (streams: RandomStreams) => () => number;
  /** Customers to generate. */
  customers: number;
  /** Seed of this replication. */
  seed: number;
  /**
   * Optional stationary start: draws the number present at time 0 (only exact with exponential
   * service, whose residual is again exponential). Those customers are logged with
   * {@link OUTCOME_INITIAL}.
   */
  initialNumberInSystem?: (streams: RandomStreams) => number;
}

/**
 * Runs one replication into `log` (reset first). Arrivals stop after `customers`; the system
 * then drains so every accepted customer has a departure time.
 * @param options Model parameters and seed.
 * @param log Customer records to fill.
 */
export function runMultiServerQueue(options: MultiServerQueueOptions, log: CustomerLog): void {
  log.reset();
  const env = new Environment();
  const streams = new RandomStreams(options.seed);
  const interarrival = streams.stream("arrivals").exponential(options.arrivalRate);
  const service = options.serviceSampler(streams);
  const queue = new IndexQueue();
  let inSystem = 0;
  let busy = 0;

  const depart = (customer: number): void => {
    log.departure[customer] = env.now;
    inSystem--;
    const next = queue.shift();
    if (next < 0) {
      busy--;
      return;
    }
    log.serviceStart[next] = env.now;
    env.schedule(service(), depart, next);
  };
  const arrive = (): void => {
    const customer = log.count++;
    log.arrival[customer] = env.now;
    log.seenAtArrival[customer] = inSystem;
    if (inSystem >= options.capacity) {
      log.outcome[customer] = OUTCOME_BLOCKED;
      log.serviceStart[customer] = env.now;
      log.departure[customer] = env.now;
    } else {
      log.outcome[customer] = OUTCOME_SERVED;
      inSystem++;
      if (busy < options.servers) {
        busy++;
        log.serviceStart[customer] = env.now;
        env.schedule(service(), depart, customer);
      } else queue.push(customer);
    }
    if (log.count < options.customers) env.schedule(interarrival(), arrive);
  };
  const initial = options.initialNumberInSystem?.(streams) ?? 0;
  for (let k = 0; k < initial; k++) {
    const customer = log.count++;
    log.arrival[customer] = 0;
    log.seenAtArrival[customer] = inSystem++;
    log.outcome[customer] = OUTCOME_INITIAL;
    if (busy < options.servers) {
      busy++;
      log.serviceStart[customer] = 0;
      env.schedule(service(), depart, customer);
    } else queue.push(customer);
  }
  env.schedule(interarrival(), arrive);
  env.run();
}
