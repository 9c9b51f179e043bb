import assert from "node:assert/strict";
import { adaptiveThrottleFixedPoint } from "../../sim/analytic/mod.ts";

function close(actual: number, expected: number, tolerance = 1e-12): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

Deno.test("adaptive throttle, large-count limit: the server receives min(λ, K·μ_acc)", () => {
  // λ = 100/s, μ_acc = 30/s, K = 2: p = 1 − 60/100 = 0.4, 60/s sent, 30 accepted, 30 rejected.
  const overloaded = adaptiveThrottleFixedPoint({ arrivalRate: 100, k: 2, acceptCapacity: 30 });
  close(overloaded.localRejectProbability, 0.4);
  close(overloaded.sentRate, 60);
  close(overloaded.acceptedRate, 30);
  close(overloaded.serverRejectRate, 30);
  close(overloaded.acceptedShare, 0.3);
  // λ = 50/s ≤ K·μ_acc = 60/s: no local rejection, the server rejects 20/s.
  const mild = adaptiveThrottleFixedPoint({ arrivalRate: 50, k: 2, acceptCapacity: 30 });
  close(mild.localRejectProbability, 0);
  close(mild.sentRate, 50);
  close(mild.serverRejectRate, 20);
  // Under capacity: nothing happens.
  const healthy = adaptiveThrottleFixedPoint({ arrivalRate: 20, k: 2, acceptCapacity: 30 });
  close(healthy.localRejectProbability, 0);
  close(healthy.acceptedRate, 20);
  // K = 1.5, λ = 90, μ_acc = 30: p = 1 − 45/90 = 0.5.
  close(
    adaptiveThrottleFixedPoint({ arrivalRate: 90, k: 1.5, acceptCapacity: 30 })
      .localRejectProbability,
    0.5,
  );
});

Deno.test("adaptive throttle with a fixed acceptance probability q: all or nothing at Kq = 1", () => {
  // Kq = 1.2 ≥ 1: the throttle never acts.
  const tolerable = adaptiveThrottleFixedPoint({ arrivalRate: 10, k: 2, acceptProbability: 0.6 });
  close(tolerable.localRejectProbability, 0);
  close(tolerable.acceptedRate, 6);
  // Kq = 0.8 < 1: in the large-count limit the client ends up rejecting everything.
  const shut = adaptiveThrottleFixedPoint({ arrivalRate: 10, k: 2, acceptProbability: 0.4 });
  close(shut.localRejectProbability, 1);
  close(shut.sentRate, 0);
  // With a 10 s window, N = 100 requests: p = N(1 − Kq)/(N(1 − Kq) + 1) = 20/21.
  const windowed = adaptiveThrottleFixedPoint({
    arrivalRate: 10,
    k: 2,
    acceptProbability: 0.4,
    windowSeconds: 10,
  });
  close(windowed.localRejectProbability, 20 / 21);
  close(windowed.sentRate, 10 / 21);
  close(windowed.acceptedRate, 4 / 21);
});

/** The throttle's rule with mean counts in the window (SRE book; +1 in the denominator). */
function rule(requests: number, accepts: number, k: number): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}

Deno.test("adaptive throttle with a window: p solves the throttle's own rule", () => {
  // λ = 100/s, μ_acc = 30/s, K = 2, W = 1 s: N = 100, C = 30, p = (100 − 60)/101.
  const one = adaptiveThrottleFixedPoint({
    arrivalRate: 100,
    k: 2,
    acceptCapacity: 30,
    windowSeconds: 1,
  });
  close(one.localRejectProbability, 40 / 101);
  close(one.sentRate, (100 * 61) / 101);
  close(one.acceptedRate, 30);
  const cases = [
    { arrivalRate: 100, k: 2, acceptCapacity: 30, windowSeconds: 1 },
    { arrivalRate: 7, k: 2, acceptCapacity: 3, acceptProbability: 0.7, windowSeconds: 5 },
    { arrivalRate: 7, k: 1.1, acceptCapacity: 6, acceptProbability: 0.7, windowSeconds: 5 },
    { arrivalRate: 40, k: 0.8, acceptCapacity: 50, windowSeconds: 2 }, // K < 1 throttles even so
    { arrivalRate: 40, k: 0.8, acceptCapacity: 5, windowSeconds: 2 },
    { arrivalRate: 3, k: 3, acceptProbability: 0.2, windowSeconds: 120 },
  ];
  for (const input of cases) {
    const fixed = adaptiveThrottleFixedPoint(input);
    const requests = input.arrivalRate * input.windowSeconds;
    const accepts = fixed.acceptedRate * input.windowSeconds;
    close(fixed.localRejectProbability, rule(requests, accepts, input.k), 1e-12);
    assert.ok(fixed.localRejectProbability >= 0 && fixed.localRejectProbability <= 1);
    // A long window approaches the large-count limit.
    const limit = adaptiveThrottleFixedPoint({ ...input, windowSeconds: undefined });
    const long = adaptiveThrottleFixedPoint({ ...input, windowSeconds: 1e9 });
    close(long.localRejectProbability, limit.localRejectProbability, 1e-6);
  }
  assert.throws(() => adaptiveThrottleFixedPoint({ arrivalRate: 1, k: 0 }), /k must/);
  assert.throws(
    () => adaptiveThrottleFixedPoint({ arrivalRate: 1, k: 2, acceptProbability: 1.5 }),
    /acceptProbability/,
  );
  assert.throws(
    () => adaptiveThrottleFixedPoint({ arrivalRate: 1, k: 2, acceptCapacity: 0 }),
    /acceptCapacity/,
  );
});
