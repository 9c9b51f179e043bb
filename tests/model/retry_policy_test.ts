import assert from "node:assert/strict";
import fc from "fast-check";
import { RandomStream } from "../../sim/engine/mod.ts";
import {
  buildRetryPolicy,
  RetryPolicySchema,
  throttleRejectProbability,
} from "../../sim/model/mod.ts";

type Kind = "none" | "immediate" | "fixed" | "exponential";
type JitterKind = "none" | "full" | "equal" | "decorrelated";

/** A retry policy's scenario options (what an analyst writes), parsed by the schema. */
const policy = (kind: Kind, jitter: JitterKind, base = 1, multiplier = 2, cap = 30) =>
  RetryPolicySchema.parse(
    kind === "none"
      ? { kind }
      : kind === "immediate"
      ? { kind, max_attempts: 3 }
      : kind === "fixed"
      ? { kind, max_attempts: 3, delay_seconds: base, jitter, cap_seconds: cap }
      : { kind, max_attempts: 3, delay_seconds: base, multiplier, cap_seconds: cap, jitter },
  );

/** The delay before retry `retry` of the policy built from `config`, its stream drawing `u`. */
function retryDelay(
  config: ReturnType<typeof policy>,
  retry: number,
  previous: number,
  u: number,
): number {
  const stream = { random: () => u } as unknown as RandomStream;
  const built = buildRetryPolicy(config, { stream });
  return built.retries ? built.delay(retry, previous) : 0;
}

Deno.test("exponential backoff without jitter is min(cap, base·multiplier^(n−1))", () => {
  const p = policy("exponential", "none", 0.5, 3, 20);
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => retryDelay(p, n, 0.5, 0.7)),
    [0.5, 1.5, 4.5, 13.5, 20],
  );
});

Deno.test("none and immediate retry with no delay; fixed waits its delay", () => {
  assert.equal(retryDelay(policy("immediate", "full"), 3, 1, 0.9), 0);
  assert.equal(retryDelay(policy("none", "none"), 1, 1, 0.9), 0);
  assert.equal(retryDelay(policy("fixed", "none", 4), 7, 4, 0.9), 4);
});

Deno.test("jitter variants stay inside their formula's range", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 5, noNaN: true }),
      fc.double({ min: 1, max: 4, noNaN: true }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.integer({ min: 1, max: 12 }),
      fc.double({ min: 0, max: 0.999999, noNaN: true }),
      fc.double({ min: 0.01, max: 50, noNaN: true }),
      (base, multiplier, cap, retry, u, previous) => {
        const d = Math.min(cap, base * multiplier ** (retry - 1));
        const full = retryDelay(
          policy("exponential", "full", base, multiplier, cap),
          retry,
          previous,
          u,
        );
        assert.ok(Math.abs(full - u * d) <= 1e-9 * d);
        const equal = retryDelay(
          policy("exponential", "equal", base, multiplier, cap),
          retry,
          previous,
          u,
        );
        assert.ok(equal >= d / 2 - 1e-12 && equal <= d + 1e-12);
        assert.ok(Math.abs(equal - (d / 2 + (u * d) / 2)) <= 1e-9 * d);
        const decorrelated = retryDelay(
          policy("exponential", "decorrelated", base, multiplier, cap),
          retry,
          previous,
          u,
        );
        const high = Math.max(base, 3 * previous);
        assert.ok(Math.abs(decorrelated - Math.min(cap, base + u * (high - base))) <= 1e-9 * high);
      },
    ),
  );
});

Deno.test("adaptive throttling follows max(0, (requests − K·accepts)/(requests + 1))", () => {
  assert.equal(throttleRejectProbability(0, 0, 2), 0);
  assert.equal(throttleRejectProbability(10, 5, 2), 0);
  assert.equal(throttleRejectProbability(10, 2, 2), 6 / 11);
  fc.assert(
    fc.property(
      fc.nat(1000),
      fc.nat(1000),
      fc.double({ min: 1, max: 4, noNaN: true }),
      (r, a, k) => {
        const accepts = Math.min(a, r);
        const p = throttleRejectProbability(r, accepts, k);
        assert.ok(p >= 0 && p < 1);
      },
    ),
  );
});

Deno.test("a constant delay is what delay() returns, drawing nothing (the model skips the call)", () => {
  const configs = [
    { kind: "none" },
    { kind: "immediate", max_attempts: 3 },
    { kind: "fixed", max_attempts: 3, delay_seconds: 2.5, jitter: "none" },
    { kind: "fixed", max_attempts: 3, delay_seconds: 2.5, jitter: "full" },
    { kind: "exponential", max_attempts: 3, delay_seconds: 1, jitter: "none" },
    {
      kind: "random",
      max_attempts: 3,
      delay: { kind: "deterministic", mean_seconds: 4 },
    },
    { kind: "random", max_attempts: 3, delay: { kind: "exponential", mean_seconds: 4 } },
  ];
  const constant = configs.map((raw) => {
    let draws = 0;
    const stream = new RandomStream("retry", () => (draws++, 0.5));
    const built = buildRetryPolicy(RetryPolicySchema.parse(raw), { stream });
    if (Number.isNaN(built.constantDelay)) return NaN;
    for (let retry = 1; retry <= 5; retry++) {
      assert.equal(built.delay(retry, retry * 3), built.constantDelay, JSON.stringify(raw));
    }
    assert.equal(draws, 0, JSON.stringify(raw));
    return built.constantDelay;
  });
  assert.deepEqual(constant, [0, 0, 2.5, NaN, NaN, 4, NaN]);
});
