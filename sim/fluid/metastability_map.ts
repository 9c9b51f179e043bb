/**
 * A metastability map: a grid over two parameters, each point's verdict (stays healthy /
 * recovers after T / stays degraded) from any evaluator, as a tidy table that
 * `metastabilityMapChart` in `sim/charts` reads. `singleTierSurgeEvaluator` evaluates points
 * of a single tier with the fluid model (`surge_verdict.ts`); the scenario-wide model will
 * plug in the same way. Simulator spot checks are rows of the same shape with
 * `source: "simulator"`.
 *
 * @module
 */
import type { SingleTierParameters, Surge } from "./single_tier.ts";
import { type SurgeOutcome, surgeVerdict, type SurgeVerdictOptions } from "./surge_verdict.ts";

/** One axis of the map: a parameter's name and the values to try, in its unit. */
export interface MapAxis {
  /** Parameter name, e.g. `"servers"` or `"surgeMultiplier"`. */
  name: string;
  /** Values, in the parameter's unit. */
  values: readonly number[];
}

/** An evaluator's answer for one point. */
export interface MapVerdict {
  /** healthy / recovers / stays-degraded. */
  verdict: SurgeOutcome;
  /** Seconds from the surge's end until healthy again (recovers), else null or absent. */
  recoverySeconds?: number | null;
}

/** One row of a metastability map (tidy: one grid point per row). */
export interface MetastabilityMapRow {
  /** Name of the x parameter. */
  x_name: string;
  /** Value of the x parameter. */
  x: number;
  /** Name of the y parameter. */
  y_name: string;
  /** Value of the y parameter. */
  y: number;
  /** The verdict. */
  verdict: SurgeOutcome;
  /** Seconds from the surge's end until healthy again (recovers), else null. */
  recovery_seconds: number | null;
  /** Who computed the verdict. */
  source: "fluid" | "simulator";
}

/** Options for `metastabilityMap`. */
export interface MetastabilityMapOptions {
  /** The verdict at one point `{ [x.name]: value, [y.name]: value }`. */
  evaluate: (point: Readonly<Record<string, number>>) => MapVerdict;
  /** The x axis. */
  x: MapAxis;
  /** The y axis. */
  y: MapAxis;
  /** Who computes the verdicts (default `"fluid"`). */
  source?: "fluid" | "simulator";
}

function checkAxis(label: string, axis: MapAxis): void {
  if (!axis.name) throw new RangeError(`${label}.name: a parameter name is required`);
  if (axis.values.length === 0) throw new RangeError(`${label}.values: at least one value`);
  for (const value of axis.values) {
    if (!Number.isFinite(value)) throw new RangeError(`${label}.values: ${value} is not finite`);
  }
}

/** Evaluates every point of the x × y grid, x varying fastest. */
export function metastabilityMap(options: MetastabilityMapOptions): MetastabilityMapRow[] {
  const { x, y } = options;
  checkAxis("x", x);
  checkAxis("y", y);
  if (x.name === y.name) throw new RangeError(`x.name, y.name: the same parameter ${x.name}`);
  const rows: MetastabilityMapRow[] = [];
  for (const yValue of y.values) {
    for (const xValue of x.values) {
      const verdict = options.evaluate({ [x.name]: xValue, [y.name]: yValue });
      rows.push({
        x_name: x.name,
        x: xValue,
        y_name: y.name,
        y: yValue,
        verdict: verdict.verdict,
        recovery_seconds: verdict.verdict === "recovers" ? verdict.recoverySeconds ?? null : null,
        source: options.source ?? "fluid",
      });
    }
  }
  return rows;
}

/** Parameters a single-tier map can vary: the tier's numeric parameters and the surge's. */
export const SINGLE_TIER_MAP_PARAMETERS = [
  "arrivalRate",
  "serviceRate",
  "servers",
  "queueCapacity",
  "timeout",
  "retryDelay",
  "retryProbability",
  "maxAttempts",
  "surgeMultiplier",
  "surgeDuration",
] as const;

/**
 * An evaluator for `metastabilityMap` over a single tier: each point overrides parameters of
 * `tier` (by name) or of the surge (`surgeMultiplier`, `surgeDuration`), and the fluid model
 * gives the verdict. Setting `maxAttempts` drops the base's `retryProbability` and vice versa.
 * @throws RangeError naming an unknown parameter (at evaluation).
 */
export function singleTierSurgeEvaluator(
  tier: SingleTierParameters,
  surge: Surge,
  options: Omit<SurgeVerdictOptions, "surge"> = {},
): (point: Readonly<Record<string, number>>) => MapVerdict {
  const known = new Set<string>(SINGLE_TIER_MAP_PARAMETERS);
  return (point) => {
    const parameters: SingleTierParameters = { ...tier };
    const thisSurge: Surge = { ...surge };
    for (const [name, value] of Object.entries(point)) {
      if (!known.has(name)) {
        throw new RangeError(
          `${name}: not a single-tier map parameter; allowed: ${[...known].join(", ")}`,
        );
      }
      if (name === "surgeMultiplier") thisSurge.multiplier = value;
      else if (name === "surgeDuration") thisSurge.duration = value;
      else {
        if (name === "maxAttempts") delete parameters.retryProbability;
        if (name === "retryProbability") delete parameters.maxAttempts;
        (parameters as unknown as Record<string, number>)[name] = value;
      }
    }
    const result = surgeVerdict(parameters, { ...options, surge: thisSurge });
    return { verdict: result.verdict, recoverySeconds: result.recoverySeconds };
  };
}
