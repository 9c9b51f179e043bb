/**
 * Planning an experiment: loading its scenarios, resolving designs, baselines and grid
 * points, applying the grid's overrides, validating every cell with the model, and
 * fingerprinting the whole so a resumed run or a shard merge can check it is the same
 * experiment. Everything a user can get wrong is found here, before anything runs, and
 * reported as a {@link UsageError}.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import {
  applyOverrides,
  expandGrid,
  type GridPoint,
  gridPointLabel,
  parseFieldPath,
} from "./grid.ts";
import {
  jsonDepth,
  MAX_CELLS,
  MAX_EXPERIMENT_FILE_BYTES,
  MAX_JOBS,
  MAX_JSON_NESTING,
} from "./limits.ts";
import { DEFAULT_MODEL, modelUrl } from "./model_registry.ts";
import { loadRunner } from "./runner_module.ts";
import { readBoundedTextFileAsync } from "../scenario/mod.ts";
import { parseExperiment } from "./spec.ts";
import type {
  ExperimentSpec,
  ReplicationRunnerModule,
  RunCostEstimate,
  ScenarioJson,
} from "./types.ts";
import { UsageError } from "./usage_error.ts";

/** The sequential rule with its defaults filled in. */
export interface ResolvedSequentialRule {
  /** Summary metric watched. */
  metric: string;
  /** Target half-width (absolute, or relative to |mean|). */
  halfWidth: number;
  /** Whether `halfWidth` is relative to |mean|. */
  relative: boolean;
  /** Whether each design's estimate or its difference from the baseline is watched. */
  of: "estimate" | "difference";
  /** Replications before the first check. */
  initial: number;
  /** Replications added per round. */
  batch: number;
  /** Maximum replications. */
  max: number;
}

/** Everything needed to run an experiment, resolved and validated. */
export interface ExperimentPlan {
  /** Experiment name. */
  name: string;
  /** Scenario JSON, one per declared scenario. */
  scenarios: ScenarioJson[];
  /** Design names per scenario. */
  designs: string[][];
  /** Baseline design per scenario. */
  baselines: string[];
  /** Grid points (one empty point without a grid). */
  gridPoints: GridPoint[];
  /** Grid point labels, as written in rows. */
  gridLabels: string[];
  /** Scenario JSON with each grid point's overrides: `[scenario][grid point]`. */
  cellScenarios: ScenarioJson[][];
  /** Fixed replications (when not sequential). */
  replications: number;
  /** Sequential rule, when given. */
  sequential: ResolvedSequentialRule | undefined;
  /** Confidence level of intervals. */
  confidence: number;
  /** Registered name of the model. */
  model: string;
  /** URL of the model's module (from the registry, never from the experiment's data). */
  runnerUrl: string;
  /** Stop every replication at this simulated time, seconds, if given. */
  until: number | undefined;
  /** Largest number of replications the run may need (sequential: at `max`). */
  maxJobs: number;
  /**
   * Cost of one replication of each `[scenario][grid point][design]`, when the model
   * estimates it (see `checkRunBudget`).
   */
  costs: RunCostEstimate[][][] | undefined;
  /** SHA-256 (hex) of the experiment's content, independent of where it runs. */
  fingerprint: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join(
    "",
  );
}

/** True for errors that are bugs wherever they come from (not a message about the input). */
function looksLikeBug(error: unknown): boolean {
  return error instanceof TypeError || error instanceof ReferenceError ||
    (error instanceof RangeError && /call stack|invalid array length/i.test(error.message));
}

