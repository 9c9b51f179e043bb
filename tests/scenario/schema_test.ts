import assert from "node:assert/strict";
import {
  designNames,
  loadScenario,
  parseScenario,
  resolveDesign,
  scaleScenario,
  SCENARIO_SCHEMA_PATH,
  scenarioJsonSchemaText,
} from "../../sim/model/mod.ts";
import {
  deepMerge,
  listProvenance,
  parseTraceCsv,
  ScenarioError,
  unsourcedNumbers,
} from "../../sim/scenario/mod.ts";

const minimal = () => ({
  name: "t",
  horizon_seconds: 100,
  demand: {
    arrivals: { kind: "constant", rate_per_second: 1 },
    journey: [{ name: "op", route: ["app"] }],
  },
  service: {
    tiers: [
      { name: "gateway", servers: 2, service_time: { kind: "exponential", mean_seconds: 0.1 } },
      { name: "app", servers: 2, service_time: { kind: "exponential", mean_seconds: 1 } },
    ],
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

Deno.test("the committed JSON Schema is the one generated from the zod schema", () => {
  const committed = JSON.parse(Deno.readTextFileSync(SCENARIO_SCHEMA_PATH));
  assert.deepEqual(
    committed,
    JSON.parse(scenarioJsonSchemaText()),
    "regenerate with: deno run --allow-write=data sim/model/json_schema.ts && deno fmt data/schema",
  );
});

Deno.test("every scenario in data/scenarios validates, designs included", () => {
  for (const entry of Deno.readDirSync("data/scenarios")) {
    if (!entry.name.endsWith(".json")) continue;
    const scenario = loadScenario(`data/scenarios/${entry.name}`);
    for (const design of designNames(scenario)) resolveDesign(scenario, design);
  }
});

Deno.test("every number of every scenario file in data/ names its source or its assumption", () => {
  const bare: string[] = [];
  for (const folder of ["data/scenarios", "data/validation"]) {
    for (const entry of Deno.readDirSync(folder)) {
      if (!entry.name.endsWith(".json")) continue;
      const raw = JSON.parse(Deno.readTextFileSync(`${folder}/${entry.name}`));
      for (const number of unsourcedNumbers(raw)) {
        bare.push(`${folder}/${entry.name}: ${number.path} = ${number.value}`);
      }
    }
  }
  assert.deepEqual(bare, [], `numbers without a source or an assumption:\n${bare.join("\n")}`);
});

Deno.test("bad fields are reported with path, value and what is allowed", () => {
  const raw = minimal();
  (raw.service.tiers[1] as Record<string, unknown>).servers = -4;
  (raw.demand.arrivals as Record<string, unknown>).rate_per_second = "fast";
  assert.deepEqual(problemsOf(raw), [
    'demand.arrivals.rate_per_second: "fast" is not a number',
    "service.tiers[1].servers: -4 is not a non-negative integer",
  ]);
});

Deno.test("a scenario name too long is called too long (not 'not a string')", () => {
  const raw = minimal() as Record<string, unknown>;
  raw.name = "n".repeat(201);
  const problems = problemsOf(raw);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^name: "n+\.\.\. is longer than 200 characters$/);
});

Deno.test("sourced numbers are checked inside their value and named by path", () => {
  const raw = minimal() as Record<string, unknown>;
  raw.horizon_seconds = { value: -1, source: "ref:milanopost-2020-11-05-bonus-esauriti" };
  assert.deepEqual(problemsOf(raw), ["horizon_seconds.value: -1 is not a positive number"]);
  // only the form written is reported (not the other form's missing "source")
  raw.horizon_seconds = { value: "600", assumption: "ten minutes" };
  assert.deepEqual(problemsOf(raw), ['horizon_seconds.value: "600" is not a number']);
});

Deno.test("unknown fields, unknown tiers and unknown kinds are named", () => {
  const raw = minimal() as ReturnType<typeof minimal> & Record<string, unknown>;
  raw.demand.journey[0].route.push("db");
  assert.deepEqual(problemsOf(raw), [
    'demand.journey[0].route[1]: "db" is not a tier (tiers: gateway, app)',
  ]);
  const typo = minimal() as Record<string, unknown>;
  typo.horizon = 5;
  assert.match(problemsOf(typo)[0], /unknown field\(s\) horizon/);
  const kind = minimal();
  (kind.service.tiers[0].service_time as Record<string, unknown>).kind = "expo";
  assert.match(problemsOf(kind)[0], /^service\.tiers\[0\]\.service_time\.kind: "expo" is not/);
});

Deno.test("designs deep-merge onto the base; arrays of named items merge by name", () => {
  const raw = {
    ...minimal(),
    designs: {
      bigger: { service: { tiers: [{ name: "app", servers: 9 }] } },
      surge: {
        demand: {
          arrivals: { kind: "piecewise", steps: [{ from_seconds: 0, rate_per_second: 3 }] },
        },
      },
    },
  };
  const scenario = parseScenario(raw);
  assert.deepEqual(designNames(scenario), ["base", "bigger", "surge"]);
  const bigger = resolveDesign(scenario, "bigger");
  assert.deepEqual(bigger.service.tiers.map((tier) => tier.servers), [2, 9]);
  assert.equal(bigger.service.tiers[1].service_time.kind, "exponential");
  assert.equal(resolveDesign(scenario, "surge").demand.arrivals.kind, "piecewise");
  assert.throws(() => resolveDesign(scenario, "nope"), /"nope" is not a design/);
});

Deno.test("an invalid design is reported under its name", () => {
  const raw = {
    ...minimal(),
    designs: { broken: { service: { tiers: [{ name: "app", servers: 1.5 }] } } },
  };
  assert.deepEqual(problemsOf(raw), [
    "designs.broken.service.tiers[1].servers: 1.5 is not a non-negative integer",
  ]);
});

Deno.test("numbers may carry a source or an assumption, and provenance lists them", () => {
  const raw = minimal() as Record<string, unknown>;
  raw.horizon_seconds = { value: 3600, assumption: "one peak hour" };
  (raw.service as ReturnType<typeof minimal>["service"]).tiers[1].servers = {
    value: 40,
    source: "ref:ilriformista-2020-11-portale-tilt",
  } as unknown as number;
  const scenario = parseScenario(raw);
  assert.equal(scenario.horizon_seconds, 3600);
  assert.equal(scenario.service.tiers[1].servers, 40);
  const provenance = listProvenance(raw);
  assert.deepEqual(provenance.find((entry) => entry.path === "horizon_seconds"), {
    path: "horizon_seconds",
    value: 3600,
    assumption: "one peak hour",
  });
  assert.deepEqual(provenance.find((entry) => entry.path === "service.tiers[1].servers"), {
    path: "service.tiers[1].servers",
    value: 40,
    source: "ref:ilriformista-2020-11-portale-tilt",
  });
  assert.ok(unsourcedNumbers(raw).some((entry) => entry.path === "service.tiers[0].servers"));
  assert.ok(!unsourcedNumbers(raw).some((entry) => entry.path === "horizon_seconds"));
});

Deno.test("deepMerge leaves its inputs alone and replaces sourced numbers whole", () => {
  const base = { a: { value: 1, source: "x" }, b: [1, 2] };
  const merged = deepMerge(base, { a: 5, b: [3] });
  assert.deepEqual(merged, { a: 5, b: [3] });
  assert.deepEqual(base, { a: { value: 1, source: "x" }, b: [1, 2] });
});

Deno.test("trace CSVs parse into points and bad lines are named", () => {
  assert.deepEqual(parseTraceCsv("time,rate\n0,5\n60,7.5\n"), [[0, 5], [60, 7.5]]);
  assert.throws(() => parseTraceCsv("0,5\n60,x\n", "t.csv"), /t\.csv line 2/);
  // nothing is guessed: empty cells, hex, extra columns and a bad first line are named
  for (
    const [text, line] of [
      [",4\n10,5\n", 1],
      ["0,4\n1000,\n", 2],
      ["0,0x4\n", 1],
      ["0,4,9\n", 1],
      ["0,4\n5,Infinity\n", 2],
      ["O,4\n10,5\n", 1],
    ] as const
  ) {
    assert.throws(() => parseTraceCsv(text, "t.csv"), new RegExp(`t\\.csv line ${line}:`), text);
  }
  assert.deepEqual(parseTraceCsv("# rates\n\ntime,rate\n0,1e1\n.5,+2\n"), [[0, 10], [0.5, 2]]);
});

Deno.test("a trace arrival profile reads its CSV next to the scenario file", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/rate.csv`, "time,rate\n0,1\n50,4\n");
  const raw = minimal() as Record<string, unknown>;
  (raw.demand as Record<string, unknown>).arrivals = { kind: "trace", csv: "rate.csv" };
  Deno.writeTextFileSync(`${dir}/scenario.json`, JSON.stringify(raw));
  const scenario = loadScenario(`${dir}/scenario.json`);
  assert.deepEqual(scenario.demand.arrivals, {
    kind: "trace",
    csv: "rate.csv",
    points: [[0, 1], [50, 4]],
    scale: 1,
  });
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a missing trace says what to give, once", () => {
  const scenario = {
    name: "t",
    seed: 1,
    horizon_seconds: 100,
    demand: { arrivals: { kind: "trace" }, journey: [{ name: "r", route: ["s"] }] },
    service: {
      tiers: [{ name: "s", servers: 1, service_time: { kind: "exponential", mean_seconds: 1 } }],
    },
  };
  assert.throws(
    () => parseScenario(scenario),
    (error: Error) =>
      /demand\.arrivals\.points: missing \(give points, or a csv file/.test(error.message) &&
      !/missing is missing/.test(error.message),
  );
});

Deno.test("a design may not rename the scenario, change its seed or take a reserved name", () => {
  const scenario = (designs: Record<string, unknown>) => ({ ...minimal(), designs });
  const refused: [Record<string, unknown>, RegExp][] = [
    [{ rn: { name: "other" } }, /designs\.rn\.name: "other" is not allowed in a design/],
    [{ rs: { seed: 3 } }, /designs\.rs\.seed: 3 is not allowed in a design \(every design runs on/],
    [{ all: {} }, /designs\.all: "all" is reserved/],
    [{ base: {} }, /designs\.base: "base" is reserved/],
  ];
  for (const [designs, message] of refused) {
    assert.throws(() => parseScenario(scenario(designs)), message);
  }
  assert.doesNotThrow(() => parseScenario(scenario({ more: { horizon_seconds: 200 } })));
});

Deno.test("mechanisms that could not act on an infinite-server tier are refused", () => {
  const infinite = () => {
    const scenario = minimal();
    (scenario.service.tiers[1] as { servers: unknown }).servers = "infinite";
    return scenario;
  };
  const sections: [Record<string, unknown>, RegExp][] = [
    [
      {
        autoscaler: {
          tier: "app",
          min_servers: 1,
          max_servers: 5,
          target_utilisation: 0.7,
          provisioning_delay_seconds: 60,
        },
      },
      /autoscaler\.tier: "app" is an infinite-server tier/,
    ],
    [
      { admission: { codel: { tier: "app", target_seconds: 0.1, interval_seconds: 1 } } },
      /admission\.codel\.tier: "app" is an infinite-server tier/,
    ],
    [
      { admission: { load_shedding: { tier: "app", queue_length: [10] } } },
      /admission\.load_shedding\.tier: "app" is an infinite-server tier/,
    ],
  ];
  for (const [section, message] of sections) {
    assert.throws(() => parseScenario({ ...infinite(), ...section }), message);
  }
  const slowed = infinite();
  (slowed.service.tiers[1] as Record<string, unknown>).usl = { sigma: 0.01, kappa: 0 };
  assert.throws(() => parseScenario(slowed), /no capacity schedule, crash threshold or contention/);
  // admission in front of it still limits what enters
  assert.doesNotThrow(() =>
    parseScenario({
      ...infinite(),
      admission: { token_bucket: { tier: "app", rate_per_second: 5, burst: 5 } },
    })
  );
});

Deno.test("persistence shares add up to 1, and an allocation field its rule ignores is refused", () => {
  const withDemand = (persistence: unknown[]) => {
    const scenario = minimal();
    return { ...scenario, demand: { ...scenario.demand, persistence } };
  };
  assert.throws(
    () => parseScenario(withDemand([{ name: "a", share: 0.5 }, { name: "b", share: 0.3 }])),
    /demand\.persistence: \[0\.5,0\.3\]: has shares adding up to 0\.8; allowed: .*adding up to 1/,
  );
  assert.doesNotThrow(() =>
    parseScenario(withDemand([{ name: "a", share: 0.7 }, { name: "b", share: 0.3 }]))
  );
  const budget = (allocation: Record<string, unknown>) => ({
    ...minimal(),
    budget: { total_euro: 100, grant: { kind: "fixed", euro: 1 }, allocation },
  });
  assert.throws(
    () => parseScenario(budget({ rule: "fcfs", registration_close_seconds: 10 })),
    /registration_close_seconds: 10 is read only by the lottery and ranking rules, not fcfs/,
  );
  assert.throws(
    () => parseScenario(budget({ rule: "lottery", registration_close_seconds: 10, shares: [1] })),
    /allocation\.shares: \[1\] is read only by the staggered-shares rule, not lottery/,
  );
});

Deno.test("messages name what is wrong: a sourced number inside a sourced number, huge numbers", () => {
  const problems = (change: (scenario: ReturnType<typeof minimal>) => void) => {
    const scenario = minimal();
    change(scenario);
    return problemsOf(scenario).join("\n");
  };
  assert.match(
    problems((s) => {
      (s.demand.arrivals as Record<string, unknown>).rate_per_second = {
        value: { value: 7, source: "x" },
        source: "y",
      };
    }),
    /rate_per_second\.value: \{"value":7,"source":"x"\} is not a number/,
  );
  assert.match(
    problems((s) => {
      (s.demand.arrivals as Record<string, unknown>).rate_per_second = Infinity; // 1e999 in JSON
    }),
    /rate_per_second: Infinity is not a finite number \(allowed: up to 1000000000000 in size\)/,
  );
  const seed = problems((s) => Object.assign(s, { seed: 2 ** 60 }));
  assert.match(seed, /seed: \d+ is not a whole number from 0 to 9007199254740991/);
  assert.doesNotMatch(seed, /is not a number/);
});

Deno.test("a design can switch an operation from route to routing (null removes a field)", () => {
  const scenario = {
    ...minimal(),
    designs: {
      routed: {
        demand: {
          journey: [{
            name: "op",
            route: null,
            routing: { entry: "gateway", next: { gateway: { app: 1 } } },
          }],
        },
      },
    },
  };
  for (const scaled of [scenario, scaleScenario(scenario, { factor: 0.5 })]) {
    const operation = resolveDesign(parseScenario(scaled), "routed").demand.journey[0];
    assert.equal(operation.route, undefined);
    assert.deepEqual(operation.routing?.entry, "gateway");
  }
});
