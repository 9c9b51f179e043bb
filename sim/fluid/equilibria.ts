/**
 * Equilibria of the single-tier fluid model at a constant arrival rate, and their stability.
 *
 * **Root finding.** In the interior (q < K) the orbit equation do/dt = 0 has, for each q, one
 * solution o_eq(q) ≥ 0, in closed form: do/dt is decreasing in o (a retried attempt fails
 * again with probability f < 1/r at most), and with `A = λ + o/D` it reads `o/D = r·f·A`:
 * FIFO and deadline drop (f independent of o) give `A = λ/(1 − r f(q))`; LIFO, whose f
 * depends on A, gives `A = λ/(1 − r e^{−μτ})` if that is ≤ cμ or q < c, else
 * `A = (λ − r(1 − e^{−μτ})cμ)/(1 − r)`. The equilibria are then the roots of the one-variable
 * function `H(q) = dq/dt(q, o_eq(q))`, found by a scan (a uniform grid, refined near q < 2c
 * and near the timeout threshold q* where the mean response time equals τ) and bisection. On
 * the wall q = K the queue slides; an equilibrium there solves do/dt(K, o) = 0 (bisection)
 * with the unconstrained queue drift pushing into the wall.
 *
 * **Stability.** Interior: eigenvalues of the 2×2 Jacobian (central differences). Wall: the
 * orbit's eigenvalue along the wall (the normal direction is attracting by construction).
 * A stable equilibrium is *healthy* if at least half of the offered attempts are answered
 * in time there, *degraded* otherwise.
 *
 * @module
 */
import {
  emptyFlows,
  flowsWithTimeout,
  type SingleTierFlows,
  type SingleTierModel,
  successShare,
  timeoutProbabilityAt,
} from "./single_tier.ts";

/** A complex eigenvalue, per second. */
export interface Eigenvalue {
  /** Real part, per second (negative: attracting). */
  re: number;
  /** Imaginary part, per second. */
  im: number;
}

/** Stability of an equilibrium. */
export type Stability = "stable" | "saddle" | "unstable";

/** What an equilibrium means for the service. */
export type EquilibriumKind = "healthy" | "degraded" | "saddle" | "unstable";

/** An equilibrium of the single-tier fluid model. */
export interface Equilibrium {
  /** q, requests in the tier. */
  queue: number;
  /** o, clients in the orbit. */
  orbit: number;
  /** Healthy / degraded (stable), saddle or unstable. */
  kind: EquilibriumKind;
  /** Stability from the eigenvalues. */
  stability: Stability;
  /** Eigenvalues, per second (one, along the wall, for a wall equilibrium). */
  eigenvalues: Eigenvalue[];
  /** Eigenvector of the negative eigenvalue (saddles: tangent of the separatrix). */
  stableDirection?: [number, number];
  /** Eigenvector of the positive eigenvalue (saddles). */
  unstableDirection?: [number, number];
  /** True when the equilibrium lies on the full-queue wall q = K. */
  onWall: boolean;
  /** The flows there, per second. */
  flows: SingleTierFlows;
  /** Share of offered attempts answered in time. */
  successShare: number;
}

/** Options for `findEquilibria`. */
export interface EquilibriaOptions {
  /** Constant fresh arrival rate λ to use, per second (default the model's base rate). */
  arrivalRate?: number;
  /** Points of the uniform part of the scan (default 1000). */
  gridPoints?: number;
}

/** The orbit o_eq(q) where do/dt = 0 in the interior, at arrival rate λ (closed form). */
export function orbitNullcline(model: SingleTierModel, arrivalRate: number, queue: number): number {
  const r = model.retryProbability;
  let offered: number;
  if (model.discipline === "lifo") {
    offered = arrivalRate / (1 - r * model.serviceTail);
    if (queue >= model.service.servers && offered > model.capacity) {
      offered = (arrivalRate - r * (1 - model.serviceTail) * model.capacity) / (1 - r);
    }
  } else {
    offered = arrivalRate / (1 - r * timeoutProbabilityAt(model, queue, 0));
  }
  return model.orbitDelay * (offered - arrivalRate);
}

