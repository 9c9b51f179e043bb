import assert from "node:assert/strict";
import { uslPeakConcurrency, uslRelativeThroughput, uslSlowdown } from "../../sim/model/mod.ts";
import { run, singleTier } from "./scenario_builder.ts";

Deno.test("USL slowdown is 1 + σ(N−1) + κN(N−1) and throughput peaks at √((1−σ)/κ)", () => {
  assert.equal(uslSlowdown(1, 0.1, 0.01), 1);
  assert.equal(uslSlowdown(5, 0.1, 0.01), 1 + 0.4 + 0.2);
  const peak = uslPeakConcurrency(0.05, 0.002);
  assert.ok(
    uslRelativeThroughput(peak, 0.05, 0.002) > uslRelativeThroughput(peak * 0.7, 0.05, 0.002),
  );
  assert.ok(
    uslRelativeThroughput(peak, 0.05, 0.002) > uslRelativeThroughput(peak * 1.4, 0.05, 0.002),
  );
  assert.equal(uslPeakConcurrency(0.1, 0), Infinity);
});

Deno.test("a USL tier serves more slowly as its concurrency grows", () => {
  // One server with 200 slots and a deterministic 1 s service: no queueing, so the mean
  // latency is the USL slowdown at the concurrency the arrival rate creates.
  const latencyAt = (rate: number, usl: boolean) =>
    run(singleTier({
      horizon_seconds: 300,
      demand: { arrivals: { kind: "constant", rate_per_second: rate } },
      service: {
        tiers: [{
          name: "app",
          servers: 1,
          concurrency_per_server: 200,
          service_time: { kind: "deterministic", mean_seconds: 1 },
          ...(usl ? { usl: { sigma: 0.02, kappa: 0.0005 } } : {}),
        }],
      },
    })).summary("latency_mean_s");
  assert.equal(latencyAt(20, false), 1);
  const latencies = [2, 10, 20].map((rate) => latencyAt(rate, true));
  assert.ok(latencies[0] < latencies[1] && latencies[1] < latencies[2], `${latencies}`);
  assert.ok(latencies[0] >= 1);
});
