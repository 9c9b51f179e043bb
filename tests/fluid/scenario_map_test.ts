/**
 * The metastability map of any scenario: path overrides through the scenario language, the
 * verdict rule on series, the planner's reading, and the map of a single-tier scenario
 * against the single-tier analysis (`surgeVerdict`) on the same grid.
 */
import assert from "node:assert/strict";
import {
  applyMapPoint,
  axisValues,
  designJson,
  mapPointScenario,
  metastabilityMap,
  type MetastabilityMapRow,
  planFromMap,
  scenarioMap,
  seriesVerdict,
  singleTierSurgeEvaluator,
  valueAt,
} from "../../sim/fluid/mod.ts";
import type { SeriesRow } from "../../sim/table/mod.ts";
import { SERVERS, SURGE_SCENARIO, SURGE_TIER, TIMEOUT } from "./surge_scenario.ts";

Deno.test("map points: paths by name go through the design merge and the scenario's validation", () => {
  const raw = JSON.parse(Deno.readTextFileSync("data/scenarios/cashback-io-2020.json"));
  const json = designJson(raw);
  assert.equal(valueAt(json, "service.tiers.sia_wallet.servers"), 15);
  const point = applyMapPoint(json, {
    "service.tiers.sia_wallet.servers": 60,
    arrival_multiplier: 2,
  });
  assert.equal(valueAt(point, "service.tiers.sia_wallet.servers"), 60);
  assert.equal(valueAt(point, "service.tiers.issuers.servers"), 250, "other tiers unchanged");
  // an index, the way experiment grids write it, names the same tier
  const tiers = (json.service as { tiers: { name: string }[] }).tiers;
  const wallet = tiers.findIndex((tier) => tier.name === "sia_wallet");
  assert.equal(valueAt(json, `service.tiers[${wallet}].servers`), 15);
  assert.deepEqual(
    applyMapPoint(json, { [`service.tiers[${wallet}].servers`]: 60 }).service,
    applyMapPoint(json, { "service.tiers.sia_wallet.servers": 60 }).service,
  );
  const steps = (json.demand as { arrivals: { steps: { rate_per_second: unknown }[] } }).arrivals
    .steps;
  const doubled = (point.demand as { arrivals: { steps: { rate_per_second: number }[] } })
    .arrivals.steps;
  const rate = (field: unknown) =>
    typeof field === "number" ? field : (field as { value: number }).value;
  doubled.forEach((step, i) =>
    assert.equal(step.rate_per_second, 2 * rate(steps[i].rate_per_second))
  );
  // A design is the start: wallet-provisioned has 150 servers.
  assert.equal(
    valueAt(designJson(raw, "wallet-provisioned"), "service.tiers.sia_wallet.servers"),
    150,
  );
  assert.throws(() => designJson(raw, "nope"), /"nope" is not a design \(designs: base, /);
  assert.throws(
    () => applyMapPoint(json, { "service.tiers.nope.servers": 3 }),
    /service.tiers.nope.servers: "nope" names nothing there \(names: io_backend, sia_wallet/,
  );
  assert.throws(
    () => mapPointScenario(json, { "service.tiers.sia_wallet.servers": 2.5 }),
    /service\.tiers\[1\]\.servers: 2\.5/,
  );
});

function rows(shares: number[], offered = 100): SeriesRow[] {
  const out: SeriesRow[] = [];
  shares.forEach((share, b) => {
    const key = { scenario: "s", design: "base", replication: 0, bin_start: 60 * b, bin_width: 60 };
    out.push({ ...key, metric: "offered_first_per_s", value: offered / 2 });
    out.push({ ...key, metric: "offered_retry_per_s", value: offered / 2 });
    out.push({ ...key, metric: "goodput_per_s", value: share * offered });
  });
  return out;
}

Deno.test("series verdicts: healthy, recovers after the degraded span, stays degraded at the end", () => {
  const flat = Array(40).fill(0.95);
  assert.equal(seriesVerdict(rows(flat)).verdict, "healthy");
  const dip = [...flat];
  dip.splice(10, 5, 0.2, 0.2, 0.6, 0.3, 0.1); // degraded 10–11 and 13–14: 10·60 to 15·60
  const recovered = seriesVerdict(rows(dip));
  assert.equal(recovered.verdict, "recovers");
  assert.equal(recovered.recoverySeconds, 300);
  assert.equal(recovered.degradedSeconds, 240);
  const stuck = [...flat.slice(0, 20), ...Array(20).fill(0.1)];
  assert.equal(seriesVerdict(rows(stuck)).verdict, "stays-degraded");
  // One bad bin at the very end does not decide: the final window (5% = 2 bins) is pooled.
  const noisy = [...flat.slice(0, 38), 0.45, 0.9];
  assert.equal(seriesVerdict(rows(noisy)).verdict, "recovers");
  assert.throws(() => seriesVerdict([]), /no offered_\*_per_s or goodput_per_s rows/);
});

Deno.test("the planner reads the map: smallest x with a margin, largest y, nearest acceptable", () => {
  // Healthy when x ≥ 2y (x in 1..6, y in 1..3).
  const map = metastabilityMap({
    x: { name: "x", values: [1, 2, 3, 4, 5, 6] },
    y: { name: "y", values: [1, 2, 3] },
    evaluate: (p) => ({ verdict: p.x >= 2 * p.y ? "healthy" : "stays-degraded" }),
  });
  const plan = planFromMap(map, { x: 3, y: 2, verdict: "stays-degraded", recoverySeconds: null });
  assert.equal(plan.minimalX, 4);
  assert.equal(plan.maximalY, 1);
  assert.deepEqual([plan.nearest?.x, plan.nearest?.y], [4, 2]);
  const margin = planFromMap(map, plan.asBuilt, { yMargin: 3 });
  assert.equal(margin.minimalX, 6);
  // a margin beyond the map cannot be judged on the rows it has
  assert.throws(
    () => planFromMap(map, plan.asBuilt, { yMargin: 4 }),
    /margin: got 4; allowed: at most the map's largest y, 3/,
  );
  const none: MetastabilityMapRow[] = map.map((row) => ({ ...row, verdict: "stays-degraded" }));
  assert.equal(planFromMap(none, plan.asBuilt).minimalX, null);
  assert.deepEqual(axisValues("10:20:3"), [10, 15, 20]);
  assert.deepEqual(axisValues("1:2:3", true), [1, 2]);
  assert.deepEqual(axisValues("5, 7,9"), [5, 7, 9]);
  assert.throws(() => axisValues("3:1:4"), /allowed: "lo:hi:n"/);
  assert.throws(() => axisValues("1,,2"), /allowed/);
});

Deno.test("single-tier scenario map agrees with the single-tier analysis (servers × timeout)", () => {
  const servers = [12, 16, 20, 24, 28, 32];
  const timeouts = [2, 5, 10, 20, 40];
  const map = scenarioMap({
    json: designJson(SURGE_SCENARIO),
    x: { name: SERVERS, values: servers },
    y: { name: TIMEOUT, values: timeouts },
  });
  const theory = metastabilityMap({
    x: { name: "servers", values: servers },
    y: { name: "timeout", values: timeouts },
    evaluate: singleTierSurgeEvaluator(
      SURGE_TIER,
      { start: 0, duration: 600, multiplier: 2.5 },
      { horizon: 2100 }, // the scenario's 3,600 s end 2,100 s after the surge
    ),
  });
  assert.equal(map.rows.length, theory.length);
  assert.deepEqual(map.unsupported, []);
  let agree = 0;
  map.rows.forEach((row, i) => {
    const expected = theory[i];
    assert.deepEqual([row.x, row.y], [expected.x, expected.y]);
    if (row.verdict === expected.verdict) agree++;
    // The cliff is the same: the fluid scenario stays degraded exactly where theory says so.
    assert.equal(
      row.verdict === "stays-degraded",
      expected.verdict === "stays-degraded",
      `${row.x} servers, ${row.y} s: scenario ${row.verdict}, single tier ${expected.verdict}`,
    );
  });
  // Measured 28/30: at 24 servers with 20–40 s timeouts the single tier recovers within one
  // step (0 s) and counts as healthy, the scenario's 60 s bins see one degraded bin.
  assert.ok(agree >= 28, `${agree}/30 verdicts agree`);
  // Known anchors: the simulator-checked storm at 20 servers, 10 s; 32 servers ride it out.
  const at = (x: number, y: number) => map.rows.find((row) => row.x === x && row.y === y)!;
  assert.equal(at(20, 10).verdict, "stays-degraded");
  assert.equal(at(32, 10).verdict, "healthy");
  assert.equal(at(16, 40).verdict, "recovers");
});

Deno.test("series verdicts: a backlog clients wait out is degraded although every attempt succeeds", () => {
  // 100 attempts/s offered, all succeed; a queue of q requests holds q ÷ 100 s of goodput
  const withQueue = (queues: number[]) =>
    rows(Array(queues.length).fill(1)).concat(queues.map((queue, b) => ({
      scenario: "s",
      design: "base",
      replication: 0,
      bin_start: 60 * b,
      bin_width: 60,
      metric: "queue_length:app",
      value: queue,
    })));
  assert.equal(seriesVerdict(withQueue(Array(40).fill(5_000))).verdict, "healthy", "50 s");
  const growing = Array.from({ length: 40 }, (_, b) => 1_000 * b); // up to 390 s of waiting
  const stuck = seriesVerdict(withQueue(growing));
  assert.equal(stuck.verdict, "stays-degraded");
  assert.equal(stuck.firstDegraded, 7 * 60, "from the first bin above 60 s (7,000 queued)");
  const drained = growing.map((queue, b) => (b < 30 ? queue : 0));
  assert.equal(seriesVerdict(withQueue(drained)).verdict, "recovers");
  assert.equal(seriesVerdict(withQueue(growing), { slowAbove: 1_000 }).verdict, "healthy");
});
