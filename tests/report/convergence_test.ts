import assert from "node:assert/strict";
import { agrees, chooseScale, disagreements } from "../../sim/report/mod.ts";
import type { ConvergencePoint, ConvergenceStudy } from "../../sim/report/mod.ts";
import { scenarioFingerprint } from "../../sim/model/mod.ts";

const estimate = (mean: number, half: number) => ({
  mean,
  ci_low: mean - half,
  ci_high: mean + half,
  n: 3,
});
const point = (k: number, share: number, half = 0.01): ConvergencePoint => ({
  k,
  seconds_per_replication: 1,
  metrics: { citizen_success_share: estimate(share, half) },
});

Deno.test("two estimates agree within their combined half-widths or 1 %", () => {
  assert.ok(agrees(estimate(0.50, 0.01), estimate(0.51, 0.01))); // 0.01 ≤ √2·0.01
  assert.ok(!agrees(estimate(0.40, 0.01), estimate(0.50, 0.01)));
  assert.ok(agrees(estimate(1000, 0), estimate(1005, 0)), "0.5 % is negligible");
  assert.ok(!agrees(estimate(1000, 0), estimate(1050, 0)));
  assert.ok(agrees(estimate(NaN, 0), estimate(NaN, 0)));
  assert.ok(!agrees(estimate(NaN, 0), estimate(1, 0)));
});

Deno.test("the chosen scale is the smallest k that agrees with k = 1, and every larger k too", () => {
  const points = [
    point(0.05, 0.30),
    point(0.1, 0.50),
    point(0.2, 0.40),
    point(0.5, 0.50),
    point(1, 0.50),
  ];
  assert.equal(chooseScale(points), 0.5, "0.1 agrees but 0.2 does not: 0.1 is not trusted");
  assert.equal(chooseScale([point(0.05, 0.5), point(1, 0.5)]), 0.05);
  assert.equal(
    chooseScale([point(0.05, 0.3), point(0.5, 0.3)]),
    1,
    "no k = 1 reference: full scale",
  );
  assert.deepEqual(disagreements(point(0.05, 0.3), point(1, 0.5)), ["citizen_success_share"]);
});

Deno.test("every committed convergence study is complete and its choice follows the rule", () => {
  const folder = new URL("../../data/convergence/", import.meta.url);
  for (const entry of Deno.readDirSync(folder)) {
    const study = JSON.parse(
      Deno.readTextFileSync(new URL(entry.name, folder)),
    ) as ConvergenceStudy;
    assert.equal(`${study.incident}.json`, entry.name);
    assert.ok(study.points.length >= 2, `${entry.name}: no study`);
    assert.equal(study.points.at(-1)!.k, 1, `${entry.name}: no full-scale reference`);
    assert.equal(study.chosen_k, chooseScale(study.points), `${entry.name}: stale choice`);
    assert.ok(study.quick_k > 0 && study.quick_k <= 1);
    assert.ok(
      Deno.statSync(new URL(`../scenarios/${study.incident}.json`, folder)).isFile,
      `${entry.name}: no scenario`,
    );
    const scenario = JSON.parse(
      Deno.readTextFileSync(new URL(`../scenarios/${study.incident}.json`, folder)),
    );
    assert.equal(
      study.scenario_fingerprint,
      scenarioFingerprint(scenario),
      `${entry.name} is stale: data/scenarios/${study.incident}.json changed since the study ` +
        `ran (deno task convergence --incident ${study.incident}, then --observables-at)`,
    );
  }
});
