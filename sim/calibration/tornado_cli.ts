/**
 * Tornado data of one incident from the command line, written to
 * `out/sensitivity/<incident>.csv` (atomically: a temporary file renamed into place).
 *
 * ```sh
 * deno run --allow-read=. --allow-write=out sim/calibration/tornado_cli.ts <incident> \
 *   [--metric M] [--scale k] [--reps N] [--assumptions a,b] [--json]
 * ```
 *
 * (`deno task sensitivity <incident> …`). `--json` also prints the rows as JSON on stdout.
 *
 * @module
 */
import { writeFileAtomic } from "../experiment/atomic_write.ts";
import { INCIDENTS } from "./calibration_record.ts";
import { tornado, tornadoCsv, type TornadoOptions } from "./sensitivity.ts";

/** Parsed command line of the tornado CLI. */
export interface TornadoCommand {
  /** Incident (file stem). */
  incident: string;
  /** Options for {@link tornado}. */
  options: TornadoOptions;
  /** Print JSON rows on stdout. */
  json: boolean;
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
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === "--json") {
      json = true;
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
      default:
        throw new Error(
          `flag "${flag}": unknown; allowed: --metric, --scale, --reps, --assumptions, --json`,
        );
    }
  }
  return { incident, options, json };
}

/** Runs the CLI: computes the rows, writes the CSV, returns its path. */
export async function runTornadoCli(
  args: readonly string[],
  outDirectory = "out",
): Promise<string> {
  const command = parseTornadoArguments(args);
  const rows = tornado(command.incident, command.options);
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
