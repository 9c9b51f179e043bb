/**
 * Behaviour of the service model, one mechanism per test, on small scenarios.
 */
import assert from "node:assert/strict";
import { runReplication } from "../../sim/model/mod.ts";
import { run, singleTier } from "./scenario_builder.ts";

const sum = (rows: { value: number; bin_width: number }[]) =>
  rows.reduce((total, row) => total + row.value * row.bin_width, 0);
const meanOver = (rows: { bin_start: number; value: number }[], from: number, to: number) => {
  const inside = rows.filter((row) => row.bin_start >= from && row.bin_start < to);
  return inside.reduce((total, row) => total + row.value, 0) / inside.length;
};

Deno.test("timeouts shorter than service: throughput stays high while goodput collapses", () => {
  const withTimeout = (timeout: number) =>
    run(singleTier({
      horizon_seconds: 500,
      demand: { client: { timeout_seconds: timeout } },
      service: {
        tiers: [{ name: "app", service_time: { kind: "deterministic", mean_seconds: 1 } }],
      },
    }));
  const short = withTimeout(0.5);
  const long = withTimeout(5);
  const completedShort = sum(short.series("completed_per_s"));
  assert.ok(completedShort > 0.95 * short.summary("attempts"), "served nearly everything");
  assert.equal(short.summary("successes"), 0, "but nothing within the timeout");
  assert.equal(short.summary("wasted_work_seconds"), completedShort, "1 s of waste per request");
  assert.ok(long.summary("goodput_share") > 0.95);
});

Deno.test("a crash empties the tier and the restart restores it", () => {
  const result = run(singleTier({
    horizon_seconds: 400,
    bin_width_seconds: 1,
    service: {
      tiers: [{
        name: "app",
        servers: 2,
        crash: { in_system_threshold: 30, restart_seconds: 40 },
      }],
    },
  }));
  const up = result.series("tier_up:app");
  const queue = result.series("queue_length:app");
  const busy = result.series("busy_servers:app");
  const downBins = up.filter((row) => row.value === 0).map((row) => row.bin_start);
  assert.ok(downBins.length >= 30, "the tier went down");
  for (const start of downBins) {
    assert.equal(queue.find((row) => row.bin_start === start)!.value, 0, `queue empty at ${start}`);
    assert.equal(busy.find((row) => row.bin_start === start)!.value, 0, `no work at ${start}`);
  }
  const restarted = up.some((row, i) => i > 0 && up[i - 1].value === 0 && row.value > 0);
  assert.ok(restarted, "the tier came back");
  const downtime = result.summary("downtime_seconds");
  assert.ok(downtime >= 40);
  const downBinSeconds = up.reduce((total, row) => total + (1 - row.value) * row.bin_width, 0);
  assert.ok(Math.abs(downtime - downBinSeconds) < 1e-6, `${downtime} vs ${downBinSeconds}`);
  assert.ok(sum(result.series("failed_crashed_per_s")) > 0);
});

/** One tier of capacity 100/s; λ with a 30 s spike to 200/s at t = 100 s; timeout 1 s. */
const feedbackLoop = (options: {
  lambda: number;
  maxAttempts: number;
  spike: boolean;
  drop: boolean;
  discipline?: string;
}) =>
  singleTier({
    horizon_seconds: 900,
    demand: {
      arrivals: {
        kind: "piecewise",
        steps: [
          { from_seconds: 0, rate_per_second: options.lambda },
          { from_seconds: 100, rate_per_second: options.spike ? 200 : options.lambda },
          { from_seconds: 130, rate_per_second: options.lambda },
        ],
      },
      client: {
        timeout_seconds: 1,
        retry: { kind: "immediate", max_attempts: options.maxAttempts },
      },
    },
    service: {
      tiers: [{
        name: "app",
        servers: 10,
        service_time: { kind: "exponential", mean_seconds: 0.1 },
        drop_abandoned: options.drop,
        queue: { discipline: options.discipline ?? "fifo" },
      }],
    },
  });