function flowsAt(
  model: SingleTierModel,
  arrivalRate: number,
  queue: number,
  orbit: number,
  into: SingleTierFlows,
): SingleTierFlows {
  const offered = arrivalRate + Math.max(orbit, 0) / model.orbitDelay;
  const f = timeoutProbabilityAt(model, queue, offered);
  return flowsWithTimeout(model, arrivalRate, queue, orbit, f, into);
}

/** Sorted scan points in [0, K): uniform, plus dense near 0..2c and the timeout threshold. */
function scanPoints(model: SingleTierModel, uniform: number): number[] {
  const top = model.queueCapacity;
  const { serviceRate: mu, servers: c, timeout: tau } = model.service;
  const points: number[] = [];
  const span = (from: number, to: number, count: number) => {
    const low = Math.max(0, from);
    const high = Math.min(top, to);
    for (let i = 0; i <= count && high > low; i++) points.push(low + ((high - low) * i) / count);
  };
  span(0, top, uniform);
  span(0, 2 * c + 2, 400);
  const threshold = c * mu * tau - 1; // mean response = τ: k = β(τ − 1/μ), q = k + c − 1
  const width = 8 * Math.sqrt(Math.max(threshold, 1)) + 2;
  span(threshold - width, threshold + width, 400);
  const sorted = [...new Set(points.filter((q) => q < top))].sort((a, b) => a - b);
  return sorted;
}

function bisect(fn: (x: number) => number, low: number, high: number, fLow: number): number {
  let a = low;
  let fa = fLow;
  let b = high;
  for (let i = 0; i < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); i++) {
    const middle = 0.5 * (a + b);
    const fm = fn(middle);
    if (fm === 0) return middle;
    if ((fm > 0) === (fa > 0)) {
      a = middle;
      fa = fm;
    } else {
      b = middle;
    }
  }
  return 0.5 * (a + b);
}

function eigen2(
  j: number[][],
): { values: Eigenvalue[]; vectors: ([number, number] | undefined)[] } {
  const trace = j[0][0] + j[1][1];
  const det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
  const disc = (trace * trace) / 4 - det;
  if (disc < 0) {
    const im = Math.sqrt(-disc);
    return {
      values: [{ re: trace / 2, im }, { re: trace / 2, im: -im }],
      vectors: [undefined, undefined],
    };
  }
  const root = Math.sqrt(disc);
  const values = [trace / 2 + root, trace / 2 - root];
  const vectors = values.map((value): [number, number] => {
    // (J − λI)v = 0: use the row with the larger entries for accuracy.
    const a = j[0][0] - value;
    const b = j[0][1];
    const c = j[1][0];
    const d = j[1][1] - value;
    const v: [number, number] = Math.abs(a) + Math.abs(b) >= Math.abs(c) + Math.abs(d)
      ? [-b, a]
      : [-d, c];
    const norm = Math.hypot(v[0], v[1]);
    return norm > 0 ? [v[0] / norm, v[1] / norm] : [1, 0];
  });
  return { values: values.map((re) => ({ re, im: 0 })), vectors };
}

/** Jacobian of (dq/dt, do/dt) by central differences at an interior point, per second. */
export function jacobian(
  model: SingleTierModel,
  arrivalRate: number,
  queue: number,
  orbit: number,
): number[][] {
  const scratch = emptyFlows();
  const drift = (q: number, o: number): [number, number] => {
    flowsAt(model, arrivalRate, q, o, scratch);
    return [scratch.queueDrift, scratch.orbitDrift];
  };
  const hq = 1e-6 * Math.max(1, queue);
  const ho = 1e-6 * Math.max(1, orbit);
  const qLow = Math.max(0, queue - hq);
  const qHigh = Math.min(model.queueCapacity * (1 - 1e-15), queue + hq);
  const oLow = Math.max(0, orbit - ho);
  const oHigh = orbit + ho;
  const dq1 = drift(qHigh, orbit);
  const dq0 = drift(qLow, orbit);
  const do1 = drift(queue, oHigh);
  const do0 = drift(queue, oLow);
  return [
    [(dq1[0] - dq0[0]) / (qHigh - qLow), (do1[0] - do0[0]) / (oHigh - oLow)],
    [(dq1[1] - dq0[1]) / (qHigh - qLow), (do1[1] - do0[1]) / (oHigh - oLow)],
  ];
}

