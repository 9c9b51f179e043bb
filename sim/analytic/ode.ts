/**
 * An adaptive explicit Runge–Kutta integrator for ordinary differential equations
 * `dy/dt = f(t, y)`: the Dormand–Prince RK5(4) pair (Dormand & Prince 1980, "A family of
 * embedded Runge–Kutta formulae", J. Comp. Appl. Math. 6), propagating the fifth-order
 * solution with the embedded fourth-order one as the error estimate, FSAL (six evaluations per
 * step), Hairer's PI step-size controller and starting step, and Hairer's fourth-order dense
 * output (Hairer, Nørsett & Wanner, *Solving Ordinary Differential Equations I*, 2nd ed.,
 * §II.4–II.6, the `DOPRI5` code). Non-stiff problems only: a stiff one makes the steps tiny
 * and ends at the `maxSteps` guard with an error, never with a silently wrong answer.
 *
 * Extras the fluid models need: integrating backwards (`t1 < t0`), stopping early from the
 * step callback, landing exactly on given breakpoints (where the derivative jumps: a step
 * never straddles one), output at chosen times by dense output, and clamping components that
 * must stay non-negative (populations) after every accepted step.
 *
 * Pure: it allocates its work arrays once per call and touches nothing else. Times are in the
 * caller's unit (the fluid models use seconds).
 *
 * @module
 */

/** The right-hand side: writes dy/dt at (t, y) into `dydt` (never keeps the arrays). */
export type OdeDerivative = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Options of {@link integrate}. */
export interface IntegrateOptions {
  /** f(t, y), writing dy/dt into its third argument. */
  derivative: OdeDerivative;
  /** Initial state y(t0). */
  y0: ArrayLike<number>;
  /** Start time. */
  t0: number;
  /** End time (below `t0` to integrate backwards). */
  t1: number;
  /** Relative tolerance per component (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance, one for all components or one each (default 1e-9). */
  atol?: number | ArrayLike<number>;
  /** First step size attempted, > 0 (default: Hairer's estimate). */
  initialStep?: number;
  /** Largest step size, > 0 (default |t1 − t0|). */
  maxStep?: number;
  /** Most steps (accepted + rejected) before giving up with an error (default 1,000,000). */
  maxSteps?: number;
  /** Clamp these components (all, with `true`) to ≥ 0 after every accepted step. */
  nonNegative?: boolean | readonly number[];
  /** Times strictly between t0 and t1 where f may jump: steps end exactly on them. */
  breakpoints?: ArrayLike<number>;
  /**
   * Called after every accepted step with its end time and state (do not keep `y`: it is
   * reused). Returning `false` stops the integration there.
   */
  onStep?: (t: number, y: Float64Array) => boolean | void;
  /** Times (in the direction of integration) where `onOutput` gets the dense-output state. */
  outputTimes?: ArrayLike<number>;
  /** Called at each output time with the interpolated state (reused array). */
  onOutput?: (t: number, y: Float64Array) => void;
}

/** How an integration ended. */
export interface IntegrateResult {
  /** Time reached (t1, or where `onStep` stopped it). */
  t: number;
  /** State there. */
  y: Float64Array;
  /** True when `onStep` stopped it before t1. */
  stopped: boolean;
  /** Accepted steps. */
  steps: number;
  /** Rejected steps. */
  rejected: number;
  /** Evaluations of the derivative. */
  evaluations: number;
}

// Dormand–Prince 5(4) tableau.
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176;
const A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// Fifth minus fourth order weights: the error estimate.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200;
const E6 = 22 / 525, E7 = -1 / 40;
// Dense output (Hairer's CONTD5).
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072, D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

const SAFETY = 0.9;
const BETA = 0.04; // PI control (Hairer's DOPRI5 default)
const ALPHA = 0.2 - 0.75 * BETA;
const FAC_MIN = 0.2;
const FAC_MAX = 10;

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
}

/**
 * Integrates `dy/dt = f(t, y)` from t0 to t1 (see the module comment).
 * @throws RangeError on bad options; Error naming the time when the step size underflows,
 *   the derivative is not finite, or `maxSteps` is reached.
 */
