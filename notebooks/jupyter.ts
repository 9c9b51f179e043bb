/**
 * Executing notebooks headless with Jupyter's nbconvert (kernel `deno`), shared by
 * `deno task notebooks` and the notebook tests.
 *
 * @module
 */

/** Where the notebooks live. */
export const NOTEBOOKS_DIR: URL = new URL("./", import.meta.url);

/** A notebook cell as stored in an `.ipynb` file (nbformat 4). */
export interface NotebookCell {
  /** `"code"`, `"markdown"` or `"raw"`. */
  cell_type: string;
  /** The cell's text, as a string or a list of lines. */
  source: string | string[];
  /** Outputs of a code cell. */
  outputs?: Array<Record<string, unknown>>;
  /** Execution counter of a code cell (null when not executed). */
  execution_count?: number | null;
  /** Cell metadata. */
  metadata?: Record<string, unknown>;
}

/** An `.ipynb` notebook (nbformat 4). */
export interface Notebook {
  /** The cells, in order. */
  cells: NotebookCell[];
  /** Notebook metadata (kernelspec and language info). */
  metadata: Record<string, unknown>;
  /** Major format version (4). */
  nbformat: number;
  /** Minor format version. */
  nbformat_minor: number;
}

/** Lists the notebooks (`NN-name.ipynb`) in `notebooks/`, sorted by name. */
export function listNotebooks(): string[] {
  const names: string[] = [];
  for (const entry of Deno.readDirSync(NOTEBOOKS_DIR)) {
    if (entry.isFile && /^\d\d-.*\.ipynb$/.test(entry.name)) names.push(entry.name);
  }
  return names.sort();
}

/** Reads and parses a notebook file. */
export function readNotebook(path: string | URL): Notebook {
  return JSON.parse(Deno.readTextFileSync(path)) as Notebook;
}

/** True when a `jupyter` executable with nbconvert can be run. */
export async function jupyterAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("jupyter", {
      args: ["nbconvert", "--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  }
}

/** The outcome of executing one notebook. */
export interface ExecutionResult {
  /** Whether every cell ran without error. */
  success: boolean;
  /** Path of the executed notebook (in `outputDir`). */
  executedPath: string;
  /** What nbconvert printed on stderr (the failing cell and its traceback on error). */
  log: string;
}

/**
 * Executes a notebook headless with the Deno kernel and writes the executed copy into
 * `outputDir` under the same name. Fails (success false) on the first cell error.
 *
 * @param notebook file name inside `notebooks/`, e.g. `"01-cashback-io-2020.ipynb"`
 * @param outputDir folder for the executed `.ipynb`
 * @param env extra environment for the kernel (e.g. `{ CLICKDAY_QUICK: "1" }`)
 * @param timeoutSeconds per-cell timeout, seconds
 */
export async function executeNotebook(
  notebook: string,
  outputDir: string,
  env: Record<string, string> = {},
  timeoutSeconds = 600,
): Promise<ExecutionResult> {
  const source = new URL(notebook, NOTEBOOKS_DIR).pathname;
  // nbconvert runs inside notebooks/, so a relative output folder must be resolved here.
  const absoluteOutputDir = Deno.realPathSync(outputDir);
  const { success, stderr } = await new Deno.Command("jupyter", {
    args: [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      "--ExecutePreprocessor.kernel_name=deno",
      `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
      // nbclient waits only 4 s for a cell's outputs by default and then drops them silently;
      // a chart carrying the inlined plotly bundle (~5 MB) can take longer under load.
      "--ExecutePreprocessor.iopub_timeout=60",
      "--output-dir",
      absoluteOutputDir,
      source,
    ],
    cwd: NOTEBOOKS_DIR.pathname,
    env: { ...env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    success,
    executedPath: `${absoluteOutputDir}/${notebook}`,
    log: new TextDecoder().decode(stderr),
  };
}

/** Converts an executed notebook to a standalone HTML file in `outputDir`. */
export async function exportHtml(executedPath: string, outputDir: string): Promise<boolean> {
  const { success } = await new Deno.Command("jupyter", {
    args: ["nbconvert", "--to", "html", "--output-dir", Deno.realPathSync(outputDir), executedPath],
    env: { PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  return success;
}

/** Returns a copy of the notebook with every output and execution count removed. */
export function stripOutputs(notebook: Notebook): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) =>
      cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell
    ),
  };
}

/** Error outputs (`output_type: "error"`) of an executed notebook, as readable strings. */
export function cellErrors(notebook: Notebook): string[] {
  const errors: string[] = [];
  notebook.cells.forEach((cell, index) => {
    for (const output of cell.outputs ?? []) {
      if (output.output_type === "error") {
        errors.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
      }
    }
  });
  return errors;
}

/** Words that, in a notebook's displayed text, betray a value that was never computed. */
const BROKEN_VALUE = /\bNaN\b|\bundefined\b|\[object Object\]|(?<![\w/])n\/a(?![\w/])/;

/**
 * Outputs of an executed notebook that show a value that was never computed: `NaN`,
 * `undefined`, `[object Object]` or `n/a` in displayed text or Markdown, or a chart trace whose
 * colour is missing (`null`, or a colour scale of `null`s). One readable string per finding.
 */
export function brokenOutputs(notebook: Notebook): string[] {
  const found: string[] = [];
  notebook.cells.forEach((cell, index) => {
    for (const output of cell.outputs ?? []) {
      const data = (output.data ?? {}) as Record<string, unknown>;
      for (const mime of ["text/markdown", "text/plain"]) {
        const value = data[mime];
        const text = Array.isArray(value) ? value.join("") : value;
        if (typeof text !== "string") continue;
        const match = BROKEN_VALUE.exec(text);
        if (match) {
          const at = Math.max(0, match.index - 60);
          found.push(`cell ${index} (${mime}): …${text.slice(at, match.index + 40)}…`);
        }
      }
      for (const [mime, value] of Object.entries(data)) {
        if (!mime.includes("plotly") && !mime.includes("vega")) continue;
        if (/"color":\s*null|"range":\s*\[\s*null/.test(JSON.stringify(value))) {
          found.push(`cell ${index} (${mime}): a trace has no colour`);
        }
      }
    }
  });
  return found;
}