function classify(stability: Stability, share: number): EquilibriumKind {
  if (stability === "stable") return share >= 0.5 ? "healthy" : "degraded";
  return stability;
}

/**
 * Every equilibrium of the model at a constant arrival rate, by increasing queue: interior
 * ones (roots of H) and the full-queue one, each with its stability.
 */
export function findEquilibria(
  model: SingleTierModel,
  options: EquilibriaOptions = {},
): Equilibrium[] {
  const lambda = options.arrivalRate ?? model.arrivalRate;
  const scratch = emptyFlows();
  const h = (q: number) => {
    flowsAt(model, lambda, q, orbitNullcline(model, lambda, q), scratch);
    return scratch.queueDrift;
  };
  const found: Equilibrium[] = [];
  const points = scanPoints(model, options.gridPoints ?? 1000);
  let previous = points[0];
  let hPrevious = h(previous);
  for (const q of points.slice(1)) {
    const hq = h(q);
    if (hPrevious !== 0 && (hq === 0 || (hPrevious > 0) !== (hq > 0))) {
      const root = hq === 0 ? q : bisect(h, previous, q, hPrevious);
      const orbit = orbitNullcline(model, lambda, root);
      const { values, vectors } = eigen2(jacobian(model, lambda, root, orbit));
      const positive = values.filter((v) => v.re > 0).length;
      const stability: Stability = positive === 0
        ? "stable"
        : positive === 1
        ? "saddle"
        : "unstable";
      const flows = flowsAt(model, lambda, root, orbit, emptyFlows());
      const share = successShare(flows);
      const equilibrium: Equilibrium = {
        queue: root,
        orbit,
        kind: classify(stability, share),
        stability,
        eigenvalues: values,
        onWall: false,
        flows,
        successShare: share,
      };
      if (values[0].im === 0) {
        const negative = values[0].re < 0 ? 0 : values[1].re < 0 ? 1 : -1;
        if (negative >= 0) equilibrium.stableDirection = vectors[negative];
        if (stability === "saddle") equilibrium.unstableDirection = vectors[1 - negative];
      }
      found.push(equilibrium);
    }
    previous = q;
    hPrevious = hq;
  }
  const wall = wallEquilibrium(model, lambda);
  if (wall) found.push(wall);
  return found;
}

/** The equilibrium on the wall q = K, if the queue presses on it there. */
function wallEquilibrium(model: SingleTierModel, lambda: number): Equilibrium | undefined {
  const K = model.queueCapacity;
  const r = model.retryProbability;
  const scratch = emptyFlows();
  const g = (o: number) => flowsAt(model, lambda, K, o, scratch).orbitDrift;
  const high = (r * lambda * model.orbitDelay) / (1 - r) + 1;
  const gLow = g(0);
  if (!(gLow > 0) || g(high) > 0) return undefined;
  const orbit = bisect(g, 0, high, gLow);
  const inside = flowsAt(model, lambda, K * (1 - 1e-12), orbit, emptyFlows());
  if (!(inside.queueDrift > 0)) return undefined;
  const step = 1e-6 * Math.max(1, orbit);
  const slope = (g(orbit + step) - g(Math.max(0, orbit - step))) /
    (orbit + step - Math.max(0, orbit - step));
  const stability: Stability = slope < 0 ? "stable" : "unstable";
  const flows = flowsAt(model, lambda, K, orbit, emptyFlows());
  const share = successShare(flows);
  return {
    queue: K,
    orbit,
    kind: classify(stability, share),
    stability,
    eigenvalues: [{ re: slope, im: 0 }],
    stableDirection: slope < 0 ? [0, 1] : undefined,
    onWall: true,
    flows,
    successShare: share,
  };
}

/** The flows at a state for a constant arrival rate (a convenience over `singleTierFlows`). */
export function flowsAtRate(
  model: SingleTierModel,
  arrivalRate: number,
  queue: number,
  orbit: number,
): SingleTierFlows {
  return flowsAt(model, arrivalRate, queue, orbit, emptyFlows());
}
