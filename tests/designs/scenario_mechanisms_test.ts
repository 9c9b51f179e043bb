/**
 * Every design mechanism switched on from a scenario file (parse → runReplication → tables):
 * each test checks the mechanism's defining behaviour in the model's own result tables.
 */
import assert from "node:assert/strict";
import type { SeriesRow } from "../../sim/table/mod.ts";
import { run, singleTier } from "../model/scenario_builder.ts";

/** Cumulative count of a per-second series at the end of each bin. */
function cumulative(rows: SeriesRow[]): { end: number; total: number }[] {
  let total = 0;
  return rows.map((row) => {
    total += row.value * row.bin_width;
    return { end: row.bin_start + row.bin_width, total };
  });
}

function seriesTotal(rows: SeriesRow[]): number {
  return rows.reduce((sum, row) => sum + row.value * row.bin_width, 0);
}

Deno.test("waiting room: citizens start their journey at the admission rate", () => {
  const rate = 5;
  const horizon = 300;
  const scenario = singleTier({
    horizon_seconds: horizon,
    demand: { arrivals: { kind: "constant", rate_per_second: 20 } },
    service: { tiers: [{ name: "app", servers: 50 }] },
    waiting_room: { admission_rate_per_second: rate, opening_seconds: 0 },
  });
  const result = run(scenario);
  // one operation per journey: first attempts are the citizens the room admitted
  for (const { end, total } of cumulative(result.series("offered_first_per_s"))) {
    assert.ok(total <= rate * end + 1, `${total} admitted by ${end} s exceeds ${rate}/s`);
  }
  const admitted = seriesTotal(result.series("offered_first_per_s"));
  assert.ok(Math.abs(admitted - rate * horizon) <= 1, `admitted ${admitted}`);
  const room = result.series("waiting_room_length");
  const last = room[room.length - 1].value;
  const arrived = result.summary("citizens");
  assert.ok(Math.abs(last - (arrived - admitted)) < 0.05 * arrived, "the rest wait in the room");
});

Deno.test("waiting room: expiring admissions send citizens back to the queue", () => {
  const base = {
    horizon_seconds: 600,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 1 },
      journey: [
        { name: "login", route: ["app"] },
        { name: "apply", route: ["app"], think_time_mean_seconds: 60 },
      ],
    },
    waiting_room: { admission_rate_per_second: 2, opening_seconds: 0 },
  };
  const unlimited = run(singleTier(base)).summary("citizens_succeeded");
  const expiring = run(singleTier({
    ...base,
    waiting_room: { ...base.waiting_room, token_validity_seconds: 20 },
  }));
  assert.ok(unlimited > 300, `without expiry most succeed: ${unlimited}`);
  // a citizen succeeds only if the 60 s mean think time fits in 20 s: about 1 − e^(−1/3)
  const succeeded = expiring.summary("citizens_succeeded");
  assert.ok(succeeded < 0.6 * unlimited, `with expiry ${succeeded} vs ${unlimited}`);
  assert.ok(expiring.summary("attempts") > run(singleTier(base)).summary("attempts"));
});

Deno.test("waiting room: a last request served after the token expired completes it", () => {
  // A room checks the token when a request enters the site (Queue-it's Known User check on each
  // request), not when it is answered: a 10 s request sent under a 5 s token still completes;
  // only a next operation would send the citizen back to the queue.
  const scenario = (operations: number) =>
    singleTier({
      horizon_seconds: 600,
      demand: {
        arrivals: { kind: "constant", rate_per_second: 0.5 },
        journey: Array.from({ length: operations }, (_, i) => ({
          name: i === 0 ? "op" : `op${i}`,
          route: ["app"],
        })),
      },
      service: {
        tiers: [{
          name: "app",
          servers: 50,
          service_time: { kind: "deterministic", mean_seconds: 10 },
        }],
      },
      waiting_room: { admission_rate_per_second: 2, opening_seconds: 0, token_validity_seconds: 5 },
    });
  const one = run(scenario(1));
  const citizens = one.summary("citizens");
  // everyone admitted more than 10 s before the horizon is served once and succeeds
  assert.ok(one.summary("citizens_succeeded") >= citizens - 10, `${citizens} citizens`);
  assert.equal(one.summary("attempts"), one.summary("citizens"), "nobody is sent back");
  // two operations: the second is a next step after the expiry, so nobody gets through
  assert.equal(run(scenario(2)).summary("citizens_succeeded"), 0);
});

