/**
 * The M/M/1 retrial queue with the classical linear retrial policy on the engine's fast path:
 * an arrival that finds the server busy joins the orbit and retries after an exponential time
 * of rate θ, again and again, until it finds the server free. `serviceStart` is the time it
 * leaves the orbit (or arrives, when served at once), so [arrival, serviceStart] is its time
 * in orbit.
 *
 * @module
 */
import { Environment, RandomStreams } from "../../../sim/engine/mod.ts";
import { type CustomerLog, OUTCOME_SERVED } from "./customer_log.ts";

/** Parameters of one retrial-queue replication. */
export interface RetrialQueueOptions {
  /** Primary Poisson arrival rate, per second. */
  arrivalRate: number;
  /** Exponential service rate, per second. */
  serviceRate: number;
  /** Retrial rate of each orbiting customer, per second. */
  retrialRate: number;
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
export function runRetrialQueue(options: RetrialQueueOptions, log: CustomerLog): void {
  log.reset();
  const env = new Environment();
  const streams = new RandomStreams(options.seed);
  const interarrival = streams.stream("arrivals").exponential(options.arrivalRate);
  const service = streams.stream("service").exponential(options.serviceRate);
  const retrialDelay = streams.stream("retrials").exponential(options.retrialRate);
  let serverBusy = false;
  let orbitSize = 0;

  const depart = (customer: number): void => {
    log.departure[customer] = env.now;
    serverBusy = false;
  };
  const retry = (customer: number): void => {
    if (serverBusy) {
      env.schedule(retrialDelay(), retry, customer);
      return;
    }
    orbitSize--;
    startService(customer);
  };
  const startService = (customer: number): void => {
    serverBusy = true;
    log.serviceStart[customer] = env.now;
    env.schedule(service(), depart, customer);
  };
  const arrive = (): void => {
    const customer = log.count++;
    log.arrival[customer] = env.now;
    log.outcome[customer] = OUTCOME_SERVED;
    log.seenAtArrival[customer] = orbitSize;
    if (serverBusy) {
      orbitSize++;
      env.schedule(retrialDelay(), retry, customer);
    } else startService(customer);
    if (log.count < options.customers) env.schedule(interarrival(), arrive);
  };
  env.schedule(interarrival(), arrive);
  env.run();
}
