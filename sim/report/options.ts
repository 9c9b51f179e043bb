/**
 * Command line of `deno task report [--out DIR] [--lang it|en] [--reps N] [--quick | --full]
 * [--quiet] [--no-sensitivity] [--no-metastability]`.
 *
 * @module
 */
import { writeFileAtomic } from "../experiment/atomic_write.ts";
import { checkOutputPath, inspectFolder, refuseForeign } from "../experiment/output_folder.ts";
import { parseFlags } from "../experiment/flags.ts";
import { MAX_REPLICATIONS } from "../experiment/limits.ts";
import { UsageError } from "../experiment/usage_error.ts";
import type { Language } from "./numbers.ts";

/** What the report run was asked to do. */
export interface ReportOptions {
  /** Output folder (replaced as a whole at the end), default `out/report`. */
  out: string;
  /** Language of the report, default Italian. */
  language: Language;
  /** Replications per design (≥ 2, for confidence intervals); default 5, quick 2. */
  replications: number;
  /** Quick first look: smaller scale and fewer replications (≤ 1 minute on 2 cores). */
  quick: boolean;
  /** Every incident at full scale (k = 1), whatever its convergence study chose. */
  full: boolean;
  /** No progress on stderr. */
  quiet: boolean;
  /** Compute the one-at-a-time sensitivity (tornado) of each incident (`--no-sensitivity`: skip). */
  sensitivity: boolean;
  /**
   * Map each incident's distance from the metastable cliff with the fluid model, spot-checked by
   * the simulator (`--no-metastability`: skip).
   */
  metastability: boolean;
}

/** Usage line printed with every command-line error. */
export const REPORT_USAGE = "usage: deno task report [--out DIR] [--lang it|en] [--reps N] " +
  "[--quick | --full] [--quiet] [--no-sensitivity] [--no-metastability]";

/** Replications per design by default, and with `--quick`. */
export const DEFAULT_REPLICATIONS = { full: 5, quick: 2 } as const;

/** Bad command-line input: the report exits with code 2 and writes nothing. */
export class ReportUsageError extends Error {
  /** @param message what is wrong, naming the flag, the value and what is allowed. */
  constructor(message: string) {
    super(`${message}\n${REPORT_USAGE}`);
    this.name = "ReportUsageError";
  }
}

/**
 * Parses the report's command line (without the program name).
 *
 * @throws ReportUsageError naming the flag, the value and what is allowed.
 */
export function parseReportArgs(args: readonly string[]): ReportOptions {
  let parsed;
  try {
    parsed = parseFlags(args, {
      out: { kind: "string", meaning: "a folder under out/ (default out/report)" },
      lang: { kind: "string", meaning: '"it" (Italian, default) or "en" (English)' },
      reps: {
        kind: "integer",
        min: 2,
        max: MAX_REPLICATIONS,
        meaning: "replications per design; confidence intervals need at least 2",
      },
      quick: { kind: "boolean" },
      full: { kind: "boolean" },
      quiet: { kind: "boolean" },
      "no-sensitivity": { kind: "boolean" },
      "no-metastability": { kind: "boolean" },
      help: { kind: "boolean" },
    });
    if (parsed.positionals.length > 0) {
      throw UsageError.field("argument", parsed.positionals[0], "flags only");
    }
  } catch (error) {
    if (error instanceof UsageError) throw new ReportUsageError(error.message);
    throw error;
  }
  const values = parsed.values as {
    out?: string;
    lang?: string;
    reps?: number;
    quick?: boolean;
    full?: boolean;
    quiet?: boolean;
    "no-sensitivity"?: boolean;
    "no-metastability"?: boolean;
  };
  const language = values.lang ?? "it";
  if (language !== "it" && language !== "en") {
    throw new ReportUsageError(
      `--lang: got ${JSON.stringify(language)}; allowed: "it" (Italian, default) or "en" (English)`,
    );
  }
  const quick = values.quick ?? false;
  const full = values.full ?? false;
  if (quick && full) {
    throw new ReportUsageError(
      "--quick and --full: got both; allowed: one of them (a preview, or everything at k = 1)",
    );
  }
  const replications = values.reps ??
    (quick ? DEFAULT_REPLICATIONS.quick : DEFAULT_REPLICATIONS.full);
  const out = values.out ?? "out/report";
  // (an empty --out is refused by the flag parser; a value of slashes only is refused here)
  if (out.trim().replace(/[/\\]+$/, "") === "") {
    throw new ReportUsageError(
      `--out: got ${JSON.stringify(out)}; allowed: a folder under out/ (default out/report)`,
    );
  }
  return {
    out,
    language,
    replications,
    quick,
    full,
    quiet: values.quiet ?? false,
    sensitivity: !(values["no-sensitivity"] ?? false),
    metastability: !(values["no-metastability"] ?? false),
  };
}

/** Contents of the report folder's `manifest.json` (what makes it recognisably a report). */
export const REPORT_MANIFEST = { format: 1, kind: "report" } as const;

/** True for the manifest of a report folder. */
function isReportManifest(manifest: Record<string, unknown>): boolean {
  return manifest.kind === REPORT_MANIFEST.kind;
}

/** True for a report folder written before reports had a manifest (index.html + summary.json). */
function isEarlierReport(path: string): boolean {
  try {
    const summary = JSON.parse(Deno.readTextFileSync(`${path}/summary.json`));
    return Deno.statSync(`${path}/index.html`).isFile && typeof summary === "object" &&
      summary !== null && "stated" in summary && "incidents" in summary;
  } catch {
    return false;
  }
}

/**
 * Checks the report's output folder before anything runs: under `out/` once symbolic links
 * are resolved, not a link itself, and missing, empty or a report folder (its manifest) — the
 * report replaces nothing else.
 *
 * @throws ReportUsageError naming the folder and why it is refused (it is left untouched).
 */
export function checkReportOutput(out: string): void {
  try {
    const location = checkOutputPath(out, "--out");
    const contents = inspectFolder(location.path, isReportManifest);
    if (contents.state === "foreign" && !isEarlierReport(location.path)) {
      refuseForeign("--out", out, `${contents.reason}, not a report`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw new ReportUsageError(error.message);
    throw error;
  }
}

/** Marks a finished report folder as a report (its manifest), so a rerun may replace it. */
export async function markReportFolder(out: string): Promise<void> {
  await writeFileAtomic(`${out}/manifest.json`, JSON.stringify(REPORT_MANIFEST, null, 2) + "\n");
}
