/**
 * Notebooks: committed without outputs, each imports clickday from `../sim/mod.ts` (no code
 * copied between notebooks, nothing from `tests/`: their toolkit lives in `sim/analysis`), and
 * each executes headless (Deno kernel, quick mode, run cache off) without a cell error.
 *
 * Without Jupyter the execution tests are skipped with a printed line saying how to install it,
 * except under `CI=true`, where a missing Jupyter is an error.
 */
import assert from "node:assert/strict";
import {
  assertNoConsoleErrors,
  decodePNG,
  launchBrowser,
  nonWhiteShare,
  openWatchedPage,
} from "../browser.ts";
import {
  brokenOutputs,
  cellErrors,
  executeNotebook,
  exportHtml,
  jupyterAvailable,
  listNotebooks,
  NOTEBOOKS_DIR,
  readNotebook,
} from "../../notebooks/jupyter.ts";
import { checkInClassicUI, classicNotebookAvailable } from "./classic_ui.ts";

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

/** Code lines of a notebook, trimmed, without blank lines, comments and closing brackets. */
function codeLines(name: string): string[] {
  return readNotebook(new URL(name, NOTEBOOKS_DIR)).cells
    .filter((cell) => cell.cell_type === "code")
    .flatMap((cell) => sourceOf(cell).split("\n"))
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^(\/\/|\/\*\*|\*|[)}\]];?,?$)/.test(line));
}

Deno.test("notebooks carry no toolkit of their own: no code copied between them", () => {
  /** Runs of this many consecutive code lines found in two notebooks count as a copy. */
  const RUN = 8;
  const seen = new Map<string, string>();
  const copies: string[] = [];
  for (const name of notebooks) {
    const lines = codeLines(name);
    const mine = new Set<string>();
    for (let i = 0; i + RUN <= lines.length; i++) {
      const run = lines.slice(i, i + RUN).join("\n");
      if (mine.has(run)) continue;
      mine.add(run);
      const other = seen.get(run);
      if (other !== undefined && other !== name) copies.push(`${other} and ${name}:\n${run}`);
      else seen.set(run, name);
    }
  }
  assert.deepEqual(copies, [], "code copied between notebooks: move it into sim/analysis");
});

Deno.test("notebooks define nothing the library exports (no local show, xyChart, num, …)", async () => {
  const exported = new Set(Object.keys(await import("../../sim/mod.ts")));
  // functions, classes and types (a variable that merely shares a name is not a copy)
  const definitions = new RegExp(
    String.raw`^\s*(?:export\s+)?(?:(?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*)` +
      String.raw`|(?:class|interface)\s+([A-Za-z_$][\w$]*)|type\s+([A-Za-z_$][\w$]*)\s*[=<]` +
      String
        .raw`|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\(|function|[A-Za-z_$][\w$]*\s*=>))`,
  );
  const clashes: string[] = [];
  for (const name of notebooks) {
    for (const line of codeLines(name)) {
      const match = line.match(definitions);
      const defined = match?.slice(1).find((group) => group !== undefined);
      if (defined !== undefined && exported.has(defined)) clashes.push(`${name}: ${line}`);
    }
  }
  assert.deepEqual(clashes, [], "a notebook redefines a library export: import it instead");
});

