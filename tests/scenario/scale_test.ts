/**
 * scaleScenario: capacity scales exactly by the factor, including a tier rounded up to one
 * server and the autoscaler bounds of that tier.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseScenario, resolveDesign, scaleScenario } from "../../sim/model/mod.ts";

const scenario = {
  name: "scale-check",
  seed: 1,
  horizon_seconds: 3600,
  demand: {
    arrivals: { kind: "constant", rate_per_second: 100 },
    journey: [{ name: "add-card", route: ["wallet"] }],
  },
  service: {
    tiers: [{
      name: "wallet",
      servers: 5,
      service_time: { kind: "exponential", mean_seconds: 0.5 },
    }],
  },
  autoscaler: { tier: "wallet", min_servers: 5, max_servers: 1400 },
};

Deno.test("autoscaler bounds follow the tier's rounding, so their capacity scales exactly", () => {
  const factor = 0.01;
  const scaled = scaleScenario(scenario, { factor }) as typeof scenario;
  const tier = scaled.service.tiers[0];
  const mean = tier.service_time.mean_seconds;
  assert.equal(tier.servers, 1, "5 × 0.01 rounds up to one server");
  // capacity of one server, requests/s, at full and at reduced scale
  const capacity = (servers: number, meanSeconds: number) => servers / meanSeconds;
  assert.ok(Math.abs(capacity(tier.servers, mean) - factor * capacity(5, 0.5)) < 1e-9);
  const maxCapacity = capacity(scaled.autoscaler.max_servers, mean);
  const expected = factor * capacity(1400, 0.5);
  assert.ok(
    Math.abs(maxCapacity - expected) / expected < 0.01,
    `autoscaler max capacity ${maxCapacity} requests/s, expected ${expected}`,
  );
  assert.equal(scaled.autoscaler.min_servers, 1);
});

/** A one-tier scenario whose servers step through `counts` (the first is the tier's own). */
function steppedScenario(counts: number[], meanSeconds: number) {
  return {
    ...scenario,
    autoscaler: undefined,
    service: {
      tiers: [{
        name: "wallet",
        servers: counts[0],
        service_time: { kind: "exponential", mean_seconds: meanSeconds },
        capacity_schedule: counts.slice(1).map((servers, index) => ({
          at_seconds: 600 * (index + 1),
          servers,
        })),
      }],
    },
  };
}

/** Capacity (requests/s) of each step of the scaled tier ÷ factor × full-scale capacity. */
function capacityRatios(counts: number[], meanSeconds: number, factor: number): number[] {
  const scaled = scaleScenario(steppedScenario(counts, meanSeconds), { factor }) as {
    service: {
      tiers: {
        servers: number;
        service_time: { mean_seconds: number };
        capacity_schedule: { servers: number }[];
      }[];
    };
  };
  const tier = scaled.service.tiers[0];
  const steps = [tier.servers, ...tier.capacity_schedule.map((step) => step.servers)];
  return steps.map((servers, index) =>
    (servers / tier.service_time.mean_seconds) / (factor * counts[index] / meanSeconds)
  );
}

Deno.test("capacity steps keep their capacity within 2% and never round to zero servers", () => {
  // Bonus mobilità's identity provider 150 → 8 → 150 at 1/50: 8 × 0.02 = 0.16 server used to
  // round to 0, switching the tier off for the whole failure.
  for (const ratio of capacityRatios([150, 8, 150], 1, 0.02)) {
    assert.ok(Math.abs(ratio - 1) <= 0.02, `capacity ratio ${ratio}`);
  }
  // Cashback's wallet 15 → 25 → 150 at 1/10 and 1/200.
  for (const factor of [0.1, 0.005]) {
    for (const ratio of capacityRatios([15, 25, 150], 0.25, factor)) {
      assert.ok(Math.abs(ratio - 1) <= 0.02, `factor ${factor}: capacity ratio ${ratio}`);
    }
  }
});

Deno.test("every positive server count of a scaled tier stays at least one server", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 5 }),
      fc.double({ min: 0.001, max: 1, noNaN: true }),
      (counts, factor) => {
        const ratios = capacityRatios(counts, 0.5, factor);
        // never switched off, and never more than twice (round-half-up of a count ≥ 1/2)
        return ratios.every((ratio) => ratio > 0 && ratio <= 2);
      },
    ),
  );
});

