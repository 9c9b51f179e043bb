/**
 * Simulator spot checks of a metastability map: the same overridden scenario a map cell
 * integrates, run by the discrete-event simulator — scaled down by a factor k (demand,
 * population, servers, queues and admission rates × k; times and client behaviour unchanged,
 * as `scaleScenario` does for every scaled run) — for a few replications, and classified by
 * the same rule as the fluid model (`series_verdict.ts`) on the bin-wise mean of the
 * replications. Rows come back with `source: "simulator"`, to draw on the map.
 *
 * The simulator is called through the model layer (`runReplication`), which `sim/fluid` may
 * import; the experiment layer (workers, shards) is above it. Same seed → same rows.
 *
 * @module
 */
import { runReplication, scaleScenario } from "../model/mod.ts";
import { parseScenario } from "../model/mod.ts";
import type { MapAxis, MetastabilityMapRow } from "./metastability_map.ts";
import { applyMapPoint } from "./map_point.ts";
import type { SeriesRow } from "../table/mod.ts";
import { type SeriesVerdict, seriesVerdict, type SeriesVerdictOptions } from "./series_verdict.ts";

/** Options of {@link spotCheck} and {@link spotChecks}. */
export interface SpotCheckOptions extends SeriesVerdictOptions {
  /** Demand-and-capacity factor k in (0, 1] (default 0.1). */
  scale?: number;
  /** Replications per cell (default 3). */
  replications?: number;
  /** Horizon cut, seconds (default the scenario's). */
  horizon?: number;
}

/** One spot check: the simulator's verdict and the per-replication verdicts behind it. */
export interface SpotCheck extends SeriesVerdict {
  /** Each replication's own verdict. */
  replicationVerdicts: SeriesVerdict["verdict"][];
}

/**
 * Runs one map point through the simulator.
 * @throws RangeError / ScenarioError naming a path, value or scale the scenario rejects.
 */
export function spotCheck(
  json: Record<string, unknown>,
  point: Readonly<Record<string, number>>,
  options: SpotCheckOptions = {},
): SpotCheck {
  const scale = options.scale ?? 0.1;
  const replications = options.replications ?? 3;
  if (!(scale > 0 && scale <= 1)) {
    throw new RangeError(`scale: ${scale} is not allowed; a factor in (0, 1]`);
  }
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(`replications: ${replications} is not allowed; an integer ≥ 1`);
  }
  const full = applyMapPoint(json, point);
  const scaled = scale === 1 && options.horizon === undefined
    ? full
    : scaleScenario(full, { factor: scale, horizonSeconds: options.horizon });
  const scenario = parseScenario(scaled);
  const all: SeriesRow[] = [];
  const replicationVerdicts: SeriesVerdict["verdict"][] = [];
  for (let r = 0; r < replications; r++) {
    const { series } = runReplication(scenario, "base", r);
    replicationVerdicts.push(seriesVerdict(series, options).verdict);
    for (const row of series) all.push(row);
  }
  return { ...seriesVerdict(all, options), replicationVerdicts };
}

/**
 * Spot checks at chosen grid points, as map rows with `source: "simulator"`.
 * @param points `[x value, y value]` pairs.
 */
export function spotChecks(
  json: Record<string, unknown>,
  axes: { x: MapAxis; y: MapAxis },
  points: readonly (readonly [number, number])[],
  options: SpotCheckOptions = {},
): MetastabilityMapRow[] {
  return points.map(([x, y]) => {
    const check = spotCheck(json, { [axes.x.name]: x, [axes.y.name]: y }, options);
    return {
      x_name: axes.x.name,
      x,
      y_name: axes.y.name,
      y,
      verdict: check.verdict,
      recovery_seconds: check.verdict === "recovers" ? check.recoverySeconds : null,
      source: "simulator",
    };
  });
}

/**
 * A spread sample of `count` cells of a map to spot-check: every verdict present is
 * represented, and cells next to a change of verdict (the cliff's edge) come first.
 * Deterministic.
 */
export function spotCheckSample(
  rows: readonly MetastabilityMapRow[],
  count: number,
): [number, number][] {
  const xs = [...new Set(rows.map((row) => row.x))];
  const ys = [...new Set(rows.map((row) => row.y))];
  const at = new Map(rows.map((row) => [`${row.x}|${row.y}`, row.verdict]));
  const edge = (row: MetastabilityMapRow) => {
    const i = xs.indexOf(row.x);
    const j = ys.indexOf(row.y);
    return [[i - 1, j], [i + 1, j], [i, j - 1], [i, j + 1]].some(([a, b]) =>
      a >= 0 && b >= 0 && a < xs.length && b < ys.length &&
      at.get(`${xs[a]}|${ys[b]}`) !== row.verdict
    );
  };
  const chosen: MetastabilityMapRow[] = [];
  const take = (row: MetastabilityMapRow | undefined) => {
    if (row && !chosen.includes(row) && chosen.length < count) chosen.push(row);
  };
  for (const verdict of ["healthy", "recovers", "stays-degraded"]) {
    take(rows.find((row) => row.verdict === verdict && !edge(row)));
  }
  const edges = rows.filter(edge);
  const stride = Math.max(1, Math.floor(edges.length / Math.max(1, count)));
  for (let i = 0; i < edges.length; i += stride) take(edges[i]);
  const stride2 = Math.max(1, Math.floor(rows.length / Math.max(1, count)));
  for (let i = 0; i < rows.length; i += stride2) take(rows[i]);
  return chosen.map((row) => [row.x, row.y]);
}
