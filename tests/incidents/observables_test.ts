/**
 * The as-built design of each incident reproduces the reported observables of its calibration
 * record WITHOUT taking them as inputs: each observable is measured on replications of the
 * scaled-down as-built run (`CALIBRATION_RUN_PLANS`, `data/sources.md` "Scale"), converted back
 * to full scale, and its mean must fall inside the record's `accept` band. The 95% Student-t
 * interval of the mean is reported in every assertion message (rule: the band must contain the
 * mean; the interval shows how firmly). Each test names the inputs that produce the observable.
 *
 * Observables the model does not reproduce are `ignore`d with the reason (never a widened band).
 */
import assert from "node:assert/strict";
import {
  CALIBRATION_RUN_PLANS,
  estimateObservables,
  incidentCalibration,
  INCIDENTS,
  type ObservableEstimate,
  seriesOf,
  summaryOf,
} from "../../sim/calibration/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";

/** Which inputs (calibration parameters and model mechanisms) produce each observable. */
const PRODUCED_BY: Record<string, string> = {
  peak_offered_operations_7dec_morning:
    "day-1 citizen arrivals × (retries + reloads + come-backs of the hammering class) against a " +
    "60 ops/s wallet",
  peak_offered_operations_7dec_evening: "the same retry storm on the 7 Dec evening arrivals",
  peak_offered_operations_max:
    "day-2 arrivals (2.1 M, 55% of them 09:00–13:00) plus the day-1 backlog retrying at a 140 ops/s wallet",
  operations_8dec: "retry amplification × 8 Dec citizens (active users are not an input)",
  operations_per_active_user_8dec: "retries, reloads and come-backs per citizen (not an input)",
  active_users_8dec: "day-2 arrivals plus day-1 citizens coming back",
  enrolments_7dec: "wallet goodput under overload (queue bound, timeouts, wasted work)",
  enrolments_8dec_morning: "wallet goodput at its day-2 capacity under the retry storm",
  wallet_degraded_hours: "capacity steps at 06:00 on 8 and 9 Dec against the backlog",
  collapse_seconds_after_opening:
    "citizens' flash crowd (citizens_8nov, citizen_decay_seconds) against a 300 req/s platform " +
    "with a crash threshold",
  exhaustion_hours_after_reopening: "operators × entry cycle on 9 Nov against the 53 M€ budget",
  bookings_funded: "budget ÷ voucher cap, and enough bookings to spend it",
  registered: "sessions through the waiting room × SPID login success",
  funded: "budget and the capped-share award distribution",
  completions_by_1930: "waiting-room admission × degraded SPID capacity until the evening",
  exhaustion_hours_after_opening: "completions over the night and morning against the budget",
  residual_euro_4nov_0900: "budget minus awards funded by 09:00 on 4 Nov",
  completions_0100_0830: "night arrival shares against a portal that copes",
  completions_by_1100: "the morning wave collapsing the portal (retries, unbounded queue)",
  peak_completion_rate: "portal capacity for journeys (operations per journey, background load)",
  completions_day1: "the whole day's arrivals, collapse, closure and reopening",
  collapse_hour: "the 08:30 arrival share against the portal capacity with retries",
  accepted_first_4min: "senders at 09:00 against the portal capacity",
  quota_exhausted_seconds: "quota (39,030) ÷ submission rate",
  success_ratio: "a portal that held (no retry storm)",
};

/** Observables not reproduced at the documented scale, with the reason (reported, not hidden). */
const NOT_REPRODUCED: Record<string, string> = {
  "bonus-mobilita-2020/completions_by_1930":
    "~67k (CI 66–67k, the same at k = 0.02, 0.125 and 0.25) vs ≥70k: every completion comes before " +
    "the SPID failure at 11:00; the degraded identity provider (8 logins/s, an unbounded FIFO queue) " +
    "gets 13.3 sessions/s plus retries, so every login it serves has outlived the 60-s client " +
    "timeout (zero goodput until 19:00). A bounded SPID queue instead (60–240 places: fast errors) " +
    "lets it serve its whole degraded capacity: 160k–290k by 19:30 at 3–8 logins/s, but then " +
    "`registered` overshoots (780k–880k vs ≤700k) and the money runs out too early (18–21 h). An " +
    "intermittently crashing provider (crash at 2,000–4,000 requests in system, restart after " +
    "2–5 min) gives ~83k by 19:30 but again ~782k registered. The reported ~1.2 completions/s " +
    "during the failure lies between the regimes the model offers",
};

const cache = new Map<string, ObservableEstimate[]>();
/** Peak goodput ÷ peak offered load of each replication, by incident. */
const goodputRatios = new Map<string, number[]>();

/**
 * Bonus mobilità's reported waiting-room queue (`data/calibration/bonus-mobilita-2020.json`,
 * `queue_0900`, `queue_1000`, `queue_1200`), at seconds from the 08:00 origin.
 */
const QUEUE_TIMES = [
  { parameter: "queue_0900", seconds: 3_600 },
  { parameter: "queue_1000", seconds: 7_200 },
  { parameter: "queue_1200", seconds: 14_400 },
];
/** Waiting-room length at each of {@link QUEUE_TIMES}, per replication, full scale. */
const waitingRoomQueues = new Map<string, number[][]>();

