/**
 * Erlang-A (M/M/n+M) on the engine's fast path: a waiting customer abandons after an
 * exponential patience unless service starts first, in which case its abandonment event is
 * cancelled (`Environment.cancel`). The FIFO queue skips customers who have abandoned.
 *
 * @module
 */
import { Environment, RandomStreams } from "../../../sim/engine/mod.ts";
import { type CustomerLog, IndexQueue, OUTCOME_ABANDONED, OUTCOME_SERVED } from "./customer_log.ts";

/** Parameters of one Erlang-A replication. */
export interface AbandonmentQueueOptions {
  /** Poisson arrival rate, per second. */
  arrivalRate: number;
  /** Exponential service rate per server, per second. */
  serviceRate: number;
  /** Number of servers. */
  servers: number;
  /** Exponential abandonment rate θ = 1/mean patience, per second. */
  abandonmentRate: number;
  /** Customers to generate. */
  customers: number;
  /** Seed of this replication. */
  seed: number;
}

const WAITING = 255;

/**
 * Runs one replication into `log`. For abandoning customers `serviceStart` and `departure` are
 * the abandonment time.
 * @param options Model parameters and seed.
 * @param log Customer records to fill.
 */
export function runAbandonmentQueue(options: AbandonmentQueueOptions, log: CustomerLog): void {
  log.reset();
  const env = new Environment();
  const streams = new RandomStreams(options.seed);
  const interarrival = streams.stream("arrivals").exponential(options.arrivalRate);
  const service = streams.stream("service").exponential(options.serviceRate);
  const patience = streams.stream("patience").exponential(options.abandonmentRate);
  const abandonHandle = new Float64Array(log.capacity);
  const queue = new IndexQueue();
  let busy = 0;
  let inSystem = 0;

  const startService = (customer: number): void => {
    log.outcome[customer] = OUTCOME_SERVED;
    log.serviceStart[customer] = env.now;
    env.schedule(service(), depart, customer);
  };
  const depart = (customer: number): void => {
    log.departure[customer] = env.now;
    inSystem--;
    for (;;) {
      const next = queue.shift();
      if (next < 0) {
        busy--;
        return;
      }
      if (log.outcome[next] !== WAITING) continue; // abandoned meanwhile
      env.cancel(abandonHandle[next]);
      startService(next);
      return;
    }
  };
  const abandon = (customer: number): void => {
    inSystem--;
    log.outcome[customer] = OUTCOME_ABANDONED;
    log.serviceStart[customer] = env.now;
    log.departure[customer] = env.now;
  };
  const arrive = (): void => {
    const customer = log.count++;
    log.arrival[customer] = env.now;
    log.seenAtArrival[customer] = inSystem++;
    if (busy < options.servers) {
      busy++;
      startService(customer);
    } else {
      log.outcome[customer] = WAITING;
      abandonHandle[customer] = env.schedule(patience(), abandon, customer);
      queue.push(customer);
    }
    if (log.count < options.customers) env.schedule(interarrival(), arrive);
  };
  env.schedule(interarrival(), arrive);
  env.run();
}
