/**
 * Integrating the single-tier fluid model: a thin adapter over the project's adaptive ODE
 * integrator (`sim/analytic/ode.ts`, Dormand–Prince), adding what the phase portrait and the
 * map need — recording a path, stopping early on a condition, and running backward in time
 * (the separatrix). No integrator of its own.
 *
 * @module
 */
import { integrate } from "../analytic/ode.ts";

/** A drift field in the shape the integrator takes: writes dy/dt at (t, y) into `slope`. */
export type Derivative = (
  time: number,
  state: ArrayLike<number>,
  slope: { [index: number]: number },
) => void;

/** Options for `integratePath`. */
export interface PathOptions {
  /** The drift (q, o) ↦ (dq/dt, do/dt), per second. */
  derivative: Derivative;
  /** Start state [q, o]. */
  start: readonly [number, number];
  /** Start time, seconds. */
  from: number;
  /** End time, seconds (after `from`; `backward` integrates the reversed field forward). */
  to: number;
  /** Integrate the reversed field (time runs from `from` to `to` but the drift is negated). */
  backward?: boolean;
  /** Stops at the first accepted step where this holds (t, q, o). */
  stop?: (time: number, queue: number, orbit: number) => boolean;
  /** Called at every accepted step (t, q, o), after `stop` is checked. */
  onStep?: (time: number, queue: number, orbit: number) => void;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance, in requests (default 1e-6). */
  atol?: number;
}

/** Where an integration ended. */
export interface PathEnd {
  /** Time reached, seconds. */
  time: number;
  /** q there. */
  queue: number;
  /** o there. */
  orbit: number;
  /** True when `stop` ended it before `to`. */
  stopped: boolean;
}

/** Integrates the fluid model from `start`, reporting every accepted step. */
export function integratePath(options: PathOptions): PathEnd {
  const { derivative, backward = false } = options;
  const field: Derivative = backward
    ? (time, state, slope) => {
      derivative(time, state, slope);
      slope[0] = -slope[0];
      slope[1] = -slope[1];
    }
    : derivative;
  const end: PathEnd = {
    time: options.from,
    queue: options.start[0],
    orbit: options.start[1],
    stopped: false,
  };
  const result = integrate({
    derivative: field,
    y0: options.start,
    t0: options.from,
    t1: options.to,
    rtol: options.rtol ?? 1e-6,
    atol: options.atol ?? 1e-6,
    onStep: (time, state) => {
      end.time = time;
      end.queue = state[0];
      end.orbit = state[1];
      if (options.stop?.(time, state[0], state[1])) return false;
      options.onStep?.(time, state[0], state[1]);
    },
  });
  end.stopped = result.stopped;
  return end;
}
