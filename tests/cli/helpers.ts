/**
 * Helpers of the command-line tests: run a task of deno.json exactly as `deno task` would (its
 * permissions read from deno.json, so the tests cannot drift from it), in the project folder.
 *
 * @module
 */

/** The project folder. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** What a finished command gave. */
export interface CommandOutput {
  /** Exit code. */
  code: number;
  /** Standard output, as text. */
  stdout: string;
  /** Standard error, as text. */
  stderr: string;
}

/** The arguments after `deno` of a task of deno.json (e.g. `["run", "--allow-read", …]`). */
export function taskArgs(task: string): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`));
  const command = config.tasks[task] as string;
  const words = command.split(/\s+/);
  if (words[0] !== "deno") throw new Error(`task ${task} does not start with deno: ${command}`);
  return words.slice(1);
}

/** Runs a deno.json task with `args`, in the project folder (as `deno task` does). */
export async function runTask(
  task: string,
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<CommandOutput> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [...taskArgs(task), ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  const output = await child.output();
  clearTimeout(timer);
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
}

/** Runs `deno task sim …`. */
export function sim(args: readonly string[]): Promise<CommandOutput> {
  return runTask("sim", args);
}

/** A fresh output folder name under out/ (relative to the project folder). */
export function outDir(label: string): string {
  return `out/test-${label}-${crypto.randomUUID().slice(0, 8)}`;
}

/** The bytes of every table file of a results folder, by file name. */
export function tableBytes(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const table of ["summaries", "series", "outcomes", "estimates", "differences"]) {
    for (const extension of ["csv", "parquet"]) {
      files.set(`${table}.${extension}`, Deno.readFileSync(`${ROOT}/${dir}/${table}.${extension}`));
    }
  }
  return files;
}

/** Removes a folder under the project, if there. */
export function removeDir(dir: string): void {
  try {
    Deno.removeSync(dir.startsWith("/") ? dir : `${ROOT}/${dir}`, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
