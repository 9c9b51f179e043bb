/**
 * `deno task plan`: help, bad input exits 2 naming the flag, the value and what is allowed,
 * and a run on the single-tier surge scenario that finds the cliff, recommends the smallest
 * healthy capacity, has the simulator confirm it and writes the chart under out/.
 */
import assert from "node:assert/strict";
import { parsePlanArguments, planTable, runPlan } from "../../sim/report/plan_cli.ts";
import { SURGE_SCENARIO } from "./surge_scenario.ts";

async function plan(args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read=.,/usr/share/fonts",
      "--allow-write=out",
      "sim/report/plan_cli.ts",
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** A two-by-two fluid map of the surge scenario in `file`, no spot checks, written to `out`. */
function smallPlan(file: string, out: string): string[] {
  return [
    file,
    "--x",
    "service.tiers.app.servers=16,20",
    "--y",
    "arrival_multiplier=1,1.2",
    "--spot-checks",
    "0",
    "--out",
    out,
  ];
}

Deno.test("plan --help prints the usage and exits 0", async () => {
  const { code, stdout } = await plan(["--help"]);
  assert.equal(code, 0);
  assert.match(stdout, /usage: deno task plan <scenario>/);
  assert.match(stdout, /--spot-checks N/);
});

Deno.test("plan: bad input exits 2 naming the flag, the value and what is allowed", async () => {
  const cases: [string[], RegExp][] = [
    [["atlantis"], /<scenario>: got "atlantis"; allowed: an incident \(bonus-mobilita-2020, /],
    [
      ["bonus-terme-2021", "--x", "service.tiers.spa.servers"],
      /--x: .*"spa" names nothing .*\(names: platform\)/,
    ],
    [
      ["bonus-terme-2021", "--y", "demand.arrivals.nope"],
      /--y: got "demand.arrivals.nope"; allowed: a path to a number/,
    ],
    [
      ["bonus-terme-2021", "--x", "service.tiers.platform.servers=5:1:3"],
      /--x: "5:1:3": allowed: "lo:hi:n"/,
    ],
    [
      ["bonus-terme-2021", "--x", "service.tiers.platform.servers=0,-3"],
      /servers: -3 is not a non-negative integer/,
    ],
    [["bonus-terme-2021", "--lang", "de"], /--lang: got "de"; allowed: it, en/],
    [["bonus-terme-2021", "--scale", "3"], /--scale: got "3"; allowed: a number > 0 and ≤ 1/],
    [
      ["bonus-terme-2021", "--design", "gold"],
      /--design: "gold" is not a design \(designs: base, platform-x10/,
    ],
    [["bonus-terme-2021", "--out", "data/x"], /--out: .*allowed: a folder under out\//],
    [["bonus-terme-2021", "--out", "out"], /--out: got "out"; .*not out itself/],
    [
      ["/tmp/clickday-not-in-the-project/mine.json"],
      /<scenario>: got ".*mine\.json"; allowed: .*inside the project folder \(the plan task reads/,
    ],
    [
      ["bonus-terme-2021", "--y", "arrival_multiplier=1,2", "--margin", "100"],
      /--margin: got 100; allowed: at most the largest --y value, 2 \(widen --y/,
    ],
  ];
  // a scenario file that is not valid is named as the scenario, not as an axis
  const bad = "out/plan-invalid-scenario.json";
  Deno.mkdirSync("out", { recursive: true });
  Deno.writeTextFileSync(
    bad,
    Deno.readTextFileSync("data/scenarios/mmc.json").replace(
      /"servers": \{ "value": 5,/,
      '"servers": { "value": -1,',
    ),
  );
  cases.push([[bad], /<scenario>: invalid scenario:\n.*servers\.value: -1 is not a non-negative/]);
  try {
    for (const [args, message] of cases) {
      const { code, stderr } = await plan(args);
      assert.equal(code, 2, `${args.join(" ")}: exit ${code}\n${stderr}`);
      assert.match(stderr, message, `${args.join(" ")}: ${stderr}`);
      assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
    }
  } finally {
    Deno.removeSync(bad);
  }
});

Deno.test("plan on the surge scenario: the cliff, the smallest healthy capacity, confirmed", async () => {
  const file = await Deno.makeTempFile({ dir: ".", prefix: ".plan-test-", suffix: ".json" });
  const out = `out/plan-test-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await Deno.writeTextFile(file, JSON.stringify(SURGE_SCENARIO));
    const command = parsePlanArguments([
      file,
      "--x",
      "service.tiers.app.servers=16:36:6",
      "--y",
      "arrival_multiplier=0.8,1,1.2",
      "--spot-checks",
      "2",
      "--scale",
      "0.25",
      "--out",
      out,
    ]);
    assert.deepEqual(command.x.values, [16, 20, 24, 28, 32, 36]);
    const result = await runPlan(command);
    // As built (20 servers, ×1) the 10-minute ×2.5 surge leaves a retry storm.
    assert.equal(result.plan.asBuilt.verdict, "stays-degraded");
    assert.ok(result.plan.minimalX !== null && result.plan.minimalX > 20);
    const chosen = result.rows.find((row) =>
      row.source === "simulator" && row.x === result.plan.minimalX && row.y === 1
    );
    assert.ok(chosen, "the recommendation is spot-checked");
    assert.equal(chosen.verdict, "healthy", "the simulator confirms the recommendation");
    assert.equal(result.confirmation?.confirmed, true);
    assert.equal(result.confirmation?.x, result.plan.minimalX);
    const table = planTable(command, result.rows, result.plan, result.confirmation);
    assert.match(table, /as built: x = 20, y = 1 → stays degraded/);
    assert.match(table, new RegExp(`smallest x acceptable .*: x = ${result.plan.minimalX}`));
    assert.match(table, new RegExp(`simulator confirms x = ${result.plan.minimalX} \\(change \\+`));
    for (const path of result.written) assert.ok(Deno.statSync(path).size > 1000, path);
    assert.equal(result.written.length, 2);
  } finally {
    await Deno.remove(file);
    await Deno.remove(out, { recursive: true }).catch(() => {});
  }
});

Deno.test("plan on M/M/c with patient clients: an overload they wait out is not healthy", async () => {
  // 4.5 requests/s of 1 s each, no timeout: below 5 servers the queue grows without bound
  const command = parsePlanArguments([
    "data/scenarios/mmc.json",
    "--x",
    "service.tiers.server.servers=1,2,3,4,5,6",
    "--y",
    "arrival_multiplier=1,2",
    "--spot-checks",
    "2",
    "--scale",
    "1",
    "--replications",
    "1",
  ]);
  const result = await runPlan(command);
  assert.equal(result.plan.minimalX, 5);
  assert.equal(result.confirmation?.confirmed, true);
  const three = result.rows.filter((row) => row.x === 3 && row.y === 1);
  assert.ok(three.length > 0 && three.every((row) => row.verdict === "stays-degraded"));
});

Deno.test("plan --out: a scenario name with / or .. is made a safe file name inside --out", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  const out = `out/plan-names-${tag}`;
  const escaped = `out/plan-escaped-${tag}`;
  const scratch = await Deno.makeTempDir({ dir: ".", prefix: ".plan-names-" });
  try {
    for (
      const [name, stem] of [
        [`x/../../plan-escaped-${tag}`, `metastability-x_.._.._plan-escaped-${tag}`],
        ["a</script>/b", "metastability-a_script_b"],
        ["..", "metastability-_"],
      ]
    ) {
      const file = `${scratch}/scenario.json`;
      await Deno.writeTextFile(file, JSON.stringify({ ...SURGE_SCENARIO, name }));
      const command = parsePlanArguments(smallPlan(file, out));
      const result = await runPlan(command);
      assert.deepEqual(result.written, [`${out}/${stem}.html`, `${out}/${stem}.svg`], name);
      for (const path of result.written) assert.ok(Deno.statSync(path).isFile, path);
    }
    assert.throws(() => Deno.statSync(`${escaped}.html`), Deno.errors.NotFound, "wrote outside");
  } finally {
    await Deno.remove(scratch, { recursive: true });
    await Deno.remove(out, { recursive: true }).catch(() => {});
    for (const extension of ["html", "svg"]) {
      await Deno.remove(`${escaped}.${extension}`).catch(() => {});
    }
  }
});

Deno.test("plan --out writes only into a new, empty or plan folder (its manifest), never over others' files", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  const foreign = `out/plan-foreign-${tag}`;
  const own = `out/plan-own-${tag}`;
  const file = await Deno.makeTempFile({ dir: ".", prefix: ".plan-test-", suffix: ".json" });
  const args = (out: string) => smallPlan(file, out);
  try {
    await Deno.writeTextFile(file, JSON.stringify({ ...SURGE_SCENARIO, name: "surge" }));
    Deno.mkdirSync(foreign, { recursive: true });
    Deno.writeTextFileSync(`${foreign}/metastability-surge.html`, "my notes");
    const { code, stderr } = await plan(args(foreign));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /--out: .* holds files and no manifest\.json .*left untouched/);
    assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
    assert.equal(Deno.readTextFileSync(`${foreign}/metastability-surge.html`), "my notes");
    assert.deepEqual([...Deno.readDirSync(foreign)].map((entry) => entry.name), [
      "metastability-surge.html",
    ]);
    // A folder the planner made: its manifest, then another scenario's charts beside the first.
    await runPlan(parsePlanArguments(args(own)));
    const manifest = JSON.parse(Deno.readTextFileSync(`${own}/manifest.json`));
    assert.equal(manifest.kind, "plan");
    await Deno.writeTextFile(file, JSON.stringify({ ...SURGE_SCENARIO, name: "other" }));
    await runPlan(parsePlanArguments(args(own)));
    assert.deepEqual([...Deno.readDirSync(own)].map((entry) => entry.name).sort(), [
      "manifest.json",
      "metastability-other.html",
      "metastability-other.svg",
      "metastability-surge.html",
      "metastability-surge.svg",
    ]);
    assert.deepEqual(
      [...Deno.readDirSync("out")].filter((entry) => entry.name.includes(tag + ".")),
      [],
      "a staging folder was left beside the output",
    );
  } finally {
    await Deno.remove(file);
    await Deno.remove(foreign, { recursive: true }).catch(() => {});
    await Deno.remove(own, { recursive: true }).catch(() => {});
  }
});
