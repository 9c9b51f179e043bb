/**
 * What a surge does to a single tier, by the fluid model: start in the healthy equilibrium,
 * raise λ by the surge's multiplier for its duration, then follow the tier at the base λ and
 * classify the end state against the equilibria.
 *
 * The tier is *degraded* at an instant when fewer than half (`degradedBelow`) of the attempts
 * offered are answered within the timeout (goodput/A). Verdicts:
 * - `healthy`: never degraded;
 * - `recovers`: degraded, then *settled* back near the healthy equilibrium — at least 99% of
 *   the attempts answered in time and retries below 1% of λ — within `horizon` seconds of the
 *   surge's end; the recovery time is the last degraded instant minus the surge's end (≥ 0);
 * - `stays-degraded`: not settled within the horizon, or converged to the degraded
 *   equilibrium (within 1% of it), from which the fluid model never leaves. With no healthy
 *   equilibrium at the base λ (overload, ρ ≥ 1) the verdict is `stays-degraded` at once.
 *
 * Degraded time is measured at the integrator's accepted steps, interpolating the crossings
 * linearly; a dip shorter than a step can be missed (the steps follow the dynamics, so such
 * a dip is also one the model barely resolves).
 *
 * @module
 */
import { type Equilibrium, findEquilibria } from "./equilibria.ts";
import { integratePath } from "./integration.ts";
import {
  emptyFlows,
  singleTierDerivative,
  singleTierFlows,
  type SingleTierModel,
  singleTierModel,
  type SingleTierParameters,
  successShare,
  type Surge,
} from "./single_tier.ts";

/** The fate of the tier after a surge. */
export type SurgeOutcome = "healthy" | "recovers" | "stays-degraded";

/** A surge's verdict, with the numbers behind it. Times in seconds. */
export interface SurgeVerdict {
  /** healthy / recovers / stays-degraded. */
  verdict: SurgeOutcome;
  /** Seconds from the surge's end to the last degraded instant (recovers only), else null. */
  recoverySeconds: number | null;
  /** Total seconds spent degraded within the integrated window. */
  degradedSeconds: number;
  /** Largest queue reached. */
  peakQueue: number;
  /** Largest orbit reached. */
  peakOrbit: number;
  /** Queue at the end of the integration. */
  endQueue: number;
  /** Orbit at the end of the integration. */
  endOrbit: number;
  /** Why it stays degraded, when it does. */
  reason?: "no-healthy-state" | "degraded-equilibrium" | "horizon";
}

/** Options for `surgeVerdict`. */
export interface SurgeVerdictOptions {
  /** The surge (its `start` is ignored: the tier is in equilibrium until it begins). */
  surge: Surge;
  /** Seconds after the surge to wait for recovery (default 3600). */
  horizon?: number;
  /** Success share below which the tier counts as degraded (default 0.5). */
  degradedBelow?: number;
  /** Relative tolerance of the integration (default 1e-6). */
  rtol?: number;
}

/** Integrates one phase at constant λ, tracking degraded time and peaks. */
function phase(
  model: SingleTierModel,
  start: [number, number],
  from: number,
  to: number,
  track: {
    threshold: number;
    degradedSeconds: number;
    lastDegraded: number;
    peakQueue: number;
    peakOrbit: number;
    rtol: number;
  },
  stop?: (t: number, q: number, o: number) => boolean,
) {
  const flows = emptyFlows();
  const shareAt = (q: number, o: number) => successShare(singleTierFlows(model, 0, q, o, flows));
  let previousTime = from;
  let previousShare = shareAt(start[0], start[1]);
  if (previousShare < track.threshold) track.lastDegraded = from;
  const observe = (t: number, q: number, o: number) => {
    const share = shareAt(q, o);
    const below = share < track.threshold;
    const wasBelow = previousShare < track.threshold;
    if (below || wasBelow) {
      // Linear interpolation of the crossing within the step.
      const span = t - previousTime;
      const crossing = below === wasBelow
        ? 1
        : (track.threshold - previousShare) / (share - previousShare);
      const part = below && wasBelow ? span : below ? span * (1 - crossing) : span * crossing;
      track.degradedSeconds += part;
      track.lastDegraded = below ? t : previousTime + span * crossing;
    }
    track.peakQueue = Math.max(track.peakQueue, q);
    track.peakOrbit = Math.max(track.peakOrbit, o);
    previousTime = t;
    previousShare = share;
  };
  return integratePath({
    derivative: singleTierDerivative(model),
    start,
    from,
    to,
    rtol: track.rtol,
    atol: 1e-6 * Math.max(1, model.queueCapacity * 1e-3),
    stop: stop ? (t, q, o) => (observe(t, q, o), stop(t, q, o)) : undefined,
    onStep: stop ? undefined : observe,
  });
}

