import assert from "node:assert/strict";
import { chiSquaredDistributionTable } from "simple-statistics";
import { Environment, RandomStreams } from "../../sim/engine/mod.ts";
import {
  Allocation,
  Budget,
  OUTCOME_DENIED_BUDGET,
  OUTCOME_DENIED_CLOSED,
  OUTCOME_FUNDED,
  OUTCOME_NOT_SUBMITTED,
  OUTCOME_PENDING,
} from "../../sim/model/mod.ts";
import type { AllocationOptions } from "../../sim/model/mod.ts";

function allocation(
  totalEuro: number,
  options: Omit<AllocationOptions, "budget" | "citizens"> & { citizens?: number },
): Allocation {
  const env = new Environment();
  return new Allocation({ citizens: 100, ...options, budget: new Budget(env, { totalEuro }) });
}

Deno.test("FCFS funds applications in submission order until the budget runs out", () => {
  const fcfs = allocation(1000, { rule: "fcfs" });
  const order = [7, 3, 9, 1, 5, 2];
  const results = order.map((id, k) => fcfs.submit(id, k, 200));
  const F = OUTCOME_FUNDED;
  assert.deepEqual(results, [F, F, F, F, F, OUTCOME_DENIED_BUDGET]);
  assert.equal(fcfs.outcome(2), OUTCOME_DENIED_BUDGET);
  assert.equal(fcfs.outcome(0), OUTCOME_NOT_SUBMITTED);
  assert.equal(fcfs.budget.exhaustedAt, 4);
  assert.equal(fcfs.submit(7, 10, 200), OUTCOME_FUNDED); // a duplicate changes nothing
  assert.equal(fcfs.fundedCount, 5);
});

Deno.test("a lottery funds exactly floor(budget ÷ amount) winners, decided at the close", () => {
  for (const [budget, amount, applicants] of [[10_000, 200, 80], [10_050, 150, 30], [5, 10, 4]]) {
    const lottery = allocation(budget, {
      rule: "lottery",
      random: new RandomStreams(9).stream("lottery"),
    });
    for (let id = 0; id < applicants; id++) {
      assert.equal(lottery.submit(id, id, amount), OUTCOME_PENDING);
    }
    lottery.close(1000);
    const winners = Math.min(applicants, Math.floor(budget / amount));
    assert.equal(lottery.fundedCount, winners);
    assert.equal(lottery.deniedCount, applicants - winners);
    // too late to enter the draw, whatever money is left: not a budget denial
    assert.equal(lottery.submit(99, 1001, amount), OUTCOME_DENIED_CLOSED);
    assert.equal(lottery.deniedCount, applicants - winners);
    assert.equal(lottery.lateCount, 1);
  }
});

Deno.test("a lottery picks its winners uniformly at random (chi-square)", () => {
  // n applicants, k winners, R draws. Each applicant's win count has variance R p (1 − p) and
  // counts are negatively correlated (exactly k winners per draw), so the statistic
  // X = Σ (O − Rp)² (n − 1) / (R p (1 − p) n) is χ² with n − 1 degrees of freedom.
  const n = 20;
  const k = 5;
  const draws = 2000;
  const wins = new Float64Array(n);
  const streams = new RandomStreams(2026);
  const random = streams.stream("lottery");
  for (let r = 0; r < draws; r++) {
    const lottery = allocation(k * 100, { rule: "lottery", random });
    for (let id = 0; id < n; id++) lottery.submit(id, id, 100);
    lottery.close(n);
    for (let id = 0; id < n; id++) if (lottery.outcome(id) === OUTCOME_FUNDED) wins[id]++;
  }
  const p = k / n;
  let statistic = 0;
  for (const observed of wins) statistic += (observed - draws * p) ** 2;
  statistic *= (n - 1) / (draws * p * (1 - p) * n);
  const critical = chiSquaredDistributionTable[19][0.005]; // df = n − 1 = 19
  assert.ok(statistic < critical, `χ² = ${statistic} ≥ ${critical} (df ${n - 1}, α 0.005)`);
  // and it is not degenerate: the first arrivals do not always win
  assert.ok(wins[0] < draws);
});

Deno.test("a ranking funds the highest scores first, ties by earlier submission", () => {
  const ranking = allocation(200, { rule: "ranking" });
  // scores: −ISEE (lowest ISEE first), as bonus psicologo
  ranking.submit(0, 5, 100, -20_000);
  ranking.submit(1, 1, 100, -8_000);
  ranking.submit(2, 3, 100, -15_000);
  ranking.submit(3, 2, 100, -15_000);
  ranking.submit(4, 0, 100, -30_000);
  ranking.close(10);
  const funded = [0, 1, 2, 3, 4].filter((id) => ranking.outcome(id) === OUTCOME_FUNDED);
  assert.deepEqual(funded, [1, 3]); // −8,000 first; then 3 beats 2 (same score, earlier)
});

Deno.test("staggered shares: each cohort draws only on its share; unspent shares roll over", () => {
  const cohortOf = Int32Array.from({ length: 100 }, (_, id) => id % 2);
  const staggered = allocation(1000, { rule: "staggered-shares", cohortOf, shares: [0.4, 0.6] });
  // cohort 0 (even ids) may spend 400: two grants of 200
  assert.equal(staggered.submit(0, 1, 200), OUTCOME_FUNDED);
  assert.equal(staggered.submit(2, 2, 200), OUTCOME_FUNDED);
  assert.equal(staggered.submit(4, 3, 200), OUTCOME_DENIED_BUDGET);
  assert.equal(staggered.shareExhaustedAt(0), 3);
  // cohort 1 spends 200 of 600, then its window closes and 400 passes on… to nobody (last)
  assert.equal(staggered.submit(1, 4, 200), OUTCOME_FUNDED);
  const rolled = allocation(1000, { rule: "staggered-shares", cohortOf, shares: [0.5, 0.5] });
  assert.equal(rolled.submit(0, 1, 300), OUTCOME_FUNDED);
  rolled.closeCohort(0, 2); // 200 unspent moves to cohort 1: it may now spend 700
  assert.equal(rolled.submit(1, 3, 400), OUTCOME_FUNDED);
  assert.equal(rolled.submit(3, 4, 300), OUTCOME_FUNDED);
  assert.equal(rolled.budget.remaining, 0);
  // after its window closed a cohort's applications are too late, not denied for budget,
  // whether or not its unspent share rolled over
  assert.equal(rolled.submit(2, 5, 100), OUTCOME_DENIED_CLOSED);
  const kept = allocation(1000, { rule: "staggered-shares", cohortOf, shares: [0.5, 0.5] });
  kept.closeCohort(0, 2, 1, false);
  assert.equal(kept.submit(0, 3, 100), OUTCOME_DENIED_CLOSED);
  assert.equal(kept.submit(1, 3, 500), OUTCOME_FUNDED, "cohort 1 keeps only its own share");
  assert.equal(kept.submit(3, 4, 100), OUTCOME_DENIED_BUDGET);
  assert.equal(kept.lateCount, 1);
  assert.throws(
    () => allocation(10, { rule: "staggered-shares", cohortOf, shares: [0.7, 0.7] }),
    /shares must sum to at most 1, got 1.4/,
  );
  assert.throws(() => allocation(10, { rule: "raffle" as "fcfs" }), /rule must be one of/);
});
