/**
 * Running an experiment: scenarios × designs × grid points × replications on a worker pool,
 * with common random numbers (replication r of every design gets the same streams, through
 * the runner), optional sequential replications, sharding and resumption from `out/runs/`.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { meanConfidenceInterval } from "../stats/mod.ts";
import { assembleTables } from "./assemble.ts";
import { type Manifest, readManifest, type ShardSelection, writeManifest } from "./manifest.ts";
import { type ExperimentPlan, planExperiment } from "./plan.ts";
import { createInProcessExecutor, createWorkerPool, type JobExecutor } from "./pool.ts";
import { createProgress } from "./progress.ts";
import { jobKeyString, readRun, RUNS_FOLDER, writeRun } from "./run_store.ts";
import { loadExperiment } from "./spec.ts";
import { writeTables } from "./table_files.ts";
import type {
  ExperimentSpec,
  ExperimentTables,
  JobKey,
  JobResult,
  ReplicationJob,
} from "./types.ts";

/** Options of `runExperiment`. */
export interface RunExperimentOptions {
  /** The experiment: a declaration, or the path of an experiment JSON file. */
  experiment: ExperimentSpec | string;
  /** Folder relative scenario paths of a declaration resolve against (default: cwd). */
  baseDir?: string;
  /**
   * Number of Deno Workers (default: `navigator.hardwareConcurrency`). 0 runs every
   * replication in this thread. Results do not depend on it.
   */
  workers?: number;
  /** Run only this deterministic slice of the experiment (needs `out`). */
  shard?: ShardSelection;
  /**
   * Output folder: each finished replication is written to `out/runs/` (so a rerun resumes
   * from them) and the tables to `out/<table>.parquet|csv` at the end.
   */
  out?: string;
  /** No progress bar. */
  quiet?: boolean;
  /**
   * Fail a replication (and stop the run) when it takes longer than this, seconds of wall
   * clock; workers only. Default: no limit.
   */
  timeoutSeconds?: number;
}

/** What `runExperiment` returns. */
export interface ExperimentResult {
  /** The tables (a shard's tables have no estimates or differences: merge the shards). */
  tables: ExperimentTables;
  /** The resolved plan. */
  plan: ExperimentPlan;
  /** Replications run now. */
  replicationsRun: number;
  /** Replications read back from `out/runs/` (resumed). */
  replicationsResumed: number;
}

function job(plan: ExperimentPlan, key: JobKey): ReplicationJob {
  return {
    ...key,
    scenario: plan.cellScenarios[key.scenarioIndex][key.gridIndex],
    design: plan.designs[key.scenarioIndex][key.designIndex],
    gridPoint: plan.gridLabels[key.gridIndex],
  };
}

/** A (scenario, grid point) cell: the unit sequential replications and cell shards use. */
interface Cell {
  scenarioIndex: number;
  gridIndex: number;
}

function cellsOf(plan: ExperimentPlan): Cell[] {
  const cells: Cell[] = [];
  for (let s = 0; s < plan.scenarios.length; s++) {
    for (let g = 0; g < plan.gridPoints.length; g++) cells.push({ scenarioIndex: s, gridIndex: g });
  }
  return cells;
}

function cellJobs(plan: ExperimentPlan, cell: Cell, from: number, to: number): JobKey[] {
  const keys: JobKey[] = [];
  for (let d = 0; d < plan.designs[cell.scenarioIndex].length; d++) {
    for (let r = from; r < to; r++) keys.push({ ...cell, designIndex: d, replication: r });
  }
  return keys;
}

/** Every job of a fixed-replication experiment in canonical order, then this shard's slice. */
function fixedJobs(plan: ExperimentPlan, shard: ShardSelection | undefined): JobKey[] {
  const keys: JobKey[] = [];
  for (let s = 0; s < plan.scenarios.length; s++) {
    for (let d = 0; d < plan.designs[s].length; d++) {
      for (let g = 0; g < plan.gridPoints.length; g++) {
        for (let r = 0; r < plan.replications; r++) {
          keys.push({ scenarioIndex: s, designIndex: d, gridIndex: g, replication: r });
        }
      }
    }
  }
  return shard ? keys.filter((_, i) => i % shard.count === shard.index - 1) : keys;
}

function baselinesOf(plan: ExperimentPlan): Record<string, string> {
  return Object.fromEntries(plan.scenarios.map((s, i) => [s.name, plan.baselines[i]]));
}

/** True when every watched interval of a cell meets the sequential target. */
function cellConverged(
  plan: ExperimentPlan,
  cell: Cell,
  replications: number,
  results: Map<string, JobResult>,
): boolean {
  const rule = plan.sequential!;
  const designs = plan.designs[cell.scenarioIndex];
  const valuesOf = (designIndex: number): number[] => {
    const values: number[] = [];
    for (let r = 0; r < replications; r++) {
      const key = { ...cell, designIndex, replication: r };
      const row = results.get(jobKeyString(key))!.tables.summaries.find((summary) =>
        summary.metric === rule.metric
      );
      if (!row) {
        const available = results.get(jobKeyString(key))!.tables.summaries.map((s) => s.metric);
        throw new Error(
          `field "sequential.metric": got "${rule.metric}", which replication results do not ` +
            `contain; allowed: ${available.map((name) => `"${name}"`).join(", ")}`,
        );
      }
      values.push(row.value);
    }
    return values;
  };
  const baselineIndex = designs.indexOf(plan.baselines[cell.scenarioIndex]);
  const baselineValues = rule.of === "difference" ? valuesOf(baselineIndex) : [];
  for (let d = 0; d < designs.length; d++) {
    if (rule.of === "difference" && d === baselineIndex) continue;
    let values = valuesOf(d);
    if (rule.of === "difference") values = values.map((value, r) => value - baselineValues[r]);
    const interval = meanConfidenceInterval(values, plan.confidence);
    const target = rule.relative ? rule.halfWidth * Math.abs(interval.mean) : rule.halfWidth;
    if (!(interval.halfWidth <= target)) return false;
  }
  return true;
}

