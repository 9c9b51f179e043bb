/**
 * Simulator spot checks of a scenario map: on the single-tier surge scenario the simulator's
 * verdicts (full scale and half scale, 2 replications, the same classification rule) agree
 * with the fluid map's on a healthy, a recovering and a metastable cell; the sample covers
 * every verdict; same seed, same rows.
 */
import assert from "node:assert/strict";
import {
  designJson,
  scenarioMap,
  spotCheck,
  spotChecks,
  spotCheckSample,
} from "../../sim/fluid/mod.ts";
import { SERVERS, SURGE_SCENARIO, TIMEOUT } from "./surge_scenario.ts";

const json = designJson(SURGE_SCENARIO);
const axes = {
  x: { name: SERVERS, values: [16, 20, 32] },
  y: { name: TIMEOUT, values: [10, 40] },
};

Deno.test("spot checks agree with the fluid map on healthy, recovering and metastable cells", () => {
  const map = scenarioMap({ json, ...axes });
  const cells: [number, number][] = [[32, 10], [20, 10], [16, 40]];
  const checks = spotChecks(json, axes, cells, { scale: 1, replications: 2 });
  for (const check of checks) {
    const fluid = map.rows.find((row) => row.x === check.x && row.y === check.y)!;
    assert.equal(check.source, "simulator");
    assert.equal(check.verdict, fluid.verdict, `${check.x} servers, ${check.y} s timeout`);
  }
  assert.deepEqual(checks.map((c) => c.verdict), ["healthy", "stays-degraded", "recovers"]);
  // Measured at full scale: the storm's success share 0.08; recovery spans 600 s in both.
  const storm = spotCheck(json, { [SERVERS]: 20, [TIMEOUT]: 10 }, { scale: 0.5, replications: 2 });
  assert.equal(storm.verdict, "stays-degraded");
  assert.deepEqual(storm.replicationVerdicts, ["stays-degraded", "stays-degraded"]);
  assert.ok(storm.successShare < 0.3, `success share ${storm.successShare}`);
  // Deterministic: same seed, same verdict and numbers.
  const again = spotCheck(json, { [SERVERS]: 20, [TIMEOUT]: 10 }, { scale: 0.5, replications: 2 });
  assert.deepEqual(again, storm);
});

Deno.test("the spot-check sample covers every verdict present and the cliff's edge", () => {
  const map = scenarioMap({
    json,
    x: { name: SERVERS, values: [12, 16, 20, 24, 28, 32] },
    y: { name: TIMEOUT, values: [2, 10, 20, 40] },
  });
  const sample = spotCheckSample(map.rows, 5);
  assert.equal(sample.length, 5);
  const verdicts = new Set(
    sample.map(([x, y]) => map.rows.find((row) => row.x === x && row.y === y)!.verdict),
  );
  assert.deepEqual([...verdicts].sort(), ["healthy", "recovers", "stays-degraded"]);
  assert.throws(
    () => spotCheck(json, {}, { scale: 2 }),
    /scale: 2 is not allowed; a factor in \(0, 1\]/,
  );
});
