/**
 * Project-level checks: the import map is pinned, the README's commands are the ones CI
 * runs, and the required tasks exist. These keep the two-command quick start true.
 */
import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);
const readText = (path: string) => Deno.readTextFileSync(new URL(path, root));
const denoJson = JSON.parse(readText("deno.json")) as {
  imports: Record<string, string>;
  tasks: Record<string, string>;
};

Deno.test("every dependency is an npm: specifier pinned to an exact version", () => {
  for (const [name, specifier] of Object.entries(denoJson.imports)) {
    assert.match(
      specifier,
      /^npm:(@[a-z0-9-.]+\/)?[a-z0-9-.]+@\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/,
      `${name}: ${specifier} is not npm:<package>@<exact version>`,
    );
  }
});

Deno.test("the tasks the README and the issues name exist", () => {
  for (const task of ["report", "test", "sim", "bench", "validate", "notebooks"]) {
    assert.ok(denoJson.tasks[task], `deno.json has no task "${task}"`);
  }
});

Deno.test("no task grants every permission or network access", () => {
  for (const [task, command] of Object.entries(denoJson.tasks)) {
    assert.doesNotMatch(command, /(^|\s)(-A|--allow-all)(\s|$)/, `task ${task} uses -A`);
    assert.doesNotMatch(command, /--allow-net(?!=127\.0\.0\.1)/, `task ${task} allows the network`);
  }
});

Deno.test("the README's quick start is what CI runs", () => {
  const readme = readText("README.md");
  const quickStart = readme.split(/^## /m).find((section) => section.startsWith("Quick start"));
  assert.ok(quickStart, "README.md has no '## Quick start' section");
  const commands = [...quickStart.matchAll(/^deno task (\w+)$/gm)].map((match) => match[1]);
  assert.deepEqual(
    commands,
    ["report", "test"],
    "quick start must be `deno task report` then `deno task test`",
  );
  const ci = readText(".ci/run");
  const lastCommand = ci.trim().split("\n").filter((line) => line && !line.startsWith("#")).at(-1);
  assert.equal(
    lastCommand,
    "deno task test",
    ".ci/run must end by running the README's test command",
  );
});

Deno.test("no source file imports from JSR or the Deno standard library", () => {
  const offending: string[] = [];
  const walk = (dir: URL) => {
    for (const entry of Deno.readDirSync(dir)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
      if (entry.isDirectory) walk(url);
      else if (/\.(ts|js)$/.test(entry.name)) {
        const text = Deno.readTextFileSync(url);
        if (/from\s+["'](jsr:|@std\/)/.test(text)) offending.push(url.pathname);
      }
    }
  };
  for (const dir of ["sim/", "tests/", "bench/"]) walk(new URL(dir, root));
  assert.deepEqual(offending, []);
});