/**
 * Runs an experiment and returns its tables (and writes them, with one run file per
 * replication, when `out` is given; a rerun into the same `out` resumes).
 *
 * @throws ReplicationError when a replication fails (naming scenario, design, seed, error).
 */
export async function runExperiment(options: RunExperimentOptions): Promise<ExperimentResult> {
  const spec = typeof options.experiment === "string"
    ? await loadExperiment(options.experiment)
    : options.experiment;
  const baseDir = typeof options.experiment === "string"
    ? dirname(resolve(options.experiment))
    : options.baseDir;
  const plan = await planExperiment(spec, baseDir);
  const { out, shard } = options;
  if (shard && !out) throw new Error("--shard needs --out DIR (each shard writes its own files)");
  const manifest: Manifest = {
    format: 1,
    name: plan.name,
    fingerprint: plan.fingerprint,
    shard: shard ?? null,
    baselines: baselinesOf(plan),
    confidence: plan.confidence,
    complete: false,
    replications: 0,
  };
  if (out) {
    const previous = await readManifest(out);
    if (
      previous &&
      (previous.fingerprint !== plan.fingerprint ||
        JSON.stringify(previous.shard) !== JSON.stringify(manifest.shard))
    ) {
      throw new Error(
        `--out ${out} holds runs of another experiment or shard (manifest.json differs); ` +
          `use another folder or delete it`,
      );
    }
    await Deno.mkdir(`${out}/${RUNS_FOLDER}`, { recursive: true });
    if (!previous) await writeManifest(out, manifest);
  }

  const results = new Map<string, JobResult>();
  const progress = createProgress(plan.name, options.quiet);
  let total = 0;
  let replicationsRun = 0;
  let replicationsResumed = 0;
  let executor: JobExecutor | undefined;
  const workerCount = options.workers ?? navigator.hardwareConcurrency;
  if (!(Number.isInteger(workerCount) && workerCount >= 0)) {
    throw new Error(`--workers: got ${workerCount}; allowed: an integer ≥ 0 (0 = no workers)`);
  }
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && !(timeout > 0 && Number.isFinite(timeout))) {
    throw new Error(`--timeout: got ${timeout}; allowed: a number of seconds > 0`);
  }

  /** Runs the given jobs (skipping those already written in `out`). */
  const runJobs = async (keys: JobKey[]) => {
    total += keys.length;
    progress.setTotal(total);
    const pending: ReplicationJob[] = [];
    for (const key of keys) {
      const stored = out ? await readRun(out, key) : undefined;
      if (stored) {
        results.set(jobKeyString(key), { key, tables: stored });
        replicationsResumed++;
        progress.advance();
      } else {
        pending.push(job(plan, key));
      }
    }
    if (pending.length === 0) return;
    executor ??= workerCount === 0
      ? await createInProcessExecutor(plan.runnerUrl)
      : await createWorkerPool(
        plan.runnerUrl,
        Math.min(workerCount, pending.length),
        options.timeoutSeconds,
      );
    const writes: Promise<void>[] = [];
    let writeError: Error | undefined;
    try {
      await executor.run(pending, (result) => {
        results.set(jobKeyString(result.key), result);
        replicationsRun++;
        progress.advance();
        if (out) {
          writes.push(
            writeRun(out, result).catch((error: Error) => {
              writeError ??= error;
            }),
          );
        }
      });
    } finally {
      await Promise.all(writes);
    }
    if (writeError) throw new Error(`cannot write a run file in ${out}: ${writeError.message}`);
  };

  try {
    if (!plan.sequential) {
      await runJobs(fixedJobs(plan, shard));
    } else {
      const rule = plan.sequential;
      let active = cellsOf(plan)
        .filter((_, i) => !shard || i % shard.count === shard.index - 1)
        .map((cell) => ({ cell, replications: Math.min(rule.initial, rule.max) }));
      let from = new Map(active.map((entry) => [entry, 0]));
      while (active.length > 0) {
        await runJobs(
          active.flatMap((entry) =>
            cellJobs(plan, entry.cell, from.get(entry)!, entry.replications)
          ),
        );
        const next = active.filter((entry) =>
          entry.replications < rule.max &&
          !cellConverged(plan, entry.cell, entry.replications, results)
        );
        from = new Map(next.map((entry) => [entry, entry.replications]));
        for (const entry of next) {
          entry.replications = Math.min(entry.replications + rule.batch, rule.max);
        }
        active = next;
      }
    }
  } finally {
    executor?.close();
    progress.finish();
  }

  const tables = assembleTables(
    [...results.values()],
    shard ? undefined : { baselines: manifest.baselines, confidence: plan.confidence },
  );
  if (out) {
    await writeTables(out, tables, shard ? ["summaries", "series", "outcomes"] : undefined);
    await writeManifest(out, { ...manifest, complete: true, replications: results.size });
  }
  return { tables, plan, replicationsRun, replicationsResumed };
}
