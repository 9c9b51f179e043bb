/**
 * The metastability cases (`metastability_cases.ts`): each spike scenario runs through the
 * experiment layer and the verdict from its post-surge goodput interval must match what the
 * retry-storm criterion predicts; the FIFO case and its mechanism variants differ only in the
 * mechanism, so the mechanism is what cures the collapse.
 */
import assert from "node:assert/strict";
import { loadScenario, resolveDesign } from "../../sim/model/mod.ts";
import {
  METASTABILITY_CASES,
  metastabilityPrediction,
  metastabilityTable,
  runMetastabilityCase,
  verdictOf,
} from "../../sim/validation/metastability_cases.ts";

const root = new URL("../../", import.meta.url);
const raw = (name: string) =>
  JSON.parse(Deno.readTextFileSync(new URL(`data/validation/${name}.json`, root)));

for (const metastabilityCase of METASTABILITY_CASES) {
  Deno.test(`metastability: ${metastabilityCase.name} — ${metastabilityCase.title}`, async () => {
    const row = await runMetastabilityCase(metastabilityCase);
    assert.ok(row.pass, `verdict differs from the prediction:\n${metastabilityTable([row])}`);
    if (row.verdict === "stays degraded") {
      // Collapsed: every attempt times out, R + 1 of them per request, the orbit stays full.
      const attempts = row.prediction.retriesPerFailure + 1;
      assert.ok(row.timeoutsPerRequest.low > 0.9 * attempts, metastabilityTable([row]));
      assert.ok(row.orbit.low > 0, metastabilityTable([row]));
    } else {
      assert.ok(row.timeoutsPerRequest.high < 0.05, metastabilityTable([row]));
    }
  });
}

Deno.test("metastability: the FIFO case and its cures differ only in the mechanism", () => {
  // deno-lint-ignore no-explicit-any
  const strip = (scenario: any) => {
    const copy = structuredClone(scenario);
    delete copy.name;
    delete copy.description;
    delete copy.service.tiers[0].queue;
    delete copy.demand.client.retry_budget;
    return copy;
  };
  const fifo = strip(raw("metastable-fifo"));
  for (const name of ["metastable-deadline-drop", "metastable-adaptive-lifo", "metastable-lifo"]) {
    assert.deepEqual(strip(raw(name)), fifo, name);
    assert.notEqual(raw(name).service.tiers[0].queue.discipline, "fifo");
  }
  const budget = raw("metastable-retry-budget");
  assert.deepEqual(strip(budget), fifo);
  assert.deepEqual(budget.service.tiers[0].queue, raw("metastable-fifo").service.tiers[0].queue);
  assert.ok(budget.demand.client.retry_budget);
});

Deno.test("metastability: predictions follow λ(R + 1) vs cμ and the mechanism", () => {
  const predict = (name: string) =>
    metastabilityPrediction(
      resolveDesign(loadScenario(new URL(`data/validation/${name}.json`, root).pathname), "base"),
    );
  const fifo = predict("metastable-fifo");
  assert.equal(fifo.criterion.collapsedAttemptRate, 180);
  assert.equal(fifo.capacity, 100);
  assert.ok(fifo.criterion.metastable);
  assert.equal(fifo.predicted, "stays degraded");
  assert.equal(predict("metastable-fifo-recovers").predicted, "recovers");
  const budget = predict("metastable-retry-budget");
  assert.equal(budget.retriesPerFailure, 0.1);
  assert.equal(budget.predicted, "recovers");
  assert.equal(predict("metastable-deadline-drop").predicted, "recovers");
  assert.equal(predict("metastable-adaptive-lifo").predicted, "recovers");
  assert.equal(predict("metastable-lifo").predicted, "recovers");
});

Deno.test("metastability: an interval straddling the thresholds is undecided", () => {
  assert.equal(verdictOf({ mean: 0.95, low: 0.91, high: 0.99 }), "recovers");
  assert.equal(verdictOf({ mean: 0.02, low: 0, high: 0.05 }), "stays degraded");
  assert.equal(verdictOf({ mean: 0.95, low: 0.85, high: 1.05 }), "undecided");
  assert.equal(verdictOf({ mean: 0.5, low: 0.45, high: 0.55 }), "undecided");
});
