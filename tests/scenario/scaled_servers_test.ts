/**
 * Server counts in results are real servers whatever the scale: scaling a tier to fewer,
 * slower servers records the stretch (`service_time_stretch`), and the run counts each
 * simulated server as 1/stretch of one, so the tables converted to full scale
 * (`fullScaleTables`, ÷ k) show the scenario's own servers — not up to 1/k times more.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseScenario, runReplication, scaleScenario } from "../../sim/model/mod.ts";
import { fullScaleTables } from "../../sim/table/mod.ts";

/** A two-tier scenario whose wallet has `servers` servers (the gateway is infinite). */
function scenario(servers: number) {
  return {
    name: "scaled-servers",
    seed: 5,
    horizon_seconds: 600,
    bin_width_seconds: 60,
    demand: {
      arrivals: { kind: "constant", rate_per_second: servers * 0.5 },
      journey: [{ name: "add-card", route: ["gateway", "wallet"] }],
    },
    service: {
      tiers: [
        {
          name: "gateway",
          servers: "infinite",
          service_time: { kind: "deterministic", mean_seconds: 0.01 },
        },
        {
          name: "wallet",
          servers,
          service_time: { kind: "exponential", mean_seconds: 1 },
        },
      ],
    },
  };
}

/** Summary values of a run at scale `factor`, converted to full scale. */
function fullScaleSummaries(servers: number, factor: number): Record<string, number> {
  const scaled = parseScenario(scaleScenario(scenario(servers), { factor }));
  const tables = fullScaleTables(
    { ...runReplication(scaled, "base", 0), estimates: [], differences: [] },
    () => factor,
  );
  return Object.fromEntries(tables.summaries.map((row) => [row.metric, row.value]));
}

Deno.test("peak servers and server-hours at full scale are the scenario's, whatever k", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 400 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      (servers, factor) => {
        const scaled = scaleScenario(scenario(servers), { factor }) as {
          service: { tiers: { servers: number | string; service_time_stretch?: number }[] };
        };
        const wallet = scaled.service.tiers[1];
        const stretch = wallet.service_time_stretch ?? 1;
        // what the run will count: simulated servers ÷ stretch ÷ k, within the rounding's 2 %
        const real = (wallet.servers as number) / stretch / factor;
        assert.ok(Math.abs(real - servers) / servers <= 0.02 + 1e-9, `${real} vs ${servers}`);
        assert.equal(scaled.service.tiers[0].service_time_stretch, undefined, "infinite tier");
      },
    ),
    { numRuns: 300 },
  );
  for (const [servers, factor] of [[5, 0.1], [150, 0.02], [15, 0.3]]) {
    const at = fullScaleSummaries(servers, factor);
    assert.ok(Math.abs(at.peak_servers - servers) / servers <= 0.02, `peak ${at.peak_servers}`);
    const hours = servers * 600 / 3600;
    assert.ok(Math.abs(at.server_hours - hours) / hours <= 0.02, `hours ${at.server_hours}`);
    const full = fullScaleSummaries(servers, 1);
    assert.equal(full.peak_servers, servers);
    // busy servers: the same load at any scale (offered 0.5 per server), within noise
    const busy = at["busy_servers_mean:wallet"];
    assert.ok(busy > 0.3 * servers && busy < 0.7 * servers, `busy ${busy} of ${servers}`);
  }
});

Deno.test("scaling a scaled scenario again compounds the recorded stretch", () => {
  const once = scaleScenario(scenario(15), { factor: 0.1 }); // 2 servers, 4/3 slower
  const twice = scaleScenario(once, { factor: 0.3 }) as ReturnType<typeof scenario> & {
    service: { tiers: { servers: number; service_time_stretch?: number }[] };
  };
  const wallet = twice.service.tiers[1];
  assert.equal(wallet.servers, 1);
  const real = wallet.servers / (wallet.service_time_stretch ?? 1) / 0.03;
  assert.ok(Math.abs(real - 15) / 15 <= 0.04, `${real} real servers, expected 15`);
});

Deno.test("busy servers are servers, not slots, in the series as in the summary", async () => {
  const { scenarioFluid } = await import("../../sim/fluid/mod.ts");
  // 4 servers of 8 slots each, offered 16 busy slots (2 busy servers' worth) at full scale
  const input = scenario(4);
  input.demand.arrivals.rate_per_second = 16;
  const wallet = input.service.tiers[1] as Record<string, unknown>;
  wallet.concurrency_per_server = 8;
  for (const factor of [1, 0.25]) {
    const parsed = parseScenario(factor === 1 ? input : scaleScenario(input, { factor }));
    const tables = fullScaleTables(
      { ...runReplication(parsed, "base", 0), estimates: [], differences: [] },
      () => factor,
    );
    const summary = tables.summaries.find((row) => row.metric === "busy_servers_mean:wallet")!;
    const rows = tables.series.filter((row) => row.metric === "busy_servers:wallet");
    const seriesMean = rows.reduce((sum, row) => sum + row.value, 0) / rows.length;
    assert.ok(Math.abs(summary.value - 2) < 0.3, `summary ${summary.value} at k = ${factor}`);
    assert.ok(Math.abs(seriesMean - summary.value) < 0.15, `${seriesMean} vs ${summary.value}`);
    const servers = tables.series.filter((row) => row.metric === "servers:wallet");
    rows.forEach((row, i) => assert.ok(row.value <= servers[i].value + 1e-9, `bin ${i}`));
    const fluid = scenarioFluid(parsed).series.filter((row) =>
      row.metric === "busy_servers:wallet"
    );
    // the fluid model before full-scale conversion: ÷ k gives real servers
    const fluidLast = fluid[fluid.length - 1].value / factor;
    assert.ok(Math.abs(fluidLast - 2) < 0.05, `fluid ${fluidLast} at k = ${factor}`);
  }
});

Deno.test("a design whose servers scale exactly does not inherit the base's stretch", () => {
  // base: 15 wallet servers → 1.5 at k = 0.1, rounded and stretched; design: 150 → 15 exactly
  const input = {
    ...scenario(15),
    designs: { provisioned: { service: { tiers: [] as unknown[] } } },
  };
  input.designs.provisioned.service.tiers = [{ name: "wallet", servers: 150 }];
  const parsed = parseScenario(scaleScenario(input, { factor: 0.1 }));
  for (const [design, servers] of [["base", 15], ["provisioned", 150]] as const) {
    const tables = fullScaleTables(
      { ...runReplication(parsed, design, 0), estimates: [], differences: [] },
      () => 0.1,
    );
    const peak = tables.summaries.find((row) => row.metric === "peak_servers")!.value;
    assert.ok(Math.abs(peak - servers) / servers <= 0.02, `${design}: ${peak} of ${servers}`);
  }
});
