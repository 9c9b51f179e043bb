/**
 * The library works outside this folder: `sim/` names its dependencies with self-describing
 * `npm:name@version` specifiers, so a script or a notebook in a folder with no `deno.json`
 * imports `sim/mod.ts` and runs a scenario. (Without them Deno answered
 * `Import "simple-statistics" not a dependency` unless the user passed `--config`.)
 *
 * The notebook half needs Jupyter with the Deno kernel: skipped with a printed line without
 * it, an error under `CI=true`.
 */
import assert from "node:assert/strict";
import { jupyterAvailable } from "../../notebooks/jupyter.ts";

const MOD = new URL("../../sim/mod.ts", import.meta.url).href;
const SCENARIO = new URL("../../data/scenarios/mmc.json", import.meta.url).pathname;

/** Code that runs 2,000 simulated seconds of the M/M/c example and prints its citizens. */
const CODE = `import { designNames, loadScenario, runReplication } from "${MOD}";
const scenario = loadScenario(${JSON.stringify(SCENARIO)});
const { summaries } = runReplication(scenario, designNames(scenario)[0], 0, { until: 2000 });
console.log("citizens", summaries.find((row) => row.metric === "citizens")?.value);
`;

const printedCitizens = (text: string) => /^citizens \d+$/m.test(text);

/**
 * The notebook's cell: the same run, with the line as the cell's value rather than printed.
 * The Deno kernel can send a cell's printed lines after it reports the cell finished, and
 * nbconvert then saves the cell without them (seen under load); a cell's value is sent first.
 */
const NOTEBOOK_CODE = CODE.replace(
  /console\.log\("citizens", (.*)\);\n$/,
  "`citizens ${$1}`;\n",
);

Deno.test("sim/ names every dependency itself: no bare specifier needs this folder's import map", () => {
  const bare: string[] = [];
  const walk = (folder: URL) => {
    for (const entry of Deno.readDirSync(folder)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), folder);
      if (entry.isDirectory) walk(url);
      else if (/\.(ts|js)$/.test(entry.name)) {
        const text = Deno.readTextFileSync(url);
        for (const match of text.matchAll(/^(?:import|export)\b[^"]*?from\s+"([^"]+)"/gm)) {
          const specifier = match[1];
          if (!/^(\.|npm:|node:|jsr:|https?:)/.test(specifier)) {
            bare.push(`${url.pathname}: ${specifier}`);
          }
        }
      }
    }
  };
  walk(new URL("../../sim/", import.meta.url));
  assert.deepEqual(bare, []);
});

Deno.test("a script in a folder outside the project imports sim/mod.ts and runs a scenario", async () => {
  const folder = await Deno.makeTempDir({ prefix: "clickday-outside-" });
  try {
    await Deno.writeTextFile(`${folder}/run.ts`, CODE);
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "run.ts"],
      cwd: folder,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(stdout);
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    assert.ok(printedCitizens(out), out);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a notebook in a folder outside the project imports sim/mod.ts and runs a scenario", async () => {
  if (!jupyterAvailable()) {
    if (Deno.env.get("CI") === "true") throw new Error("CI=true but Jupyter is not installed");
    console.log("skipped: Jupyter with the Deno kernel is not installed (see README)");
    return;
  }
  const folder = await Deno.makeTempDir({ prefix: "clickday-outside-nb-" });
  try {
    const notebook = {
      cells: [{
        cell_type: "code",
        metadata: {},
        source: NOTEBOOK_CODE,
        outputs: [],
        execution_count: null,
      }],
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    await Deno.writeTextFile(`${folder}/outside.ipynb`, JSON.stringify(notebook));
    const { code, stderr } = await new Deno.Command("jupyter", {
      args: [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--ExecutePreprocessor.kernel_name=deno",
        "--ExecutePreprocessor.timeout=300",
        "--output",
        "executed.ipynb",
        "outside.ipynb",
      ],
      cwd: folder,
      env: { PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const executed = JSON.parse(await Deno.readTextFile(`${folder}/executed.ipynb`));
    const outputs = executed.cells[0].outputs as {
      output_type: string;
      data?: Record<string, string | string[]>;
    }[];
    const value = outputs.find((output) => output.output_type === "execute_result");
    const plain = [value?.data?.["text/plain"] ?? ""].flat().join("");
    // The kernel shows a string value quoted and coloured.
    // deno-lint-ignore no-control-regex
    const shown = plain.replace(/\x1b\[[0-9;]*m/g, "").replace(/^"(.*)"$/, "$1");
    assert.ok(printedCitizens(shown), JSON.stringify(outputs).slice(0, 2000));
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
