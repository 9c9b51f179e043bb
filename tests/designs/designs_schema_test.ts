/**
 * The mechanisms' option schemas, taken from the registry the scenario schema is built from:
 * plain and sourced numbers are accepted, bad values are refused with a message naming what
 * is allowed. Validation happens once, here, in zod.
 */
import assert from "node:assert/strict";
import { MECHANISMS } from "../../sim/model/mod.ts";
import type { z } from "zod";

/** The registered schema of mechanism `key`. */
function schemaOf(key: string): z.ZodType {
  const mechanism = MECHANISMS.find((candidate) => candidate.key === key);
  assert.ok(mechanism, `no mechanism ${key}`);
  return mechanism.schema as z.ZodType;
}

function firstIssue(key: string, value: unknown): string {
  const result = schemaOf(key).safeParse(value);
  assert.equal(result.success, false, `${key} accepted ${JSON.stringify(value)}`);
  return result.error!.issues[0].message;
}

Deno.test("mechanism options accept plain and sourced numbers", () => {
  const bucket = schemaOf("token_bucket").parse({
    rate_per_second: { value: 13.3, source: "Corriere, 2021-11-08: ~800 admissions/min" },
    burst: 50,
  }) as { rate_per_second: number; burst: number };
  assert.equal(bucket.rate_per_second, 13.3);
  const aimd = schemaOf("concurrency_limit").parse({
    kind: "aimd",
    initial_limit: 40,
    max_limit: 400,
  }) as { initial_limit: number; min_limit: number };
  assert.equal(aimd.initial_limit, 40);
  const room = schemaOf("waiting_room").parse({
    admission_rate_per_second: 13.3,
    opening_seconds: { value: 1800, assumption: "queue positions assigned at 09:30" },
    ordering: "random-before-opening",
    token_validity_seconds: { value: 1200, source: "a 20-minute session cap" },
    balking: { mean_tolerance_seconds: 3600 },
  }) as { token_validity_seconds: number; opening_seconds: number };
  assert.equal(room.token_validity_seconds, 1200);
  assert.equal(room.opening_seconds, 1800);
  const scaler = schemaOf("autoscaler").parse({
    target_utilisation: 0.6,
    min_servers: 4,
    max_servers: 40,
    provisioning_delay_seconds: 240,
  }) as { evaluation_interval_seconds: number };
  assert.equal(scaler.evaluation_interval_seconds, 60); // default
  const budget = schemaOf("budget").parse({
    total_euro: { value: 53e6, source: "Bonus Terme: 53 M€" },
    grant: { kind: "fixed", euro: 200 },
    allocation: { rule: "lottery", registration_close_seconds: 86_400 },
  }) as { total_euro: number; grant: unknown };
  assert.equal(budget.total_euro, 53e6);
  assert.deepEqual(budget.grant, { kind: "fixed", euro: 200 });
});

Deno.test("mechanism options reject bad values with messages naming what is allowed", () => {
  assert.match(
    firstIssue("token_bucket", { rate_per_second: -1, burst: 5 }),
    /is not a positive number/,
  );
  assert.match(
    firstIssue("concurrency_limit", { kind: "vegas" }),
    /is not a concurrency limit \(kind static, aimd or gradient\)/,
  );
  assert.match(
    firstIssue("concurrency_limit", { kind: "aimd", initial_limit: 5 }),
    /min_limit <= initial_limit <= max_limit/,
  );
  assert.match(
    firstIssue("waiting_room", {
      admission_rate_per_second: 1,
      opening_seconds: 0,
      ordering: "lifo",
    }),
    /is not one of fifo, random-before-opening/,
  );
  assert.match(
    firstIssue("autoscaler", {
      target_utilisation: 0.5,
      min_servers: 5,
      max_servers: 2,
      provisioning_delay_seconds: 60,
    }),
    /min_servers <= max_servers/,
  );
  const grant = { kind: "fixed", euro: 200 };
  assert.match(
    firstIssue("budget", { total_euro: 1e6, grant, allocation: { rule: "lottery" } }),
    /lottery and ranking need registration_close_seconds/,
  );
  assert.match(
    firstIssue("budget", {
      total_euro: 1e6,
      grant,
      allocation: { rule: "staggered-shares", shares: [0.6, 0.6] },
    }),
    /shares must sum to at most 1/,
  );
  assert.match(
    firstIssue("load_shedding", { utilisation: [null, 0.9], queue_length: [null, 100] }),
    /give exactly one of utilisation, queue_length, queue_delay_seconds/,
  );
  assert.match(
    firstIssue("staggered", { cohort_by: "region" }),
    /exactly one of windows or consecutive/,
  );
  assert.match(
    firstIssue("budget", { total_euro: 1e6, grant: { kind: "fixed", euro: 0 } }),
    /is not a positive number/,
  );
});
