/**
 * Expected visits to each tier per attempt, when attempts come in the journey's mix (each
 * operation once, as a citizen who completes the journey sends them). A fixed route counts each
 * tier it names (twice if named twice); probabilistic routing solves the traffic equations
 * v = entry + Σ v_from · p (`solveTrafficEquations` of `sim/analytic`). These weights turn the
 * tiers' capacities, in requests per second, into the service's capacity in attempts per second.
 *
 * @module
 */
import { solveTrafficEquations } from "../../analytic/mod.ts";
import type { Routing } from "../journey_schema.ts";

/** An operation's route or routing (as the journey gives it). */
export interface RoutedOperation {
  route?: readonly string[];
  routing?: Routing;
}

/** Expected visits of one attempt of `operation` to each tier, by tier index. */
export function operationVisits(
  operation: RoutedOperation,
  tierIndex: (name: string) => number,
  tiers: number,
): Float64Array {
  const visits = new Float64Array(tiers);
  if (operation.route) {
    for (const name of operation.route) visits[tierIndex(name)] += 1;
    return visits;
  }
  // the traffic equations v = entry + Pᵀv, with one attempt entering
  const routing = operation.routing!;
  const entry = typeof routing.entry === "string" ? { [routing.entry]: 1 } : routing.entry;
  const entering = new Array<number>(tiers).fill(0);
  for (const [name, p] of Object.entries(entry)) entering[tierIndex(name)] += p;
  const next = Array.from({ length: tiers }, () => new Array<number>(tiers).fill(0));
  for (const [from, targets] of Object.entries(routing.next)) {
    for (const [name, p] of Object.entries(targets)) next[tierIndex(from)][tierIndex(name)] += p;
  }
  visits.set(solveTrafficEquations(entering, next));
  return visits;
}

/** Expected visits to each tier per attempt in the journey's mix (the operations' mean). */
export function journeyVisits(
  journey: readonly RoutedOperation[],
  tierIndex: (name: string) => number,
  tiers: number,
): Float64Array {
  const mean = new Float64Array(tiers);
  for (const operation of journey) {
    const visits = operationVisits(operation, tierIndex, tiers);
    for (let i = 0; i < tiers; i++) mean[i] += visits[i] / journey.length;
  }
  return mean;
}

/**
 * Attempts per second the tiers let through in the journey's mix: the smallest, over the tiers
 * some operation visits, of a tier's requests per second ÷ its visits per attempt (0 when no
 * visited tier has capacity left, e.g. all down).
 */
export function attemptCapacity(
  tiers: readonly { capacityPerSecond(): number }[],
  visitsPerAttempt: Float64Array,
): number {
  let capacity = Infinity;
  for (let i = 0; i < tiers.length; i++) {
    const visits = visitsPerAttempt[i];
    if (visits > 0) capacity = Math.min(capacity, tiers[i].capacityPerSecond() / visits);
  }
  return capacity === Infinity ? 0 : capacity;
}
