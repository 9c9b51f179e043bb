import assert from "node:assert/strict";
import fc from "fast-check";
import { Environment, RandomStreams } from "../../sim/engine/mod.ts";
import { Budget, grantAmountSampler } from "../../sim/model/mod.ts";

Deno.test("a budget funds until it runs out and records when", () => {
  const env = new Environment();
  const budget = new Budget(env, { totalEuro: 1000, minimumGrantEuro: 200 });
  const results = [0, 1, 2, 3, 4, 5].map((id) => budget.tryFund(id, 200, id * 10));
  assert.deepEqual(results, [true, true, true, true, true, false]);
  assert.equal(budget.remaining, 0);
  assert.equal(budget.exhaustedAt, 40); // the fifth grant emptied it
  assert.equal(budget.funded, 5);
  assert.equal(budget.denied, 1);
});

Deno.test("the first denial marks exhaustion when grants vary", () => {
  const env = new Environment();
  const budget = new Budget(env, { totalEuro: 500 });
  assert.equal(budget.tryFund(0, 300, 1), true);
  assert.equal(budget.exhausted, false);
  assert.equal(budget.tryFund(1, 250, 2), false); // 200 left: not enough
  assert.equal(budget.exhaustedAt, 2);
  assert.equal(budget.tryFund(2, 150, 3), true); // a smaller grant still fits
  assert.equal(budget.remaining, 50);
});

Deno.test("a budget never pays out more than it holds and leaves no rounding residue", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000_000 }),
      fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 300 }),
      (totalCents, grantsCents) => {
        const env = new Environment();
        const budget = new Budget(env, { totalEuro: totalCents / 100 });
        let paidCents = 0;
        for (const cents of grantsCents) {
          if (budget.tryFund(0, cents / 100, 0)) paidCents += cents;
        }
        assert.ok(paidCents <= totalCents);
        assert.equal(Math.round(budget.remaining * 100), totalCents - paidCents);
      },
    ),
    { seed: 3, numRuns: 200 },
  );
});

Deno.test("grant samplers: fixed, uniform within bounds, capped share never above the cap", () => {
  const random = new RandomStreams(5).stream("grants");
  assert.equal(grantAmountSampler({ kind: "fixed", euro: 200 })(), 200);
  const uniform = grantAmountSampler({ kind: "uniform", minEuro: 50, maxEuro: 150 }, random);
  const capped = grantAmountSampler({
    kind: "capped-share",
    share: 0.6,
    capEuro: 500,
    medianSpendEuro: 600,
    spendLogSd: 0.8,
  }, random);
  let atCap = 0;
  for (let i = 0; i < 2000; i++) {
    const u = uniform();
    assert.ok(u >= 50 && u <= 150);
    const c = capped();
    assert.ok(c > 0 && c <= 500);
    if (c === 500) atCap++;
  }
  assert.ok(atCap > 0 && atCap < 2000);
  assert.throws(() => grantAmountSampler({ kind: "uniform", minEuro: 1, maxEuro: 2 }), /random/);
  assert.throws(() => new Budget(new Environment(), { totalEuro: -5 }), /totalEuro.*-5/);
});
