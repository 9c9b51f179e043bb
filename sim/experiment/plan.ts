/**
 * Planning an experiment: loading its scenarios, resolving designs, baselines and grid
 * points, applying the grid's overrides, and fingerprinting the whole so a resumed run or a
 * shard merge can check it is the same experiment.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { applyOverrides, expandGrid, type GridPoint, gridPointLabel } from "./grid.ts";
import { loadRunner, runnerUrl } from "./runner_module.ts";
import type { ExperimentSpec, ReplicationRunnerModule, ScenarioJson } from "./types.ts";

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
  /** URL of the runner module. */
  runnerUrl: string;
  /** SHA-256 (hex) of the experiment's content, independent of where it runs. */
  fingerprint: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
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
    if (runner.loadScenario) {
      json = structuredClone(runner.loadScenario(path));
    } else {
      try {
        json = JSON.parse(await Deno.readTextFile(path));
      } catch (error) {
        throw new Error(`scenarios[${index}]: ${path} (${(error as Error).message})`);
      }
    }
  }
  const name = (json as { name?: unknown })?.name;
  if (typeof name !== "string" || name === "") {
    throw new Error(
      `scenarios[${index}]: field "name": got ${JSON.stringify(name)}; ` +
        `allowed: a non-empty string`,
    );
  }
  return json as ScenarioJson;
}

function parseWith(
  runner: ReplicationRunnerModule,
  json: ScenarioJson,
  context: string,
): unknown {
  if (!runner.parseScenario) return json;
  try {
    return runner.parseScenario(json);
  } catch (error) {
    throw new Error(`${context}: ${(error as Error).message}`);
  }
}

/**
 * Resolves an experiment into a plan. Relative scenario paths resolve against `baseDir`
 * (default: the current directory). Every scenario × grid point is validated with the
 * runner's `parseScenario` when it has one, and design names are checked.
 */
export async function planExperiment(
  spec: ExperimentSpec,
  baseDir: string = Deno.cwd(),
): Promise<ExperimentPlan> {
  const url = runnerUrl(spec.runner);
  const runner = await loadRunner(url);
  const scenarios: ScenarioJson[] = [];
  for (const [index, source] of spec.scenarios.entries()) {
    scenarios.push(await loadScenarioJson(source, index, baseDir, runner));
  }
  const names = scenarios.map((scenario) => scenario.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new Error(`scenarios: the name "${duplicate}" appears twice; names must be unique`);
  }

  const gridPoints = expandGrid(spec.grid);
  const gridLabels = gridPoints.map(gridPointLabel);
  const designs: string[][] = [];
  const baselines: string[] = [];
  const cellScenarios: ScenarioJson[][] = [];
  for (const scenario of scenarios) {
    const parsed = parseWith(runner, scenario, `scenario "${scenario.name}"`);
    const available = runner.designNames
      ? runner.designNames(parsed)
      : Object.keys(scenario.designs ?? {});
    const chosen = spec.designs ?? available;
    for (const design of chosen) {
      if (!available.includes(design)) {
        throw new Error(
          `field "designs": got "${design}", which scenario "${scenario.name}" does not ` +
            `define; allowed: ${available.map((name) => `"${name}"`).join(", ") || "none"}`,
        );
      }
    }
    if (chosen.length === 0) {
      throw new Error(`scenario "${scenario.name}" has no designs and "designs" is not given`);
    }
    designs.push(chosen);
    baselines.push(spec.baseline ?? chosen[0]);
    const cells: ScenarioJson[] = [];
    for (const [index, point] of gridPoints.entries()) {
      let cell: ScenarioJson;
      try {
        cell = applyOverrides(scenario, point);
      } catch (error) {
        throw new Error(`field "grid": ${(error as Error).message}`);
      }
      if (index > 0 || Object.keys(point).length > 0) {
        parseWith(runner, cell, `scenario "${scenario.name}" at grid point ${gridLabels[index]}`);
      }
      cells.push(cell);
    }
    cellScenarios.push(cells);
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
  const replications = spec.replications ?? 10;
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
    runnerUrl: url,
    fingerprint,
  };
}
