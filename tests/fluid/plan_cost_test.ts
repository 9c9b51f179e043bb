/**
 * The planner's cost search (`--cost`, `--budget`, `--x2`/`--x3`): the search order and the
 * cheapest acceptable setting against brute force, the budget's verdict, bad flags refused
 * with exit 2 naming the flag, and a two-parameter search on the surge scenario whose answer
 * is the brute-force cheapest over the same fluid verdicts, confirmed by the simulator.
 */
import assert from "node:assert/strict";
import { UsageError } from "../../sim/experiment/mod.ts";
import {
  cheapestAcceptable,
  type SearchedParameter,
  settingCost,
  settingsByCost,
} from "../../sim/fluid/plan_search.ts";
import { scenarioFluidEvaluator } from "../../sim/fluid/scenario_map.ts";
import { isAcceptable, planFromMap } from "../../sim/fluid/planner.ts";
import { costSearchLines } from "../../sim/report/plan_cost_search.ts";
import { parsePlanArguments, runPlan } from "../../sim/report/plan_cli.ts";
import { SERVERS, SURGE_SCENARIO } from "./surge_scenario.ts";

const GRID: SearchedParameter[] = [
  { name: "servers", values: [10, 20, 30, 40], unitCost: 100 },
  { name: "rate", values: [50, 100, 150], unitCost: 7 },
];

Deno.test("settings are judged by increasing cost; the first acceptable is the brute-force cheapest", () => {
  const ordered = settingsByCost(GRID);
  assert.equal(ordered.length, 12);
  for (let i = 1; i < ordered.length; i++) {
    assert.ok(settingCost(GRID, ordered[i - 1]) <= settingCost(GRID, ordered[i]));
  }
  // acceptable when capacity covers a need that falls with admission control (not monotone in
  // cost: a cheap rate can make fewer servers enough)
  const acceptable = (s: readonly number[]) => s[0] * 10 >= 600 - 2 * s[1] && s[1] !== 100;
  let best: readonly number[] | null = null;
  for (const s of ordered) {
    if (acceptable(s) && (best === null || settingCost(GRID, s) < settingCost(GRID, best))) {
      best = s;
    }
  }
  const found = cheapestAcceptable(GRID, acceptable, 2000);
  assert.deepEqual(found.setting, best);
  assert.equal(found.cost, settingCost(GRID, best!));
  assert.equal(found.withinBudget, found.cost <= 2000);
  assert.equal(cheapestAcceptable(GRID, acceptable, found.cost - 1).withinBudget, false);
  assert.equal(cheapestAcceptable(GRID, () => false).setting, null);
  assert.throws(
    () => settingsByCost([{ name: "a", values: [1], unitCost: -1 }]),
    /a: unit cost -1 is not a finite number ≥ 0/,
  );
  const big = Array.from({ length: 100 }, (_, i) => i);
  assert.throws(
    () =>
      settingsByCost([{ name: "a", values: big, unitCost: 1 }, {
        name: "b",
        values: big,
        unitCost: 1,
      }]),
    /10000 settings; at most 5000/,
  );
});

Deno.test("plan: bad cost-search flags are refused naming the flag, before anything runs", () => {
  const base = ["bonus-terme-2021", "--x", "service.tiers.platform.servers=40:80:5"];
  const cases: [string[], RegExp][] = [
    [[...base, "--budget", "1000"], /--budget: got 1000; allowed: a budget with --cost/],
    [
      [...base, "--x2", "demand.client.timeout_seconds"],
      /--x2: .*allowed: a parameter with --cost/,
    ],
    [
      [...base, "--cost", "service.tiers.platform.servers=-5"],
      /--cost: .*allowed: PATH=EURO pairs/,
    ],
    [
      [...base, "--cost", "demand.client.timeout_seconds=3"],
      /--cost: got "demand.client.timeout_seconds"; allowed: a searched parameter: service.tiers.platform.servers/,
    ],
    [
      [
        ...base,
        "--x2",
        "demand.client.timeout_seconds=10,20",
        "--cost",
        "service.tiers.platform.servers=5",
      ],
      /--cost: .*allowed: a unit cost for demand.client.timeout_seconds too/,
    ],
    [
      ["bonus-terme-2021", "--cost", "service.tiers.platform.servers=5"],
      /--cost: .*allowed: unit costs of the parameters given with --x/,
    ],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parsePlanArguments(args), (error: Error) => {
      assert.ok(error instanceof UsageError, `${args.join(" ")}: ${error}`);
      assert.match(error.message, message);
      return true;
    });
  }
});

