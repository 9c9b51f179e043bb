/**
 * Bad experiment declarations fail with errors naming the field path, the value found and
 * what is allowed.
 */
import assert from "node:assert/strict";
import {
  loadExperiment,
  parseExperiment,
  parseShard,
  runExperiment,
} from "../../sim/experiment/mod.ts";
import { TOY_EXPERIMENT, toyExperiment } from "./fixtures/helpers.ts";

const valid = { name: "x", scenarios: ["a.json"] };

function errorOf(input: unknown): string {
  try {
    parseExperiment(input, "test.json");
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail("expected the declaration to be refused");
}

Deno.test("the toy experiment file loads, with paths resolved against its folder", async () => {
  const spec = await loadExperiment(TOY_EXPERIMENT);
  assert.equal(spec.name, "toy-sweep");
  assert.match(spec.scenarios[0] as string, /^\/.*fixtures\/toy_scenario\.json$/);
  assert.equal(spec.model, "toy");
});

Deno.test("field errors name the path, the value and what is allowed", () => {
  const cases: [unknown, RegExp][] = [
    [{ ...valid, replications: 0 }, /field "replications": got 0; .*>=1/],
    [{ ...valid, replications: 2.5 }, /field "replications": got 2\.5; .*int/],
    [{ ...valid, confidence: 1.5 }, /field "confidence": got 1\.5; .*<1/],
    [{ ...valid, scenarios: [] }, /field "scenarios": got \[\]; .*>=1/],
    [{ ...valid, scenarios: [3] }, /field "scenarios\[0\]": got 3; expected a scenario file path/],
    [{ ...valid, grid: { servers: [] } }, /field "grid\.servers": got \[\]; .*>=1/],
    [
      { ...valid, sequential: { metric: "m", halfWidth: -1, max: 5 } },
      /field "sequential\.halfWidth": got -1; .*>0/,
    ],
    [
      { ...valid, sequential: { metric: "m", halfWidth: 1 } },
      /field "sequential\.max": got nothing/,
    ],
    [
      { ...valid, sequential: { metric: "m", halfWidth: 1, max: 20, of: "both" } },
      /field "sequential\.of": got "both"; .*"estimate"\|"difference"/,
    ],
    [{ ...valid, replicatons: 3 }, /unknown field "replicatons"; allowed fields: name, scenarios/],
    [
      { ...valid, sequential: { metric: "m", halfWidth: 1, max: 9, maximum: 3 } },
      /unknown field "sequential\.maximum"; allowed fields: metric, halfWidth/,
    ],
    [
      { ...valid, replications: 3, sequential: { metric: "m", halfWidth: 1, max: 9 } },
      /"replications" and "sequential" both given/,
    ],
    [
      { ...valid, sequential: { metric: "m", halfWidth: 1, max: 5 } },
      /field "sequential\.initial": got 10 \(default 10 when absent\); allowed: at most/,
    ],
    [
      { ...valid, designs: ["a", "b"], baseline: "c" },
      /field "baseline": got "c"; allowed: one of the designs \["a","b"\]/,
    ],
    [{ scenarios: ["a.json"] }, /field "name": got nothing/],
    [{ ...valid, replications: 1e9 }, /field "replications": got 1000000000; .*<=10000/],
    [{ ...valid, model: "nope" }, /field "model": got "nope"; allowed: a registered model name/],
    [{ ...valid, runner: "data:text/javascript,1" }, /field "runner": .*never by a module URL/],
    [{ ...valid, runner: "../evil.ts" }, /field "runner": .*never by a module URL or path/],
    [{ ...valid, until: -5 }, /field "until": got -5/],
    [
      { ...valid, grid: { a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: Array(1001).fill(1) } },
      /field "grid": 10010 grid points .*at most 10000/,
    ],
  ];
  for (const [input, expected] of cases) {
    const message = errorOf(input);
    assert.match(message, /^test\.json is not a valid experiment:/);
    assert.match(message, expected, `for ${JSON.stringify(input)}`);
  }
});

Deno.test("every problem of a declaration is listed at once", () => {
  const message = errorOf({ name: "", scenarios: [], replications: -1 });
  assert.match(message, /field "name"/);
  assert.match(message, /field "scenarios"/);
  assert.match(message, /field "replications"/);
});

Deno.test("unreadable or non-JSON experiment files are named", async () => {
  await assert.rejects(
    loadExperiment("/nonexistent/x.json"),
    /experiment file \/nonexistent\/x\.json: cannot read it/,
  );
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(file, "{ not json");
    await assert.rejects(loadExperiment(file), /not valid JSON/);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("plan errors: unknown designs, grid paths, scenario values, metrics", async () => {
  const run = (overrides: Parameters<typeof toyExperiment>[0]) =>
    runExperiment({ experiment: toyExperiment(overrides), workers: 0, quiet: true });
  await assert.rejects(
    run({ designs: ["base", "slow"] }),
    /designs: got "slow"; allowed: a design of scenario "toy-mm1": "base", "fast", "faster"/,
  );
  await assert.rejects(
    run({ grid: { "tiers[0].servers": [1] } }),
    /grid field path "tiers\[0\]\.servers": "tiers" is undefined in the scenario/,
  );
  await assert.rejects(run({ grid: { "a..b": [1] } }), /grid field path "a\.\.b"/);
  await assert.rejects(
    run({ grid: { arrivalRate: [0.5, -1] } }),
    /scenario "toy-mm1" at grid point \{"arrivalRate":-1\}: field "arrivalRate": got -1; allowed: a number > 0/,
  );
  await assert.rejects(
    run({
      replications: undefined,
      sequential: { metric: "nope", halfWidth: 1, initial: 2, max: 4 },
    }),
    /sequential\.metric: got "nope"; allowed: .*"mean_wait_seconds", "customers"/,
  );
  await assert.rejects(
    run({ scenarios: [{ seed: 1 }] }),
    /scenarios\[0\]\.name: got nothing; allowed: a non-empty string/,
  );
});

Deno.test("--shard and --workers values are checked", async () => {
  assert.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
  for (const bad of ["0/4", "5/4", "1", "a/b", "1/0"]) {
    assert.throws(() => parseShard(bad), /--shard: got .*allowed: K\/N with 1 ≤ K ≤ N/);
  }
  await assert.rejects(
    runExperiment({ experiment: toyExperiment(), workers: -1, quiet: true }),
    /workers: got -1; allowed: an integer ≥ 0/,
  );
  await assert.rejects(
    runExperiment({ experiment: toyExperiment(), shard: { index: 1, count: 2 }, quiet: true }),
    /shard: got "1\/2"; allowed: a shard with --out DIR/,
  );
});

Deno.test("duplicate grid values and a baseline no design has are refused before running", async () => {
  assert.match(
    errorOf({ ...valid, grid: { "service.tiers[0].servers": [5, 6, 5] } }),
    /field "grid\.service\.tiers\[0\]\.servers": got 5 twice; allowed: distinct values/,
  );
  await assert.rejects(
    runExperiment({
      experiment: toyExperiment({ baseline: "nope", designs: undefined }),
      workers: 0,
      quiet: true,
    }),
    /baseline: got "nope"; allowed: a design scenario "toy-mm1" runs: "base", "fast", "faster"/,
  );
});

Deno.test("a grid over a field a design sets itself is refused (it would not apply)", async () => {
  const scenario = {
    name: "grid-vs-design",
    seed: 7,
    horizon_seconds: 200,
    demand: {
      arrivals: { kind: "constant", rate_per_second: 2 },
      journey: [{ name: "request", route: ["server"] }],
    },
    service: {
      tiers: [{
        name: "server",
        servers: 5,
        service_time: { kind: "exponential", mean_seconds: 1 },
      }],
    },
    designs: { six: { service: { tiers: [{ name: "server", servers: 6 }] } } },
  };
  const run = (grid: Record<string, unknown[]>, designs?: string[]) =>
    runExperiment({
      experiment: { name: "g", scenarios: [scenario], grid, designs, replications: 1 },
      workers: 0,
      quiet: true,
    });
  await assert.rejects(
    run({ "service.tiers[0].servers": [3, 4] }),
    /grid field "service\.tiers\[0\]\.servers": design "six" of scenario "grid-vs-design" sets it itself \(6 where the grid point says 3\)/,
  );
  // without that design, or over a field it leaves alone, the grid runs
  const alone = await run({ "service.tiers[0].servers": [3, 4] }, ["base"]);
  assert.ok(alone.tables.summaries.length > 0);
  const other = await run({ "demand.arrivals.rate_per_second": [1, 2] });
  assert.ok(other.tables.summaries.some((row) => row.design === "six"));
});

Deno.test("an experiment may say what it compares; every one in data/experiments does", async () => {
  assert.equal(parseExperiment({ ...valid, description: "why" }).description, "why");
  assert.match(errorOf({ ...valid, description: 3 }), /field "description": got 3/);
  for (const entry of Deno.readDirSync("data/experiments")) {
    if (!entry.name.endsWith(".json")) continue;
    const spec = await loadExperiment(`data/experiments/${entry.name}`);
    assert.ok(
      (spec.description ?? "").length > 0,
      `data/experiments/${entry.name}: no description of where its numbers come from`,
    );
  }
});

Deno.test("a sequential metric outside the catalogue is refused before anything runs or is written", async () => {
  const out = await Deno.makeTempDir({ prefix: "sequential-metric-" });
  await Deno.remove(out);
  const experiment = {
    name: "misspelt",
    scenarios: [new URL("../../data/scenarios/mmc.json", import.meta.url).pathname],
    sequential: { metric: "citizen_sucess_share", halfWidth: 0.01, initial: 2, max: 4 },
  };
  await assert.rejects(
    runExperiment({ experiment, workers: 0, quiet: true, out }),
    /sequential\.metric: got "citizen_sucess_share"; allowed: a summary metric of the metric catalogue/,
  );
  const parent = out.slice(0, out.lastIndexOf("/"));
  const name = out.slice(out.lastIndexOf("/") + 1);
  const left = [...Deno.readDirSync(parent)].filter((entry) => entry.name.includes(name));
  assert.deepEqual(left, [], "the run folder or its staging folder was created");
  // a per-tier metric of the catalogue passes the check (and the run)
  const ok = await runExperiment({
    experiment: {
      ...experiment,
      sequential: { ...experiment.sequential, metric: "queue_wait_mean_s:server", halfWidth: 1e9 },
    },
    workers: 0,
    quiet: true,
  });
  assert.ok(ok.tables.summaries.some((row) => row.metric === "queue_wait_mean_s:server"));
});
