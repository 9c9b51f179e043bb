/**
 * `deno task convergence [--incident NAME] [--scales 0.05,0.1,0.2,0.5,1] [--reps N]
 * [--workers N] [--quiet]`: the convergence study of each documented incident (or one), written
 * to `data/convergence/<incident>.json` — the as-built design at each scale factor, through the
 * experiment layer, every estimate converted to full scale, and the scale the report will use
 * (`convergence.ts`). Run it again when a scenario or the model changes.
 *
 * `--observables-at 0.05,1` instead re-checks the calibration at those scales: the incident's
 * reported observables measured there against their bands (`calibration_check.ts`), added to the
 * existing study.
 *
 * @module
 */
import { writeFileAtomic } from "../experiment/atomic_write.ts";
import { describeFailure } from "../experiment/exit_codes.ts";
import { runExperiment } from "../experiment/mod.ts";
import { parseFlags } from "../experiment/flags.ts";
import { showsProgress } from "../experiment/progress.ts";
import { coreCount } from "../experiment/limits.ts";
import { UsageError } from "../experiment/usage_error.ts";
import { scaleScenario, scenarioFingerprint } from "../model/mod.ts";
import { fullScaleTables } from "../table/mod.ts";
import {
  chooseScale,
  type ConvergencePoint,
  type ConvergenceStudy,
  disagreements,
  reportScale,
} from "./convergence.ts";
import { DEFAULT_REPLICATIONS } from "./options.ts";
import { checkCalibration, outsideBand, withCalibrationCheck } from "./calibration_check.ts";
import { CONVERGENCE_FOLDER, readConvergence } from "./incidents.ts";
import { listIncidents } from "../calibration/mod.ts";

/** Usage of the task. */
export const CONVERGENCE_USAGE = "usage: deno task convergence [--incident NAME] " +
  "[--scales 0.05,0.1,0.2,0.5,1] [--reps N] [--workers N] [--quiet]\n" +
  "       deno task convergence [--incident NAME] --observables-at 0.05,1 [--reps N]\n" +
  "  --observables-at K,…  re-check the calibration: measure the incident's reported " +
  "observables at these scale factors (in (0, 1]) and add them to its study";

/** Metrics compared across scales (those a scenario does not write are left out). */
export const HEADLINE_METRICS = [
  "citizen_success_share",
  "citizens_succeeded",
  "citizens_gave_up",
  "time_to_success_p50_s",
  "retry_amplification",
  "funded_share",
  "technical_failure_share",
] as const;

/** Default scales studied; 1 is always added. */
export const DEFAULT_SCALES = [0.05, 0.1, 0.2, 0.5, 1];

interface ConvergenceArgs {
  incident?: string;
  scales: number[];
  /** Scales to re-check the calibration at (then no scale study runs). */
  observablesAt?: number[];
  replications: number;
  workers: number;
  quiet: boolean;
}

function parseCommandLine(args: readonly string[]): ConvergenceArgs | "help" {
  const cores = coreCount();
  const { values: flags, positionals } = parseFlags(args, {
    incident: { kind: "string", meaning: "an incident of data/incidents/" },
    scales: { kind: "string", meaning: "comma-separated factors in (0, 1]" },
    "observables-at": { kind: "string", meaning: "comma-separated factors in (0, 1]" },
    reps: { kind: "integer", min: 1, max: 100, meaning: "replications per scale" },
    workers: { kind: "integer", min: 1, max: cores, meaning: "at most the cores of this machine" },
    quiet: { kind: "boolean" },
    help: { kind: "boolean" },
  }, CONVERGENCE_USAGE);
  if (positionals.length > 0) {
    throw UsageError.field("argument", positionals[0], `flags only\n${CONVERGENCE_USAGE}`);
  }
  if (flags.help === true) return "help";
  const values = flags as {
    incident?: string;
    scales?: string;
    "observables-at"?: string;
    reps?: number;
    workers?: number;
    quiet?: boolean;
  };
  const scales = (values.scales ?? DEFAULT_SCALES.join(",")).split(",").map((text) => {
    const k = Number(text);
    if (text.trim() === "" || !(k > 0 && k <= 1)) {
      throw UsageError.field("--scales", values.scales, "comma-separated factors in (0, 1]");
    }
    return k;
  });
  const checkText = values["observables-at"];
  const observablesAt = checkText?.split(",").map((text) => {
    const k = Number(text);
    if (text.trim() === "" || !(k > 0 && k <= 1)) {
      throw UsageError.field("--observables-at", checkText, "comma-separated factors in (0, 1]");
    }
    return k;
  });
  if (!scales.includes(1)) scales.push(1);
  scales.sort((a, b) => a - b);
  return {
    incident: values.incident,
    scales: [...new Set(scales)],
    observablesAt: observablesAt === undefined ? undefined : [...new Set(observablesAt)],
    replications: values.reps ?? 3,
    workers: values.workers ?? cores,
    quiet: values.quiet === true,
  };
}