Deno.test("plan --budget on the command line: a too-small budget is said plainly (exit 0)", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read=.,/usr/share/fonts",
      "--allow-write=out",
      "sim/report/plan_cli.ts",
      "bonus-terme-2021",
      "--x",
      "service.tiers.platform.servers=40:80:5",
      "--y",
      "arrival_multiplier=1,1.5",
      "--accept",
      "recovers",
      "--margin",
      "1.5",
      "--cost",
      "service.tiers.platform.servers=1500",
      "--budget",
      "10000",
      "--spot-checks",
      "0",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(
    stdout,
    /cheapest acceptable \(fluid\): service.tiers.platform.servers = \d+ — €[\d,]+/,
  );
  assert.match(
    stdout,
    /NO setting within the budget of €10,000 keeps it acceptable; the cheapest that does costs €[\d,]+/,
  );
});

Deno.test("plan: a two-parameter cost search finds the brute-force cheapest setting; the simulator confirms", async () => {
  const file = await Deno.makeTempFile({ dir: ".", prefix: ".plan-cost-", suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify(SURGE_SCENARIO));
    const attempts = "demand.client.retry.max_attempts";
    const command = parsePlanArguments([
      file,
      "--x",
      `${SERVERS}=16:36:6`,
      "--x2",
      `${attempts}=1,2,3`,
      "--y",
      "arrival_multiplier=0.8,1",
      "--cost",
      `${SERVERS}=100,${attempts}=30`,
      "--budget",
      "5000",
      "--spot-checks",
      "1",
      "--scale",
      "0.25",
      "--replications",
      "2",
    ]);
    const result = await runPlan(command);
    const search = result.search!;
    // brute force over the same fluid verdicts at the margin (the as-built ×1)
    const fluid = scenarioFluidEvaluator(command.json, {});
    let best: { setting: number[]; cost: number } | null = null;
    for (const servers of command.search!.parameters[0].values) {
      for (const tries of command.search!.parameters[1].values) {
        const verdict =
          fluid({ [SERVERS]: servers, [attempts]: tries, arrival_multiplier: 1 }).verdict;
        const cost = 100 * servers + 30 * tries;
        if (verdict === "healthy" && (best === null || cost < best.cost)) {
          best = { setting: [servers, tries], cost };
        }
      }
    }
    assert.ok(best, "some setting of the grid is healthy");
    assert.deepEqual(search.setting, best.setting);
    assert.equal(search.cost, best.cost);
    assert.equal(search.withinBudget, best.cost <= 5000);
    assert.ok(search.trials.length >= 1, "the simulator tried the recommendation");
    assert.deepEqual(search.trials[0].setting, best.setting);
    assert.ok(search.confirmed !== null, JSON.stringify(search.trials));
    assert.equal(
      search.confirmedWithinBudget,
      settingCost(command.search!.parameters, search.confirmed!) <= 5000,
    );
    // a trial that recovers says after how long
    const slow = costSearchLines({
      ...search,
      trials: [{ ...search.trials[0], verdict: "recovers", recoverySeconds: 45_000 }],
    }, "en").join("\n");
    assert.match(slow, /→ recovers after 12.5 h of degradation/);
    // a confirmed setting over the budget is said so
    const over = costSearchLines({ ...search, budget: 1, confirmedWithinBudget: false }, "en");
    assert.match(
      over.join("\n"),
      /recommended \(confirmed by the simulator\): .*, OVER the budget of €1$/m,
    );
    const lines = costSearchLines(search, "en").join("\n");
    assert.match(
      lines,
      /recommended \(confirmed by the simulator\): service.tiers.app.servers = \d+, demand.client.retry.max_attempts = \d — €[\d,]+/,
    );
    console.log(lines);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("a recovery target makes a short recovery acceptable, and only a short one", () => {
  assert.equal(isAcceptable("healthy", null, ["healthy"]), true);
  assert.equal(isAcceptable("recovers", 1800, ["healthy"]), false);
  assert.equal(isAcceptable("recovers", 1800, ["healthy"], 3600), true);
  assert.equal(isAcceptable("recovers", 7200, ["healthy"], 3600), false);
  assert.equal(isAcceptable("stays-degraded", null, ["healthy"], 3600), false);
  const row = (
    x: number,
    verdict: "healthy" | "recovers" | "stays-degraded",
    seconds: number | null,
  ) => ({
    x_name: "x",
    x,
    y_name: "y",
    y: 1,
    verdict,
    recovery_seconds: seconds,
    source: "fluid" as const,
  });
  const rows = [
    row(1, "stays-degraded", null),
    row(2, "recovers", 7200),
    row(3, "recovers", 600),
    row(4, "healthy", null),
  ];
  const asBuilt = { x: 1, y: 1, verdict: "stays-degraded" as const, recoverySeconds: null };
  assert.equal(planFromMap(rows, asBuilt).minimalX, 4);
  assert.equal(planFromMap(rows, asBuilt, { recoveryTarget: 3600 }).minimalX, 3);
  assert.throws(
    () => parsePlanArguments(["bonus-terme-2021", "--target", "0"]),
    /--target: got "0"; allowed: a number > 0 \(seconds\)/,
  );
});
