/**
 * Every task of deno.json (but `test`) answers `--help` with its usage on stdout and exit 0,
 * quickly and without doing its work (no output folder written, no notebook executed).
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

for (const task of TASKS) {
  Deno.test(`deno task ${task} --help prints its usage and does nothing else`, async () => {
    const before = Deno.readTextFileSync(`${ROOT}notebooks/01-cashback-io-2020.ipynb`);
    const started = performance.now();
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["task", "--quiet", task, "--help"],
      cwd: ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, `${task}: exit ${output.code}\n${stderr}`);
    assert.match(stdout, /usage|deno task/i, `${task}: no usage on stdout:\n${stdout}`);
    assert.match(stdout, new RegExp(`deno task ${task}`), `${task}: the usage names the task`);
    assert.ok(performance.now() - started < 30_000, `${task}: --help took too long`);
    assert.equal(
      Deno.readTextFileSync(`${ROOT}notebooks/01-cashback-io-2020.ipynb`),
      before,
      `${task}: a notebook changed`,
    );
  });
}