/** Calls into the model with the input; its complaints become the user's errors. */
function asUsage<T>(context: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof UsageError || looksLikeBug(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${context}: ${message}`);
  }
}

/**
 * Refuses a grid point that a design does not run with: a design that sets a grid field itself
 * overrides the grid value, so its results would be labelled with a grid point they never had.
 * Compared with the base as the runner resolves it (values parsed the same way).
 */
function refuseOverriddenGrid(
  runner: ReplicationRunnerModule,
  parsed: unknown,
  designs: readonly string[],
  point: GridPoint,
  context: string,
): void {
  const at = (resolved: unknown, path: string) => {
    let node = resolved;
    for (const part of parseFieldPath(path)) {
      node = node !== null && typeof node === "object"
        ? (node as Record<string | number, unknown>)[part]
        : undefined;
    }
    return JSON.stringify(node);
  };
  const base = asUsage(context, () => runner.resolveDesign!(parsed, "base"));
  for (const design of designs) {
    if (design === "base") continue;
    const resolved = asUsage(context, () => runner.resolveDesign!(parsed, design));
    for (const path of Object.keys(point)) {
      if (at(resolved, path) === at(base, path)) continue;
      throw new UsageError(
        `grid field "${path}": design "${design}" of ${context} sets it itself (${
          at(resolved, path)
        } where the grid point says ${at(base, path)}), so the grid would not apply to it; ` +
          `allowed: a grid over fields the designs leave alone, or "designs" without ` +
          `"${design}"`,
      );
    }
  }
}

async function readScenarioFile(path: string, index: number): Promise<unknown> {
  let text: string;
  try {
    text = await readBoundedTextFileAsync(path, MAX_EXPERIMENT_FILE_BYTES * 4);
  } catch (error) {
    throw new UsageError(`scenarios[${index}]: ${path} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`scenarios[${index}]: ${path} is not JSON (${(error as Error).message})`);
  }
}

async function loadScenarioJson(
  source: string | Record<string, unknown>,
  index: number,
  baseDir: string,
  runner: ReplicationRunnerModule,
): Promise<ScenarioJson> {
  let json: unknown = source;
  if (typeof source === "string") {
    const path = isAbsolute(source) ? source : resolve(baseDir, source);
    json = runner.loadScenario
      ? structuredClone(asUsage(`scenarios[${index}]`, () => runner.loadScenario!(path)))
      : await readScenarioFile(path, index);
  }
  if (jsonDepth(json) > MAX_JSON_NESTING) {
    throw new UsageError(`scenarios[${index}]: nested deeper than ${MAX_JSON_NESTING} levels`);
  }
  const name = (json as { name?: unknown })?.name;
  if (typeof name !== "string" || name === "") {
    throw UsageError.field(`scenarios[${index}].name`, name, "a non-empty string");
  }
  return json as ScenarioJson;
}

/**
 * Resolves an experiment into a plan. Relative scenario paths resolve against `baseDir`
 * (default: the current directory). The declaration is validated (`parseExperiment`), every
 * scenario × grid point is validated with the model's `parseScenario`, design names are
 * checked, and the model's cost estimate is taken for every cell and design.
 *
 * @throws UsageError naming the field, the value and what is allowed.
 */
