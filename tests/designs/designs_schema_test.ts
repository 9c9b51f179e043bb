import assert from "node:assert/strict";
import {
  AimdLimit,
  AllocationSchema,
  Autoscaler,
  AutoscalerSchema,
  BudgetSchema,
  ConcurrencyLimitSchema,
  DesignMechanismsSchema,
  LoadSheddingSchema,
  StaggeredSchema,
  toAutoscalerOptions,
  toBalkingProbability,
  toConcurrencyLimitOptions,
  toGrantAmount,
  TokenBucket,
  TokenBucketSchema,
  toShedderThresholds,
  toTokenBucketOptions,
  WaitingRoomSchema,
} from "../../sim/model/designs.ts";
import type { AimdLimitOptions } from "../../sim/model/designs.ts";
import { Environment } from "../../sim/engine/mod.ts";

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  assert.equal(result.success, false);
  return result.error!.issues[0].message;
}

Deno.test("design options accept plain and sourced numbers and build the mechanisms", () => {
  const parsed = DesignMechanismsSchema.parse({
    token_bucket: {
      rate_per_second: { value: 13.3, source: "incidents.md §2: ~800 admissions/min" },
      burst: 50,
    },
    concurrency_limit: { kind: "aimd", initial_limit: 40, max_limit: 400 },
    waiting_room: {
      admission_rate_per_second: 13.3,
      opening_seconds: { value: 1800, assumption: "queue positions assigned at 09:30" },
      ordering: "random-before-opening",
      token_validity_seconds: { value: 1200, source: "incidents.md §2.2: 20-minute cap" },
      balking: { mean_tolerance_seconds: 3600 },
    },
    autoscaler: {
      target_utilisation: 0.6,
      min_servers: 4,
      max_servers: 40,
      provisioning_delay_seconds: 240,
    },
    budget: {
      total_euro: { value: 53e6, source: "incidents.md §4.4" },
      grant: { kind: "fixed", euro: 200 },
    },
    allocation: { rule: "lottery", registration_close_seconds: 86_400 },
  });
  const bucket = new TokenBucket(toTokenBucketOptions(parsed.token_bucket!));
  assert.equal(bucket.ratePerSecond, 13.3);
  const aimd = new AimdLimit(
    toConcurrencyLimitOptions(parsed.concurrency_limit!) as AimdLimitOptions,
  );
  assert.equal(aimd.limit, 40);
  assert.equal(aimd.minLimit, 20);
  assert.equal(parsed.waiting_room!.token_validity_seconds, 1200);
  const balking = toBalkingProbability(parsed.waiting_room!)!;
  assert.ok(Math.abs(balking(3600) - (1 - Math.exp(-1))) < 1e-12);
  assert.equal(balking(0), 0);
  const options = toAutoscalerOptions(parsed.autoscaler!);
  assert.equal(options.evaluationIntervalSeconds, 60); // default
  new Autoscaler(new Environment(), options, { busy: () => 0, servers: () => 4, setServers() {} });
  assert.deepEqual(toGrantAmount(parsed.budget!.grant), { kind: "fixed", euro: 200 });
  assert.equal(parsed.budget!.total_euro, 53e6);
});

Deno.test("design options reject bad values with messages naming what is allowed", () => {
  assert.match(
    firstIssue(TokenBucketSchema.safeParse({ rate_per_second: -1, burst: 5 })),
    /is not a positive number/,
  );
  assert.match(
    firstIssue(TokenBucketSchema.safeParse({ rate_per_second: 1, burst: 0.5 })),
    /at least 1 request/,
  );
  assert.match(
    firstIssue(ConcurrencyLimitSchema.safeParse({ kind: "vegas" })),
    /is not a concurrency limit \(kind static, aimd or gradient\)/,
  );
  assert.match(
    firstIssue(ConcurrencyLimitSchema.safeParse({ kind: "aimd", initial_limit: 5 })),
    /min_limit <= initial_limit <= max_limit/,
  );
  assert.match(
    firstIssue(WaitingRoomSchema.safeParse({
      admission_rate_per_second: 1,
      opening_seconds: 0,
      ordering: "lifo",
    })),
    /is not one of fifo, random-before-opening/,
  );
  assert.match(
    firstIssue(AutoscalerSchema.safeParse({
      target_utilisation: 0.5,
      min_servers: 5,
      max_servers: 2,
      provisioning_delay_seconds: 60,
    })),
    /min_servers <= max_servers/,
  );
  assert.match(
    firstIssue(AllocationSchema.safeParse({ rule: "lottery" })),
    /lottery and ranking need registration_close_seconds/,
  );
  assert.match(
    firstIssue(AllocationSchema.safeParse({ rule: "staggered-shares", shares: [0.6, 0.6] })),
    /shares must sum to at most 1/,
  );
  assert.match(
    firstIssue(LoadSheddingSchema.safeParse({ signal: "utilisation", thresholds: [0.5, 0.9] })),
    /must not increase/,
  );
  assert.match(
    firstIssue(StaggeredSchema.safeParse({ cohort_by: "region" })),
    /exactly one of windows or consecutive/,
  );
  assert.match(
    firstIssue(BudgetSchema.safeParse({ total_euro: 1e6, grant: { kind: "fixed", euro: 0 } })),
    /is not a positive number/,
  );
  assert.deepEqual(
    toShedderThresholds(
      LoadSheddingSchema.parse({ signal: "queue_length", thresholds: [null, 100, 50] }),
    ),
    [Infinity, 100, 50],
  );
});
