/**
 * Validation cases: simulation against theory. Each case is a function (size, seed) → results
 * (theory + one sample per replication per metric); `size` 1 is the full size `deno task
 * validate` runs, the tests run a fraction of it. Little's law is checked in every case by a
 * time-average level (number in system, queue or orbit, measured over time) against λ·W from
 * theory.
 *
 * @module
 */
import { erlangB, mmckDistribution, mmckMeasures, mmcMeasures } from "../analytic/mod.ts";
import { OUTCOME_BLOCKED, OUTCOME_SERVED } from "./engine_models/customer_log.ts";
import type { CustomerLog } from "./engine_models/customer_log.ts";
import { runMultiServerQueue } from "./engine_models/multi_server_queue.ts";
import { runProcessQueue } from "./engine_models/process_queue.ts";
import {
  type CaseResult,
  type MetricDefinition,
  replicate,
  replicatedCase,
  scaledCustomers,
  type ValidationCase,
} from "./replicate.ts";
import type { RandomStreams } from "../engine/mod.ts";

const meanSojourn = (log: CustomerLog, first: number) =>
  log.meanFrom(log.sojourns(), first, OUTCOME_SERVED);
const meanWait = (log: CustomerLog, first: number) =>
  log.meanFrom(log.waits(), first, OUTCOME_SERVED);
const numberInSystem = (log: CustomerLog, first: number) =>
  log.timeAverage(log.arrival, log.departure, first);
const waitFraction = (log: CustomerLog, first: number) =>
  log.fractionFrom(
    first,
    (i) => log.outcome[i] !== OUTCOME_BLOCKED && log.serviceStart[i] > log.arrival[i],
  );

/**
 * Draws the number in an M/M/c system from its exact stationary distribution (M/M/c/K with K
 * large enough that the truncated tail is below 1e-15), for a replication that starts in
 * steady state and needs no warm-up deletion.
 */
function stationaryStart(
  arrivalRate: number,
  servers: number,
): (streams: RandomStreams) => number {
  const utilisation = arrivalRate / servers;
  const tail = Math.ceil(Math.log(1e-15) / Math.log(utilisation));
  const distribution = mmckDistribution(arrivalRate, 1, servers, servers + tail);
  return (streams) => {
    const u = streams.stream("initial-state").random();
    let cumulative = 0;
    for (let n = 0; n < distribution.length; n++) {
      cumulative += distribution[n];
      if (u < cumulative) return n;
    }
    return distribution.length - 1;
  };
}

/**
 * M/M/c (c = 1 is M/M/1) started in steady state (no warm-up to delete, hence no MSER bias
 * on these slowly mixing queues): W, P(wait), L = λW, and Wq when asked (for
 * many servers Wq is a small, very noisy number: P(wait) carries the same Erlang C check, since
 * Wq = P(wait)/(cμ − λ)). With 1,000 servers even P(wait) is out of reach: the all-busy
 * indicator relaxes on the scale of a service time while 1,000 customers arrive per service
 * time, and a pilot run (20 × 200,000 customers, ρ = 0.98) gave a 15.7% relative half-width,
 * so 2% would need about 400 M customers; that case checks W and L = λW, whose queueing part
 * (W − 1/μ ≈ 6% of W at ρ = 0.99) is still resolved.
 */
function markovianCase(
  name: string,
  arrivalRate: number,
  servers: number,
  customersAtFullSize: number,
  includeMeanWait: boolean,
  includeWaitProbability = true,
): ValidationCase {
  const theory = mmcMeasures(arrivalRate, 1, servers);
  const initialState = stationaryStart(arrivalRate, servers);
  const metrics: MetricDefinition[] = [
    ...(includeMeanWait
      ? [{ metric: "mean wait Wq (s)", theory: theory.meanWait, estimate: meanWait }]
      : []),
    { metric: "mean sojourn W (s)", theory: theory.meanSojourn, estimate: meanSojourn },
    ...(includeWaitProbability
      ? [{ metric: "P(wait)", theory: theory.probabilityOfWait, estimate: waitFraction }]
      : []),
    {
      metric: "time-avg L vs λW (Little)",
      theory: arrivalRate * theory.meanSojourn,
      estimate: numberInSystem,
    },
  ];
  return {
    name,
    customersAtFullSize,
    run: (size, seed) =>
      replicate(
        name,
        scaledCustomers(customersAtFullSize, size),
        seed,
        (replicationSeed, log) =>
          runMultiServerQueue({
            arrivalRate,
            servers,
            capacity: Infinity,
            serviceSampler: exponentialService(1),
            customers: log.capacity,
            seed: replicationSeed,
            initialNumberInSystem: initialState,
          }, log),
        metrics,
        null,
      ),
  };
}