const lateGoodput = (scenario: ReturnType<typeof singleTier>) =>
  meanOver(run(scenario).series("goodput_per_s"), 600, 900);

Deno.test("retry feedback loop: a short spike leaves the system stuck; dropping abandoned work breaks it", () => {
  // λ = 45/s and one immediate retry: λ(R+1) = 90/s is below the capacity of 100/s, but the
  // spike's backlog takes far longer than the 1 s timeout to drain, so every request served
  // is one whose client has gone, and its retry keeps the backlog up.
  const lambda = 45;
  const healthy = lateGoodput(feedbackLoop({ lambda, maxAttempts: 2, spike: false, drop: false }));
  const stuck = run(feedbackLoop({ lambda, maxAttempts: 2, spike: true, drop: false }));
  const stuckGoodput = meanOver(stuck.series("goodput_per_s"), 600, 900);
  const stuckRetries = meanOver(stuck.series("offered_retry_per_s"), 600, 900);
  const dropped = lateGoodput(feedbackLoop({ lambda, maxAttempts: 2, spike: true, drop: true }));
  assert.ok(healthy > 0.9 * lambda, `without the spike goodput follows λ (${healthy})`);
  assert.ok(stuckGoodput < 0.1 * lambda, `stuck long after the spike (${stuckGoodput})`);
  assert.ok(stuckRetries > 0.9 * lambda, `every first attempt fails and retries (${stuckRetries})`);
  assert.ok(dropped > 0.9 * lambda, `dropping abandoned requests breaks the loop (${dropped})`);
  assert.ok(
    stuck.summary("wasted_work_seconds") > 100 * 600 * 0.1 * 0.9,
    "the servers work for no one",
  );
});

Deno.test("retry feedback loop with λ(R+1) above capacity: dropping alone is not enough, LIFO is", () => {
  // λ = 70/s with 3 immediate retries: once stuck, 280 attempts/s arrive for a capacity of 100/s.
  const lambda = 70;
  const dropFifo = lateGoodput(feedbackLoop({ lambda, maxAttempts: 4, spike: true, drop: true }));
  const lifo = lateGoodput(
    feedbackLoop({ lambda, maxAttempts: 4, spike: true, drop: false, discipline: "lifo" }),
  );
  assert.ok(dropFifo < 0.2 * lambda, `FIFO with dropping stays stuck (${dropFifo})`);
  assert.ok(lifo > 0.9 * lambda, `LIFO serves fresh requests within their timeout (${lifo})`);
});

Deno.test("fixed-delay retries happen at the policy's delays, then the citizen gives up", () => {
  const result = run(singleTier({
    horizon_seconds: 60,
    bin_width_seconds: 1,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 1 },
      population: 1,
      client: { retry: { kind: "fixed", delay_seconds: 5, max_attempts: 3 } },
    },
    service: { tiers: [{ name: "app", servers: 0, queue: { capacity: 0 } }] },
  }));
  const first = result.series("offered_first_per_s").filter((row) => row.value > 0);
  const retries = result.series("offered_retry_per_s").filter((row) => row.value > 0);
  assert.equal(first.length, 1);
  assert.deepEqual(retries.map((row) => row.bin_start - first[0].bin_start), [5, 10]);
  assert.equal(result.summary("citizens_gave_up"), 1);
  assert.equal(sum(result.series("failed_rejected_per_s")), 3);
});

Deno.test("a maintenance window stops service and keeps the queue, which drains afterwards", () => {
  const result = run(singleTier({
    horizon_seconds: 600,
    demand: { arrivals: { kind: "constant", rate_per_second: 2 } },
    service: {
      tiers: [{ name: "app", servers: 5, maintenance: [{ start_seconds: 100, end_seconds: 200 }] }],
    },
  }));
  const servers = result.series("servers:app");
  assert.equal(meanOver(servers, 100, 200), 0);
  assert.equal(meanOver(servers, 300, 600), 5);
  const queue = result.series("queue_length:app");
  assert.ok(queue.find((row) => row.bin_start === 190)!.value > 100, "work kept in the queue");
  assert.ok(meanOver(queue, 400, 600) < 5, "and drained after");
  assert.equal(sum(result.series("failed_rejected_per_s")), 0);
  assert.ok(result.summary("downtime_seconds") === 100);
});