Deno.test("token bucket: the tier admits at most rate × t + burst", () => {
  const scenario = singleTier({
    horizon_seconds: 600,
    admission: { token_bucket: { tier: "app", rate_per_second: 2, burst: 10 } },
  });
  const result = run(scenario);
  for (const { end, total } of cumulative(result.series("admitted_per_s"))) {
    assert.ok(total <= 2 * end + 10 + 1e-6, `${total} admitted by ${end} s`);
  }
  const admitted = seriesTotal(result.series("admitted_per_s"));
  assert.ok(admitted > 0.95 * 2 * 600, `the bucket is the bottleneck: ${admitted}`);
  assert.ok(seriesTotal(result.series("failed_rejected_per_s")) > 0);
});

Deno.test("token bucket: clients honouring Retry-After come back when a token is due", () => {
  const scenario = (honour: number) =>
    singleTier({
      horizon_seconds: 2000,
      demand: {
        arrivals: { kind: "constant", rate_per_second: 3 },
        client: { retry: { kind: "fixed", delay_seconds: 60, max_attempts: 20 } },
      },
      admission: { token_bucket: { rate_per_second: 4, burst: 2, honour_retry_after: honour } },
    });
  const honouring = run(scenario(1));
  const ignoring = run(scenario(0));
  const p95 = (result: typeof honouring) => result.summary("time_to_success_p95_s");
  assert.ok(
    p95(ignoring) >= 60,
    `more than 5 % are rejected once and wait 60 s: ${p95(ignoring)}`,
  );
  assert.ok(p95(honouring) < 10, `Retry-After is under a second: ${p95(honouring)}`);
});

Deno.test("concurrency limit: a tier never holds more requests than the limit", () => {
  const result = run(singleTier({
    horizon_seconds: 600,
    demand: { arrivals: { kind: "constant", rate_per_second: 8 } },
    admission: { concurrency_limit: { tier: "app", kind: "static", limit: 5 } },
  }));
  const busy = result.series("busy_servers:app");
  assert.ok(busy.every((row) => row.value <= 5 + 1e-9), "at most 5 in service");
  const meanBusy = busy.reduce((sum, row) => sum + row.value, 0) / busy.length;
  // Erlang loss with 8 erlangs on 5 places: about 4.2 busy on average
  assert.ok(meanBusy > 3.5, `the limit binds: ${meanBusy} busy on average`);
  assert.ok(seriesTotal(result.series("queue_length:app")) === 0, "nobody queues");
  assert.ok(seriesTotal(result.series("failed_rejected_per_s")) > 0);
});

Deno.test("concurrency limit: AIMD and gradient limits run inside the model", () => {
  for (const kind of ["aimd", "gradient"]) {
    const result = run(singleTier({
      horizon_seconds: 300,
      demand: { arrivals: { kind: "constant", rate_per_second: 12 } },
      admission: {
        concurrency_limit: { kind, initial_limit: 20, min_limit: 5, max_limit: 40 },
      },
    }));
    const busy = result.series("busy_servers:app");
    assert.ok(busy.every((row) => row.value <= 10 + 1e-9), kind);
    assert.ok(result.summary("successes") > 0, kind);
  }
});

Deno.test("CoDel: dropping at dequeue keeps the queue delay near target under overload", () => {
  const overloaded = (codel: Record<string, unknown> | null) =>
    singleTier({
      horizon_seconds: 1200,
      demand: { arrivals: { kind: "constant", rate_per_second: 3 } },
      service: { tiers: [{ name: "app", servers: 2 }] },
      admission: codel ? { codel } : null,
    });
  const plain = run(overloaded(null));
  const controlled = run(overloaded({ tier: "app", target_seconds: 1, interval_seconds: 5 }));
  const wait = (result: typeof plain) => result.summary("queue_wait_mean_s:app");
  assert.ok(wait(plain) > 100, `without CoDel the queue grows: ${wait(plain)}`);
  assert.ok(wait(controlled) < 10, `with CoDel: ${wait(controlled)}`);
  assert.ok(seriesTotal(controlled.series("failed_rejected_per_s")) > 0, "CoDel drops");
  assert.equal(seriesTotal(plain.series("failed_rejected_per_s")), 0);
});

Deno.test("load shedding: the less important class is shed, the important one is not", () => {
  const scenario = (priority: number) =>
    singleTier({
      horizon_seconds: 600,
      demand: {
        arrivals: { kind: "constant", rate_per_second: 12 },
        journey: [{ name: "op", route: ["app"], priority }],
      },
      admission: {
        load_shedding: { tier: "app", utilisation: [null, 0.8] },
      },
    });
  const important = run(scenario(0));
  const optional = run(scenario(1));
  assert.equal(seriesTotal(important.series("failed_rejected_per_s")), 0);
  assert.ok(seriesTotal(optional.series("failed_rejected_per_s")) > 1000);
  const busy = optional.series("busy_servers:app");
  assert.ok(busy.every((row) => row.value <= 8 + 1e-9), "shed from 80 % of 10 servers");
});

