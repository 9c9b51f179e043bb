/**
 * Model modules: the code that runs one replication. The experiment layer is generic: it
 * imports the module of a registered model (`model_registry.ts`; default `model_runner.ts`,
 * the click-day model with the scenario loader) that exports
 * `runReplication(scenario, design, replication, options?)` and optionally `parseScenario(json)`.
 *
 * @module
 */
import type {
  ReplicationJob,
  ReplicationOutput,
  ReplicationRunnerModule,
  RunTables,
} from "./types.ts";

/** Imports a model module (by the URL the registry gives) and checks its exports. */
export async function loadRunner(url: string): Promise<ReplicationRunnerModule> {
  let module: Record<string, unknown>;
  try {
    module = await import(url);
  } catch (error) {
    throw new Error(`model module ${url}: cannot import it (${(error as Error).message})`);
  }
  if (typeof module.runReplication !== "function") {
    throw new Error(
      `model module ${url}: it does not export a function runReplication(scenario, design, ` +
        `replication); exports found: ${Object.keys(module).join(", ") || "none"}`,
    );
  }
  for (const name of ["parseScenario", "loadScenario", "designNames", "estimateCost"]) {
    if (module[name] !== undefined && typeof module[name] !== "function") {
      throw new Error(`model module ${url}: ${name} is exported but is not a function`);
    }
  }
  return module as unknown as ReplicationRunnerModule;
}

/**
 * Runs jobs with one model, caching the parsed scenario of each (scenario, grid point) so a
 * worker parses it once.
 */
export class JobRunner {
  #runner: ReplicationRunnerModule;
  #parsed = new Map<string, unknown>();

  /** Wraps a loaded model module. */
  constructor(runner: ReplicationRunnerModule) {
    this.#runner = runner;
  }

  /** Runs one job and tags its rows with the job's grid point. */
  run(job: ReplicationJob): RunTables {
    const cacheKey = `${job.scenarioIndex}/${job.gridIndex}`;
    let scenario = this.#parsed.get(cacheKey);
    if (scenario === undefined) {
      scenario = this.#runner.parseScenario
        ? this.#runner.parseScenario(job.scenario)
        : job.scenario;
      this.#parsed.set(cacheKey, scenario);
    }
    const tables = job.until === undefined
      ? this.#runner.runReplication(scenario, job.design, job.replication)
      : this.#runner.runReplication(scenario, job.design, job.replication, { until: job.until });
    return tagRows(tables, job.gridPoint);
  }
}

/** Adds the `grid_point` column to a replication's rows. */
export function tagRows(tables: ReplicationOutput, gridPoint: string): RunTables {
  if (
    !tables || !Array.isArray(tables.summaries) ||
    (tables.series !== undefined && !Array.isArray(tables.series)) ||
    (tables.outcomes !== undefined && !Array.isArray(tables.outcomes))
  ) {
    throw new Error("runReplication returned no { summaries, series, outcomes } tables");
  }
  return {
    summaries: tables.summaries.map((row) => ({ ...row, grid_point: gridPoint })),
    series: (tables.series ?? []).map((row) => ({ ...row, grid_point: gridPoint })),
    outcomes: (tables.outcomes ?? []).map((row) => ({ ...row, grid_point: gridPoint })),
  };
}
