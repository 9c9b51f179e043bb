/**
 * The scenario-wide fluid model: its known limits on a single M/M/c tier (underloaded: no
 * queue, goodput λ; overloaded: goodput = capacity, the queue growing at λ − cμ, or refusing
 * the excess at a full queue), conservation of citizens, the features it names as unsupported,
 * a cross-check against the simulator on a surge that tips a tier into a retry storm, and the
 * time it takes on a full-size incident.
 */
import assert from "node:assert/strict";
import {
  loadScenario,
  parseScenario,
  resolveDesign,
  runReplication,
  type ScenarioFileInput,
} from "../../sim/model/mod.ts";
import { scenarioFluid } from "../../sim/fluid/scenario_fluid.ts";
import { compileScenario } from "../../sim/fluid/scenario_network.ts";
import { scenarioDerivative } from "../../sim/fluid/scenario_drift.ts";
import { reloadHazard, scenarioLayout } from "../../sim/fluid/scenario_layout.ts";
import { integrate } from "../../sim/analytic/ode.ts";
import type { SeriesRow } from "../../sim/table/mod.ts";

/** Time-weighted mean of a series over [from, to) seconds. */
function seriesMean(rows: readonly SeriesRow[], metric: string, from = 0, to = Infinity) {
  let sum = 0;
  let width = 0;
  for (const row of rows) {
    if (row.metric !== metric || row.bin_start < from || row.bin_start >= to) continue;
    sum += row.value * row.bin_width;
    width += row.bin_width;
  }
  return sum / width;
}

function mmc(arrivalRate: number, capacity: number | null): ScenarioFileInput {
  return {
    name: "mmc-fluid",
    horizon_seconds: 600,
    bin_width_seconds: 60,
    demand: {
      arrivals: { kind: "constant", rate_per_second: arrivalRate },
      journey: [{ name: "request", route: ["server"] }],
    },
    service: {
      tiers: [{
        name: "server",
        servers: 5,
        service_time: { kind: "exponential", mean_seconds: 1 },
        queue: { capacity },
      }],
    },
  };
}

Deno.test("underloaded M/M/c: no queue, goodput = λ, every citizen served", () => {
  const fluid = scenarioFluid(loadScenario("data/scenarios/mmc.json"));
  for (const row of fluid.series.filter((r) => r.metric === "goodput_per_s")) {
    assert.ok(Math.abs(row.value - 4.5) < 1e-6, `bin ${row.bin_start}: ${row.value}`);
  }
  assert.equal(seriesMean(fluid.series, "queue_length:server"), 0);
  assert.ok(Math.abs(seriesMean(fluid.series, "busy_servers:server") - 4.5) < 1e-6);
  assert.ok(Math.abs(fluid.summaries.citizen_success_share - 1) < 1e-9);
  assert.deepEqual(fluid.unsupported, []);
});

Deno.test("overloaded M/M/c: goodput = cμ; the queue grows at λ − cμ, or refuses the excess when full", () => {
  const open = scenarioFluid(parseScenario(mmc(8, null)));
  assert.ok(Math.abs(seriesMean(open.series, "goodput_per_s") - 5) < 1e-6);
  // Q(t) = 3t: the mean over the last bin [540, 600) is 3 × 570.
  const last = seriesMean(open.series, "queue_length:server", 540);
  assert.ok(Math.abs(last - 3 * 570) < 1e-3, `queue ${last}`);
  const full = scenarioFluid(parseScenario(mmc(8, 100)));
  // The queue fills at 3/s in 33 s, then refuses 3 of every 8 arrivals.
  assert.ok(Math.abs(seriesMean(full.series, "goodput_per_s", 60) - 5) < 1e-6);
  assert.ok(Math.abs(seriesMean(full.series, "failed_rejected_per_s", 60) - 3) < 1e-6);
  // (the step that reaches the wall may overshoot it by the integration tolerance)
  assert.ok(Math.abs(seriesMean(full.series, "queue_length:server", 60) - 100) < 1e-3);
});

