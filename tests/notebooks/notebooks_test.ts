/**
 * Notebooks: committed without outputs, each imports clickday from `../sim/mod.ts`, and each
 * executes headless (Deno kernel, quick mode) without a cell error.
 *
 * Without Jupyter the execution tests are skipped with a printed line saying how to install it,
 * except under `CI=true`, where a missing Jupyter is an error.
 */
import assert from "node:assert/strict";
import {
  cellErrors,
  executeNotebook,
  jupyterAvailable,
  listNotebooks,
  NOTEBOOKS_DIR,
  readNotebook,
} from "../../notebooks/jupyter.ts";

const notebooks = listNotebooks();
const sourceOf = (cell: { source: string | string[] }) =>
  Array.isArray(cell.source) ? cell.source.join("") : cell.source;

Deno.test("notebooks are committed without outputs and use the Deno kernel", () => {
  for (const name of notebooks) {
    const notebook = readNotebook(new URL(name, NOTEBOOKS_DIR));
    const kernel = (notebook.metadata.kernelspec as { name?: string } | undefined)?.name;
    assert.equal(kernel, "deno", `${name}: kernel is ${kernel}, expected deno`);
    notebook.cells.forEach((cell, index) => {
      if (cell.cell_type !== "code") return;
      assert.deepEqual(
        cell.outputs ?? [],
        [],
        `${name} cell ${index} has outputs: run deno task strip-notebooks`,
      );
      assert.equal(
        cell.execution_count ?? null,
        null,
        `${name} cell ${index} has an execution count`,
      );
    });
  }
});

Deno.test("notebooks import clickday from ../sim/mod.ts, not copies of model code", () => {
  for (const name of notebooks) {
    const code = readNotebook(new URL(name, NOTEBOOKS_DIR)).cells
      .filter((cell) => cell.cell_type === "code").map(sourceOf).join("\n");
    assert.match(code, /from "\.\.\/sim\/mod\.ts"/, `${name} does not import ../sim/mod.ts`);
    assert.doesNotMatch(
      code,
      /from "\.\.\/sim\/(?!mod\.ts)/,
      `${name} reaches into sim/ internals`,
    );
  }
});

const haveJupyter = await jupyterAvailable();
const inCI = Deno.env.get("CI") === "true";
if (!haveJupyter) {
  const message = "Jupyter (nbconvert) not found: notebook execution tests " +
    (inCI ? "cannot run in CI" : "SKIPPED") +
    ". Install: apt-get install jupyter-nbconvert jupyter-client python3-ipykernel python3-nbclient; " +
    "then deno jupyter --install";
  if (inCI) {
    Deno.test("Jupyter is installed (required in CI)", () => assert.fail(message));
  } else console.error(message);
}

for (const name of notebooks) {
  Deno.test({
    name: `notebook ${name} executes without a cell error`,
    ignore: !haveJupyter,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      const outputDir = await Deno.makeTempDir({ prefix: "clickday-notebook-" });
      try {
        const result = await executeNotebook(name, outputDir, { CLICKDAY_QUICK: "1" });
        assert.ok(result.success, `${name} failed:\n${result.log.slice(-4000)}`);
        const executed = readNotebook(result.executedPath);
        assert.deepEqual(cellErrors(executed), []);
      } finally {
        await Deno.remove(outputDir, { recursive: true });
      }
    },
  });
}