Deno.test("circuit breaker: clients stop hammering a service that keeps failing", () => {
  const scenario = (breaker: Record<string, unknown> | null) =>
    singleTier({
      horizon_seconds: 600,
      demand: {
        arrivals: { kind: "constant", rate_per_second: 1 },
        client: { retry: { kind: "fixed", delay_seconds: 1, max_attempts: 1000 } },
      },
      service: { tiers: [{ name: "app", servers: 0, queue: { capacity: 0 } }] },
      admission: breaker ? { circuit_breaker: breaker } : null,
    });
  const hammering = run(scenario(null));
  const breaking = run(scenario({ failure_threshold: 3, open_seconds: 60 }));
  const offered = (result: typeof hammering) => result.summary("attempts");
  assert.ok(
    offered(breaking) < offered(hammering) / 10,
    `${offered(breaking)} vs ${offered(hammering)} requests reach the service`,
  );
});

Deno.test("autoscaler: servers:app rises only after the provisioning delay", () => {
  const delay = 120;
  const result = run(singleTier({
    horizon_seconds: 900,
    demand: { arrivals: { kind: "constant", rate_per_second: 8 } },
    service: { tiers: [{ name: "app", servers: 2 }] },
    autoscaler: {
      tier: "app",
      target_utilisation: 0.7,
      min_servers: 2,
      max_servers: 20,
      provisioning_delay_seconds: delay,
      evaluation_interval_seconds: 30,
    },
  }));
  const servers = result.series("servers:app");
  const evaluation = 30;
  for (const row of servers) {
    if (row.bin_start + row.bin_width <= evaluation + delay) assert.equal(row.value, 2);
  }
  assert.ok(servers[servers.length - 1].value >= 12, "scaled towards 8 / 0.7");
  assert.ok(result.summary("peak_servers") > 2);
  assert.ok(result.summary("server_hours") > (2 * 900) / 3600);
});

Deno.test("staggered windows: a cohort starts only in its window, late arrivals give up", () => {
  const result = run(singleTier({
    horizon_seconds: 1200,
    bin_width_seconds: 100,
    service: { tiers: [{ name: "app", servers: 50 }] },
    staggered: {
      cohort_by: "birth-month",
      consecutive: { first_opening_seconds: 0, spacing_seconds: 100, duration_seconds: 100 },
    },
  }));
  const first = result.series("offered_first_per_s");
  // in [0, 100) only January's cohort (1/12 of 500 arrivals) may start
  assert.ok(first[0].value * 100 < 500 / 4, `${first[0].value * 100} started in the first window`);
  const gaveUp = result.summary("citizens_gave_up");
  // cohort c (opening at 100c) gives up when arriving after 100(c + 1): about 5.5/12 of all
  const citizens = result.summary("citizens");
  assert.ok(gaveUp > 0.3 * citizens && gaveUp < 0.6 * citizens, `${gaveUp} of ${citizens}`);
});

Deno.test("staggered windows, a waiting room and staggered budget shares compose", () => {
  const result = run(singleTier({
    horizon_seconds: 900,
    demand: { arrivals: { kind: "constant", rate_per_second: 1 } },
    service: { tiers: [{ name: "app", servers: 20 }] },
    staggered: {
      cohort_by: "fiscal-code-letter",
      letter_groups: ["ABCDEFGHIJKLM", "NOPQRSTUVWXYZ"],
      windows: [
        { cohort: 0, start_seconds: 0, end_seconds: 300 },
        { cohort: 1, start_seconds: 300, end_seconds: 900 },
      ],
    },
    waiting_room: { admission_rate_per_second: 2, opening_seconds: 0 },
    budget: {
      total_euro: 1000,
      grant: { kind: "fixed", euro: 10 },
      allocation: { rule: "staggered-shares", shares: [0.3, 0.7] },
    },
  }));
  // cohort 0 (about 150 citizens by 300 s) exhausts its 30 grants; cohort 1 gets 70 + nothing
  // left over from cohort 0, so the whole budget is paid out
  assert.equal(result.summary("funded"), 100);
  assert.ok(result.summary("denied_budget") > 0);
  assert.ok(result.series("waiting_room_length").length > 0);
  const first = result.series("offered_first_per_s");
  for (const { end, total } of cumulative(first)) {
    assert.ok(total <= 2 * end + 1, "the room's rate holds behind the windows");
  }
});