Deno.test("citizens are conserved through every compartment (retries, come-backs, reloads)", () => {
  const resolved = resolveDesign(loadScenario("data/scenarios/cashback-io-2020.json"), "base");
  const net = compileScenario(resolved);
  const layout = scenarioLayout(net);
  const horizon = 40_000;
  const { y } = integrate({
    derivative: scenarioDerivative(net),
    y0: new Float64Array(layout.size),
    t0: 0,
    t1: horizon,
    rtol: 1e-7,
    atol: 1e-7,
    nonNegative: true,
    breakpoints: net.breakpoints,
  });
  // Thinking, waiting on a doomed attempt, in the orbit, coming back: the first 4·K·J
  // entries; a client waiting on a live attempt is its live queued request.
  let onTheWay = 0;
  for (let c = 0; c < layout.live; c++) onTheWay += y[c];
  for (let x = 0; x < layout.classes * layout.nodes; x++) onTheWay += y[layout.live + x];
  const accounted = onTheWay + y[layout.succeeded] + y[layout.gaveUp];
  const arrived = y[layout.arrived];
  assert.ok(arrived > 1e5, `arrived ${arrived}`);
  assert.ok(
    Math.abs(accounted - arrived) < 1e-4 * arrived,
    `arrived ${arrived}, accounted ${accounted}`,
  );
});

Deno.test("mechanisms and features it cannot represent are listed, not ignored", () => {
  const mobilita = scenarioFluid(loadScenario("data/scenarios/bonus-mobilita-2020.json"), {
    horizon: 3600,
  });
  assert.ok(
    mobilita.unsupported.some((line) => /waiting_room/.test(line)),
    `${mobilita.unsupported}`,
  );
  assert.ok(mobilita.unsupported.some((line) => /budget/.test(line)));
  const terme = scenarioFluid(loadScenario("data/scenarios/bonus-terme-2021.json"), {
    horizon: 3600,
  });
  assert.ok(terme.unsupported.some((line) => /crash/.test(line)), `${terme.unsupported}`);
  assert.ok(terme.approximated.some((line) => /3 attempts/.test(line)));
});

/** A single tier tipped by a 10-minute surge into a retry storm that outlasts it. */
const SURGE: ScenarioFileInput = {
  name: "fluid-surge",
  seed: 11,
  horizon_seconds: 3600,
  bin_width_seconds: 60,
  demand: {
    arrivals: {
      kind: "piecewise",
      steps: [
        { from_seconds: 0, rate_per_second: 120 },
        { from_seconds: 900, rate_per_second: 300 },
        { from_seconds: 1500, rate_per_second: 120 },
      ],
    },
    journey: [{ name: "submit", route: ["app"] }],
    client: {
      timeout_seconds: 10,
      retry: { kind: "fixed", max_attempts: 3, delay_seconds: 5 },
      give_up_probability: 0.1,
    },
  },
  service: {
    tiers: [{
      name: "app",
      servers: 20,
      service_time: { kind: "exponential", mean_seconds: 0.1 },
      queue: { capacity: 3000 },
    }],
  },
};

Deno.test("cross-check against the simulator: a surge that leaves a retry storm behind", () => {
  const scenario = parseScenario(SURGE);
  const fluid = scenarioFluid(scenario);
  const sim = runReplication(scenario, "base", 0).series;
  // Series means over the hour, relative agreement (measured: all within 1%).
  const tolerance: Record<string, number> = {
    offered_first_per_s: 0.02,
    offered_retry_per_s: 0.05,
    goodput_per_s: 0.05,
    orbit_size: 0.05,
    failed_timeout_per_s: 0.05,
    failed_rejected_per_s: 0.05,
  };
  for (const [metric, within] of Object.entries(tolerance)) {
    const expected = seriesMean(sim, metric);
    const got = seriesMean(fluid.series, metric);
    assert.ok(
      Math.abs(got - expected) <= within * expected,
      `${metric}: fluid ${got}, simulator ${expected}`,
    );
  }
  // Metastable: both stay degraded after the surge although λ = 120/s < cμ = 200/s.
  for (const rows of [sim, fluid.series]) {
    assert.ok(seriesMean(rows, "goodput_per_s", 0, 900) > 115);
    assert.ok(seriesMean(rows, "goodput_per_s", 2400) < 5);
  }
});

