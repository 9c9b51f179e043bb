/**
 * An interrupted experiment resumes from the replications already written in `out/runs/`
 * and ends with the same tables as an uninterrupted run.
 */
import assert from "node:assert/strict";
import { runExperiment } from "../../sim/experiment/mod.ts";
import { tableFileBytes, TOY_MODEL, TOY_SCENARIO, toyExperiment } from "./fixtures/helpers.ts";

const COMMAND = new URL("./fixtures/experiment_command.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

async function countRunFiles(dir: string): Promise<number> {
  let count = 0;
  try {
    for await (const entry of Deno.readDir(dir)) if (entry.name.endsWith(".json")) count++;
  } catch {
    return 0;
  }
  return count;
}

Deno.test("a killed run resumes and gives the same final tables", async () => {
  const root = await Deno.makeTempDir({ prefix: "experiment-resume-" });
  try {
    const scenario = {
      ...JSON.parse(await Deno.readTextFile(TOY_SCENARIO)),
      customers: 300,
      busyMilliseconds: 40,
    };
    const experimentFile = `${root}/experiment.json`;
    const declaration = {
      name: "resume",
      scenarios: [scenario],
      designs: ["base", "fast"],
      replications: 15,
      model: TOY_MODEL,
    };
    await Deno.writeTextFile(experimentFile, JSON.stringify(declaration));
    const interrupted = `${root}/out/interrupted`;
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--config",
        CONFIG,
        "--allow-read",
        "--allow-write",
        COMMAND,
        "--experiment",
        experimentFile,
        "--workers",
        "1",
        "--out",
        "out/interrupted",
        "--quiet",
      ],
      cwd: root,
      stdout: "null",
      stderr: "null",
    }).spawn();
    // Kill it once a few replications are written (each takes ≥ 40 ms; 30 in all).
    let exited = false;
    const status = child.status.then((status) => {
      exited = true;
      return status;
    });
    while (await countRunFiles(`${interrupted}/runs`) < 4) {
      assert.ok(!exited, "the experiment subprocess ended before it could be killed");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await status;
    const written = await countRunFiles(`${interrupted}/runs`);
    assert.ok(written >= 4 && written < 30, `${written} run files after the kill`);
    // A half-written file left by a kill is ignored.
    await Deno.writeTextFile(`${interrupted}/runs/s0-d1-g0-r14.json.partial`, "{ trunc");

    const resumed = await runExperiment({
      experiment: experimentFile,
      workers: 2,
      out: interrupted,
      quiet: true,
    });
    assert.equal(resumed.replicationsResumed, written);
    assert.equal(resumed.replicationsRun, 30 - written);

    const fresh = `${root}/out/fresh`;
    await runExperiment({ experiment: experimentFile, workers: 1, out: fresh, quiet: true });
    assert.deepEqual(tableFileBytes(interrupted), tableFileBytes(fresh));

    // A finished folder resumes everything and runs nothing.
    const again = await runExperiment({ experiment: experimentFile, out: fresh, quiet: true });
    assert.equal(again.replicationsRun, 0);
    assert.deepEqual(tableFileBytes(fresh), tableFileBytes(interrupted));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a finished folder of another experiment is refused, replaced whole with replace; an unfinished one refused", async () => {
  const root = await Deno.makeTempDir({ prefix: "experiment-resume-" });
  const out = `${root}/out`;
  try {
    await runExperiment({
      experiment: toyExperiment({ replications: 1 }),
      workers: 0,
      out,
      quiet: true,
    });
    // Another experiment (another fingerprint) is refused unless asked to replace it.
    const finished = tableFileBytes(out);
    await assert.rejects(
      runExperiment({
        experiment: toyExperiment({ replications: 2 }),
        workers: 0,
        out,
        quiet: true,
      }),
      (error: Error) =>
        error.name === "UsageError" &&
        /holds a finished run of another experiment .*left untouched.*--replace/.test(
          error.message,
        ),
    );
    assert.deepEqual(tableFileBytes(out), finished);
    assert.equal(await countRunFiles(`${out}/runs`), 3 * 2 * 1);
    assert.deepEqual([...Deno.readDirSync(root)].map((entry) => entry.name), ["out"]);
    const second = await runExperiment({
      experiment: toyExperiment({ replications: 2 }),
      workers: 0,
      out,
      quiet: true,
      replace: true,
    });
    assert.equal(second.replicationsResumed, 0, "another experiment's runs are not reused");
    const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
    assert.equal(manifest.fingerprint, second.plan.fingerprint);
    assert.equal(await countRunFiles(`${out}/runs`), 3 * 2 * 2);
    assert.deepEqual([...Deno.readDirSync(root)].map((entry) => entry.name), ["out"]);
    // An unfinished run of another experiment is refused, untouched.
    manifest.complete = false;
    await Deno.writeTextFile(`${out}/manifest.json`, JSON.stringify(manifest));
    const before = tableFileBytes(out);
    await assert.rejects(
      runExperiment({
        experiment: toyExperiment({ replications: 3 }),
        workers: 0,
        out,
        quiet: true,
        replace: true,
      }),
      /holds an unfinished run of another experiment or shard/,
    );
    assert.deepEqual(tableFileBytes(out), before);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
