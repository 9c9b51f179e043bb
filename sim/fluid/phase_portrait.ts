/**
 * Phase-portrait data of the single-tier fluid model, as one tidy table (one point of one
 * element per row) that `phasePortraitChart` in `sim/charts` reads: the drift on a
 * (queue, orbit) grid, the equilibria, the separatrix — the stable manifold of the saddle,
 * traced by integrating the reversed field from the saddle along its stable eigenvector, both
 * ways — a few forward trajectories and, optionally, the exact CTMC's stationary probability
 * summed over the grid cells.
 *
 * @module
 */
import type { CtmcAnalysis } from "./ctmc_analysis.ts";
import { type Equilibrium, findEquilibria } from "./equilibria.ts";
import { integratePath } from "./integration.ts";
import {
  emptyFlows,
  singleTierDerivative,
  singleTierFlows,
  type SingleTierModel,
  singleTierModel,
} from "./single_tier.ts";

/** What a row draws. */
export type PhasePortraitElement =
  | "drift"
  | "equilibrium"
  | "separatrix"
  | "trajectory"
  | "stationary";

/** One row of the phase-portrait table. Rates per second, times in seconds. */
export interface PhasePortraitRow {
  /** The element the row belongs to. */
  element: PhasePortraitElement;
  /** Equilibrium kind, separatrix branch or trajectory name; `""` for drift and stationary rows. */
  series: string;
  /** Position along a line, 0-based; 0 otherwise. */
  point: number;
  /** q, requests in the tier. */
  queue: number;
  /** o, clients waiting to retry. */
  orbit: number;
  /** dq/dt (drift rows), requests per second; null otherwise. */
  queue_drift: number | null;
  /** do/dt (drift rows), clients per second; null otherwise. */
  orbit_drift: number | null;
  /** Seconds along the line (separatrix: of backward time); null otherwise. */
  time: number | null;
  /** CTMC stationary probability of the grid cell (stationary rows); null otherwise. */
  probability: number | null;
}

/** Options for `phasePortraitRows`. */
export interface PhasePortraitOptions {
  /** Constant fresh arrival rate λ, per second (default the model's base rate). */
  arrivalRate?: number;
  /** Largest queue shown (default K). */
  queueMax?: number;
  /** Largest orbit shown (default 1.25 × the largest equilibrium orbit, at least 10). */
  orbitMax?: number;
  /** Grid columns (default 25). */
  gridQueue?: number;
  /** Grid rows (default 25). */
  gridOrbit?: number;
  /** Trajectory starts [q, o] (default four spread over the plane). */
  trajectories?: readonly (readonly [number, number])[];
  /** How long to follow each trajectory, seconds (default 20·D + 10/μ). */
  trajectorySeconds?: number;
  /** A CTMC analysis at the same λ: adds its stationary probability per grid cell. */
  ctmc?: CtmcAnalysis;
  /** Most points kept per line (default 300). */
  maxLinePoints?: number;
}

function blank(element: PhasePortraitElement, series: string, queue: number, orbit: number) {
  return {
    element,
    series,
    point: 0,
    queue,
    orbit,
    queue_drift: null,
    orbit_drift: null,
    time: null,
    probability: null,
  } as PhasePortraitRow;
}

function thin<T>(points: T[], most: number): T[] {
  if (points.length <= most) return points;
  const step = (points.length - 1) / (most - 1);
  return Array.from({ length: most }, (_, i) => points[Math.round(i * step)]);
}

/** Traces the separatrix: both branches of the saddle's stable manifold, [q, o, t] points. */
export function separatrix(
  model: SingleTierModel,
  saddle: Equilibrium,
  bounds: { queueMax: number; orbitMax: number; arrivalRate?: number },
): [number, number, number][][] {
  const direction = saddle.stableDirection;
  if (!direction) return [];
  const lambda = bounds.arrivalRate ?? model.arrivalRate;
  const constant = singleTierModel({
    ...model.parameters,
    arrivalRate: lambda,
    arrivalProfile: undefined,
  });
  const derivative = singleTierDerivative(constant);
  const rate = Math.abs(saddle.eigenvalues.reduce((low, v) => Math.min(low, v.re), Infinity));
  const scaleQ = Math.max(1, bounds.queueMax);
  const scaleO = Math.max(1, bounds.orbitMax);
  const epsilon = 1e-6;
  const branches: [number, number, number][][] = [];
  for (const sign of [1, -1]) {
    const start: [number, number] = [
      saddle.queue + sign * epsilon * scaleQ * direction[0],
      saddle.orbit + sign * epsilon * scaleO * direction[1],
    ];
    const points: [number, number, number][] = [[saddle.queue, saddle.orbit, 0], [...start, 0]];
    integratePath({
      derivative,
      start,
      from: 0,
      to: 60 / Math.max(rate, 1e-9),
      backward: true,
      stop: (_t, q, o) =>
        q <= 0 || o <= 0 || q >= constant.queueCapacity || q > 1.5 * scaleQ || o > 1.5 * scaleO,
      onStep: (t, q, o) => points.push([q, o, t]),
      rtol: 1e-8,
      atol: 1e-9 * Math.min(scaleQ, scaleO),
    });
    branches.push(points);
  }
  return branches;
}

