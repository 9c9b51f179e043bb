/**
 * The analysis API (`sim/analysis/`): a study runs through the experiment layer and gives the
 * tables `runExperiment` gives for the same declaration; the run cache gives them back bit for
 * bit and recomputes only what is missing; full-scale conversion follows the catalogue's kind;
 * `clickDay` builds a valid, fully documented scenario that runs; bad input names the field.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  clickDay,
  estimatesTable,
  incident,
  markdownTable,
  metrics,
  saveScenario,
  scenario,
} from "../../sim/analysis/mod.ts";
import { queueChart } from "../../sim/charts/mod.ts";
import { runExperiment, UsageError } from "../../sim/experiment/mod.ts";
import { unsourcedNumbers } from "../../sim/scenario/mod.ts";

/** A cheap incident study: Bonus Terme at 1/100, its first hour. */
const SMALL = { scale: 0.01, horizonSeconds: 3600 };
const plan = () => incident("bonus-terme-2021").at(SMALL);

Deno.test("a study's tables are runExperiment's for the same declaration", async () => {
  const options = { designs: ["base", "lottery"], replications: 2 };
  const study = await plan().run({ ...options, workers: 0, cache: false });
  const direct = await runExperiment({
    experiment: plan().experiment(options),
    workers: 0,
    quiet: true,
  });
  assert.deepStrictEqual(study.tables, direct.tables);
  assert.deepEqual(study.designs, ["base", "lottery"]);
  assert.equal(study.replicationsRun, 4);
  assert.ok(study.tables.estimates.length > 0 && study.tables.differences.length > 0);
});

