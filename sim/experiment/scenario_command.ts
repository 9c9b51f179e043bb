/**
 * `deno task sim SCENARIO.json [flags]`: a scenario's designs × replications as an experiment
 * of one scenario — the same runner, the same tables (with `grid_point`), the same checks as
 * `--experiment`, whatever the flags (`--workers`, `--shard`, `--until` and trace-CSV
 * scenarios combine freely). Prints a line per design, or with `--json` each design's
 * estimates; with `--out DIR` writes the tables (resumable). `--print-resolved` prints each
 * selected design as the model will run it (base and design merged, defaults filled in, plain
 * numbers) with the warnings about fields it dropped, and runs nothing.
 *
 * @module
 */
import {
  type CommandSettings,
  resolveSettings,
  runFlagSpecs,
  SCENARIO_FLAGS,
  SIM_USAGE,
} from "./command_support.ts";
import { parseFlags } from "./flags.ts";
import { parseShard, type ShardSelection } from "./manifest.ts";
import { DEFAULT_MODEL, modelUrl } from "./model_registry.ts";
import { runExperiment } from "./run_experiment.ts";
import { loadRunner } from "./runner_module.ts";
import type { ExperimentEstimateRow, ExperimentTables, ScenarioJson } from "./types.ts";
import { UsageError } from "./usage_error.ts";
import { parseScenario, resolveDesign, scenarioWarnings } from "../model/mod.ts";

/** One design's estimates, as `--json` prints them. */
export interface DesignSummary {
  /** Scenario name. */
  scenario: string;
  /** Design name. */
  design: string;
  /** Replications run. */
  replications: number;
  /** Each metric's mean and confidence interval (null bounds with one replication). */
  metrics: Record<string, { mean: number; ci_low: number; ci_high: number; n: number }>;
}

/** Each design's estimates, from the experiment's `estimates` table, in table order. */
export function summariseEstimates(
  estimates: readonly ExperimentEstimateRow[],
  replications: number,
): DesignSummary[] {
  const byDesign = new Map<string, DesignSummary>();
  for (const row of estimates) {
    const key = JSON.stringify([row.scenario, row.design]);
    let entry = byDesign.get(key);
    if (!entry) {
      entry = { scenario: row.scenario, design: row.design, replications, metrics: {} };
      byDesign.set(key, entry);
    }
    entry.metrics[row.metric] = {
      mean: row.mean,
      ci_low: row.ci_low,
      ci_high: row.ci_high,
      n: row.n,
    };
  }
  return [...byDesign.values()];
}

function formatMean(value: number | undefined, digits?: number): string {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  return digits === undefined ? String(value) : value.toFixed(digits);
}

function printResult(
  tables: ExperimentTables,
  replications: number,
  shard: ShardSelection | undefined,
  values: Record<string, unknown>,
  out: string | undefined,
  print: (text: string) => void,
): void {
  if (shard) {
    print(JSON.stringify(
      {
        shard: `${shard.index}/${shard.count}`,
        out,
        rows: {
          summaries: tables.summaries.length,
          series: tables.series.length,
          outcomes: tables.outcomes.length,
        },
      },
      null,
      2,
    ));
    return;
  }
  const summaries = summariseEstimates(tables.estimates, replications);
  if (values.json) {
    print(JSON.stringify(summaries, null, 2));
    return;
  }
  if (values.quiet) return;
  for (const entry of summaries) {
    const m = entry.metrics;
    print(
      `${entry.design}: citizens ${formatMean(m.citizens?.mean)}, succeeded ` +
        `${formatMean(m.citizens_succeeded?.mean)}, retry amplification ` +
        `${formatMean(m.retry_amplification?.mean, 3)}`,
    );
  }
  if (out) print(`tables written to ${out}`);
}

/**
 * Runs the scenario command (arguments without the program name) and returns the exit code.
 *
 * @throws UsageError for bad flags, scenario or output folder (nothing run, nothing written).
 */
export async function runScenarioCommand(
  args: readonly string[],
  settings: CommandSettings = {},
): Promise<number> {
  const { io, budget } = resolveSettings(settings);
  const { values, positionals } = parseFlags(
    args,
    { ...runFlagSpecs(), ...SCENARIO_FLAGS },
    SIM_USAGE,
  );
  if (values.help) {
    io.out(SIM_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      (positionals.length === 0
        ? "missing the scenario file"
        : `expected one scenario file, got ${positionals.length}: ${positionals.join(" ")}`) +
        `\n${SIM_USAGE}`,
    );
  }
  const shard = values.shard === undefined ? undefined : parseShard(String(values.shard));
  const out = values.out as string | undefined;
  if (shard && out === undefined) {
    throw UsageError.field("--shard", values.shard, "a shard with --out DIR for its tables");
  }
  const model = await loadRunner(modelUrl(DEFAULT_MODEL));
  const path = positionals[0];
  const json = structuredClone(model.loadScenario!(path)) as ScenarioJson;
  if (values.seed !== undefined) json.seed = values.seed as number;
  const names = model.designNames ? model.designNames(model.parseScenario!(json)) : [];
  const design = (values.design as string | undefined) ?? "all";
  if (design !== "all" && !names.includes(design)) {
    throw UsageError.field("--design", design, `${names.join(", ")}, all`);
  }
  if (values["print-resolved"]) {
    // it prints the designs and runs nothing: a flag about the run would be silently ignored
    const runFlags = ["out", "reps", "workers", "shard", "until", "timeout", "json", "quiet"];
    const ignored = [...runFlags, "allow-large-run", "replace"]
      .filter((flag) => values[flag] !== undefined && values[flag] !== false);
    if (ignored.length > 0) {
      throw UsageError.field(
        `--${ignored[0]}`,
        values[ignored[0]],
        "nothing with --print-resolved, which prints the designs and runs nothing",
      );
    }
    const scenario = parseScenario(json);
    const resolved = (design === "all" ? names : [design]).map((name) => ({
      design: name,
      scenario: resolveDesign(scenario, name),
    }));
    io.out(JSON.stringify({ warnings: scenarioWarnings(scenario), designs: resolved }, null, 2));
    return 0;
  }
  const replications = (values.reps as number | undefined) ?? 1;
  const result = await runExperiment({
    experiment: {
      name: json.name,
      scenarios: [json],
      designs: design === "all" ? names : [design],
      replications,
      ...(values.until === undefined ? {} : { until: values.until as number }),
    },
    workers: (values.workers as number | undefined) ?? 0,
    shard,
    out,
    quiet: values.quiet === true,
    replace: values.replace === true,
    timeoutSeconds: values.timeout as number | undefined,
    budget: values["allow-large-run"] ? null : budget,
    onNote: io.err,
  });
  if (result.replicationsResumed > 0 && values.quiet !== true) {
    io.err(
      `resumed ${result.replicationsResumed} finished replication(s) from ${out}/runs; ` +
        `ran ${result.replicationsRun}`,
    );
  }
  printResult(result.tables, replications, shard, values, out, io.out);
  return 0;
}
