/**
 * The scenario validation cases at quick size: every file of `data/validation/` runs through
 * the experiment layer (`runExperiment`, in this thread) and each exact check must hold under
 * the pass rule of `scenario_validation.ts` (theory inside the replications' interval at the
 * family-wise 95% level over all exact checks, plus the horizon's bias bound). Approximations
 * are only required to produce a finite estimate. `deno task validate` runs the full size.
 */
import assert from "node:assert/strict";
import { METASTABILITY_CASES } from "../../sim/validation/metastability_cases.ts";
import { SCENARIO_CASES } from "../../sim/validation/scenario_cases.ts";
import { infiniteServerBinMeans } from "../../sim/validation/scenario_cases_network.ts";
import {
  mtmcScenarioBins,
  transientMetric,
} from "../../sim/validation/scenario_cases_transient.ts";
import { censoringBias } from "../../sim/validation/scenario_parameters.ts";
import { scenarioTable } from "../../sim/validation/scenario_table.ts";
import {
  type CasePlan,
  evaluateCheck,
  familySize,
  planCase,
  runCase,
  type ScenarioRow,
} from "../../sim/validation/scenario_validation.ts";
import type { TheoryCheck } from "../../sim/validation/scenario_theory.ts";

const plans = SCENARIO_CASES.map((scenarioCase) => planCase(scenarioCase, "quick"));
const family = familySize(plans);

/**
 * The intervals that accept the exact M_t/M/∞ mean m(t) must reject the pointwise-stationary
 * λ(t)E[S] in most bins: the check can tell a lagged, damped cycle from one that follows λ(t).
 */
function assertRejectsPointwise(plan: CasePlan, rows: readonly ScenarioRow[]): void {
  const naive = infiniteServerBinMeans(plan.scenario, plan.endSeconds, "pointwise");
  const rejected = naive.filter((bin, i) =>
    bin.mean < rows[i].accept_low || bin.mean > rows[i].accept_high
  );
  assert.ok(
    rejected.length >= naive.length / 2,
    `pointwise-stationary theory rejected in only ${rejected.length}/${naive.length} bins`,
  );
}

/**
 * The intervals that accept the exact M_t/M/c transient must reject the pointwise-stationary
 * approximation (Erlang C at λ(t): busy servers λ(t)E[S], its queue) in most of the checked
 * bins where it differs from the exact value by over 10 %.
 */
function assertRejectsPointwiseQueue(plan: CasePlan, rows: readonly ScenarioRow[]): void {
  const tier = plan.scenario.service.tiers[0].name;
  const width = plan.scenario.bin_width_seconds;
  const exact = mtmcScenarioBins(plan.scenario, plan.endSeconds, "exact");
  const psa = mtmcScenarioBins(plan.scenario, plan.endSeconds, "pointwise");
  const byMetric = new Map(rows.map((row) => [row.metric, row]));
  let differing = 0, rejected = 0;
  psa.forEach((bin, i) => {
    const pairs = [
      ["busy_servers", bin.inSystem - bin.inQueue, exact[i].inSystem - exact[i].inQueue],
      ["queue_length", bin.inQueue, exact[i].inQueue],
    ] as const;
    for (const [metric, approximate, exactValue] of pairs) {
      const row = byMetric.get(transientMetric(metric, tier, bin.binStart, width));
      if (row === undefined || Math.abs(approximate / exactValue - 1) <= 0.1) continue;
      differing++;
      if (approximate < row.accept_low || approximate > row.accept_high) rejected++;
    }
  });
  assert.ok(differing >= 10, `PSA differs by over 10 % in only ${differing} checks`);
  assert.ok(rejected >= differing / 2, `PSA rejected in only ${rejected}/${differing} checks`);
}

for (const plan of plans) {
  Deno.test(`scenario validation: ${plan.case.name} — ${plan.case.title}`, async () => {
    const rows = await runCase(plan, family);
    assert.equal(rows.length, plan.theory.checks.length);
    for (const row of rows) {
      assert.ok(Number.isFinite(row.mean), `${row.case} ${row.metric}: no estimate`);
      if (row.kind === "exact") {
        assert.ok(row.pass, `theory outside the family-wise interval:\n${scenarioTable([row])}`);
      }
    }
    if (plan.case.name === "mt-m-infinite") assertRejectsPointwise(plan, rows);
    if (plan.case.name === "mt-m-c") assertRejectsPointwiseQueue(plan, rows);
  });
}

Deno.test("scenario validation: every data/validation file has a case and every case a file", () => {
  const root = new URL("../../", import.meta.url);
  const files = [...Deno.readDirSync(new URL("data/validation/", root))]
    .filter((entry) => entry.name.endsWith(".json"))
    .map((entry) => `data/validation/${entry.name}`)
    .sort();
  const cases = [...SCENARIO_CASES, ...METASTABILITY_CASES].map((c) => c.file).sort();
  assert.deepEqual(cases, files);
  for (const scenarioCase of [...SCENARIO_CASES, ...METASTABILITY_CASES]) {
    assert.equal(scenarioCase.file, `data/validation/${scenarioCase.name}.json`);
  }
});

Deno.test("scenario validation: the pass rule can fail, widens by Bonferroni and by the bias", () => {
  const check: TheoryCheck = { metric: "m", theory: 1, kind: "exact", censoring: "none" };
  // 95% interval [0.9, 1.1] from 20 replications (standard error 0.1/t(0.975, 19)).
  const interval = { mean: 1, low: 0.9, high: 1.1, n: 20 };
  const inside = evaluateCheck("x", "s", check, interval, 0, 1);
  assert.equal(inside.pass, true);
  assert.equal(inside.in_ci95, true);
  const far = evaluateCheck("x", "s", { ...check, theory: 2 }, interval, 0, 100);
  assert.equal(far.pass, false);
  // Just outside the 95% interval: inside once widened for 50 checks (t quantile 3.7 vs 2.1).
  const edge = evaluateCheck("x", "s", { ...check, theory: 1.15 }, interval, 0, 50);
  assert.equal(edge.in_ci95, false);
  assert.equal(edge.pass, true);
  assert.equal(evaluateCheck("x", "s", { ...check, theory: 1.15 }, interval, 0, 1).pass, false);
  // A bias bound widens the acceptance interval by itself, on each side.
  const biased = evaluateCheck("x", "s", { ...check, theory: 1.11 }, interval, 0.02, 1);
  assert.ok(Math.abs(biased.accept_high - inside.accept_high - 0.02) < 1e-12);
  assert.equal(biased.pass, true);
  assert.equal(evaluateCheck("x", "s", { ...check, theory: 1.11 }, interval, 0, 1).pass, false);
  // Approximations are never judged; a degenerate interval fails.
  assert.equal(
    evaluateCheck("x", "s", { ...check, kind: "approximation" }, interval, 0, 1).pass,
    null,
  );
  assert.equal(
    evaluateCheck("x", "s", check, { mean: 1, low: NaN, high: NaN, n: 1 }, 0, 1).pass,
    false,
  );
});

Deno.test("scenario validation: the censoring bias bound is scale·L/(λ·window)", () => {
  assert.equal(censoringBias(0, 4, 0.8, 1000), 0);
  assert.ok(Math.abs(censoringBias(10, 4, 0.8, 1000) - 0.05) < 1e-15);
  assert.ok(Math.abs(censoringBias(1, 100, 20, 20000) - 2.5e-4) < 1e-15);
});