Deno.test("the run cache returns identical tables and recomputes only missing replications", async () => {
  const cache = await Deno.makeTempDir({ prefix: "clickday-cache-" });
  try {
    const options = { designs: "all" as const, replications: 2, workers: 0, cache };
    const uncached = await plan().run({ ...options, cache: false });
    const first = await plan().run(options);
    const total = first.designs.length * 2;
    assert.equal(first.replicationsRun, total);
    const second = await plan().run(options);
    assert.equal(second.replicationsRun, 0);
    assert.equal(second.replicationsResumed, total);
    assert.deepStrictEqual(second.tables, uncached.tables);
    assert.deepStrictEqual(first.tables, uncached.tables);
    // lose one replication: only it runs again
    const [folder] = [...Deno.readDirSync(cache)].map((entry) => join(cache, entry.name));
    const runFile = [...Deno.readDirSync(join(folder, "runs"))][0].name;
    Deno.removeSync(join(folder, "runs", runFile));
    const third = await plan().run({ ...options, workers: 1 });
    assert.equal(third.replicationsRun, 1);
    assert.deepStrictEqual(third.tables, uncached.tables);
    // another scale is another cache entry
    const other = await incident("bonus-terme-2021").at({ ...SMALL, scale: 0.02 }).run(options);
    assert.equal(other.replicationsRun, total);
    assert.equal([...Deno.readDirSync(cache)].length, 2);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("full scale divides rates and counts by the scale, not shares", async () => {
  const study = await plan().run({ designs: ["base"], replications: 2, workers: 0, cache: false });
  const raw = (metric: string) =>
    study.tables.estimates.find((row) => row.design === "base" && row.metric === metric)!;
  const rate = raw("peak_offered_per_s");
  assert.ok(rate.mean > 0);
  assert.equal(study.estimate("base", "peak_offered_per_s"), rate.mean * (1 / 0.01));
  assert.equal(study.estimate("base", "peak_offered_per_s", { fullScale: false }), rate.mean);
  const full = study.estimates().find((row) =>
    row.design === "base" && row.metric === "peak_offered_per_s"
  )!;
  assert.equal(full.ci_high, rate.ci_high * (1 / 0.01));
  assert.equal(study.estimate("base", "goodput_share"), raw("goodput_share").mean);
  const seriesRow = study.tables.series.find((row) => row.metric === "offered_first_per_s")!;
  const fullRow = study.series().find((row) =>
    row.metric === "offered_first_per_s" && row.bin_start === seriesRow.bin_start &&
    row.replication === seriesRow.replication
  )!;
  assert.equal(fullRow.value, seriesRow.value * (1 / 0.01));
  const hourly = study.series({ binSeconds: 600 }).filter((row) =>
    row.metric === "offered_first_per_s" && row.replication === 0
  );
  assert.equal(hourly.length, 6);
  assert.throws(
    () => study.estimate("base", "no_such_metric"),
    /no_such_metric[^]*metrics:\n[^]* {2}peak_offered_per_s — Peak offered load \[requests\/s\]/,
  );
  assert.throws(() => study.estimate("no-such-design", "funded"), /designs: base\)/);
  assert.throws(
    () => estimatesTable(study.estimates(), { metrics: ["nope"] }),
    /"nope" is not in the estimates; they hold:\n[^]* {2}funded — /,
  );
  assert.ok(study.chart.load().title.length > 0);
  assert.ok(study.chart.designs("goodput_share").title.length > 0);
  // the queue chart is at full scale like every other chart (queue lengths ÷ the scale)
  const queue = study.chart.queue();
  assert.deepEqual(queue, queueChart(study.series(), { design: "base", lang: study.lang }));
  assert.notDeepEqual(
    queue,
    queueChart(study.series({ fullScale: false }), { design: "base", lang: study.lang }),
  );
  const table = estimatesTable(study.estimates(), { metrics: ["peak_offered_per_s"] });
  assert.match(
    table,
    /^\| design \| peak_offered_per_s \|\n\| --- \| --- \|\n\| base \| [\d,]+ \[/,
  );
});

Deno.test("clickDay builds a valid scenario with every number documented, and it runs", async () => {
  const input = {
    name: "bonus-prova-2030",
    budgetEuro: 500_000,
    awardEuro: 100,
    expectedApplicants: 8_000,
    opensAt: "2030-03-01T10:00:00+01:00",
    capacityPerSecond: 10,
    hours: 1,
    client: { timeoutSeconds: 20, maxAttempts: 4 },
  };
  const built = clickDay(input);
  assert.deepEqual(unsourcedNumbers(built), []);
  const folder = await Deno.makeTempDir({ prefix: "clickday-new-" });
  try {
    const path = saveScenario(join(folder, "x", "bonus-prova-2030.json"), built);
    // a file already there is replaced only when asked, and never a folder
    assert.throws(
      () => saveScenario(path, { ...built, description: "changed" }),
      /path: got ".*bonus-prova-2030\.json"; allowed: a new file \(one is there; .*replace: true/,
    );
    assert.doesNotMatch(Deno.readTextFileSync(path), /"changed"/);
    saveScenario(path, { ...built, description: "changed" }, { replace: true });
    assert.match(Deno.readTextFileSync(path), /"description": "changed"/);
    saveScenario(path, built, { replace: true });
    assert.throws(
      () => saveScenario(join(folder, "x"), built, { replace: true }),
      /allowed: a file path \(this is a folder or a link\)/,
    );
    const study = await scenario(path).at({ scale: 0.5 }).run({
      replications: 2,
      workers: 0,
      cache: false,
    });
    assert.deepEqual(study.designs, ["base", "capacity-x4", "lottery"]);
    const funded = study.estimate("base", "funded");
    assert.ok(funded > 0 && funded <= 5_000, `funded ${funded}`);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
  assert.throws(
    () => clickDay({ ...input, awardEuro: -1 }),
    (error: unknown) =>
      error instanceof UsageError && /awardEuro: got -1; allowed: a finite number > 0/.test(
        error.message,
      ),
  );
  assert.throws(
    () => clickDay({ ...input, opensAt: "tomorrow" }),
    (error: unknown) => error instanceof UsageError && /opensAt/.test(error.message),
  );
});

Deno.test("bad names and options are named with what is allowed", () => {
  assert.throws(
    () => incident("bonus-nope-1999"),
    (error: unknown) =>
      error instanceof UsageError && /incident: .*bonus-nope-1999.*cashback-io-2020/.test(
        error.message,
      ),
  );
  assert.throws(() => plan().at({ scale: 2 }), /scale: got 2; allowed: a number in \(0, 1\]/);
  assert.throws(() => plan().experiment({ designs: ["nope"] }), /designs: .*nope.*lottery/);
  assert.throws(() => scenario("/nonexistent/s.json"), /\/nonexistent\/s.json: cannot be read/);
});

Deno.test("metrics() lists the catalogue with descriptions and whether each scales", () => {
  const list = metrics();
  const goodput = list.find((m) => m.name === "goodput_per_s")!;
  assert.equal(goodput.scales, true);
  assert.match(goodput.description, /Goodput/);
  const share = list.find((m) => m.name === "goodput_share")!;
  assert.equal(share.scales, false);
  assert.match(metrics({ lang: "it" }).find((m) => m.name === "funded")!.description, /Finanziati/);
  assert.equal(
    markdownTable([{ a: "x|y", b: 1234.5 }], { digits: 0 }),
    "| a | b |\n| --- | ---: |\n| x\\|y | 1,235 |",
  );
});

Deno.test("observables() measures every reported observable at the study's scale", async () => {
  const mobilita = incident("bonus-mobilita-2020"); // its calibration scale, 0.02
  const study = await mobilita.run({
    designs: ["base"],
    replications: 2,
    workers: 0,
    cache: false,
  });
  const observed = study.observables();
  const reported = mobilita.calibration().observables.map((o) => o.observable);
  assert.deepEqual(observed.map((o) => o.observable), reported);
  for (const entry of observed) {
    assert.equal(entry.values.length, 2);
    assert.deepEqual(entry.accept, mobilita.observable(entry.observable).accept);
  }
  assert.throws(() => mobilita.value("no_such_parameter"), /parameter: .*budget/);
  await assert.rejects(
    async () =>
      (await scenario(clickDay({
        name: "x",
        budgetEuro: 1000,
        awardEuro: 100,
        expectedApplicants: 20,
        opensAt: "2030-03-01T10:00:00Z",
        capacityPerSecond: 1,
        hours: 0.1,
      })).run({ replications: 2, workers: 0, cache: false })).observables(),
    /needs a study of an incident/,
  );
});

Deno.test("clickDay's portal serves exactly the capacity asked for, even below one server", () => {
  for (const capacityPerSecond of [0.3, 10.4, 10, 2500.7]) {
    const built = clickDay({
      name: "bonus-prova-2030",
      budgetEuro: 1_000,
      awardEuro: 100,
      expectedApplicants: 100,
      opensAt: "2030-03-01T10:00:00+01:00",
      capacityPerSecond,
    }) as { service: { tiers: { servers: { value: number }; service_time: unknown }[] } };
    const portal = built.service.tiers[0];
    const mean = (portal.service_time as { mean_seconds: { value: number } }).mean_seconds.value;
    const capacity = portal.servers.value / mean;
    assert.ok(Math.abs(capacity - capacityPerSecond) < 1e-9 * capacityPerSecond, `${capacity}`);
  }
});

Deno.test("scenario(path) reads a trace profile's CSV as loadScenario does", () => {
  const folder = Deno.makeTempDirSync({ prefix: "clickday-trace-" });
  try {
    Deno.writeTextFileSync(join(folder, "trace.csv"), "time,rate\n0,5\n500,10\n");
    Deno.writeTextFileSync(
      join(folder, "trace.json"),
      JSON.stringify({
        name: "trace",
        seed: 1,
        horizon_seconds: 1000,
        demand: {
          arrivals: { kind: "trace", csv: "trace.csv" },
          journey: [{ name: "request", route: ["server"] }],
        },
        service: {
          tiers: [{
            name: "server",
            servers: 20,
            service_time: { kind: "exponential", mean_seconds: 1 },
          }],
        },
      }),
    );
    const json = scenario(join(folder, "trace.json")).scenarioJson() as {
      demand: { arrivals: { points: number[][] } };
    };
    assert.deepEqual(json.demand.arrivals.points, [[0, 5], [500, 10]]);
  } finally {
    Deno.removeSync(folder, { recursive: true });
  }
});

Deno.test("study options and series bins are checked and named", async () => {
  const study = await scenario("data/scenarios/mmc.json").at({ horizonSeconds: 3000 }).run({
    replications: 1,
    workers: 0,
    cache: false,
    designs: ["base"],
  });
  assert.throws(
    () => study.series({ binSeconds: 1500 }),
    /binSeconds: got 1500 s; allowed: a whole multiple/,
  );
  assert.throws(() => study.series({ binSeconds: 150 }), /binSeconds/);
  const coarse = study.series({ binSeconds: 2000 }).filter((row) => row.metric === "goodput_per_s");
  assert.deepEqual(coarse.map((row) => [row.bin_start, row.bin_width]), [[0, 2000], [2000, 1000]]);
  const run = (options: Record<string, unknown>) =>
    scenario("data/scenarios/mmc.json").run({
      replications: 1,
      workers: 0,
      cache: false,
      ...options,
    });
  await assert.rejects(run({ designs: "base" }), /designs: got "base"; allowed: "all" or an array/);
  await assert.rejects(run({ lang: "fr" }), /lang: got "fr"; allowed: "en" or "it"/);
  await assert.rejects(run({ chartBinSeconds: -5 }), /chartBinSeconds: got -5/);
  await assert.rejects(
    run({ chartBinSeconds: 1500 }),
    /chartBinSeconds: .*multiple of the bins \(1000 s\)/,
  );
});

Deno.test("a misspelt or mistyped option is refused, not ignored", async () => {
  const terme = incident("bonus-terme-2021");
  assert.throws(
    () => terme.at({ scal: 0.1 } as unknown as { scale: number }),
    /at option: got "scal"; allowed: scale, horizonSeconds/,
  );
  assert.throws(
    () => terme.at({ scale: "0.1" } as unknown as { scale: number }),
    /scale: got "0.1"; allowed: a number in \(0, 1\]/,
  );
  // a horizon beyond the scenario's is not silently cut back to it
  assert.throws(
    () => terme.at({ horizonSeconds: 200_000 }),
    /horizonSeconds: got 200000[^]*108000 s/,
  );
  assert.equal(terme.at({ horizonSeconds: 108_000 }).size.horizonSeconds, 108_000);
  await assert.rejects(
    () => plan().run({ replication: 1 } as unknown as { replications: number }),
    /run option: got "replication"; allowed: designs, baseline, replications/,
  );
});