function exponentialService(rate: number): (streams: RandomStreams) => () => number {
  return (streams) => streams.stream("service").exponential(rate);
}

/** M/M/c/K (and M/M/c/c = Erlang B): blocking, W of accepted customers, L = λ_eff·W. */
function finiteCapacityCase(
  name: string,
  arrivalRate: number,
  servers: number,
  capacity: number,
  customersAtFullSize: number,
): ValidationCase {
  const theory = mmckMeasures(arrivalRate, 1, servers, capacity);
  const blocking = servers === capacity
    ? erlangB(servers, arrivalRate)
    : theory.blockingProbability;
  const metrics: MetricDefinition[] = [
    {
      metric: servers === capacity ? "blocking (Erlang B)" : "blocking P(K)",
      theory: blocking,
      estimate: (log, first) => log.fractionFrom(first, (i) => log.outcome[i] === OUTCOME_BLOCKED),
    },
    { metric: "mean sojourn W (s)", theory: theory.meanSojourn, estimate: meanSojourn },
    {
      metric: "time-avg L vs λ_eff·W (Little)",
      theory: theory.effectiveArrivalRate * theory.meanSojourn,
      estimate: numberInSystem,
    },
  ];
  return replicatedCase(
    name,
    customersAtFullSize,
    metrics,
    (replicationSeed, log) =>
      runMultiServerQueue({
        arrivalRate,
        servers,
        capacity,
        serviceSampler: exponentialService(1),
        customers: log.capacity,
        seed: replicationSeed,
      }, log),
  );
}

function processStyleCase(customersAtFullSize: number): ValidationCase {
  const name = "M/M/2 rho=0.5 (process style)";
  const theory = mmcMeasures(1, 1, 2);
  const metrics: MetricDefinition[] = [
    { metric: "mean sojourn W (s)", theory: theory.meanSojourn, estimate: meanSojourn },
    { metric: "P(wait)", theory: theory.probabilityOfWait, estimate: waitFraction },
    {
      metric: "time-avg L vs λW (Little)",
      theory: theory.meanNumberInSystem,
      estimate: numberInSystem,
    },
  ];
  return replicatedCase(
    name,
    customersAtFullSize,
    metrics,
    (replicationSeed, log) =>
      runProcessQueue({
        arrivalRate: 1,
        serviceRate: 1,
        servers: 2,
        customers: log.capacity,
        seed: replicationSeed,
      }, log),
  );
}

/**
 * All engine checks, in table order. Models the scenario cases also cover with the same theory
 * (M/M/1000, Erlang B, M/D/1, M/G/1, Erlang-A, the retrial queue, Jackson networks: see
 * `scenario_cases.ts`) are checked there, through the model; these stay because they test the
 * engine itself: its event path at several c and loads up to 0.95 with replications started in
 * the exact stationary distribution or cut by MSER-5, blocking at a finite capacity, and the
 * SimPy-style process path.
 */
export const VALIDATION_CASES: readonly ValidationCase[] = [
  markovianCase("M/M/1 rho=0.5", 0.5, 1, 200_000, true),
  markovianCase("M/M/1 rho=0.9", 0.9, 1, 2_600_000, true),
  markovianCase("M/M/2 rho=0.8", 1.6, 2, 800_000, true),
  markovianCase("M/M/10 rho=0.9", 9, 10, 500_000, false),
  markovianCase("M/M/100 rho=0.95", 95, 100, 2_400_000, false),
  finiteCapacityCase("M/M/5/10 rho=1", 5, 5, 10, 200_000),
  processStyleCase(50_000),
];

/**
 * Runs every case at a size.
 * @param size Fraction of the full size (1 = full).
 * @param seed Base seed.
 * @returns All results.
 */
export function runAllCases(size: number, seed: number): CaseResult[] {
  return VALIDATION_CASES.flatMap((c) => c.run(size, seed));
}
