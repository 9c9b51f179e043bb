import assert from "node:assert/strict";
import fc from "fast-check";
import {
  arrivalOrderGroups,
  CITIZEN_DENIED_BUDGET,
  CITIZEN_DID_NOT_TRY,
  CITIZEN_FAILED_TECHNICAL,
  CITIZEN_FUNDED,
  citizenOutcome,
  fundingOrderInversions,
  groupFairness,
  OUTCOME_DENIED_BUDGET,
  OUTCOME_FUNDED,
  OUTCOME_NOT_SUBMITTED,
  technicalExclusionShare,
} from "../../sim/model/mod.ts";

Deno.test("group fairness: equal success rates give Jain 1 and Gini 0 whatever the rule", () => {
  // 4 groups of 10, 3 funded in each: every group has rate 0.3
  const groupOf = Int32Array.from({ length: 40 }, (_, i) => i % 4);
  const funded = Uint8Array.from({ length: 40 }, (_, i) => (i < 12 ? 1 : 0));
  const fair = groupFairness(groupOf, funded, 4);
  assert.deepEqual(Array.from(fair.rates), [0.3, 0.3, 0.3, 0.3]);
  assert.equal(fair.jain, 1);
  assert.equal(fair.gini, 0);
});

Deno.test("group fairness: one group taking everything gives Jain 1/n and Gini (n−1)/n", () => {
  const groupOf = Int32Array.from({ length: 40 }, (_, i) => Math.floor(i / 10));
  const funded = Uint8Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
  const fair = groupFairness(groupOf, funded, 4);
  assert.deepEqual(Array.from(fair.rates), [1, 0, 0, 0]);
  assert.equal(fair.jain, 0.25);
  assert.equal(fair.gini, 0.75);
  // empty groups and citizens left out (group −1) are ignored
  const partial = groupFairness([0, 0, -1, 2], [1, 0, 1, 1], 3);
  assert.ok(Number.isNaN(partial.rates[1]));
  assert.deepEqual(Array.from(partial.sizes), [2, 0, 1]);
  assert.ok(Math.abs(partial.jain - (1.5 ** 2) / (2 * 1.25)) < 1e-12);
});

Deno.test("arrival-order deciles split the citizens who arrived into equal groups", () => {
  const times = [5, 1, NaN, 3, 2, 4, Infinity, 0, 7, 6, 9, 8];
  const groups = arrivalOrderGroups(times, 5);
  assert.deepEqual(Array.from(groups), [2, 0, -1, 1, 1, 2, -1, 0, 3, 3, 4, 4]);
});

Deno.test("funding-order inversions match a brute-force count", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), {
        minLength: 2,
        maxLength: 60,
      }),
      (pairs) => {
        const arrival = pairs.map(([a], i) => a + i / 1000); // distinct arrivals
        const funded = pairs.map(([, f]) => f);
        let inverted = 0;
        let total = 0;
        for (let i = 0; i < pairs.length; i++) {
          for (let j = 0; j < pairs.length; j++) {
            if (arrival[i] < arrival[j]) {
              total++;
              if (funded[j] < funded[i]) inverted++;
            }
          }
        }
        assert.ok(Math.abs(fundingOrderInversions(arrival, funded) - inverted / total) < 1e-12);
      },
    ),
    { seed: 4, numRuns: 200 },
  );
});

Deno.test("final outcomes and the share excluded by technical failure", () => {
  assert.equal(citizenOutcome(OUTCOME_FUNDED, true), CITIZEN_FUNDED);
  assert.equal(citizenOutcome(OUTCOME_DENIED_BUDGET, true), CITIZEN_DENIED_BUDGET);
  assert.equal(citizenOutcome(OUTCOME_NOT_SUBMITTED, true), CITIZEN_FAILED_TECHNICAL);
  assert.equal(citizenOutcome(OUTCOME_NOT_SUBMITTED, false), CITIZEN_DID_NOT_TRY);
  const outcomes = [
    CITIZEN_FUNDED,
    CITIZEN_FAILED_TECHNICAL,
    CITIZEN_FAILED_TECHNICAL,
    CITIZEN_DENIED_BUDGET,
  ];
  assert.equal(technicalExclusionShare(outcomes, [1, 1, 0, 1]), 1 / 3);
});