export function integrate(options: IntegrateOptions): IntegrateResult {
  const { derivative, t0, t1 } = options;
  const n = options.y0.length;
  requireFinite("t0", t0);
  requireFinite("t1", t1);
  const rtol = options.rtol ?? 1e-6;
  if (!(rtol >= 0 && rtol < 1)) throw new RangeError(`rtol must be in [0, 1), got ${rtol}`);
  const atol = new Float64Array(n);
  const atolOption = options.atol ?? 1e-9;
  for (let i = 0; i < n; i++) {
    atol[i] = typeof atolOption === "number" ? atolOption : atolOption[i];
    if (!(atol[i] >= 0)) throw new RangeError(`atol[${i}] must be >= 0, got ${atol[i]}`);
    if (atol[i] === 0 && rtol === 0) throw new RangeError("rtol, atol: both are 0");
  }
  const maxSteps = options.maxSteps ?? 1_000_000;
  const span = Math.abs(t1 - t0);
  const maxStep = options.maxStep ?? (span > 0 ? span : 1);
  if (!(maxStep > 0)) throw new RangeError(`maxStep must be > 0, got ${maxStep}`);
  const direction = t1 >= t0 ? 1 : -1;
  const clamp = new Uint8Array(n);
  if (options.nonNegative === true) clamp.fill(1);
  else if (Array.isArray(options.nonNegative)) {
    for (const i of options.nonNegative) {
      clamp[i] = 1;
    }
  }
  const stops = sortedStops(options.breakpoints, t0, t1, direction);
  const outputs = options.outputTimes ?? [];
  let nextOutput = 0;
  while (nextOutput < outputs.length && direction * (outputs[nextOutput] - t0) < 0) nextOutput++;

  const y = Float64Array.from(options.y0);
  const y1 = new Float64Array(n);
  const ys = new Float64Array(n);
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n);
  const k4 = new Float64Array(n), k5 = new Float64Array(n), k6 = new Float64Array(n);
  const k7 = new Float64Array(n);
  // Dense output of the last step: y(θ) = r1 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ)r5))).
  const r1 = new Float64Array(n), r2 = new Float64Array(n), r3 = new Float64Array(n);
  const r4 = new Float64Array(n), r5 = new Float64Array(n);
  const out = new Float64Array(n);
  let evaluations = 0;
  const f = (t: number, state: Float64Array, slope: Float64Array) => {
    derivative(t, state, slope);
    evaluations++;
  };

  let t = t0;
  let steps = 0;
  let rejected = 0;
  let stopped = false;
  /** Output times at or before `upTo` (in the direction of time) that still lie at `t`. */
  const emitAtCurrent = (upTo: number) => {
    while (nextOutput < outputs.length && direction * (outputs[nextOutput] - upTo) <= 0) {
      out.set(y);
      options.onOutput?.(outputs[nextOutput++], out);
    }
  };
  emitAtCurrent(t0);
  if (span === 0) return { t, y, stopped, steps, rejected, evaluations };

  let stopIndex = 0;
  let segmentEnd = stopIndex < stops.length ? stops[stopIndex] : t1;
  f(t, y, k1);
  let h = options.initialStep ?? initialStep(f, t, y, k1, direction, rtol, atol, maxStep, ys, k2);
  h = Math.min(Math.abs(h), maxStep);
  let errorOld = 1e-4;
  let lastRejected = false;

  while (direction * (t1 - t) > 0) {
    if (steps + rejected >= maxSteps) {
      throw new Error(`integrate: maxSteps ${maxSteps} reached at t = ${t} (stiff problem?)`);
    }
    const remaining = Math.abs(segmentEnd - t);
    const landing = h >= remaining * (1 - 1e-12);
    const hs = direction * (landing ? remaining : h);
    if (Math.abs(hs) <= 1e-14 * Math.max(1, Math.abs(t))) {
      throw new Error(`integrate: step size underflow at t = ${t}`);
    }
    for (let i = 0; i < n; i++) ys[i] = y[i] + hs * A21 * k1[i];
    f(t + C2 * hs, ys, k2);
    for (let i = 0; i < n; i++) ys[i] = y[i] + hs * (A31 * k1[i] + A32 * k2[i]);
    f(t + C3 * hs, ys, k3);
    for (let i = 0; i < n; i++) ys[i] = y[i] + hs * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    f(t + C4 * hs, ys, k4);
    for (let i = 0; i < n; i++) {
      ys[i] = y[i] + hs * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    }
    f(t + C5 * hs, ys, k5);
    for (let i = 0; i < n; i++) {
      ys[i] = y[i] + hs * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    }
    const tNew = landing ? segmentEnd : t + hs;
    // On a breakpoint the derivative may jump: the last stages see its value just before.
    const tLast = landing && stopIndex < stops.length ? tNew - hs * 1e-9 : tNew;
    f(tLast, ys, k6);
    for (let i = 0; i < n; i++) {
      y1[i] = y[i] + hs * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    }
    f(tLast, y1, k7);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = hs *
        (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const scale = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(y1[i]));
      sum += (e / scale) * (e / scale);
    }
    const error = Math.sqrt(sum / Math.max(n, 1));
    if (Number.isNaN(error) || error === Infinity) {
      // A stage landed where f is not finite: shrink hard, and give up when that fails.
      if (!finiteAll(k1, n)) throw new Error(`integrate: the derivative is not finite at t = ${t}`);
      h = Math.abs(hs) * FAC_MIN;
      rejected++;
      lastRejected = true;
      continue;
    }
    if (error > 1) {
      h = Math.abs(hs) * Math.max(FAC_MIN, SAFETY * error ** -ALPHA);
      rejected++;
      lastRejected = true;
      continue;
    }
    const factor = error === 0
      ? FAC_MAX
      : Math.min(FAC_MAX, Math.max(FAC_MIN, SAFETY * error ** -ALPHA * errorOld ** BETA));
    errorOld = Math.max(error, 1e-4);
    const tOld = t;
    const wantOutput = nextOutput < outputs.length &&
      direction * (outputs[nextOutput] - tNew) <= 0;
    if (wantOutput) {
      for (let i = 0; i < n; i++) {
        const ydiff = y1[i] - y[i];
        const bspl = hs * k1[i] - ydiff;
        r1[i] = y[i];
        r2[i] = ydiff;
        r3[i] = bspl;
        r4[i] = ydiff - hs * k7[i] - bspl;
        r5[i] = hs *
          (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
      }
    }
    let clamped = false;
    for (let i = 0; i < n; i++) {
      if (clamp[i] && y1[i] < 0) {
        y[i] = 0;
        clamped = true;
      } else y[i] = y1[i];
    }
    t = tNew;
    steps++;
    while (
      wantOutput && nextOutput < outputs.length && direction * (outputs[nextOutput] - t) <= 0
    ) {
      const target = outputs[nextOutput++];
      const theta = (target - tOld) / hs;
      const theta1 = 1 - theta;
      for (let i = 0; i < n; i++) {
        const value = r1[i] + theta * (r2[i] + theta1 * (r3[i] + theta * (r4[i] + theta1 * r5[i])));
        out[i] = clamp[i] && value < 0 ? 0 : value;
      }
      options.onOutput?.(target, out);
    }
    if (landing && stopIndex < stops.length) {
      stopIndex++;
      segmentEnd = stopIndex < stops.length ? stops[stopIndex] : t1;
      f(t, y, k1); // the derivative may jump at a breakpoint: no FSAL across it
    } else if (clamped) {
      f(t, y, k1);
    } else {
      k1.set(k7); // first same as last
    }
    h = Math.min(maxStep, Math.abs(hs) * (lastRejected ? Math.min(1, factor) : factor));
    lastRejected = false;
    if (options.onStep?.(t, y) === false) {
      stopped = direction * (t1 - t) > 0;
      break;
    }
  }
  return { t, y, stopped, steps, rejected, evaluations };
}

