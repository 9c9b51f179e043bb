/**
 * The design-mechanism sections of a scenario file: every section parses with sourced
 * numbers, tiers are checked, a design can tune or switch off (null) a base mechanism, and
 * bad values are named by path.
 */
import assert from "node:assert/strict";
import { parseScenario, resolveDesign } from "../../sim/model/mod.ts";
import { ScenarioError } from "../../sim/scenario/mod.ts";

const withSections = () => ({
  name: "mechanisms",
  horizon_seconds: 3600,
  demand: {
    arrivals: { kind: "constant", rate_per_second: 1 },
    journey: [{ name: "apply", route: ["gateway", "app"] }],
  },
  service: {
    tiers: [
      { name: "gateway", servers: 2, service_time: { kind: "exponential", mean_seconds: 0.1 } },
      { name: "app", servers: 2, service_time: { kind: "exponential", mean_seconds: 1 } },
    ],
  },
  admission: {
    token_bucket: { rate_per_second: { value: 50, assumption: "test" }, burst: 100 },
    concurrency_limit: { tier: "app", kind: "aimd", initial_limit: 20, max_limit: 80 },
    codel: { tier: "app", target_seconds: 0.5, interval_seconds: 5 },
    load_shedding: { tier: "app", queue_length: [null, 50] },
    circuit_breaker: { failure_threshold: 5, open_seconds: 30 },
  },
  waiting_room: {
    admission_rate_per_second: { value: 13.33, source: "ref:ilriformista-2020-11-portale-tilt" },
    opening_seconds: 1800,
    ordering: "random-before-opening",
    token_validity_seconds: 1200,
    balking: { mean_tolerance_seconds: 18000, max_probability: 0.5 },
  },
  autoscaler: {
    tier: "app",
    target_utilisation: 0.7,
    min_servers: 2,
    max_servers: 20,
    provisioning_delay_seconds: 300,
  },
  staggered: {
    cohort_by: "birth-month",
    consecutive: { first_opening_seconds: 0, spacing_seconds: 300, duration_seconds: 300 },
  },
  budget: {
    total_euro: { value: 53000000, source: "Bonus Terme decree" },
    grant: { kind: "fixed", euro: 200 },
    allocation: { rule: "fcfs" },
  },
  designs: {
    lottery: { budget: { allocation: { rule: "lottery", registration_close_seconds: 3000 } } },
    "no-room": { waiting_room: null, admission: { codel: null } },
  },
});

const problemsOf = (raw: unknown): string[] => {
  try {
    parseScenario(raw);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, String(error));
    return error.problems;
  }
  assert.fail("the scenario was accepted");
};

Deno.test("mechanism sections parse to plain numbers with defaults filled in", () => {
  const scenario = parseScenario(withSections());
  const base = resolveDesign(scenario, "base");
  assert.equal(base.waiting_room?.admission_rate_per_second, 13.33);
  assert.equal(base.admission?.token_bucket?.honour_retry_after, 1);
  assert.equal(base.autoscaler?.scale_on, "utilisation");
  assert.equal(base.autoscaler?.evaluation_interval_seconds, 60);
  assert.equal(base.budget?.total_euro, 53000000);
  const lottery = resolveDesign(scenario, "lottery");
  assert.equal(lottery.budget?.allocation?.rule, "lottery");
  assert.equal(lottery.budget?.grant.kind, "fixed", "the rest of the budget is kept");
  const noRoom = resolveDesign(scenario, "no-room");
  // null in a design removes the section: absent, as if the base never had it
  assert.equal(noRoom.waiting_room, undefined);
  assert.equal(noRoom.admission?.codel, undefined);
  assert.ok(noRoom.admission?.token_bucket, "other admission parts stay");
});

Deno.test("mechanism sections: unknown tiers and bad values are named by path", () => {
  const raw = withSections();
  raw.admission.codel.tier = "db";
  (raw.autoscaler as Record<string, unknown>).target_utilisation = 1.5;
  (raw.waiting_room as Record<string, unknown>).ordering = "lifo";
  assert.deepEqual(problemsOf(raw), [
    "autoscaler.target_utilisation: 1.5 is more than 1, the largest allowed",
    'waiting_room.ordering: "lifo" is not one of fifo, random-before-opening',
  ]);
  const tiers = withSections();
  tiers.admission.codel.tier = "db";
  assert.deepEqual(problemsOf(tiers), [
    'admission.codel.tier: "db" is not a tier (tiers: gateway, app)',
  ]);
  const shares = withSections() as Record<string, unknown>;
  shares.staggered = undefined;
  (shares.budget as { allocation: unknown }).allocation = {
    rule: "staggered-shares",
    shares: [0.5, 0.5],
  };
  assert.deepEqual(problemsOf(shares), [
    'budget.allocation.rule: "staggered-shares": staggered-shares needs a staggered section',
  ]);
});
