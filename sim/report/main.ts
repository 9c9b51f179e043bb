/**
 * `deno task report [--out DIR] [--lang it|en] [--reps N] [--quick | --full] [--quiet]
 * [--no-sensitivity] [--no-metastability]`: the policy report. Runs every documented incident
 * (at the scale its convergence study chose) under its as-built design and the alternatives,
 * the one-at-a-time sensitivity of its conclusion to each assumption (skipped with
 * `--no-sensitivity`) and its metastability map (fluid model with simulator spot checks; skipped
 * with `--no-metastability`), and writes `index.html`, `charts/`, `summary.json` and `tables/`
 * to `out/report/` (or `--out`).
 *
 * Exit codes: 0 written; 1 a bug in clickday (says so and how to report it; nothing written);
 * 2 a mistake on the command line or an output folder that is not a report (nothing run,
 * nothing changed). `--help` prints the usage.
 *
 * @module
 */
import { HOW_TO_REPORT } from "../experiment/exit_codes.ts";
import { wantsHelp } from "../experiment/flags.ts";
import { showsProgress } from "../experiment/progress.ts";
import { buildReport } from "./build.ts";
import {
  checkReportOutput,
  markReportFolder,
  parseReportArgs,
  REPORT_USAGE,
  ReportUsageError,
} from "./options.ts";

/** Runs the command line; returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  if (wantsHelp(args)) {
    console.log(REPORT_USAGE);
    return 0;
  }
  let options;
  try {
    options = parseReportArgs(args);
    checkReportOutput(options.out);
  } catch (error) {
    if (error instanceof ReportUsageError) {
      console.error(`clickday report: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    const built = await buildReport(options);
    await markReportFolder(built.out);
    if (showsProgress(options.quiet)) {
      console.error(
        `clickday report: ${built.incidents.length} incidents, ${built.replicationsRun} ` +
          `replications, ${built.charts.length} charts; simulation ${
            built.seconds.simulation.toFixed(0)
          } s, sensitivity ${built.seconds.sensitivity.toFixed(0)} s, metastability ${
            built.seconds.metastability.toFixed(0)
          } s, report ${built.seconds.report.toFixed(0)} s`,
      );
    }
    console.log(`${built.out}/index.html`);
    return 0;
  } catch (error) {
    console.error(
      `clickday report: failed, nothing written. ${HOW_TO_REPORT}\n${
        (error as Error).stack ?? error
      }`,
    );
    return 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
