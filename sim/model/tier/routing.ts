/**
 * Routing of a request through the tiers: a fixed route (tandem line), or probabilistic routing
 * (an entry tier or entry probabilities, then next-hop probabilities per tier; what is left
 * over leaves the service).
 *
 * @module
 */
import type { Routing } from "../journey_schema.ts";

/** Where a request of one operation goes. */
export interface Router {
  /** The first tier. `uniform` draws from the routing stream. */
  first(uniform: () => number): number;
  /**
   * The tier after `tier`, whose visit was hop number `hop` (0 for the first), or −1 when
   * the request leaves the service done.
   */
  next(tier: number, hop: number, uniform: () => number): number;
}

/** A fixed route through tiers by index. */
export class FixedRoute implements Router {
  constructor(private readonly tiers: Int32Array) {}
  first(): number {
    return this.tiers[0];
  }
  next(_tier: number, hop: number): number {
    return hop + 1 < this.tiers.length ? this.tiers[hop + 1] : -1;
  }
}

/** Cumulative probabilities over target tiers (targets −1 = leave). */
class Choice {
  private readonly cumulative: Float64Array;
  private readonly targets: Int32Array;
  constructor(probabilities: Record<string, number>, tierIndex: (name: string) => number) {
    const entries = Object.entries(probabilities);
    let running = 0;
    this.cumulative = Float64Array.from(entries, ([, p]) => (running += p));
    this.targets = Int32Array.from(entries, ([name]) => tierIndex(name));
  }
  pick(u: number): number {
    for (let i = 0; i < this.cumulative.length; i++) {
      if (u < this.cumulative[i]) return this.targets[i];
    }
    return -1;
  }
}

/** Probabilistic routing (an open network). */
export class ProbabilisticRouting implements Router {
  private readonly entry: Choice | number;
  private readonly nextByTier: (Choice | null)[];
  constructor(routing: Routing, tierIndex: (name: string) => number, tiers: number) {
    this.entry = typeof routing.entry === "string"
      ? tierIndex(routing.entry)
      : new Choice(routing.entry, tierIndex);
    this.nextByTier = Array.from({ length: tiers }, () => null);
    for (const [from, next] of Object.entries(routing.next)) {
      this.nextByTier[tierIndex(from)] = new Choice(next, tierIndex);
    }
  }
  first(uniform: () => number): number {
    if (typeof this.entry === "number") return this.entry;
    const tier = this.entry.pick(uniform());
    return tier >= 0 ? tier : this.entry.pick(1 - 1e-12); // entry probabilities sum to 1
  }
  next(tier: number, _hop: number, uniform: () => number): number {
    const choice = this.nextByTier[tier];
    return choice === null ? -1 : choice.pick(uniform());
  }
}
