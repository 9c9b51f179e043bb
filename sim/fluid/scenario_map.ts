/**
 * A metastability map of any scenario: a grid over two parameters addressed by path
 * (`map_point.ts`), each point's scenario integrated by the fluid model (`scenarioFluid`) and
 * classified healthy / recovers after T / stays degraded from its series
 * (`series_verdict.ts`). Rows are those of `metastabilityMap`, ready for
 * `metastabilityMapChart`; simulator spot checks (`spot_check.ts`) add rows of the same shape.
 *
 * @example
 * ```ts ignore
 * const json = designJson(JSON.parse(Deno.readTextFileSync("data/scenarios/bonus-terme-2021.json")));
 * const { rows } = scenarioMap({
 *   json,
 *   x: { name: "service.tiers.platform.servers", values: [60, 120, 240] },
 *   y: { name: "arrival_multiplier", values: [0.5, 1, 1.5] },
 * });
 * ```
 *
 * @module
 */
import { resolveDesign } from "../model/mod.ts";
import { type MapAxis, type MapVerdict, metastabilityMap } from "./metastability_map.ts";
import type { MetastabilityMapRow } from "./metastability_map.ts";
import { mapPointScenario } from "./map_point.ts";
import { scenarioFluid } from "./scenario_fluid.ts";
import { seriesVerdict, type SeriesVerdictOptions } from "./series_verdict.ts";

/** Options of {@link scenarioFluidEvaluator} and {@link scenarioMap}. */
export interface ScenarioMapEvaluation extends SeriesVerdictOptions {
  /** Integrate up to this time, seconds (default the scenario's horizon). */
  horizon?: number;
  /** Relative tolerance of the integration (default 1e-4: verdicts, not trajectories). */
  rtol?: number;
}

/** Options of {@link scenarioMap}. */
export interface ScenarioMapOptions extends ScenarioMapEvaluation {
  /** A design's scenario JSON at full scale (see `designJson`). */
  json: Record<string, unknown>;
  /** X axis: a parameter path and its values. */
  x: MapAxis;
  /** Y axis: a parameter path and its values. */
  y: MapAxis;
}

/** A scenario map: its rows and what the fluid model left out or approximated. */
export interface ScenarioMap {
  /** One row per grid point, x varying fastest, `source: "fluid"`. */
  rows: MetastabilityMapRow[];
  /** Scenario features the fluid model left out (union over the points). */
  unsupported: string[];
  /** Scenario features it approximated (union over the points). */
  approximated: string[];
  /** Wall-clock seconds spent. */
  seconds: number;
}

/**
 * An evaluator for `metastabilityMap`: applies a point's overrides to `json`, integrates the
 * fluid model and classifies its series. Records left-out features in `notes`.
 */
export function scenarioFluidEvaluator(
  json: Record<string, unknown>,
  options: ScenarioMapEvaluation = {},
  notes: { unsupported: Set<string>; approximated: Set<string> } = {
    unsupported: new Set(),
    approximated: new Set(),
  },
): (point: Readonly<Record<string, number>>) => MapVerdict {
  return (point) => {
    const scenario = mapPointScenario(json, point);
    const fluid = scenarioFluid(resolveDesign(scenario, "base"), {
      horizon: options.horizon,
      rtol: options.rtol ?? 1e-4,
    });
    for (const item of fluid.unsupported) notes.unsupported.add(item);
    for (const item of fluid.approximated) notes.approximated.add(item);
    const verdict = seriesVerdict(fluid.series, options);
    return { verdict: verdict.verdict, recoverySeconds: verdict.recoverySeconds };
  };
}

/**
 * The fluid model's metastability map of a scenario over two parameters.
 * @throws RangeError / ScenarioError naming a parameter path or value the scenario rejects.
 */
export function scenarioMap(options: ScenarioMapOptions): ScenarioMap {
  const started = performance.now();
  const notes = { unsupported: new Set<string>(), approximated: new Set<string>() };
  const rows = metastabilityMap({
    x: options.x,
    y: options.y,
    evaluate: scenarioFluidEvaluator(options.json, options, notes),
  });
  return {
    rows,
    unsupported: [...notes.unsupported],
    approximated: [...notes.approximated],
    seconds: (performance.now() - started) / 1000,
  };
}
