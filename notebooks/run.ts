/**
 * `deno task notebooks`: executes every notebook headless into `out/notebooks/` as executed
 * `.ipynb` and HTML. Outputs appear only when every selected notebook ran (temp folder, then rename).
 *
 * Usage: `deno task notebooks [--quick] [--quiet] [NAME…]` — `--quick` sets `CLICKDAY_QUICK=1`,
 * which the notebooks read to use fewer replications; each notebook's progress goes to stderr
 * when it is a terminal, unless `--quiet`.
 *
 * @module
 */
import { showsProgress } from "../sim/experiment/progress.ts";
import { executeNotebook, exportHtml, jupyterAvailable, listNotebooks } from "./jupyter.ts";

if (import.meta.main) {
  const args = Deno.args;
  const usage = "usage: deno task notebooks [--quick] [--quiet] [NAME…]\n\nExecutes every " +
    "notebook (or those whose file name contains a NAME) headless into out/notebooks/ as " +
    ".ipynb and HTML; --quick sets CLICKDAY_QUICK=1 (fewer replications); --quiet: no " +
    "progress on stderr (there is none when stderr is not a terminal).";
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    Deno.exit(0);
  }
  const unknown = args.filter((arg) =>
    arg.startsWith("-") && arg !== "--quick" && arg !== "--quiet"
  );
  if (unknown.length > 0) {
    console.error(
      `notebooks: ${
        JSON.stringify(unknown[0])
      }: unknown flag; allowed: --quick, --quiet, --help\n${usage}`,
    );
    Deno.exit(2);
  }
  const quick = args.includes("--quick");
  const progress = showsProgress(args.includes("--quiet"));
  const wanted = args.filter((arg) => !arg.startsWith("--"));
  const notebooks = listNotebooks().filter((name) =>
    wanted.length === 0 || wanted.some((w) => name.includes(w))
  );
  if (!(await jupyterAvailable())) {
    console.error(
      "jupyter nbconvert was not found. Install it (Debian/Ubuntu: apt-get install jupyter-nbconvert " +
        "jupyter-client python3-ipykernel python3-nbclient), then run `deno jupyter --install`.",
    );
    Deno.exit(2);
  }
  if (notebooks.length === 0) {
    console.error(`no notebook matches ${wanted.join(", ")}`);
    Deno.exit(2);
  }
  Deno.mkdirSync("out", { recursive: true });
  const staging = Deno.makeTempDirSync({ dir: "out", prefix: ".notebooks-" });
  let failed = 0;
  for (const name of notebooks) {
    const started = performance.now();
    if (progress) console.error(`executing ${name} …`);
    const result = await executeNotebook(name, staging, quick ? { CLICKDAY_QUICK: "1" } : {});
    if (!result.success) {
      failed++;
      console.error(`${name} FAILED:\n${result.log}`);
      continue;
    }
    if (!(await exportHtml(result.executedPath, staging))) {
      failed++;
      console.error(`${name}: HTML export failed`);
      continue;
    }
    if (progress) {
      console.error(`${name} ok (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  if (failed > 0) {
    Deno.removeSync(staging, { recursive: true });
    console.error(`${failed} notebook(s) failed; nothing written to out/notebooks/`);
    Deno.exit(1);
  }
  Deno.mkdirSync("out/notebooks", { recursive: true });
  for (const entry of Deno.readDirSync(staging)) {
    Deno.renameSync(`${staging}/${entry.name}`, `out/notebooks/${entry.name}`);
  }
  Deno.removeSync(staging, { recursive: true });
  console.error(`wrote ${notebooks.length} notebook(s) to out/notebooks/ (.ipynb and .html)`);
}