Deno.test("a retry budget's trickle is per scope key: scaled only by the gateways' rounding", () => {
  const withBudget = (scope: string, gateways: number) => ({
    ...scenario,
    demand: {
      ...scenario.demand,
      client: {
        retry_budget: { ratio: 0.01, min_retries_per_second: 0.1, scope, gateways },
      },
    },
  });
  type Budget = { min_retries_per_second: number; gateways: number };
  const budgetAt = (scope: string, gateways: number, factor: number) =>
    (scaleScenario(withBudget(scope, gateways), { factor }) as {
      demand: { client: { retry_budget: Budget } };
    }).demand.client.retry_budget;
  for (const factor of [0.1, 0.37, 1]) {
    // one session's or one citizen's bucket is the same at any scale
    assert.equal(budgetAt("session", 1, factor).min_retries_per_second, 0.1);
    assert.equal(budgetAt("citizen", 1, factor).min_retries_per_second, 0.1);
    // the gateways' total trickle scales by the factor, whatever their count rounds to
    for (const gateways of [1, 3, 10, 40]) {
      const scaled = budgetAt("gateway", gateways, factor);
      const total = scaled.min_retries_per_second * scaled.gateways;
      assert.ok(Math.abs(total - 0.1 * gateways * factor) < 1e-12, `${gateways}: ${total}`);
    }
  }
});

/** The retry budget `budget` (fields as written) scaled by `factor`. */
function scaledBudget(budget: Record<string, unknown>, factor: number): Record<string, unknown> {
  const withBudget = {
    ...scenario,
    demand: { ...scenario.demand, client: { retry_budget: { ratio: 0.1, ...budget } } },
  };
  return (scaleScenario(withBudget, { factor }) as {
    demand: { client: { retry_budget: Record<string, unknown> } };
  }).demand.client.retry_budget;
}

Deno.test("a gateway's retry cap and initial tokens scale with its citizens (× f·G/G')", () => {
  const scaled = scaledBudget({ max_tokens: 100, initial_tokens: 40, gateways: 1 }, 0.1);
  assert.ok(Math.abs((scaled.max_tokens as number) - 10) < 1e-12, `${scaled.max_tokens}`);
  assert.ok(Math.abs((scaled.initial_tokens as number) - 4) < 1e-12, `${scaled.initial_tokens}`);
  // the default scope is the gateway
  const implicit = scaledBudget({ max_tokens: 100, initial_tokens: 40 }, 0.1);
  assert.deepEqual(implicit, { ...scaled, gateways: 1 });
  // the gateways' total cap scales by the factor, whatever their count rounds to
  for (const factor of [0.1, 0.37, 0.45]) {
    for (const gateways of [1, 3, 10, 40]) {
      const budget = scaledBudget({ max_tokens: 100, scope: "gateway", gateways }, factor);
      const total = (budget.max_tokens as number) * (budget.gateways as number);
      assert.ok(Math.abs(total - 100 * gateways * factor) < 1e-9, `${gateways}: ${total}`);
    }
  }
  // tokens are real-valued: not rounded to whole tokens
  assert.ok(Math.abs((scaledBudget({ max_tokens: 37 }, 0.1).max_tokens as number) - 3.7) < 1e-12);
});

Deno.test("per session or citizen retry tokens do not scale; per gateway they do", () => {
  for (const scope of ["session", "citizen"]) {
    for (const factor of [0.01, 0.1, 0.37]) {
      const budget = scaledBudget({ max_tokens: 100, initial_tokens: 40, scope }, factor);
      assert.equal(budget.max_tokens, 100, `${scope} at ${factor}`);
      assert.equal(budget.initial_tokens, 40, `${scope} at ${factor}`);
      assert.equal(scaledBudget({ scope }, factor).max_tokens, 100, `${scope}: the default`);
    }
  }
  // A design that moves the budget from the gateway to the citizen: the base's gateway bucket
  // shrinks, the design's citizen bucket keeps its default 100 tokens.
  const scaled = parseScenario(scaleScenario({
    ...scenario,
    autoscaler: undefined,
    demand: { ...scenario.demand, client: { retry_budget: { ratio: 0.1 } } },
    designs: { "per-citizen": { demand: { client: { retry_budget: { scope: "citizen" } } } } },
  }, { factor: 0.1 }));
  const tokens = (design: string) =>
    resolveDesign(scaled, design).demand.client.retry_budget!.max_tokens;
  assert.ok(Math.abs(tokens("base") - 10) < 1e-12, `base: ${tokens("base")}`);
  assert.equal(tokens("per-citizen"), 100);
});

