/** Parameter grids: expansion order, labels and overrides by field path. */
import assert from "node:assert/strict";
import {
  applyOverrides,
  expandGrid,
  gridPointLabel,
  parseFieldPath,
} from "../../sim/experiment/mod.ts";

Deno.test("a grid expands in declared order, the last field varying fastest", () => {
  const points = expandGrid({ servers: [100, 200], "demand.peakRate": [8000, 12000, 16000] });
  assert.equal(points.length, 6);
  assert.deepEqual(points[0], { servers: 100, "demand.peakRate": 8000 });
  assert.deepEqual(points[1], { servers: 100, "demand.peakRate": 12000 });
  assert.deepEqual(points[5], { servers: 200, "demand.peakRate": 16000 });
  assert.deepEqual(expandGrid(undefined), [{}]);
  assert.equal(gridPointLabel(points[0]), '{"servers":100,"demand.peakRate":8000}');
  assert.equal(gridPointLabel({}), "{}");
});

Deno.test("field paths address nested objects and arrays", () => {
  assert.deepEqual(parseFieldPath("tiers[0].servers"), ["tiers", 0, "servers"]);
  assert.deepEqual(parseFieldPath("a.b[2][1]"), ["a", "b", 2, 1]);
  assert.throws(() => parseFieldPath(""), /not valid/);
  assert.throws(() => parseFieldPath("a[x]"), /grid field path "a\[x\]"/);
});

Deno.test("overrides copy the scenario and set each path", () => {
  const scenario = { name: "s", tiers: [{ servers: 1 }, { servers: 2 }], demand: { peak: 3 } };
  const changed = applyOverrides(scenario, { "tiers[1].servers": 9, "demand.peak": 4 });
  assert.deepEqual(changed, {
    name: "s",
    tiers: [{ servers: 1 }, { servers: 9 }],
    demand: { peak: 4 },
  });
  assert.equal(scenario.tiers[1].servers, 2, "the original is untouched");
  assert.throws(
    () => applyOverrides(scenario, { "tiers[5].servers": 1 }),
    /"tiers\.5" is undefined in the scenario/,
  );
  assert.throws(
    () => applyOverrides(scenario, { "tiers[2]": 1 }),
    /index 2 is outside the scenario's array \(length 2\)/,
  );
});
