/**
 * The design mechanisms plugged into the click-day model through its hooks (`hooks.ts`):
 * a token-bucket gate, a concurrency-limit gate, an autoscaler and an FCFS allocation, on a
 * one-tier scenario. The gates are written here the way the mechanisms' `build` writes them.
 */
import assert from "node:assert/strict";
import { Environment } from "../../sim/engine/mod.ts";
import { runReplication } from "../../sim/model/mod.ts";
import { parseScenario } from "../../sim/model/mod.ts";
import { deepMerge } from "../../sim/scenario/mod.ts";
import {
  Allocation,
  Autoscaler,
  Budget,
  combineHookSets,
  ConcurrencyLimit,
  OUTCOME_FUNDED,
  TokenBucket,
} from "../../sim/model/mod.ts";
import type { AdmissionGate, ModelHooks } from "../../sim/model/mod.ts";

const HORIZON = 600;

/** One tier "app" (1 s exponential service), Poisson arrivals, one-operation journey. */
function scenario(servers: number, ratePerSecond: number) {
  return parseScenario(deepMerge({
    name: "designs-hooks",
    seed: 5,
    horizon_seconds: HORIZON,
    bin_width_seconds: 60,
    demand: {
      arrivals: { kind: "constant", rate_per_second: ratePerSecond },
      journey: [{ name: "apply", route: ["app"] }],
    },
    service: {
      tiers: [{ name: "app", servers, service_time: { kind: "exponential", mean_seconds: 1 } }],
    },
  }, {}));
}

function summary(rows: { metric: string; value: number }[], metric: string): number {
  const row = rows.find((entry) => entry.metric === metric);
  assert.ok(row, `no summary metric ${metric}`);
  return row.value;
}

Deno.test("a token-bucket gate caps what the model's tier admits at rate × t + burst", () => {
  const bucket = new TokenBucket({ ratePerSecond: 2, burst: 10 });
  let admitted = 0;
  const gate: AdmissionGate = { admit: (now) => bucket.tryTake(now) };
  const counting = {
    admit: (now: number, tier: number) => {
      const ok = gate.admit(now, tier);
      if (ok) admitted++;
      return ok;
    },
  };
  const { summaries } = runReplication(scenario(20, 5), "base", 0, {
    hooks: { admission: { app: counting } },
  });
  assert.ok(admitted <= 2 * HORIZON + 10, `admitted ${admitted}`);
  assert.ok(admitted > 0);
  assert.ok(summary(summaries, "successes") <= admitted);
});

Deno.test("a concurrency-limit gate gets every permit back", () => {
  const limiter = new ConcurrencyLimit(3);
  let peak = 0;
  const gate: AdmissionGate = {
    admit: () => limiter.tryAcquire(),
    release: (now, _tier, latency, ok) => limiter.release(now, latency, !ok),
  };
  runReplication(scenario(10, 5), "base", 0, {
    hooks: {
      admission: {
        app: {
          admit: (now, tier) => {
            const ok = gate.admit(now, tier);
            peak = Math.max(peak, limiter.inflight);
            return ok;
          },
          release: gate.release!,
        },
      },
    },
  });
  assert.equal(peak, 3);
  assert.ok(limiter.inflight <= 3);
});

Deno.test("an autoscaler and an FCFS allocation plugged into the model", () => {
  let autoscaler: Autoscaler | undefined;
  const scaling: ModelHooks = {
    onStart(control) {
      autoscaler = new Autoscaler(control, {
        targetUtilisation: 0.7,
        minServers: 2,
        maxServers: 20,
        evaluationIntervalSeconds: 30,
        provisioningDelaySeconds: 90,
        scaleInCooldownSeconds: 300,
      }, {
        busy: () => control.busy(0),
        servers: () => control.servers(0),
        setServers: (servers) => control.setServers(0, servers),
      });
    },
  };
  const allocation = new Allocation({
    rule: "fcfs",
    citizens: 10_000,
    budget: new Budget(new Environment(), { totalEuro: 100 * 200 }),
  });
  const submitted: number[] = [];
  const hooks = combineHookSets([scaling, {
    onSuccess: (now, citizen) => {
      submitted.push(citizen);
      allocation.submit(citizen, now, 200);
    },
  }]);
  const { summaries } = runReplication(scenario(2, 5), "base", 0, { hooks });
  assert.ok(autoscaler);
  assert.ok(autoscaler.scaleUpOrders > 0);
  assert.equal(autoscaler.firstScaleUpOnlineAt, autoscaler.firstScaleUpOrderAt + 90);
  assert.ok(summary(summaries, "peak_servers") > 2);
  // FCFS funds the first 100 citizens to complete
  assert.equal(allocation.fundedCount, 100);
  assert.deepEqual(
    submitted.slice(0, 100).every((id) => allocation.outcome(id) === OUTCOME_FUNDED),
    true,
  );
  assert.ok(Number.isFinite(allocation.budget.exhaustedAt));
});

Deno.test("combineHookSets chains gates, merges give-up hooks and refuses two citizen gates", () => {
  const calls: string[] = [];
  const combined = combineHookSets([
    {
      admission: { app: { admit: () => true, retryAfter: () => 2 } },
      onGiveUp: () => calls.push("first"),
      honourRetryAfter: 0.3,
    },
    {
      admission: { app: { admit: () => false, retryAfter: () => 5 } },
      onGiveUp: () => calls.push("second"),
      honourRetryAfter: 0.6,
    },
  ]);
  assert.equal(combined.admission!.app.admit(0, 0), false);
  assert.equal(combined.admission!.app.retryAfter!(0, 0), 5);
  assert.equal(combined.honourRetryAfter, 0.6);
  combined.onGiveUp!(0, 1, 0);
  assert.deepEqual(calls, ["first", "second"]);
  const gate = { arrive: () => true };
  assert.throws(
    () => combineHookSets([{ citizenGate: gate }, { citizenGate: gate }]),
    /two hooks give citizenGate/,
  );
});