export async function planExperiment(
  input: ExperimentSpec,
  baseDir: string = Deno.cwd(),
): Promise<ExperimentPlan> {
  const spec = parseExperiment(input);
  const model = spec.model ?? DEFAULT_MODEL;
  const url = modelUrl(model);
  const runner = await loadRunner(url);
  const scenarios: ScenarioJson[] = [];
  for (const [index, source] of spec.scenarios.entries()) {
    scenarios.push(await loadScenarioJson(source, index, baseDir, runner));
  }
  const names = scenarios.map((scenario) => scenario.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw UsageError.field("scenarios", `two named ${duplicate}`, "scenarios with unique names");
  }

  const gridPoints = expandGrid(spec.grid);
  if (scenarios.length * gridPoints.length > MAX_CELLS) {
    throw UsageError.field(
      "grid",
      `${scenarios.length} scenarios × ${gridPoints.length} grid points`,
      `at most ${MAX_CELLS} scenario × grid point cells`,
    );
  }
  const gridLabels = gridPoints.map(gridPointLabel);
  const designs: string[][] = [];
  const baselines: string[] = [];
  const cellScenarios: ScenarioJson[][] = [];
  const parsedCells: unknown[][] = [];
  for (const scenario of scenarios) {
    const context = `scenario "${scenario.name}"`;
    const parsed = runner.parseScenario
      ? asUsage(context, () => runner.parseScenario!(scenario))
      : scenario;
    const available = runner.designNames
      ? asUsage(context, () => runner.designNames!(parsed))
      : Object.keys(scenario.designs ?? {});
    const chosen = spec.designs ?? available;
    for (const design of chosen) {
      if (!available.includes(design)) {
        throw UsageError.field(
          "designs",
          design,
          `a design of scenario "${scenario.name}": ` +
            (available.map((name) => `"${name}"`).join(", ") || "none"),
        );
      }
    }
    if (chosen.length === 0) {
      throw new UsageError(`${context} has no designs and "designs" is not given`);
    }
    if (spec.baseline !== undefined && !chosen.includes(spec.baseline)) {
      throw UsageError.field(
        "baseline",
        spec.baseline,
        `a design ${context} runs: ${chosen.map((name) => `"${name}"`).join(", ")}`,
      );
    }
    designs.push(chosen);
    baselines.push(spec.baseline ?? chosen[0]);
    const cells: ScenarioJson[] = [];
    const parsedRow: unknown[] = [];
    for (const [index, point] of gridPoints.entries()) {
      const cell = applyOverrides(scenario, point);
      const pointContext = `${context} at grid point ${gridLabels[index]}`;
      parsedRow.push(
        Object.keys(point).length === 0
          ? parsed
          : runner.parseScenario
          ? asUsage(pointContext, () => runner.parseScenario!(cell))
          : cell,
      );
      cells.push(cell);
      if (runner.resolveDesign && Object.keys(point).length > 0) {
        refuseOverriddenGrid(runner, parsedRow[index], chosen, point, context);
      }
    }
    cellScenarios.push(cells);
    parsedCells.push(parsedRow);
  }

  const rule = spec.sequential;
  const sequential: ResolvedSequentialRule | undefined = rule && {
    metric: rule.metric,
    halfWidth: rule.halfWidth,
    relative: rule.relative ?? false,
    of: rule.of ?? "estimate",
    initial: rule.initial ?? Math.min(10, rule.max),
    batch: rule.batch ?? 10,
    max: rule.max,
  };
  if (sequential && runner.isSummaryMetric && !runner.isSummaryMetric(sequential.metric)) {
    throw UsageError.field(
      "sequential.metric",
      sequential.metric,
      "a summary metric of the metric catalogue (sim/table/metrics.ts; a per-tier one as " +
        'metric:tier), e.g. "citizen_success_share", "queue_wait_mean_s:app"',
    );
  }
  const replications = spec.replications ?? 10;
  const perCell = sequential ? sequential.max : replications;
  let maxJobs = 0;
  for (const chosen of designs) maxJobs += chosen.length * gridPoints.length * perCell;
  if (maxJobs > MAX_JOBS) {
    throw UsageError.field(
      sequential ? "sequential.max" : "replications",
      `${maxJobs} replications in all`,
      `at most ${MAX_JOBS} replications per run (split it into shards of experiments)`,
    );
  }
  const costs = runner.estimateCost
    ? parsedCells.map((row, s) =>
      row.map((parsed, g) =>
        designs[s].map((design) =>
          asUsage(
            `scenario "${scenarios[s].name}" at grid point ${gridLabels[g]}, design "${design}"`,
            () =>
              spec.until === undefined
                ? runner.estimateCost!(parsed, design)
                : runner.estimateCost!(parsed, design, { until: spec.until }),
          )
        )
      )
    )
    : undefined;
  const confidence = spec.confidence ?? 0.95;
  const fingerprint = await sha256Hex(JSON.stringify({
    name: spec.name,
    scenarios,
    designs,
    baselines,
    gridLabels,
    replications: sequential ? undefined : replications,
    sequential,
    confidence,
    model: model === DEFAULT_MODEL ? undefined : model,
    until: spec.until,
  }));
  return {
    name: spec.name,
    scenarios,
    designs,
    baselines,
    gridPoints,
    gridLabels,
    cellScenarios,
    replications,
    sequential,
    confidence,
    model,
    runnerUrl: url,
    until: spec.until,
    maxJobs,
    costs,
    fingerprint,
  };
}
