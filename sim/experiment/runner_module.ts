/**
 * Runner modules: the code that runs one replication. The experiment layer is generic: it
 * imports a module by URL (default: `model_runner.ts`, the model with the scenario loader) that exports
 * `runReplication(scenario, design, replication)` and optionally `parseScenario(json)`.
 *
 * @module
 */
import type {
  ReplicationJob,
  ReplicationOutput,
  ReplicationRunnerModule,
  RunTables,
} from "./types.ts";

/** URL of the default runner module, the model's `sim/model/run.ts`. */
export const DEFAULT_RUNNER_URL: string = new URL("./model_runner.ts", import.meta.url).href;

/** Turns a runner path (absolute, or relative to the current directory) or URL into a URL. */
export function runnerUrl(pathOrUrl: string | undefined): string {
  if (pathOrUrl === undefined) return DEFAULT_RUNNER_URL;
  if (/^[a-z]+:/.test(pathOrUrl)) return pathOrUrl;
  const absolute = pathOrUrl.startsWith("/") ? pathOrUrl : `${Deno.cwd()}/${pathOrUrl}`;
  return new URL(`file://${absolute}`).href;
}

/** Imports a runner module and checks it exports `runReplication`. */
export async function loadRunner(url: string): Promise<ReplicationRunnerModule> {
  let module: Record<string, unknown>;
  try {
    module = await import(url);
  } catch (error) {
    throw new Error(`runner module ${url}: cannot import it (${(error as Error).message})`);
  }
  if (typeof module.runReplication !== "function") {
    throw new Error(
      `runner module ${url}: it does not export a function runReplication(scenario, design, ` +
        `replication); exports found: ${Object.keys(module).join(", ") || "none"}`,
    );
  }
  if (module.parseScenario !== undefined && typeof module.parseScenario !== "function") {
    throw new Error(`runner module ${url}: parseScenario is exported but is not a function`);
  }
  return module as unknown as ReplicationRunnerModule;
}

/**
 * Runs jobs with one runner, caching the parsed scenario of each (scenario, grid point) so
 * a worker parses it once.
 */
export class JobRunner {
  #runner: ReplicationRunnerModule;
  #parsed = new Map<string, unknown>();

  /** Wraps a loaded runner module. */
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
    const tables = this.#runner.runReplication(scenario, job.design, job.replication);
    return tagRows(tables, job.gridPoint);
  }
}

/** Adds the `grid_point` column to a replication's rows. */
export function tagRows(tables: ReplicationOutput, gridPoint: string): RunTables {
  if (!tables || !Array.isArray(tables.summaries)) {
    throw new Error("runReplication returned no { summaries, series, outcomes } tables");
  }
  return {
    summaries: tables.summaries.map((row) => ({ ...row, grid_point: gridPoint })),
    series: (tables.series ?? []).map((row) => ({ ...row, grid_point: gridPoint })),
    outcomes: (tables.outcomes ?? []).map((row) => ({ ...row, grid_point: gridPoint })),
  };
}