/**
 * The phase-portrait table of a single tier (see the module comment). Equilibria and the
 * field are at the constant λ given (default the model's base rate).
 */
export function phasePortraitRows(
  model: SingleTierModel,
  options: PhasePortraitOptions = {},
): PhasePortraitRow[] {
  const lambda = options.arrivalRate ?? model.arrivalRate;
  const constant = singleTierModel({
    ...model.parameters,
    arrivalRate: lambda,
    arrivalProfile: undefined,
  });
  const equilibria = findEquilibria(constant);
  const queueMax = options.queueMax ?? constant.queueCapacity;
  const orbitMax = options.orbitMax ??
    Math.max(10, 1.25 * equilibria.reduce((high, e) => Math.max(high, e.orbit), 0));
  const columns = options.gridQueue ?? 25;
  const gridRows = options.gridOrbit ?? 25;
  if (!(Number.isInteger(columns) && columns >= 2 && Number.isInteger(gridRows) && gridRows >= 2)) {
    throw new RangeError(`gridQueue, gridOrbit: integers >= 2, got ${columns}, ${gridRows}`);
  }
  if (!(queueMax > 0 && orbitMax > 0)) {
    throw new RangeError(`queueMax, orbitMax: must be > 0, got ${queueMax}, ${orbitMax}`);
  }
  const most = options.maxLinePoints ?? 300;
  const rows: PhasePortraitRow[] = [];
  const scratch = emptyFlows();
  const qs = Array.from({ length: columns }, (_, i) => (queueMax * i) / (columns - 1));
  const os = Array.from({ length: gridRows }, (_, j) => (orbitMax * j) / (gridRows - 1));
  for (const o of os) {
    for (const q of qs) {
      singleTierFlows(constant, 0, q, o, scratch);
      rows.push({
        ...blank("drift", "", q, o),
        queue_drift: scratch.queueDrift,
        orbit_drift: scratch.orbitDrift,
      });
    }
  }
  for (const e of equilibria) rows.push(blank("equilibrium", e.kind, e.queue, e.orbit));
  const saddle = equilibria.find((e) => e.kind === "saddle");
  if (saddle) {
    separatrix(constant, saddle, { queueMax, orbitMax }).forEach((points, branch) => {
      thin(points, most).forEach(([q, o, t], point) => {
        rows.push({ ...blank("separatrix", `branch ${branch + 1}`, q, o), point, time: t });
      });
    });
  }
  const starts = options.trajectories ?? [
    [0.3 * queueMax, 0],
    [0.7 * queueMax, 0],
    [0, 0.8 * orbitMax],
    [0.5 * queueMax, 0.6 * orbitMax],
  ];
  const seconds = options.trajectorySeconds ??
    20 * constant.orbitDelay + 10 / constant.service.serviceRate;
  const derivative = singleTierDerivative(constant);
  for (const start of starts) {
    const name = `q₀ ${+start[0].toPrecision(3)}, o₀ ${+start[1].toPrecision(3)}`;
    const points: [number, number, number][] = [[start[0], start[1], 0]];
    integratePath({
      derivative,
      start: [start[0], start[1]],
      from: 0,
      to: seconds,
      onStep: (t, q, o) => points.push([q, o, t]),
    });
    thin(points, most).forEach(([q, o, t], point) => {
      rows.push({ ...blank("trajectory", name, q, o), point, time: t });
    });
  }
  if (options.ctmc) { for (const row of stationaryRows(options.ctmc, qs, os)) rows.push(row); }
  return rows;
}

/** The CTMC's stationary probability summed over the cells around the grid nodes. */
function stationaryRows(
  analysis: CtmcAnalysis,
  qs: readonly number[],
  os: readonly number[],
): PhasePortraitRow[] {
  const { chain, stationary } = analysis;
  const mass = new Float64Array(qs.length * os.length);
  const nearest = (values: readonly number[], x: number) => {
    const step = values[1] - values[0];
    return Math.min(values.length - 1, Math.max(0, Math.round((x - values[0]) / step)));
  };
  let inside = false;
  for (let i = 0; i < chain.size; i++) {
    const n = chain.queueOf(i);
    const o = chain.orbitOf(i);
    if (n > qs.at(-1)! + (qs[1] - qs[0]) / 2 || o > os.at(-1)! + (os[1] - os[0]) / 2) continue;
    mass[nearest(os, o) * qs.length + nearest(qs, n)] += stationary[i];
    inside = true;
  }
  if (!inside) return [];
  const rows: PhasePortraitRow[] = [];
  os.forEach((o, j) =>
    qs.forEach((q, i) => {
      const p = mass[j * qs.length + i];
      if (p > 0) rows.push({ ...blank("stationary", "", q, o), probability: p });
    })
  );
  return rows;
}