Deno.test("a dropping maintenance window empties the tier at its start and refuses work until its end", () => {
  // 1 server, 1 s per request, 2 requests/s: the queue grows by ~1/s until the window.
  const withWindow = (dropQueued: boolean) =>
    run(singleTier({
      horizon_seconds: 300,
      bin_width_seconds: 1,
      demand: { arrivals: { kind: "constant", rate_per_second: 2 } },
      service: {
        tiers: [{
          name: "app",
          servers: 1,
          service_time: { kind: "deterministic", mean_seconds: 1 },
          maintenance: [{ start_seconds: 100, end_seconds: 150, drop_queued: dropQueued }],
        }],
      },
    }));
  const at = (rows: { bin_start: number; value: number }[], start: number) =>
    rows.find((row) => row.bin_start === start)!.value;

  const kept = withWindow(false);
  const keptQueue = kept.series("queue_length:app");
  assert.ok(at(keptQueue, 99) > 50, "a queue before the window");
  assert.ok(at(keptQueue, 100) >= at(keptQueue, 99) - 1, "kept through the window's start");
  assert.equal(sum(kept.series("failed_crashed_per_s")), 0);

  const dropped = withWindow(true);
  const queue = dropped.series("queue_length:app");
  const crashed = dropped.series("failed_crashed_per_s");
  assert.equal(at(queue, 99), at(keptQueue, 99), "same run until the window (same seed)");
  assert.ok(at(queue, 100) < at(queue, 99) / 10, "the queue empties at the window's start");
  assert.equal(sum(crashed.filter((row) => row.bin_start < 100)), 0);
  assert.ok(at(crashed, 100) >= at(queue, 99), "every queued request failed as crashed");
  assert.equal(meanOver(dropped.series("servers:app"), 100, 150), 0, "still closed");
  assert.equal(meanOver(queue, 100, 150), 0, "arrivals during the window fail, none queue");
  const arrived = dropped.series("offered_first_per_s");
  const during = (rows: { bin_start: number; value: number; bin_width: number }[]) =>
    sum(rows.filter((row) => row.bin_start > 100 && row.bin_start < 150));
  assert.equal(during(crashed), during(arrived), "each arrival during the window fails at once");
  assert.equal(sum(crashed.filter((row) => row.bin_start >= 150)), 0, "none after the window");
  assert.ok(at(queue, 160) > 0, "and the queue builds again after the window");
});

Deno.test("a design's `maintenance: null` removes the base's maintenance windows", () => {
  const scenario = singleTier({
    service: { tiers: [{ name: "app", maintenance: [{ start_seconds: 100, end_seconds: 200 }] }] },
    designs: { open: { service: { tiers: [{ name: "app", maintenance: null }] } } },
  });
  assert.equal(meanOver(run(scenario).series("servers:app"), 100, 200), 0);
  assert.equal(meanOver(run(scenario, 0, "open").series("servers:app"), 100, 200), 10);
});

Deno.test("a capacity schedule changes the servers at the given time", () => {
  const result = run(singleTier({
    service: { tiers: [{ name: "app", capacity_schedule: [{ at_seconds: 500, servers: 20 }] }] },
  }));
  const servers = result.series("servers:app");
  assert.equal(meanOver(servers, 0, 500), 10);
  assert.equal(meanOver(servers, 500, 1000), 20);
  assert.equal(result.summary("peak_servers"), 20);
});

