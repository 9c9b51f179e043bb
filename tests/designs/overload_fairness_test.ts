/**
 * Who gets the bonus under overload: citizens with a persistence trait (how fast they retry)
 * against a saturated single-server stand-in service on the engine fast path (to be replaced
 * by the click-day model when it is ready). First come first served then funds citizens in
 * an order that differs from their arrival order and favours the persistent; a lottery over a
 * registration window does not depend on persistence. Without overload FCFS funds exactly the
 * earliest arrivals.
 */
import assert from "node:assert/strict";
import { Environment, RandomStreams } from "../../sim/engine/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";
import {
  Allocation,
  Budget,
  fundingOrderInversions,
  groupSuccessRates,
  OUTCOME_FUNDED,
} from "../../sim/model/mod.ts";
import { StandInService } from "./stand_in_service.ts";

const CITIZENS = 1200;
const GRANT_EURO = 100;
const FUNDED_CITIZENS = 300;
const PERSISTENT = 0; // group: retries after 2 s on average
const CASUAL = 1; // group: retries after 30 s on average

interface ClickDay {
  arrivalTimes: Float64Array;
  persistence: Int32Array;
  fcfs: Allocation;
  lottery: Allocation;
}

/**
 * Citizens arrive uniformly over `arrivalSpreadSeconds`; each attempt is rejected when the
 * queue (20 places, one server at 10 requests/s) is full, and the citizen retries after an
 * exponential delay with the mean of their persistence class, until the application goes
 * through. Both rules see the same submissions (common random numbers).
 */
function clickDay(seed: number, arrivalSpreadSeconds: number): ClickDay {
  const env = new Environment();
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream("arrivals").uniform(0, arrivalSpreadSeconds);
  const retryPersistent = streams.stream("retries-persistent").exponential(1 / 2);
  const retryCasual = streams.stream("retries-casual").exponential(1 / 30);
  const arrivalTimes = new Float64Array(CITIZENS);
  const persistence = Int32Array.from({ length: CITIZENS }, (_, id) => id % 2);
  const budget = () => new Budget(env, { totalEuro: FUNDED_CITIZENS * GRANT_EURO });
  const fcfs = new Allocation({ rule: "fcfs", citizens: CITIZENS, budget: budget() });
  const lottery = new Allocation({
    rule: "lottery",
    citizens: CITIZENS,
    budget: budget(),
    random: streams.stream("lottery"),
  });
  const service = new StandInService(env, {
    servers: 1,
    serviceRatePerSecond: 10,
    queueCapacity: 20,
    random: streams.stream("service"),
    onComplete: (id, now) => {
      fcfs.submit(id, now, GRANT_EURO);
      lottery.submit(id, now, GRANT_EURO);
    },
  });
  const attempt = (id: number) => {
    if (!service.offer(id)) {
      env.schedule(persistence[id] === PERSISTENT ? retryPersistent() : retryCasual(), attempt, id);
    }
  };
  for (let id = 0; id < CITIZENS; id++) {
    arrivalTimes[id] = arrivals();
    env.scheduleAt(arrivalTimes[id], attempt, id);
  }
  env.run();
  lottery.close(env.now); // the registration window closes once everyone got through
  return { arrivalTimes, persistence, fcfs, lottery };
}

function fundedMask(allocation: Allocation): Uint8Array {
  return allocation.outcomes.map((outcome) => (outcome === OUTCOME_FUNDED ? 1 : 0));
}

function persistenceGap(day: ClickDay, allocation: Allocation): number {
  const { rates } = groupSuccessRates(day.persistence, fundedMask(allocation), 2);
  return rates[PERSISTENT] - rates[CASUAL];
}

Deno.test("under overload FCFS departs from arrival order and favours persistence; a lottery does not", () => {
  const replications = 8;
  const fcfsGap: number[] = [];
  const lotteryGap: number[] = [];
  const inversions: number[] = [];
  for (let r = 0; r < replications; r++) {
    const day = clickDay(100 + r, 30); // 1,200 citizens in 30 s against 10 requests/s
    assert.equal(day.fcfs.fundedCount, FUNDED_CITIZENS);
    assert.equal(day.lottery.fundedCount, FUNDED_CITIZENS);
    fcfsGap.push(persistenceGap(day, day.fcfs));
    lotteryGap.push(persistenceGap(day, day.lottery));
    const fundedAt = day.arrivalTimes.map((_, id) =>
      day.fcfs.outcome(id) === OUTCOME_FUNDED ? day.fcfs.decidedAt(id) : NaN
    );
    inversions.push(fundingOrderInversions(day.arrivalTimes, fundedAt));
  }
  const fcfs = meanConfidenceInterval(fcfsGap, 0.99);
  const lottery = meanConfidenceInterval(lotteryGap, 0.99);
  const disorder = meanConfidenceInterval(inversions, 0.99);
  assert.ok(disorder.low > 0, `FCFS order must differ from arrival order: ${disorder.mean}`);
  assert.ok(fcfs.low > 0, `FCFS must favour the persistent: gap ${fcfs.low}…${fcfs.high}`);
  assert.ok(
    lottery.low <= 0 && lottery.high >= 0,
    `a lottery must not depend on persistence: gap ${lottery.low}…${lottery.high}`,
  );
  assert.ok(fcfs.low > lottery.high, "FCFS favours persistence more than the lottery");
});

Deno.test("without overload FCFS funds exactly the earliest arrivals, in arrival order", () => {
  const day = clickDay(7, 1200); // 1 citizen/s against 10 requests/s: nobody is rejected
  const earliest = Array.from(day.arrivalTimes.keys())
    .sort((a, b) => day.arrivalTimes[a] - day.arrivalTimes[b])
    .slice(0, FUNDED_CITIZENS)
    .sort((a, b) => a - b);
  const funded = Array.from(fundedMask(day.fcfs).keys()).filter((id) =>
    day.fcfs.outcome(id) === OUTCOME_FUNDED
  );
  assert.deepEqual(funded, earliest);
  const fundedAt = day.arrivalTimes.map((_, id) =>
    day.fcfs.outcome(id) === OUTCOME_FUNDED ? day.fcfs.decidedAt(id) : NaN
  );
  assert.equal(fundingOrderInversions(day.arrivalTimes, fundedAt), 0);
});