Deno.test("cross-check with impatient reloads: the reload hazard keeps the storm's flows", () => {
  const withReloads = structuredClone(SURGE) as typeof SURGE & {
    demand: { client: Record<string, unknown> };
  };
  withReloads.demand.client.reload = { probability: 0.5, patience_mean_seconds: 4 };
  const scenario = parseScenario(withReloads);
  const fluid = scenarioFluid(scenario);
  const sim = runReplication(scenario, "base", 0).series;
  // Measured: retries +4%, goodput 0%, refusals +5%, orbit +13%, timeouts +15%.
  const tolerance: Record<string, number> = {
    offered_first_per_s: 0.02,
    offered_retry_per_s: 0.1,
    goodput_per_s: 0.05,
    failed_rejected_per_s: 0.1,
    orbit_size: 0.25,
    failed_timeout_per_s: 0.25,
  };
  for (const [metric, within] of Object.entries(tolerance)) {
    const expected = seriesMean(sim, metric);
    const got = seriesMean(fluid.series, metric);
    assert.ok(
      Math.abs(got - expected) <= within * expected,
      `${metric}: fluid ${got}, simulator ${expected}`,
    );
  }
  // A client waiting out its whole timeout reloads with the simulator's probability.
  const client = { reloadProbability: 0.5, reloadPatience: 4, timeout: 10 };
  const p = 1 - Math.exp(-reloadHazard(client) * 10);
  assert.ok(Math.abs(p - 0.5 * (1 - Math.exp(-10 / 4))) < 1e-12, `${p}`);
  assert.equal(reloadHazard({ ...client, timeout: Infinity }), 0.5 / 4);
});

Deno.test("a full-size incident (cashback, 72 h) integrates in well under the simulator's time", () => {
  const scenario = loadScenario("data/scenarios/cashback-io-2020.json");
  const start = performance.now();
  const fluid = scenarioFluid(scenario);
  const seconds = (performance.now() - start) / 1000;
  // Measured about 0.5–0.9 s on a shared 2-core machine; the bound leaves room for load.
  assert.ok(seconds < 5, `took ${seconds} s`);
  assert.equal(fluid.series.filter((r) => r.metric === "goodput_per_s").length, 4320);
  // Arrivals stop at the population (the step that reaches it may overshoot by a fraction).
  assert.ok(Math.abs(fluid.summaries.citizens - 3.62e6) < 10, `${fluid.summaries.citizens}`);
});

Deno.test("fluid summaries cover what happens after the warm-up, as the simulator's", () => {
  const scenario = loadScenario("data/scenarios/mmc.json"); // Poisson 4.5/s, warm-up 1000 s
  const fluid = scenarioFluid(scenario);
  const observed = scenario.horizon_seconds - scenario.warmup_seconds;
  assert.ok(Math.abs(fluid.summaries.citizens - 4.5 * observed) < 1e-6 * observed);
  assert.ok(Math.abs(fluid.summaries.attempts - 4.5 * observed) < 1e-6 * observed);
  const unwarmed = scenarioFluid({ ...resolveDesign(scenario, "base"), warmup_seconds: 0 });
  assert.ok(
    Math.abs(unwarmed.summaries.citizens - 4.5 * scenario.horizon_seconds) <
      1e-6 * scenario.horizon_seconds,
  );
});
