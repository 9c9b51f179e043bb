/**
 * The tornado runner (`sim/calibration/sensitivity.ts`) and its CLI on a tiny case: one
 * incident, two assumptions, small scale. Checks the row shape, that a capacity assumption moves
 * the metric the way it must, the CSV written atomically, and the argument errors.
 */
import assert from "node:assert/strict";
import {
  parseTornadoArguments,
  runTornadoCli,
  tornado,
  tornadoCsv,
} from "../../sim/calibration/mod.ts";

Deno.test("tornado: decreto flussi, two assumptions, rows at both ends of each range", () => {
  const rows = tornado("decreto-flussi-2023", {
    metric: "quota_exhausted_seconds",
    scale: 0.02,
    replications: 2,
    assumptions: ["platform_capacity", "senders_in_horizon"],
  });
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.equal(row.incident, "decreto-flussi-2023");
    assert.equal(row.metric, "quota_exhausted_seconds");
    assert.ok(row.low_value < row.high_value, `${row.assumption}: range`);
    for (const value of [row.at_low, row.at_high, row.baseline]) {
      assert.ok(Number.isFinite(value) && value > 0, `${row.assumption}: ${value}`);
    }
  }
  // A faster platform fills the quota sooner; the rows are sorted by swing.
  const capacity = rows.find((row) => row.assumption === "platform_capacity")!;
  assert.ok(capacity.at_high < capacity.at_low, JSON.stringify(capacity));
  const swing = (row: (typeof rows)[number]) => Math.abs(row.at_high - row.at_low);
  assert.ok(swing(rows[0]) >= swing(rows[1]));
  const csv = tornadoCsv(rows).trim().split("\n");
  assert.equal(csv[0], "incident,assumption,low_value,high_value,metric,at_low,at_high,baseline");
  assert.equal(csv.length, 3);
});

Deno.test("tornado CLI writes out/sensitivity/<incident>.csv and rejects bad arguments", async () => {
  const directory = await Deno.makeTempDir();
  try {
    const path = await runTornadoCli(
      [
        "decreto-flussi-2023",
        "--scale",
        "0.02",
        "--reps",
        "1",
        "--assumptions",
        "platform_capacity",
        "--workers",
        "1",
        "--quiet",
      ],
      directory,
    );
    assert.equal(path, `${directory}/sensitivity/decreto-flussi-2023.csv`);
    const lines = Deno.readTextFileSync(path).trim().split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[1], /^decreto-flussi-2023,platform_capacity,/);
    assert.deepEqual(
      [...Deno.readDirSync(`${directory}/sensitivity`)].map((entry) => entry.name),
      ["decreto-flussi-2023.csv"],
      "a temporary file was left behind",
    );
    // Its own CSV is replaced by a rerun.
    const small = ["--scale", "0.02", "--reps", "1", "--assumptions", "platform_capacity"];
    Deno.writeTextFileSync(path, Deno.readTextFileSync(path).replace(/\n[^]*/, "\nstale\n"));
    await runTornadoCli(["decreto-flussi-2023", ...small, "--workers", "1", "--quiet"], directory);
    assert.doesNotMatch(Deno.readTextFileSync(path), /stale/);
    // A file it did not write is not replaced: refused before anything runs, left as it was.
    const args = ["decreto-flussi-2023", "--reps", "1", "--workers", "0", "--quiet"];
    Deno.writeTextFileSync(path, "mine\n");
    await assert.rejects(
      runTornadoCli(args, directory),
      (error: Error) =>
        error.name === "UsageError" &&
        /decreto-flussi-2023\.csv already exists and is not a sensitivity CSV.*left untouched/
          .test(error.message),
    );
    assert.equal(Deno.readTextFileSync(path), "mine\n");
    Deno.removeSync(path);
    Deno.mkdirSync(path);
    await assert.rejects(runTornadoCli(args, directory), /not a regular file/);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
  assert.throws(() => parseTornadoArguments(["nowhere"]), /incident: got "nowhere"; allowed:/);
  assert.throws(
    () => parseTornadoArguments(["decreto-flussi-2023", "--scale", "2"]),
    /--scale: got "2"; allowed: a number > 0 and ≤ 1/,
  );
  assert.throws(
    () => parseTornadoArguments(["decreto-flussi-2023", "--reps", "0"]),
    /--reps: got "0"/,
  );
  assert.throws(
    () => parseTornadoArguments(["decreto-flussi-2023", "--colour", "red"]),
    /"--colour": unknown flag; allowed: --metric X/,
  );
  assert.throws(
    () => parseTornadoArguments(["decreto-flussi-2023", "--reps", "2", "--reps", "3"]),
    /--reps: given twice/,
  );
  assert.throws(
    () => parseTornadoArguments(["decreto-flussi-2023", "bonus-terme-2021"]),
    /argument: got "bonus-terme-2021"; allowed: one incident only/,
  );
  assert.throws(
    () => tornado("decreto-flussi-2023", { assumptions: ["moon_phase"] }),
    /assumption "moon_phase": not an assumption/,
  );
  const parsed = parseTornadoArguments([
    "cashback-io-2020",
    "--metric",
    "enrolments_7dec",
    "--json",
  ]);
  assert.equal(parsed.options.metric, "enrolments_7dec");
  assert.equal(parsed.json, true);
  assert.equal(parsed.quiet, false);
  assert.equal(parsed.workers, undefined);
  const onWorkers = parseTornadoArguments(["cashback-io-2020", "--workers", "2", "--quiet"]);
  assert.equal(onWorkers.workers, 2);
  assert.equal(onWorkers.quiet, true);
  assert.throws(
    () => parseTornadoArguments(["decreto-flussi-2023", "--workers", "-1"]),
    /--workers: got "-1"; allowed: an integer ≥ 0/,
  );
});

Deno.test("tornado: a summary count is reported at full scale, whatever the run's scale", () => {
  // decreto flussi funds its 39,030 quotas; at k = 0.05 and 0.2 the full-scale count is the same
  const funded = (scale: number) =>
    tornado("decreto-flussi-2023", {
      metric: "funded",
      scale,
      replications: 1,
      assumptions: ["platform_capacity"],
    })[0].baseline;
  const small = funded(0.05);
  const large = funded(0.2);
  assert.ok(Math.abs(small - 39_030) / 39_030 < 0.02, `k = 0.05: ${small}`);
  assert.ok(Math.abs(large - 39_030) / 39_030 < 0.02, `k = 0.2: ${large}`);
});