/**
 * The fluid model's verdict on a surge (see the module comment).
 * @param parameters The tier at its base λ (`arrivalProfile` is ignored).
 */
export function surgeVerdict(
  parameters: SingleTierParameters,
  options: SurgeVerdictOptions,
): SurgeVerdict {
  const base = singleTierModel({ ...parameters, arrivalProfile: undefined });
  const { surge } = options;
  if (!(surge.duration > 0 && surge.multiplier > 0)) {
    throw new RangeError(
      `surge: duration and multiplier must be > 0, got ${surge.duration}, ${surge.multiplier}`,
    );
  }
  const horizon = options.horizon ?? 3600;
  const equilibria = findEquilibria(base, { gridPoints: 300 });
  const healthy = equilibria.find((e) => e.kind === "healthy");
  const degraded = equilibria.find((e) => e.kind === "degraded");
  if (!healthy) {
    const at = degraded ?? equilibria[0];
    return {
      verdict: "stays-degraded",
      recoverySeconds: null,
      degradedSeconds: Infinity,
      peakQueue: at?.queue ?? base.queueCapacity,
      peakOrbit: at?.orbit ?? NaN,
      endQueue: at?.queue ?? base.queueCapacity,
      endOrbit: at?.orbit ?? NaN,
      reason: "no-healthy-state",
    };
  }
  const surged = singleTierModel({
    ...parameters,
    arrivalProfile: undefined,
    arrivalRate: parameters.arrivalRate * surge.multiplier,
  });
  const track = {
    threshold: options.degradedBelow ?? 0.5,
    degradedSeconds: 0,
    lastDegraded: -Infinity,
    peakQueue: healthy.queue,
    peakOrbit: healthy.orbit,
    rtol: options.rtol ?? 1e-6,
  };
  const during = phase(surged, [healthy.queue, healthy.orbit], 0, surge.duration, track);
  const settledHealthy = settled(base, healthy);
  const nearDegraded = degraded ? near(base, degraded) : () => false;
  const after = phase(
    base,
    [during.queue, during.orbit],
    surge.duration,
    surge.duration + horizon,
    track,
    (_t, q, o) => settledHealthy(q, o) || nearDegraded(q, o),
  );
  const common = {
    degradedSeconds: track.degradedSeconds,
    peakQueue: track.peakQueue,
    peakOrbit: track.peakOrbit,
    endQueue: after.queue,
    endOrbit: after.orbit,
  };
  if (track.lastDegraded === -Infinity) {
    return { verdict: "healthy", recoverySeconds: null, ...common };
  }
  if (after.stopped && settledHealthy(after.queue, after.orbit)) {
    return {
      verdict: "recovers",
      recoverySeconds: Math.max(0, track.lastDegraded - surge.duration),
      ...common,
    };
  }
  return {
    verdict: "stays-degraded",
    recoverySeconds: null,
    ...common,
    reason: after.stopped ? "degraded-equilibrium" : "horizon",
  };
}

/** Settled near the healthy equilibrium: ≥ 99% answered in time, retries below 1% of λ. */
function settled(model: SingleTierModel, healthy: Equilibrium) {
  const flows = emptyFlows();
  const lambda = model.arrivalRate;
  return (q: number, o: number) => {
    singleTierFlows(model, 0, q, o, flows);
    return successShare(flows) >= 0.99 && flows.retries <= healthy.flows.retries + 0.01 * lambda;
  };
}

/** Within 1% of an equilibrium (relative to K and to its orbit, at least one client). */
function near(model: SingleTierModel, target: Equilibrium) {
  return (q: number, o: number) =>
    Math.abs(q - target.queue) <= 0.01 * model.queueCapacity &&
    Math.abs(o - target.orbit) <= Math.max(1, 0.01 * target.orbit);
}