function finiteAll(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function sortedStops(
  breakpoints: ArrayLike<number> | undefined,
  t0: number,
  t1: number,
  direction: number,
): number[] {
  const stops: number[] = [];
  if (!breakpoints) return stops;
  for (let i = 0; i < breakpoints.length; i++) {
    const b = breakpoints[i];
    if (direction * (b - t0) > 0 && direction * (t1 - b) > 0) stops.push(b);
  }
  stops.sort((a, b) => direction * (a - b));
  return stops.filter((b, i) => i === 0 || b !== stops[i - 1]);
}

/** Hairer's starting step (HINIT): an explicit Euler step sized to the tolerance. */
function initialStep(
  f: (t: number, y: Float64Array, dydt: Float64Array) => void,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  direction: number,
  rtol: number,
  atol: Float64Array,
  maxStep: number,
  y1: Float64Array,
  f1: Float64Array,
): number {
  const n = y.length;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const scale = atol[i] + rtol * Math.abs(y[i]);
    dnf += (f0[i] / scale) ** 2;
    dny += (y[i] / scale) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, maxStep);
  for (let i = 0; i < n; i++) y1[i] = y[i] + direction * h * f0[i];
  f(t + direction * h, y1, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const scale = atol[i] + rtol * Math.abs(y[i]);
    der2 += ((f1[i] - f0[i]) / scale) ** 2;
  }
  der2 = Math.sqrt(der2 / Math.max(n, 1)) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf / Math.max(n, 1)));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, Math.abs(h) * 1e-3) : (0.01 / der12) ** 0.2;
  return Math.min(100 * Math.abs(h), h1, maxStep);
}
