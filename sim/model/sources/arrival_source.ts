/**
 * Arrival sources: the instants at which citizens arrive, and how many come at each instant.
 * A non-homogeneous Poisson profile is sampled by thinning (`thinning_arrivals.ts`); a renewal
 * process adds independent inter-arrival draws.
 *
 * @module
 */
import type { RandomStream } from "../../engine/mod.ts";
import { buildArrivalProfile } from "./rate_profiles.ts";
import { ThinningArrivals } from "./thinning_arrivals.ts";
import { distributionSampler } from "../distributions.ts";
import type { ArrivalsConfig, BatchSizeConfig } from "./arrival_schema.ts";

/** Generates successive arrival instants. */
export interface ArrivalSource {
  /** The first arrival instant after `t` (seconds), or Infinity when none comes before `until`. */
  next(t: number, until: number): number;
}

/** Renewal process: instants `start + X1`, `+ X2`, … with X drawn from a distribution. */
class RenewalArrivals implements ArrivalSource {
  private last: number;
  constructor(private readonly draw: () => number, start: number) {
    this.last = start;
  }
  next(_t: number, until: number): number {
    const time = this.last + this.draw();
    this.last = time;
    return time < until ? time : Infinity;
  }
}

/**
 * The arrival source of `config`, its rates multiplied by `multiplier` (inter-arrival times
 * divided by it), drawing from `stream`.
 */
export function buildArrivalSource(
  config: ArrivalsConfig,
  multiplier: number,
  stream: RandomStream,
): ArrivalSource {
  if (config.kind === "renewal") {
    const draw = distributionSampler(config.interarrival, stream);
    return new RenewalArrivals(
      multiplier === 1 ? draw : () => draw() / multiplier,
      config.start_seconds,
    );
  }
  return new ThinningArrivals(buildArrivalProfile(config, multiplier), stream.random, 1);
}

/** A sampler of batch sizes (1 when `config` is absent). */
export function batchSizeSampler(
  config: BatchSizeConfig | null | undefined,
  stream: RandomStream,
): () => number {
  if (!config) return () => 1;
  switch (config.kind) {
    case "fixed": {
      const size = config.size;
      return () => size;
    }
    case "geometric": {
      const p = 1 / config.mean;
      if (p >= 1) return () => 1;
      const logQ = Math.log(1 - p);
      const uniform = stream.random;
      return () => 1 + Math.floor(Math.log(1 - uniform()) / logQ);
    }
    case "empirical":
      return stream.discrete(config.sizes, config.weights);
  }
}