/** Runs the study of one incident and returns it (nothing written). */
export async function studyIncident(
  incident: string,
  options: { scales: number[]; replications: number; workers: number; quiet: boolean },
  root = ".",
): Promise<ConvergenceStudy> {
  const raw = JSON.parse(
    await Deno.readTextFile(`${root}/data/scenarios/${incident}.json`),
  ) as Record<string, unknown>;
  const previous = await readConvergence(incident, root);
  const points: ConvergencePoint[] = [];
  for (const k of options.scales) {
    const scaled = k === 1 ? structuredClone(raw) : scaleScenario(raw, { factor: k });
    scaled.name = `${incident}@${k}`;
    const started = performance.now();
    const result = await runExperiment({
      experiment: {
        name: `convergence-${incident}`,
        scenarios: [scaled],
        designs: ["base"],
        replications: options.replications,
      },
      workers: Math.min(options.workers, options.replications),
      quiet: options.quiet,
      budget: null,
    });
    const wall = (performance.now() - started) / 1000;
    const tables = fullScaleTables(result.tables, () => k);
    const metrics: ConvergencePoint["metrics"] = {};
    for (const metric of HEADLINE_METRICS) {
      const row = tables.estimates.find((entry) => entry.metric === metric);
      if (row === undefined || !Number.isFinite(row.mean)) continue;
      metrics[metric] = { mean: row.mean, ci_low: row.ci_low, ci_high: row.ci_high, n: row.n };
    }
    const parallel = Math.min(options.workers, options.replications);
    points.push({
      k,
      seconds_per_replication: Number((wall * parallel / options.replications).toFixed(2)),
      metrics,
    });
  }
  const chosen = chooseScale(points);
  const designs = 1 + Object.keys((raw.designs ?? {}) as Record<string, unknown>).length;
  return {
    incident,
    generated: new Date().toISOString().slice(0, 10),
    method: `deno task convergence --incident ${incident} --reps ${options.replications}: ` +
      `the as-built design (base), seed of the scenario file, replications 0–${
        options.replications - 1
      } at each k, every count and rate divided by k (the metric catalogue's kind)`,
    scenario_fingerprint: scenarioFingerprint(raw),
    headline_metrics: Object.keys(points.at(-1)?.metrics ?? {}),
    points,
    chosen_k: chosen,
    report_k: reportScale(points, chosen, designs * DEFAULT_REPLICATIONS.full),
    quick_k: previous?.quick_k ?? Math.min(chosen, 0.05),
    bin_width_seconds: previous?.bin_width_seconds ?? 300,
    ...(previous?.calibration_checks ? { calibration_checks: previous.calibration_checks } : {}),
  };
}

/** Runs the command (arguments without the program name); returns the exit code. */
export async function runConvergenceCommand(args: readonly string[], root = "."): Promise<number> {
  const parsed = parseCommandLine(args);
  if (parsed === "help") {
    console.log(CONVERGENCE_USAGE);
    return 0;
  }
  const names = listIncidents(root);
  if (parsed.incident !== undefined && !names.includes(parsed.incident)) {
    throw UsageError.field("--incident", parsed.incident, names.join(", "));
  }
  await Deno.mkdir(`${root}/${CONVERGENCE_FOLDER}`, { recursive: true });
  if (parsed.observablesAt !== undefined) {
    return await recheckCalibration(parsed.incident ? [parsed.incident] : names, parsed, root);
  }
  for (const incident of parsed.incident ? [parsed.incident] : names) {
    if (showsProgress(parsed.quiet)) {
      console.error(`convergence: ${incident} at k = ${parsed.scales.join(", ")}`);
    }
    const study = await studyIncident(incident, parsed, root);
    await writeFileAtomic(
      `${root}/${CONVERGENCE_FOLDER}/${incident}.json`,
      JSON.stringify(study, null, 2) + "\n",
    );
    const reference = study.points.at(-1)!;
    for (const point of study.points) {
      const wrong = disagreements(point, reference);
      console.log(
        `${incident} k=${point.k}: ${point.seconds_per_replication} s/replication; ` +
          (wrong.length === 0 ? "agrees with k = 1" : `differs on ${wrong.join(", ")}`),
      );
    }
    console.log(
      `${incident}: agrees with full scale from k = ${study.chosen_k}; the report runs at ` +
        `k = ${study.report_k}${study.report_k === study.chosen_k ? "" : " (time budget)"}`,
    );
  }
  return 0;
}

/** `--observables-at`: the calibration checks of each incident, added to its study. */
async function recheckCalibration(
  incidents: readonly string[],
  parsed: ConvergenceArgs,
  root: string,
): Promise<number> {
  const studies = new Map<string, ConvergenceStudy>();
  for (const incident of incidents) {
    const study = await readConvergence(incident, root);
    if (study === undefined) {
      throw UsageError.field(
        "--incident",
        incident,
        "an incident with a convergence study: run deno task convergence --incident " +
          `${incident} first`,
      );
    }
    studies.set(incident, study);
  }
  for (const incident of incidents) {
    let study = studies.get(incident)!;
    for (const k of parsed.observablesAt!) {
      if (showsProgress(parsed.quiet)) {
        console.error(`convergence: ${incident}, calibration at k = ${k}`);
      }
      const check = checkCalibration(incident, { k, replications: parsed.replications, root });
      study = withCalibrationCheck(study, check);
      const outside = outsideBand(check);
      const judged = check.observables.filter((entry) => entry.inside !== null).length;
      console.log(
        `${incident} k=${k}: ${judged - outside.length} of ${judged} observables inside their ` +
          `bands` + (outside.length === 0
            ? ""
            : `; outside: ${
              outside.map((entry) =>
                `${entry.observable} ${entry.mean.toPrecision(4)} [${
                  entry.ci_low.toPrecision(4)
                }, ` +
                `${entry.ci_high.toPrecision(4)}] vs [${entry.accept.join(", ")}]`
              ).join("; ")
            }`),
      );
    }
    await writeFileAtomic(
      `${root}/${CONVERGENCE_FOLDER}/${incident}.json`,
      JSON.stringify(study, null, 2) + "\n",
    );
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await runConvergenceCommand(Deno.args));
  } catch (error) {
    const { code, message } = describeFailure(error, "clickday convergence");
    console.error(message);
    Deno.exit(code);
  }
}