/** Estimates of an incident's observables, computed once for all its tests. */
function estimates(incident: string): ObservableEstimate[] {
  let found = cache.get(incident);
  if (!found) {
    const plan = CALIBRATION_RUN_PLANS[incident];
    const ratios: number[] = [];
    const queues: number[][] = QUEUE_TIMES.map(() => []);
    found = estimateObservables(incident, {
      scale: plan.scale,
      replications: plan.replications,
      onRun: (run) => {
        ratios.push(
          summaryOf(run.result, "peak_goodput_per_s") / summaryOf(run.result, "peak_offered_per_s"),
        );
        if (run.result.series.some((row) => row.metric === "waiting_room_length")) {
          const length = seriesOf(run.result, "waiting_room_length");
          QUEUE_TIMES.forEach(({ seconds }, index) => {
            // the bin ending at that moment (time-average over its 60 s), full scale
            const bin = Math.min(length.length, seconds / run.probe.binWidthSeconds) - 1;
            queues[index].push(length[bin] / run.scale);
          });
        }
      },
    });
    goodputRatios.set(incident, ratios);
    waitingRoomQueues.set(incident, queues);
    cache.set(incident, found);
  }
  return found;
}

const format = (value: number) =>
  Math.abs(value) >= 1000 ? Math.round(value).toLocaleString("en") : value.toPrecision(3);

for (const incident of INCIDENTS) {
  const calibration = incidentCalibration(incident);
  const plan = CALIBRATION_RUN_PLANS[incident];
  for (const entry of calibration.observables) {
    const key = `${incident}/${entry.observable}`;
    const reason = NOT_REPRODUCED[key];
    const name = `${incident}: ${entry.observable} ≈ ${format(entry.value)} ${entry.unit} ` +
      `[${entry.accept.map(format).join(", ")}] emerges from ${PRODUCED_BY[entry.observable]}` +
      (reason ? ` — NOT REPRODUCED: ${reason}` : "");
    Deno.test({
      name,
      ignore: reason !== undefined,
      fn: () => {
        const estimate = estimates(incident).find((e) => e.observable === entry.observable)!;
        const { interval } = estimate;
        const message = `${key}: simulated mean ${format(interval.mean)} ` +
          `[95% CI ${format(interval.low)}, ${format(interval.high)}] over ${interval.n} ` +
          `replications at scale ${plan.scale} (values ${
            estimate.values.map(format).join(", ")
          }; ` +
          `measured as ${estimate.reads}); reported ${format(entry.value)} ${entry.unit}, ` +
          `band [${entry.accept.join(", ")}]; produced by ${PRODUCED_BY[entry.observable]}`;
        console.log(message);
        assert.ok(interval.n >= 3 && Number.isFinite(interval.halfWidth), `no CI: ${message}`);
        assert.ok(
          entry.accept[0] <= interval.mean && interval.mean <= entry.accept[1],
          `outside the band: ${message}`,
        );
      },
    });
  }
}

Deno.test("every observable has a description of the inputs that produce it", () => {
  for (const incident of INCIDENTS) {
    for (const entry of incidentCalibration(incident).observables) {
      assert.ok(PRODUCED_BY[entry.observable], `${incident}/${entry.observable}`);
    }
  }
});

Deno.test("cashback-io-2020: goodput stays far below the offered load (peak goodput < 10% of peak offered, 95% CI upper bound), from retries, reloads and come-backs against a 60 → 140 ops/s wallet", () => {
  // Reported: ~324k cards added on 7 Dec (≈ 8 journeys/s) against 6,000–14,000 operations/s.
  estimates("cashback-io-2020");
  const ratio = meanConfidenceInterval(goodputRatios.get("cashback-io-2020")!);
  assert.ok(
    ratio.high < 0.1,
    `peak goodput ÷ peak offered ${ratio.mean.toPrecision(3)} [95% CI ${
      ratio.low.toPrecision(3)
    }, ` +
      `${ratio.high.toPrecision(3)}]`,
  );
});

Deno.test("bonus-mobilita-2020: the waiting-room queue at 09:00, 10:00 and 12:00 comes back from the arrival rates derived from it, 0–20% below the reported figures (a consistency check of the waiting room's admission, patience and session cap, not an independent observable)", () => {
  // The arrival steps were derived from these figures assuming nobody leaves the queue (the
  // calibration record's arrivals_* formulas), and a position counter keeps counting people who
  // left. The model's sessions leave after a mean patience of 5 h, so its queue must come out
  // at or below the reported figure; a loss above 20% by 12:00 (the oldest sessions have waited
  // ~4 h) would mean the room's mechanics, not the patience, are off.
  estimates("bonus-mobilita-2020");
  const calibration = incidentCalibration("bonus-mobilita-2020");
  const queues = waitingRoomQueues.get("bonus-mobilita-2020")!;
  QUEUE_TIMES.forEach(({ parameter }, index) => {
    const reported = calibration.parameters.find((entry) => entry.parameter === parameter)!.value;
    const interval = meanConfidenceInterval(queues[index]);
    const message =
      `${parameter}: simulated ${format(interval.mean)} [95% CI ${format(interval.low)}, ${
        format(interval.high)
      }] vs reported ${format(reported)} (band ${format(0.8 * reported)}` +
      `–${format(reported)})`;
    console.log(message);
    assert.ok(interval.n >= 3 && Number.isFinite(interval.halfWidth), `no CI: ${message}`);
    assert.ok(0.8 * reported <= interval.mean && interval.mean <= reported, message);
  });
});
