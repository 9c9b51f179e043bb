/**
 * Running an experiment: scenarios × designs × grid points × replications on a worker pool
 * (or in this thread), with common random numbers (replication r of every design gets the
 * same streams, through the model), optional sequential replications, sharding, and
 * resumption from `out/runs/`. Every path of clickday that runs replications comes here:
 * `deno task sim` with or without `--workers`, `--shard` or `--experiment`, the tornado, the
 * report and the notebooks. Everything is checked before the first replication runs.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { assembleTables } from "./assemble.ts";
import { checkRunBudget } from "./budget.ts";
import { cellConverged, cellJobs, fixedJobs, jobOf, layoutOf, shardCells } from "./jobs.ts";
import { coreCount, MAX_TIMEOUT_SECONDS, RUN_BUDGET, type RunBudget } from "./limits.ts";
import type { Manifest, ShardSelection } from "./manifest.ts";
import { type ExperimentPlan, planExperiment } from "./plan.ts";
import { createInProcessExecutor, createWorkerPool, type JobExecutor } from "./pool.ts";
import { createProgress } from "./progress.ts";
import {
  type CheckedRunFolder,
  checkRunFolder,
  finishRunFolder,
  type OpenRunFolder,
  openRunFolder,
} from "./run_folder.ts";
import { jobKeyString, readRun, writeRun } from "./run_store.ts";
import { loadExperiment } from "./spec.ts";
import type { ExperimentSpec, ExperimentTables, JobKey, JobResult } from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** Options of `runExperiment`. */
export interface RunExperimentOptions {
  /** The experiment: a declaration, or the path of an experiment JSON file. */
  experiment: ExperimentSpec | string;
  /** Folder relative scenario paths of a declaration resolve against (default: cwd). */
  baseDir?: string;
  /**
   * Number of Deno Workers (default: the machine's cores; more than the cores are not
   * started). 0 runs every replication in this thread — except with `timeoutSeconds`, where
   * they run one at a time on one worker (a thread cannot be stopped from inside). Results
   * do not depend on it.
   */
  workers?: number;
  /** Run only this deterministic slice of the experiment (needs `out`). */
  shard?: ShardSelection;
  /**
   * Output folder: each finished replication is written to `out/runs/` the moment it ends
   * (so a rerun resumes from them) and the tables to `out/<table>.parquet|csv` at the end.
   */
  out?: string;
  /** No progress bar. */
  quiet?: boolean;
  /**
   * Replace a finished run of another experiment (another name or fingerprint) found in `out`,
   * deleting its runs (`--replace`). Default false: such a folder is refused (exit code 2).
   */
  replace?: boolean;
  /**
   * Fail a replication (and stop the run, exit code 3 on the command line) when it takes
   * longer than this, seconds of wall clock. Default: no limit.
   */
  timeoutSeconds?: number;
  /**
   * The budget the run's cost estimate must fit (default `RUN_BUDGET`); `null` runs whatever
   * the estimate (`--allow-large-run`).
   */
  budget?: RunBudget | null;
  /**
   * Called as each replication finishes (or is read back): replications done, the total so
   * far, and which replication it was.
   */
  onProgress?: (done: number, total: number, key: JobKey) => void;
  /** Receives notes for the user (e.g. waiting for another process's lock); default stderr. */
  onNote?: (message: string) => void;
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
  /** The output folder written, absolute (undefined without `out`). */
  out?: string;
}

function baselinesOf(plan: ExperimentPlan): Record<string, string> {
  return Object.fromEntries(plan.scenarios.map((s, i) => [s.name, plan.baselines[i]]));
}

/** Checks the worker count and the timeout; returns the workers to start (0: this thread). */
function checkExecution(options: RunExperimentOptions): number {
  const requested = options.workers ?? coreCount();
  if (!(Number.isSafeInteger(requested) && requested >= 0)) {
    throw UsageError.field("workers", requested, "an integer ≥ 0 (0 = in this thread)");
  }
  const timeout = options.timeoutSeconds;
  if (
    timeout !== undefined && !(timeout > 0 && Number.isFinite(timeout) &&
      timeout <= MAX_TIMEOUT_SECONDS)
  ) {
    throw UsageError.field("timeout", timeout, `a number of seconds > 0, ≤ ${MAX_TIMEOUT_SECONDS}`);
  }
  return Math.min(requested, coreCount());
}

/** The manifest a run writes (not yet complete). */
function manifestOf(plan: ExperimentPlan, shard: ShardSelection | undefined): Manifest {
  return {
    format: 2,
    kind: "experiment",
    name: plan.name,
    fingerprint: plan.fingerprint,
    shard: shard ?? null,
    baselines: baselinesOf(plan),
    confidence: plan.confidence,
    complete: false,
    replications: 0,
    layout: layoutOf(plan),
  };
}

