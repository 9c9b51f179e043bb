/**
 * The tornado's model module (registered as `"incident-tornado"` by `sensitivity_workers.ts`):
 * one replication of an incident with some assumptions moved, measured by one metric, as an
 * experiment's replication. Its "scenario" is a small JSON point: which incident, which
 * assumptions moved to which values, at which scale and horizon, which design, which metric.
 * The scenario itself is rebuilt from the calibration record (`incidentScenario`) and cached,
 * so each worker builds each point once.
 *
 * @module
 */
import { incidentScenario } from "./incident_scenario.ts";
import { metricMeasure, observeRun } from "./observables.ts";
import type { ReplicationOutput } from "../experiment/mod.ts";
import type { Scenario } from "../model/mod.ts";

/** One point of a tornado: an incident's scenario with some assumptions moved. */
export interface TornadoPoint {
  /** Unique name of the point in its experiment. */
  name: string;
  /** Incident (file stem). */
  incident: string;
  /** Project folder URL holding `data/` (the incident's scenario, calibration, descriptor). */
  root: string;
  /** Assumptions moved from their calibration value (name → value); `{}` is the baseline. */
  overrides: Record<string, number>;
  /** Scale factor k in (0, 1]. */
  scale: number;
  /** Horizon cut, seconds, or null for the scenario's own. */
  horizonSeconds: number | null;
  /** Design run. */
  design: string;
  /** Observable name or summary metric measured. */
  metric: string;
}

/** Scenarios built, by point (without its name): a worker builds each once. */
const built = new Map<string, Scenario>();
const MOST_CACHED = 8;

function scenarioOf(point: TornadoPoint): Scenario {
  const key = JSON.stringify([
    point.root,
    point.incident,
    point.overrides,
    point.scale,
    point.horizonSeconds,
  ]);
  let scenario = built.get(key);
  if (!scenario) {
    scenario = incidentScenario(point.incident, {
      scale: point.scale,
      horizonSeconds: point.horizonSeconds ?? undefined,
      overrides: point.overrides,
      root: new URL(point.root),
    });
    if (built.size >= MOST_CACHED) built.delete(built.keys().next().value!);
    built.set(key, scenario);
  }
  return scenario;
}

/** Checks a point's shape (the scenario is built when a replication first needs it). */
export function parseScenario(json: unknown): TornadoPoint {
  const point = json as TornadoPoint;
  if (
    typeof point?.name !== "string" || typeof point.incident !== "string" ||
    typeof point.root !== "string" ||
    typeof point.overrides !== "object" || point.overrides === null ||
    !(point.scale > 0 && point.scale <= 1) || typeof point.design !== "string" ||
    typeof point.metric !== "string"
  ) {
    throw new Error(`not a tornado point: ${JSON.stringify(json).slice(0, 200)}`);
  }
  return point;
}

/** The point's one design. */
export function designNames(point: TornadoPoint): string[] {
  return [point.design];
}

/**
 * Runs replication `replication` of the point and measures its metric (the value `tornado()`
 * averages; it may be NaN when the run does not produce it).
 */
export function runReplication(
  point: TornadoPoint,
  design: string,
  replication: number,
): ReplicationOutput {
  const root = new URL(point.root);
  const run = observeRun(point.incident, scenarioOf(point), design, replication, point.scale, root);
  const value = metricMeasure(point.incident, point.metric, root)(run);
  return {
    summaries: [{ scenario: point.name, design, replication, metric: point.metric, value }],
    series: [],
    outcomes: [],
  };
}