Deno.test("notebooks import nothing from tests/", () => {
  for (const name of notebooks) {
    const code = codeLines(name).join("\n");
    assert.doesNotMatch(code, /from "\.\.\/tests\//, `${name} imports from tests/`);
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

const haveClassicUI = await classicNotebookAvailable();
if (haveJupyter && !haveClassicUI) {
  const message = "Debian's classic Notebook UI (jupyter-notebook) not found: the untrusted " +
    "notebook checks " + (inCI ? "cannot run in CI" : "are SKIPPED") +
    ". Install: apt-get install jupyter-notebook";
  if (inCI) {
    Deno.test("the classic Notebook UI is installed (required in CI)", () => assert.fail(message));
  } else console.error(message);
}

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * Opens the executed notebook as saved, untrusted, in the classic Notebook UI (Notebook 6):
 * every chart output must show as a picture (see `classic_ui.ts`).
 */
async function checkClassicUI(notebookPath: string, expectedCharts: number): Promise<void> {
  if (!haveClassicUI) return;
  const browser = await launchBrowser();
  if (!browser) return;
  try {
    const view = await checkInClassicUI(browser, notebookPath, expectedCharts);
    console.log(
      `classic UI, untrusted: ${view.pictures} of ${expectedCharts} charts shown as pictures ` +
        `(trust indicator "${view.trust}", inline <svg> left: ${view.inlineSvg})`,
    );
  } finally {
    await browser.close();
  }
}

/**
 * Opens an exported notebook in headless Chromium: no console error, no network request, and
 * every chart output (`.clickday-chart`) present and drawn (not blank) without the rich MIME
 * renderers that nbconvert's HTML lacks.
 */
async function checkHtmlExport(htmlPath: string, expectedCharts: number): Promise<void> {
  const browser = await launchBrowser();
  if (!browser) return;
  try {
    const { page, watch } = await openWatchedPage(browser);
    await page.goto(`file://${htmlPath}`, { waitUntil: "load" });
    const charts = await page.locator(".clickday-chart").all();
    assert.equal(charts.length, expectedCharts, `${htmlPath}: charts shown in the HTML export`);
    for (const [index, chart] of charts.entries()) {
      await chart.scrollIntoViewIfNeeded();
      const share = nonWhiteShare(decodePNG(new Uint8Array(await chart.screenshot())));
      assert.ok(share > 0.01, `${htmlPath}: chart ${index + 1} looks blank (${share})`);
    }
    // nbconvert's template links Debian's require.js and MathJax from /usr/share/javascript
    // (optional packages, absent on a minimal machine); the charts need neither.
    watch.errors = watch.errors.filter((error) => !/net::ERR_FILE_NOT_FOUND/.test(error));
    assertNoConsoleErrors(watch);
  } finally {
    await browser.close();
  }
}

Deno.test("a value never computed, shown in a notebook's output, is found", () => {
  const notebook = (text: string, plotly: unknown = {}) => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{
      cell_type: "code",
      source: "",
      outputs: [{
        output_type: "display_data",
        data: { "text/markdown": text, "application/vnd.plotly.v1+json": plotly },
      }],
    }],
  });
  assert.deepEqual(brokenOutputs(notebook("a retry budget of 10% of successes")), []);
  assert.deepEqual(brokenOutputs(notebook("TCP/IP, n/at, data/a: fine")), []);
  assert.equal(brokenOutputs(notebook("a retry budget of n/a of successes")).length, 1);
  assert.equal(brokenOutputs(notebook("peak at NaN s")).length, 1);
  assert.equal(brokenOutputs(notebook("x", { data: [{ marker: { color: null } }] })).length, 1);
  assert.equal(brokenOutputs(notebook("x", { scale: { range: [null, null] } })).length, 1);
});

for (const name of notebooks) {
  Deno.test({
    name: `notebook ${name} executes without a cell error`,
    ignore: !haveJupyter,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      const outputDir = await Deno.makeTempDir({ prefix: "clickday-notebook-" });
      try {
        // the run cache off: the test runs every replication, and writes nothing under out/
        const result = await executeNotebook(name, outputDir, {
          CLICKDAY_QUICK: "1",
          CLICKDAY_CACHE: "off",
        });
        assert.ok(result.success, `${name} failed:\n${result.log.slice(-4000)}`);
        const executed = readNotebook(result.executedPath);
        assert.deepEqual(cellErrors(executed), []);
        assert.deepEqual(brokenOutputs(executed), [], `${name}: values never computed`);
        assert.ok(await exportHtml(result.executedPath, outputDir), `${name}: HTML export failed`);
        const charts = executed.cells.flatMap((cell) => cell.outputs ?? [])
          .filter((output) => PLOTLY_MIME in ((output.data as Record<string, unknown>) ?? {}));
        await checkHtmlExport(result.executedPath.replace(/\.ipynb$/, ".html"), charts.length);
        await checkClassicUI(result.executedPath, charts.length);
      } finally {
        await Deno.remove(outputDir, { recursive: true });
      }
    },
  });
}
