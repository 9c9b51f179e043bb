/**
 * Tornado data of one incident from the command line, written to
 * `out/sensitivity/<incident>.csv` (atomically: a temporary file renamed into place; a file
 * already there is replaced only when it is such a CSV, its header line, else refused with
 * exit code 2 before anything runs).
 *
 * ```sh
 * deno run --allow-read=. --allow-write=out sim/calibration/tornado_cli.ts <incident> \
 *   [--metric M] [--scale k] [--reps N] [--assumptions a,b] [--workers N] [--quiet] [--json]
 * ```
 *
 * (`deno task sensitivity <incident> …`). The runs are spread over `--workers` Deno Workers
 * (default: the machine's cores; the rows are the same whatever the count), with a progress bar
 * on stderr (off with `--quiet` or when stderr is not a terminal). `--json` also prints the rows
 * as JSON on stdout.
 *
 * @module
 */
import { writeFileAtomic } from "../experiment/atomic_write.ts";
import { runCommand } from "../experiment/exit_codes.ts";
import { parseFlags, wantsHelp } from "../experiment/flags.ts";
import { coreCount, MAX_REPLICATIONS } from "../experiment/limits.ts";
import { checkOutputPath, refuseForeign } from "../experiment/output_folder.ts";
import { createProgress } from "../experiment/progress.ts";
import { UsageError } from "../experiment/usage_error.ts";
import { metricInfo } from "../table/mod.ts";
import { listIncidents, loadIncident } from "./incident_descriptor.ts";
import { TORNADO_COLUMNS, tornadoCsv, type TornadoOptions } from "./sensitivity.ts";
import { tornadoAssumptions, tornadoOnWorkers } from "./sensitivity_workers.ts";

/** Usage of `deno task sensitivity` (the incidents listed are those of `data/incidents/`). */
export function tornadoUsage(): string {
  return "usage: deno task sensitivity INCIDENT [--metric M] [--scale k] " +
    "[--reps N] [--assumptions a,b] [--workers N] [--quiet] [--json]\n" +
    `  INCIDENT: ${listIncidents().join(", ")}\n` +
    "  Writes out/sensitivity/INCIDENT.csv (replacing only a CSV it wrote). Exit codes: 0 done; " +
    "1 a bug in clickday; 2 a mistake in the input.";
}

/** Parsed command line of the tornado CLI. */
export interface TornadoCommand {
  /** Incident (file stem). */
  incident: string;
  /** Options for {@link tornado}. */
  options: TornadoOptions;
  /** Print JSON rows on stdout. */
  json: boolean;
  /** Deno Workers to run on (undefined: the machine's cores). */
  workers?: number;
  /** No progress bar. */
  quiet: boolean;
}

/**
 * Parses the tornado CLI's arguments (every value checked: assumptions, metric, bounds).
 *
 * @throws UsageError naming the flag, the value and what is allowed.
 */