Deno.test("a gateway's positive retry tokens stay at least one token at any scale", () => {
  const scaled = scaledBudget({ max_tokens: 5, initial_tokens: 2 }, 0.1);
  assert.equal(scaled.max_tokens, 1, "5 × 0.1 = 0.5 tokens could never pay for a retry");
  assert.equal(scaled.initial_tokens, 1);
  // none stays none; a bucket below one token at full scale is not raised to one
  assert.equal(scaledBudget({ max_tokens: 100, initial_tokens: 0 }, 0.01).initial_tokens, 0);
  const tiny = scaledBudget({ max_tokens: 0.5, initial_tokens: 0.25 }, 0.1);
  assert.equal(tiny.max_tokens, 0.5);
  assert.equal(tiny.initial_tokens, 0.25);
  fc.assert(
    fc.property(
      fc.double({ min: 1, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-4, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 50 }),
      (tokens, factor, gateways) => {
        const budget = scaledBudget({ max_tokens: tokens, gateways }, factor);
        const exact = tokens * factor * gateways / (budget.gateways as number);
        return Math.abs((budget.max_tokens as number) - Math.max(1, exact)) <= 1e-9 * exact;
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("a retry budget's default max_tokens scales like 100 written out", () => {
  for (const factor of [0.05, 0.1, 0.5]) {
    for (const gateways of [1, 7]) {
      const left = scaledBudget({ gateways, min_retries_per_second: 0.2 }, factor);
      const written = scaledBudget(
        { gateways, min_retries_per_second: 0.2, max_tokens: 100 },
        factor,
      );
      assert.deepEqual(left, written, `factor ${factor}, ${gateways} gateways`);
    }
  }
  // and the default initial tokens (= max_tokens) follow the scaled cap
  const parsed = parseScenario(
    scaleScenario({
      ...scenario,
      autoscaler: undefined,
      demand: { ...scenario.demand, client: { retry_budget: { ratio: 0.1 } } },
    }, { factor: 0.1 }),
  );
  const budget = parsed.demand.client.retry_budget!;
  assert.ok(Math.abs(budget.max_tokens - 10) < 1e-12, `${budget.max_tokens}`);
  assert.equal(budget.initial_tokens, undefined, "left out: the bucket starts full, at 10");
});

Deno.test("a default that scales scales like the same value written out", () => {
  const withLimit = (limit: Record<string, unknown>) => ({
    ...scenario,
    service: {
      tiers: [{ ...scenario.service.tiers[0], servers: 100 }],
    },
    autoscaler: undefined,
    admission: { concurrency_limit: { tier: "wallet", ...limit } },
  });
  type Limit = Record<string, unknown>;
  const scaledLimit = (limit: Limit, factor: number) =>
    (scaleScenario(withLimit(limit), { factor }) as { admission: { concurrency_limit: Limit } })
      .admission.concurrency_limit;
  for (const factor of [0.05, 0.5]) {
    for (const kind of ["aimd", "gradient"]) {
      const written = kind === "aimd"
        ? { kind, initial_limit: 20, min_limit: 20, max_limit: 200 }
        : { kind, initial_limit: 20, min_limit: 20, max_limit: 200, queue_size: 4 };
      assert.deepEqual(scaledLimit({ kind }, factor), scaledLimit(written, factor), kind);
    }
    // a static limit gets none of the adaptive limits' defaults
    assert.deepEqual(scaledLimit({ kind: "static", limit: 40 }, factor), {
      tier: "wallet",
      kind: "static",
      limit: Math.max(1, Math.round(40 * factor)),
    });
  }
});

Deno.test("money is in whole cents, and a scaled budget is rounded to whole cents", () => {
  const withBudget = (budget: Record<string, unknown>) => ({
    ...scenario,
    autoscaler: undefined,
    budget,
  });
  for (
    const [budget, message] of [
      [
        { total_euro: 1000, grant: { kind: "fixed", euro: 10.005 } },
        /budget\.grant\.euro: 10\.005 is not a whole number of cents/,
      ],
      [
        { total_euro: 1000.005, grant: { kind: "fixed", euro: 10 } },
        /budget\.total_euro: 1000\.005 is not a whole number/,
      ],
    ] as const
  ) {
    assert.throws(() => parseScenario(withBudget(budget)), message);
  }
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e11 }),
      fc.double({ min: 1e-4, max: 1, noNaN: true }),
      (cents, factor) => {
        const scaled = parseScenario(
          scaleScenario(
            withBudget({ total_euro: cents / 100, grant: { kind: "fixed", euro: 1 } }),
            {
              factor,
            },
          ),
        );
        const total = scaled.budget!.total_euro;
        assert.ok(Math.abs(total - Math.max(0.01, Math.round(cents * factor) / 100)) < 1e-9);
      },
    ),
    { numRuns: 300 },
  );
});