Deno.test("runs are pure: same inputs give the same tables; designs share arrivals (CRN)", () => {
  const scenario = singleTier({
    horizon_seconds: 200,
    designs: { bigger: { service: { tiers: [{ name: "app", servers: 20 }] } } },
  });
  assert.deepEqual(runReplication(scenario, "base", 3), runReplication(scenario, "base", 3));
  const first = (design: string, replication: number) =>
    runReplication(scenario, design, replication).summaries.find((row) =>
      row.metric === "first_attempts"
    )!.value;
  assert.equal(first("base", 1), first("bigger", 1));
  assert.notEqual(first("base", 1), first("base", 2));
});

Deno.test("finite population, persistence classes and outcome tables add up", () => {
  const scenario = singleTier({
    demand: {
      arrivals: { kind: "constant", rate_per_second: 20 },
      population: 500,
      client: { timeout_seconds: 2 },
      persistence: [
        { name: "low", share: 0.5 },
        {
          name: "high",
          share: 0.5,
          client: { retry: { kind: "fixed", delay_seconds: 1, max_attempts: 50 } },
        },
      ],
    },
    service: { tiers: [{ name: "app", servers: 15, queue: { capacity: 10 } }] },
  });
  const result = runReplication(scenario, "base", 0);
  const summary = (metric: string) => result.summaries.find((row) => row.metric === metric)!.value;
  assert.equal(summary("citizens"), 500);
  assert.equal(
    summary("citizens_succeeded") + summary("citizens_gave_up") + summary("citizens_still_trying"),
    500,
  );
  for (const groupBy of ["arrival_decile", "persistence"]) {
    const rows = result.outcomes.filter((row) => row.group_by === groupBy);
    assert.equal(rows.reduce((total, row) => total + row.count, 0), 500, groupBy);
  }
  const rate = (group: string) => {
    const rows = result.outcomes.filter((row) =>
      row.group_by === "persistence" && row.group === group
    );
    const total = rows.reduce((t, row) => t + row.count, 0);
    return rows.find((row) => row.outcome === "succeeded")!.count / total;
  };
  assert.ok(rate("high") > rate("low"), "persistent citizens succeed more often");
});

Deno.test("adaptive client throttling cuts the retries sent to a dead service", () => {
  const attempts = (k?: number) =>
    run(singleTier({
      horizon_seconds: 100,
      demand: {
        client: {
          retry: { kind: "fixed", delay_seconds: 0.5, max_attempts: 20 },
          adaptive_throttle: k === undefined ? undefined : { k, scope: "gateway" },
        },
      },
      service: { tiers: [{ name: "app", servers: 0, queue: { capacity: 0 } }] },
    })).summary("attempts");
  const plain = attempts();
  const throttled = attempts(2);
  assert.ok(throttled < 0.5 * plain, `${throttled} vs ${plain}`);
});

Deno.test("impatient reloads send new requests while old ones are still served", () => {
  const result = run(singleTier({
    horizon_seconds: 300,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 9 },
      client: { reload: { probability: 1, patience_mean_seconds: 1 } },
    },
  }));
  assert.ok(result.summary("retries") > 0, "reloads are extra attempts");
  assert.ok(result.summary("wasted_work_seconds") > 0, "the abandoned requests are still served");
});

Deno.test("priority queues serve the urgent operation first", () => {
  // Each citizen browses (priority 1) then enrols (priority 0) on an overloaded tier.
  const succeeded = (discipline: string) =>
    run(singleTier({
      horizon_seconds: 300,
      demand: {
        arrivals: { kind: "constant", rate_per_second: 12 },
        journey: [
          { name: "op", route: ["app"], priority: 1 },
          { name: "enrol", route: ["app"], priority: 0 },
        ],
      },
      service: { tiers: [{ name: "app", queue: { discipline } }] },
    })).summary("citizens_succeeded");
  // Browsing alone (12/s) exceeds the capacity (10/s). FIFO shares the servers in proportion
  // to what is queued (enrolments ≈ 3.6/s in the fluid limit); priority serves every
  // enrolment first (5/s), so more citizens finish within the horizon.
  const fifo = succeeded("fifo");
  const priority = succeeded("priority");
  assert.ok(priority > 1.15 * fifo, `priority ${priority} vs fifo ${fifo}`);
});