export function parseTornadoArguments(args: readonly string[]): TornadoCommand {
  const incidents = listIncidents();
  const cores = coreCount();
  const { values, positionals } = parseFlags(args, {
    metric: { kind: "string", meaning: "an observable of the incident or a summary metric" },
    scale: {
      kind: "number",
      min: 0,
      exclusiveMin: true,
      max: 1,
      meaning: "the demand-and-capacity factor",
    },
    reps: { kind: "integer", min: 1, max: MAX_REPLICATIONS, meaning: "replications" },
    assumptions: { kind: "string", meaning: "assumption names, comma-separated" },
    workers: {
      kind: "integer",
      min: 0,
      max: cores,
      meaning: `0: no workers; at most the ${cores} cores of this machine`,
    },
    quiet: { kind: "boolean" },
    json: { kind: "boolean" },
    help: { kind: "boolean" },
  });
  const [incident, extra] = positionals;
  if (incident === undefined || !incidents.includes(incident)) {
    throw UsageError.field("incident", incident ?? "", incidents.join(", "));
  }
  if (extra !== undefined) throw UsageError.field("argument", extra, "one incident only");
  const options: TornadoOptions = {};
  if (values.metric !== undefined) options.metric = values.metric as string;
  if (values.scale !== undefined) options.scale = values.scale as number;
  if (values.reps !== undefined) options.replications = values.reps as number;
  if (values.assumptions !== undefined) {
    options.assumptions = (values.assumptions as string).split(",").filter((name) => name !== "");
  }
  const workers = values.workers as number | undefined;
  const json = values.json === true;
  const quiet = values.quiet === true;
  try {
    tornadoAssumptions(incident, options.assumptions);
  } catch (error) {
    throw new UsageError(`--assumptions: ${(error as Error).message}`);
  }
  const metric = options.metric;
  const observables = Object.keys(loadIncident(incident).observables);
  if (metric !== undefined && !observables.includes(metric) && metricInfo(metric) === undefined) {
    throw UsageError.field(
      "--metric",
      metric,
      `an observable of ${incident} (${
        observables.join(", ")
      }) or a summary metric of the metric catalogue`,
    );
  }
  return { incident, options, json, workers, quiet };
}

/**
 * Checks where the CSV goes before anything runs: the folder under `out/` (links resolved, not a
 * link itself, a folder if it exists), and the file missing or a tornado CSV this command wrote
 * (its header line) — anything else there is not replaced.
 *
 * @throws UsageError naming the path and why it is refused (it is left untouched).
 */
export function checkTornadoOutput(directory: string, path: string): void {
  const folder = checkOutputPath(directory, "output folder");
  if (folder.exists && !Deno.statSync(folder.path).isDirectory) {
    refuseForeign("output folder", directory, "it is a file, not a folder");
  }
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const header = TORNADO_COLUMNS.join(",");
  if (!info.isFile) {
    refuseForeign("output file", path, "it is not a regular file (a folder or a link)");
  }
  if (firstLine(path) !== header) {
    throw new UsageError(
      `output file: ${path} already exists and is not a sensitivity CSV of deno task ` +
        `sensitivity (its first line is not "${header}"); it was left untouched. Move it away ` +
        "first",
    );
  }
}

function firstLine(path: string): string {
  const file = Deno.openSync(path, { read: true });
  try {
    const buffer = new Uint8Array(1024);
    const read = file.readSync(buffer) ?? 0;
    return new TextDecoder().decode(buffer.subarray(0, read)).split(/\r?\n/)[0];
  } finally {
    file.close();
  }
}

/** Runs the CLI: computes the rows, writes the CSV, returns its path. */
export async function runTornadoCli(
  args: readonly string[],
  outDirectory = "out",
): Promise<string> {
  const command = parseTornadoArguments(args);
  const directory = `${outDirectory}/sensitivity`;
  const path = `${directory}/${command.incident}.csv`;
  checkTornadoOutput(directory, path);
  const progress = createProgress(`tornado ${command.incident}`, command.quiet);
  let reported = 0;
  const [rows] = await tornadoOnWorkers([{ incident: command.incident, ...command.options }], {
    workers: command.workers,
    onProgress: ({ runsDone, runsTotal }) => {
      progress.setTotal(runsTotal);
      progress.advance(runsDone - reported);
      reported = runsDone;
    },
  });
  progress.finish();
  checkTornadoOutput(directory, path); // again: the runs took a while
  await Deno.mkdir(directory, { recursive: true });
  await writeFileAtomic(path, tornadoCsv(rows));
  if (command.json) console.log(JSON.stringify(rows, null, 2));
  else console.error(`wrote ${path} (${rows.length} assumptions)`);
  return path;
}

if (import.meta.main) {
  Deno.exit(
    await runCommand("clickday sensitivity", async () => {
      if (wantsHelp(Deno.args)) {
        console.log(tornadoUsage());
        return 0;
      }
      await runTornadoCli(Deno.args);
      return 0;
    }),
  );
}
