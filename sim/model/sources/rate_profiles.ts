/**
 * Arrival profiles λ(t): the rate at which citizens arrive, in citizens per second, as a
 * function of simulated time (seconds from the scenario origin).
 *
 * Every profile can bound itself over an interval (`maxRate`), which is what exact thinning of
 * a non-homogeneous Poisson process needs (see `arrival_process.ts`).
 *
 * @module
 */
import type { ArrivalsConfig } from "./arrival_schema.ts";

/** A rate profile of the scenario language (every arrival kind but `renewal`). */
export type RateProfileConfig = Exclude<ArrivalsConfig, { kind: "renewal" }>;

/** A time-varying arrival rate. */
export interface ArrivalProfile {
  /** λ(t), citizens/s at time `t` seconds. */
  rate(t: number): number;
  /** An upper bound of λ over `[t0, t1]` (exact for these profiles), citizens/s. */
  maxRate(t0: number, t1: number): number;
  /** Times (seconds) where λ jumps or changes shape; thinning segments stop at them. */
  readonly breakpoints: readonly number[];
}

/** Constant rate. */
export function constantProfile(rate: number): ArrivalProfile {
  return { rate: () => rate, maxRate: () => rate, breakpoints: [] };
}

/** Index of the last step starting at or before `t` (−1 when before the first). */
function stepIndex(starts: readonly number[], t: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid] <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * Piecewise-constant rate: `rates[i]` holds on `[starts[i], starts[i+1])`; 0 before the first
 * start; the last rate holds forever.
 */
export function piecewiseProfile(
  starts: readonly number[],
  rates: readonly number[],
): ArrivalProfile {
  const rate = (t: number) => {
    const index = stepIndex(starts, t);
    return index < 0 ? 0 : rates[index];
  };
  return {
    rate,
    maxRate(t0, t1) {
      let max = rate(t0);
      for (
        let i = Math.max(0, stepIndex(starts, t0) + 1);
        i < starts.length && starts[i] <= t1;
        i++
      ) {
        if (rates[i] > max) max = rates[i];
      }
      return max;
    },
    breakpoints: starts,
  };
}

/** Parameters of a launch surge (seconds and citizens/s). */
export interface SurgeParameters {
  /** Rate before the build-up, citizens/s. */
  baselineRate: number;
  /** Start of the linear build-up, seconds. */
  rampStart: number;
  /** Rate reached just before the opening, citizens/s. */
  preOpeningRate: number;
  /** Opening time, seconds. */
  opening: number;
  /** Rate at the opening instant, citizens/s. */
  peakRate: number;
  /** Time constant of the exponential decay after the opening, seconds. */
  decay: number;
  /** Rate the decay tends to, citizens/s. */
  plateauRate: number;
}

/**
 * Launch surge: baseline, a linear build-up from `rampStart` to the opening, a spike at the
 * opening decaying exponentially towards the plateau. Each piece is monotone, so the bound
 * over an interval is the larger end (plus the opening spike when it falls inside).
 */
export function surgeProfile(p: SurgeParameters): ArrivalProfile {
  const rampStart = Math.min(p.rampStart, p.opening);
  const rate = (t: number) => {
    if (t < rampStart) return p.baselineRate;
    if (t < p.opening) {
      const span = p.opening - rampStart;
      const fraction = span > 0 ? (t - rampStart) / span : 1;
      return p.baselineRate + (p.preOpeningRate - p.baselineRate) * fraction;
    }
    return p.plateauRate + (p.peakRate - p.plateauRate) * Math.exp(-(t - p.opening) / p.decay);
  };
  return {
    rate,
    maxRate(t0, t1) {
      let max = Math.max(rate(t0), rate(t1));
      if (t0 <= p.opening && p.opening <= t1) max = Math.max(max, p.peakRate);
      if (t0 < p.opening && p.opening <= t1) max = Math.max(max, p.preOpeningRate);
      return max;
    },
    breakpoints: [rampStart, p.opening],
  };
}

/** Daily cycle `mean · (1 + amplitude · cos(2π (t − peakAt) / period))`. */
export function dailyProfile(
  mean: number,
  amplitude: number,
  peakAt: number,
  period: number,
): ArrivalProfile {
  const omega = (2 * Math.PI) / period;
  const rate = (t: number) => mean * (1 + amplitude * Math.cos(omega * (t - peakAt)));
  return {
    rate,
    maxRate(t0, t1) {
      // The maximum is at an end unless a peak (t = peakAt + k·period) lies inside.
      const k = Math.ceil((t0 - peakAt) / period);
      const nextPeak = peakAt + k * period;
      if (nextPeak <= t1) return mean * (1 + amplitude);
      return Math.max(rate(t0), rate(t1));
    },
    breakpoints: [],
  };
}

/** Multiplies a profile by a constant factor. */
export function scaledProfile(profile: ArrivalProfile, factor: number): ArrivalProfile {
  if (factor === 1) return profile;
  return {
    rate: (t) => profile.rate(t) * factor,
    maxRate: (t0, t1) => profile.maxRate(t0, t1) * factor,
    breakpoints: profile.breakpoints,
  };
}

/** Builds the profile a scenario describes, scaled by `multiplier`. */
export function buildArrivalProfile(config: RateProfileConfig, multiplier = 1): ArrivalProfile {
  let profile: ArrivalProfile;
  switch (config.kind) {
    case "constant":
      profile = constantProfile(config.rate_per_second);
      break;
    case "piecewise":
      profile = piecewiseProfile(
        config.steps.map((step) => step.from_seconds),
        config.steps.map((step) => step.rate_per_second),
      );
      break;
    case "surge":
      profile = surgeProfile({
        baselineRate: config.baseline_rate_per_second,
        rampStart: config.ramp_start_seconds,
        preOpeningRate: config.pre_opening_rate_per_second,
        opening: config.opening_seconds,
        peakRate: config.peak_rate_per_second,
        decay: config.decay_seconds,
        plateauRate: config.plateau_rate_per_second,
      });
      break;
    case "daily":
      profile = dailyProfile(
        config.mean_rate_per_second,
        config.amplitude,
        config.peak_at_seconds,
        config.period_seconds,
      );
      break;
    case "trace": {
      const points = config.points ?? [];
      profile = scaledProfile(
        piecewiseProfile(points.map((p) => p[0]), points.map((p) => p[1])),
        config.scale,
      );
      break;
    }
  }
  return scaledProfile(profile, multiplier);
}
