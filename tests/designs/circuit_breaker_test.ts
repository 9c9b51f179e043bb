import assert from "node:assert/strict";
import {
  BREAKER_CLOSED,
  BREAKER_HALF_OPEN,
  BREAKER_OPEN,
  CircuitBreaker,
  CircuitBreakers,
} from "../../sim/model/mod.ts";

Deno.test("a circuit breaker opens after consecutive failures, fails fast, then probes", () => {
  const breaker = new CircuitBreaker({ failureThreshold: 3, openSeconds: 10, halfOpenProbes: 2 });
  breaker.onFailure(0);
  breaker.onFailure(1);
  breaker.onSuccess(2); // resets the run of failures
  breaker.onFailure(3);
  breaker.onFailure(4);
  assert.equal(breaker.state(4), BREAKER_CLOSED);
  breaker.onFailure(5);
  assert.equal(breaker.state(5), BREAKER_OPEN);
  assert.equal(breaker.allowRequest(14.9), false); // fails fast while open
  assert.equal(breaker.state(15), BREAKER_HALF_OPEN);
  assert.equal(breaker.allowRequest(15), true);
  assert.equal(breaker.allowRequest(15), true);
  assert.equal(breaker.allowRequest(15), false); // only two probes
  breaker.onSuccess(16);
  assert.equal(breaker.state(16), BREAKER_HALF_OPEN);
  breaker.onSuccess(16);
  assert.equal(breaker.state(16), BREAKER_CLOSED);
});

Deno.test("a failed probe re-opens the breaker for another full open period", () => {
  const breaker = new CircuitBreaker({ failureThreshold: 1, openSeconds: 5 });
  breaker.onFailure(0);
  assert.equal(breaker.allowRequest(5), true);
  breaker.onFailure(6);
  assert.equal(breaker.state(10.9), BREAKER_OPEN);
  assert.equal(breaker.state(11), BREAKER_HALF_OPEN);
});

Deno.test("per-client breakers are independent", () => {
  const breakers = new CircuitBreakers(3, { failureThreshold: 1, openSeconds: 5 });
  breakers.onFailure(1, 0);
  assert.equal(breakers.allowRequest(0, 1), true);
  assert.equal(breakers.allowRequest(1, 1), false);
  assert.equal(breakers.allowRequest(2, 1), true);
  assert.throws(() => new CircuitBreakers(2, { openSeconds: -1 }), /openSeconds.*-1/);
});
