/**
 * A failing replication reports its scenario, design, seed and error, and the pool does not
 * hang on it (with workers and without).
 */
import assert from "node:assert/strict";
import { registerModel, ReplicationError, runExperiment } from "../../sim/experiment/mod.ts";
import { toyExperiment, toyScenario } from "./fixtures/helpers.ts";

const failing = toyExperiment({
  scenarios: [
    toyScenario({
      customers: 200,
      designs: { fast: { serviceRate: 1.1 }, broken: { failAtReplication: 2 } },
    }),
  ],
  designs: ["base", "fast", "broken"],
  grid: undefined,
  replications: 5,
});

for (const workers of [0, 2]) {
  Deno.test(`a failing replication is reported with its seed (${workers} workers)`, async () => {
    const error = await runExperiment({ experiment: failing, workers, quiet: true }).then(
      () => assert.fail("the experiment should have failed"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof ReplicationError, String(error));
    assert.equal(error.scenario, "toy-mm1");
    assert.equal(error.design, "broken");
    assert.equal(error.replication, 2);
    assert.equal(error.seed, 7);
    assert.match(error.message, /scenario "toy-mm1", design "broken", replication 2, seed 7/);
    assert.match(error.message, /toy failure at replication 2/);
  });
}

Deno.test("a runner calling Deno.exit in a worker fails its job instead of hanging", async () => {
  const exiting = toyExperiment({
    scenarios: [toyScenario({ customers: 100, designs: { gone: { exitAtReplication: 1 } } })],
    designs: ["base", "gone"],
    grid: undefined,
    replications: 3,
  });
  await assert.rejects(
    runExperiment({ experiment: exiting, workers: 2, quiet: true }),
    /design "gone", replication 1, seed 7: the runner called Deno\.exit\(3\)/,
  );
});

Deno.test("a replication over the time limit fails instead of hanging the pool", async () => {
  const slow = toyExperiment({
    scenarios: [toyScenario({ customers: 100, busyMilliseconds: 3000 })],
    designs: ["base"],
    grid: undefined,
    replications: 2,
  });
  await assert.rejects(
    runExperiment({ experiment: slow, workers: 1, quiet: true, timeoutSeconds: 0.2 }),
    /design "base", replication 0, seed 7: still running after --timeout 0\.2 s/,
  );
});

Deno.test("a model module without runReplication is refused by name", async () => {
  registerModel("not-a-model", new URL("./fixtures/helpers.ts", import.meta.url));
  await assert.rejects(
    runExperiment({
      experiment: toyExperiment({ model: "not-a-model" }),
      workers: 1,
      quiet: true,
    }),
    /does not export a function runReplication/,
  );
});

Deno.test("a replication over the time limit stops at 0 workers too (on one worker)", async () => {
  const slow = toyExperiment({
    scenarios: [toyScenario({ customers: 100, busyMilliseconds: 3000 })],
    designs: ["base"],
    grid: undefined,
    replications: 2,
  });
  const started = performance.now();
  const error = await runExperiment({
    experiment: slow,
    workers: 0,
    quiet: true,
    timeoutSeconds: 0.3,
  }).then(() => assert.fail("should time out"), (error: unknown) => error);
  assert.ok(error instanceof ReplicationError && error.timedOut, String(error));
  assert.ok(performance.now() - started < 2500, "the timeout did not stop the replication");
});
