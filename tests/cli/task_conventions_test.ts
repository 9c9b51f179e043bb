/**
 * Every task of deno.json (but `test`) refuses a flag it does not know, and a value out of its
 * range, the same way: exit 2, a message naming the flag and the value and saying what is
 * allowed, no stack trace, before anything runs; and no progress on a stderr that is not a
 * terminal.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TASKS = Object.keys(
  (JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)) as { tasks: Record<string, string> })
    .tasks,
).filter((task) => task !== "test");

/** A bad value of each task that takes one: [arguments, the value the message must quote]. */
const BAD_VALUES: Record<string, [string[], string]> = {
  sim: [["data/validation/mm1.json", "--reps", "0"], '"0"'],
  query: [["out", "SELECT 1", "--timeout", "-5"], '"-5"'],
  sensitivity: [["cashback-io-2020", "--scale", "7"], '"7"'],
  plan: [["mmc", "--spot-checks", "99"], '"99"'],
  report: [["--reps", "1"], '"1"'],
  validate: [["--size=0"], '"0"'],
  convergence: [["--reps", "1000"], '"1000"'],
  soak: [["-3"], '"-3"'],
  bench: [["no-benchmark-has-this-name"], '"no-benchmark-has-this-name"'],
};

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: output.code, stderr: new TextDecoder().decode(output.stderr) };
}

function assertRefused(task: string, result: { code: number; stderr: string }, quoted: string) {
  assert.equal(result.code, 2, `${task}: exit ${result.code}\n${result.stderr}`);
  const first = result.stderr.split("\n")[0];
  assert.ok(first.includes(quoted), `${task}: the message does not quote ${quoted}: ${first}`);
  assert.match(first, /allowed|takes no arguments/, `${task}: does not say what is allowed`);
  assert.doesNotMatch(result.stderr, /^\s+at |Uncaught|error: /m, `${task}: a stack trace`);
}

for (const task of TASKS) {
  Deno.test(`deno task ${task}: an unknown flag and a bad value are refused with exit 2`, async () => {
    assertRefused(task, await run([task, "--no-such-flag"]), '"--no-such-flag"');
    const bad = BAD_VALUES[task];
    if (bad !== undefined) assertRefused(task, await run([task, ...bad[0]]), bad[1]);
  });
}

Deno.test("every task that takes values has a bad-value case here", () => {
  const noValues = ["notebooks", "strip-notebooks"]; // names and --quick only; no numbers
  for (const task of TASKS) {
    if (!noValues.includes(task)) assert.ok(task in BAD_VALUES, `${task}: no bad-value case`);
  }
});

Deno.test("validate prints no progress when stderr is not a terminal, and takes --quiet", async () => {
  for (const quiet of [[], ["--quiet"]]) {
    const result = await run([
      "validate",
      "--engine",
      "--only=M/M/1 rho=0.5",
      "--size=0.01",
      ...quiet,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "", "progress on a stderr that is not a terminal");
  }
});
