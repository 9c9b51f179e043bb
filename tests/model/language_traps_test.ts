/**
 * The traps of the old scenario language (issue #16), each a test that failed before the fix:
 * a design changing `retry.kind` dropped the base's other retry fields; a throttle counted per
 * journey never acted; summary counts included the warm-up; percentile CIs had zero width; a
 * design naming an unknown tier appended an unused one.
 */
import assert from "node:assert/strict";
import { parseScenario, resolveDesign } from "../../sim/model/mod.ts";
import { meanAndHalfWidth, run, singleTier } from "./scenario_builder.ts";

Deno.test("a design changing retry.kind keeps the base's compatible retry fields", () => {
  const scenario = singleTier({
    demand: {
      client: {
        timeout_seconds: 10,
        retry: { kind: "fixed", max_attempts: 6, delay_seconds: 2, max_retries_total: 9 },
      },
    },
    designs: { jitter: { demand: { client: { retry: { kind: "exponential", jitter: "full" } } } } },
  });
  const retry = resolveDesign(scenario, "jitter").demand.client!.retry as Record<string, unknown>;
  assert.equal(retry.kind, "exponential");
  assert.equal(retry.jitter, "full");
  assert.equal(retry.max_attempts, 6, "the base's attempts survive the kind change");
  assert.equal(retry.max_retries_total, 9);
  assert.equal(retry.delay_seconds, 2);
});

Deno.test("a design naming a tier the base does not have is an error unless it adds it", () => {
  const design = (tier: Record<string, unknown>) =>
    singleTier({ designs: { more: { service: { tiers: [tier] } } } });
  assert.throws(
    () => design({ name: "db", servers: 2 }),
    /"db" names nothing in the base \(app\); to add it, give it "\$add": true/,
  );
  const added = resolveDesign(
    design({
      name: "db",
      servers: 2,
      service_time: { kind: "exponential", mean_seconds: 1 },
      $add: true,
    }),
    "more",
  );
  assert.deepEqual(added.service.tiers.map((tier) => tier.name), ["app", "db"]);
});

Deno.test("adaptive throttling shared at a gateway acts with one request per citizen", () => {
  // A dead service (no servers, no queue): every attempt is rejected, so the SRE-book throttle
  // should refuse most requests locally once its counters fill — unless they reset per journey.
  const rejectedLocally = (scope: string) =>
    run(singleTier({
      horizon_seconds: 200,
      demand: {
        client: { retry: { kind: "none" }, adaptive_throttle: { k: 2, scope } },
      },
      service: { tiers: [{ name: "app", servers: 0, queue: { capacity: 0 } }] },
    })).summary("local_rejection_probability");
  assert.equal(rejectedLocally("session"), 0, "one request per session: never throttled");
  assert.ok(rejectedLocally("gateway") > 0.5, `gateway: ${rejectedLocally("gateway")}`);
});

Deno.test("summary counts honour the warm-up, like the means", () => {
  const counted = (warmup: number) =>
    run(singleTier({ horizon_seconds: 1000, warmup_seconds: warmup })).summary("first_attempts");
  const whole = counted(0);
  const afterHalf = counted(500);
  // Same draws (same seed): the counts after 500 s are about half of the whole run's 5/s × 1000 s.
  assert.ok(Math.abs(whole - 5000) < 5 * Math.sqrt(5000), `whole ${whole}`);
  assert.ok(Math.abs(afterHalf - whole / 2) < 5 * Math.sqrt(2500), `after ${afterHalf}`);
});

Deno.test("percentiles differ between replications, so their CIs have width", () => {
  const scenario = singleTier({ horizon_seconds: 2000, warmup_seconds: 200 });
  const p95 = [0, 1, 2, 3, 4].map((replication) =>
    run(scenario, replication).summary("response_p95_s")
  );
  assert.ok(new Set(p95).size === p95.length, `p95 per replication: ${p95.join(", ")}`);
  const { mean, halfWidth } = meanAndHalfWidth(p95);
  assert.ok(halfWidth > 0, "a CI of zero width");
  // M/M/10 at ρ = 0.5 waits little: the response time is nearly the 1-s exponential service,
  // whose p95 is ln 20 ≈ 3.0 s; the estimate is within its own CI of it (plus bucket width).
  assert.ok(Math.abs(mean - Math.log(20)) < halfWidth + 0.01 * Math.log(20) + 0.1, `${mean}`);
});

Deno.test("parseScenario refuses what the old language silently accepted", () => {
  assert.throws(
    () =>
      parseScenario({
        ...JSON.parse(JSON.stringify(singleTier())),
        warmup_seconds: 5000,
      }),
    /warmup_seconds/,
  );
});
