/**
 * Tornado data of one incident from the command line, written to
 * `out/sensitivity/<incident>.csv` (atomically: a temporary file renamed into place).
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
import { createProgress } from "../experiment/progress.ts";
import { INCIDENTS } from "./calibration_record.ts";
import { tornadoCsv, type TornadoOptions } from "./sensitivity.ts";
import { tornadoOnWorkers } from "./sensitivity_workers.ts";

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
 * Parses the tornado CLI's arguments.
 *
 * @throws Error naming the flag, the value and what is allowed.
 */
export function parseTornadoArguments(args: readonly string[]): TornadoCommand {
  const [incident, ...rest] = args;
  if (!incident || !INCIDENTS.includes(incident)) {
    throw new Error(`incident: got "${incident ?? ""}"; allowed: ${INCIDENTS.join(", ")}`);
  }
  const options: TornadoOptions = {};
  let json = false;
  let quiet = false;
  let workers: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === "--json") {
      json = true;
      continue;
    }
    if (flag === "--quiet") {
      quiet = true;
      continue;
    }
    const value = rest[++i];
    if (value === undefined) throw new Error(`${flag}: needs a value`);
    const number = Number(value);
    switch (flag) {
      case "--metric":
        options.metric = value;
        break;
      case "--scale":
        if (!(number > 0 && number <= 1)) {
          throw new Error(`--scale: got ${value}; allowed: a number in (0, 1]`);
        }
        options.scale = number;
        break;
      case "--reps":
        if (!(Number.isInteger(number) && number >= 1)) {
          throw new Error(`--reps: got ${value}; allowed: an integer ≥ 1`);
        }
        options.replications = number;
        break;
      case "--assumptions":
        options.assumptions = value.split(",").filter((name) => name !== "");
        break;
      case "--workers":
        if (!(Number.isInteger(number) && number >= 0)) {
          throw new Error(`--workers: got ${value}; allowed: an integer ≥ 0 (0: no workers)`);
        }
        workers = number;
        break;
      default:
        throw new Error(
          `flag "${flag}": unknown; allowed: --metric, --scale, --reps, --assumptions, ` +
            `--workers, --quiet, --json`,
        );
    }
  }
  return { incident, options, json, workers, quiet };
}

/** Runs the CLI: computes the rows, writes the CSV, returns its path. */
export async function runTornadoCli(
  args: readonly string[],
  outDirectory = "out",
): Promise<string> {
  const command = parseTornadoArguments(args);
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
  const directory = `${outDirectory}/sensitivity`;
  await Deno.mkdir(directory, { recursive: true });
  const path = `${directory}/${command.incident}.csv`;
  await writeFileAtomic(path, tornadoCsv(rows));
  if (command.json) console.log(JSON.stringify(rows, null, 2));
  else console.error(`wrote ${path} (${rows.length} assumptions)`);
  return path;
}

if (import.meta.main) {
  try {
    await runTornadoCli(Deno.args);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(1);
  }
}