/**
 * Runs an experiment and returns its tables (and writes them, with one run file per
 * replication, when `out` is given; a rerun into the same `out` resumes).
 *
 * @throws UsageError for anything wrong in the experiment, its scenarios, the options or the
 *   output folder — before any replication runs, with nothing written.
 * @throws ReplicationError when a replication fails (naming scenario, design, seed, error).
 */
export async function runExperiment(options: RunExperimentOptions): Promise<ExperimentResult> {
  const { out, shard } = options;
  if (shard && out === undefined) {
    throw UsageError.field("shard", `${shard.index}/${shard.count}`, "a shard with --out DIR");
  }
  const workerCount = checkExecution(options);
  const spec = typeof options.experiment === "string"
    ? await loadExperiment(options.experiment)
    : options.experiment;
  const baseDir = typeof options.experiment === "string"
    ? dirname(resolve(options.experiment))
    : options.baseDir;
  const plan = await planExperiment(spec, baseDir);
  if (options.budget !== null) checkRunBudget(plan, options.budget ?? RUN_BUDGET);
  const manifest = manifestOf(plan, shard);
  let checked: CheckedRunFolder | undefined;
  if (out !== undefined) checked = checkRunFolder(out, manifest, { replace: options.replace });

  // Everything is checked: from here on, replications run and files are written.
  const note = options.onNote ?? ((message: string) => console.error(message));
  const folder: OpenRunFolder | undefined = checked
    ? await openRunFolder(checked, manifest, note)
    : undefined;
  const results = new Map<string, JobResult>();
  const progress = createProgress(plan.name, options.quiet);
  let total = 0;
  let done = 0;
  let replicationsRun = 0;
  let replicationsResumed = 0;
  let executor: JobExecutor | undefined;
  const advance = (key: JobKey) => {
    done++;
    progress.advance();
    options.onProgress?.(done, total, key);
  };

  /** Runs the given jobs (skipping those already written in the folder). */
  const runJobs = async (keys: JobKey[]) => {
    total += keys.length;
    progress.setTotal(total);
    const pending = [];
    for (const key of keys) {
      const stored = folder ? await readRun(folder.work, key) : undefined;
      if (stored) {
        results.set(jobKeyString(key), { key, tables: stored });
        replicationsResumed++;
        advance(key);
      } else {
        pending.push(jobOf(plan, key));
      }
    }
    if (pending.length === 0) return;
    const inThread = workerCount === 0 && options.timeoutSeconds === undefined;
    executor ??= inThread ? await createInProcessExecutor(plan.runnerUrl) : await createWorkerPool(
      plan.runnerUrl,
      Math.max(1, Math.min(workerCount, pending.length)),
      options.timeoutSeconds,
    );
    await executor.run(pending, (result) => {
      if (folder) writeRun(folder.work, result);
      results.set(jobKeyString(result.key), result);
      replicationsRun++;
      advance(result.key);
    });
  };

  const layout = manifest.layout;
  try {
    if (!plan.sequential) {
      await runJobs(fixedJobs(layout, shard));
    } else {
      const rule = plan.sequential;
      let active = shardCells(layout, shard)
        .map((cell) => ({ cell, from: 0, replications: Math.min(rule.initial, rule.max) }));
      const finished: [number, number, number][] = [];
      while (active.length > 0) {
        const keys: JobKey[] = [];
        for (const entry of active) {
          for (const key of cellJobs(layout, entry.cell, entry.from, entry.replications)) {
            keys.push(key);
          }
        }
        await runJobs(keys);
        const next = [];
        for (const entry of active) {
          if (
            entry.replications < rule.max &&
            !cellConverged(plan, entry.cell, entry.replications, results)
          ) {
            next.push({
              cell: entry.cell,
              from: entry.replications,
              replications: Math.min(entry.replications + rule.batch, rule.max),
            });
          } else {
            finished.push([entry.cell.scenarioIndex, entry.cell.gridIndex, entry.replications]);
          }
        }
        active = next;
      }
      layout.cells = finished.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    }
  } catch (error) {
    folder?.lock.release();
    throw error;
  } finally {
    executor?.close();
    progress.finish();
  }

  const tables = assembleTables(
    [...results.values()],
    shard ? undefined : { baselines: manifest.baselines, confidence: plan.confidence },
  );
  if (folder) {
    await finishRunFolder(
      folder,
      tables,
      shard
        ? ["summaries", "series", "outcomes"]
        : ["summaries", "series", "outcomes", "estimates", "differences"],
      { ...manifest, layout, complete: true, replications: results.size },
    );
  }
  return { tables, plan, replicationsRun, replicationsResumed, out: folder?.target };
}
