/**
 * An incident's scenario as a test or the tornado runs it: read from
 * `data/scenarios/<incident>.json`, optionally rebuilt from moved calibration values, scaled
 * down by a factor k (demand, population, servers, queues, admission rates and budgets all × k;
 * service times, timeouts and client behaviour unchanged — `data/sources.md`, "Scale") and cut
 * at a horizon.
 *
 * @module
 */
import { parseScenario, type Scenario } from "../model/mod.ts";
import { scaleScenario } from "../model/mod.ts";
import { type Calibration, readCalibration } from "./calibration_record.ts";
import { calibrationValues, rebuildScenario } from "./sensitivity_inputs.ts";
import { PROJECT_ROOT, rootUrl } from "./incident_descriptor.ts";

export { PROJECT_ROOT };

/** How to build an incident's scenario. */
export interface IncidentScenarioOptions {
  /** Demand-and-capacity factor k in (0, 1] (default 1: full scale). */
  scale?: number;
  /** Horizon cut, seconds (default: the scenario's own). */
  horizonSeconds?: number;
  /**
   * Assumptions moved from their calibration value (name → value); derived values follow. When
   * given (even empty) the scenario is rebuilt from the calibration record, as the tornado does.
   */
  overrides?: Record<string, number>;
  /** Project root, a folder URL or path (default: two folders above this module). */
  root?: URL | string;
}

/** Reads `data/calibration/<incident>.json`. */
export function incidentCalibration(
  incident: string,
  root: URL | string = PROJECT_ROOT,
): Calibration {
  return readCalibration(new URL(`data/calibration/${incident}.json`, rootUrl(root)));
}

/** Reads `data/scenarios/<incident>.json` as raw JSON. */
export function incidentScenarioJson(incident: string, root: URL | string = PROJECT_ROOT): unknown {
  return JSON.parse(
    Deno.readTextFileSync(new URL(`data/scenarios/${incident}.json`, rootUrl(root))),
  );
}

/**
 * The incident's scenario, rebuilt with `overrides` when given, scaled by `scale` and cut at
 * `horizonSeconds`.
 *
 * @throws Error naming the field when an override is not an assumption or the scale is not in (0, 1].
 */
export function incidentScenario(
  incident: string,
  options: IncidentScenarioOptions = {},
): Scenario {
  const root = options.root ?? PROJECT_ROOT;
  let raw = incidentScenarioJson(incident, root);
  if (options.overrides !== undefined) {
    const values = calibrationValues(incidentCalibration(incident, root), options.overrides);
    raw = rebuildScenario(raw, values);
  }
  const scale = options.scale ?? 1;
  if (scale !== 1 || options.horizonSeconds !== undefined) {
    raw = scaleScenario(raw as Record<string, unknown>, {
      factor: scale,
      horizonSeconds: options.horizonSeconds,
    });
  }
  return parseScenario(raw);
}
