/**
 * A resolved click-day scenario compiled into what its fluid model (`scenario_drift.ts`)
 * needs: the arrival rate λ(t), the persistence classes' clients reduced to rates and
 * probabilities, each operation's nodes (one per tier visit: a fixed route's hops, or the
 * tiers of a probabilistic routing with their next-hop probabilities and expected visits), and
 * each tier's service slots over time. Everything the fluid model cannot represent is named in
 * `unsupported`; what it represents only approximately, in `approximated` — never ignored.
 *
 * The clients' reductions (attempt limits, retry delays, reloads) are in
 * `scenario_clients.ts`.
 *
 * @module
 */
import {
  buildArrivalProfile,
  clientOfClass,
  distributionMean,
  distributionScv,
  type ResolvedScenario,
} from "../model/mod.ts";
import { compileClass, type FluidClientClass } from "./scenario_clients.ts";

export type { FluidClientClass } from "./scenario_clients.ts";
export { SHORTEST_RETRY_DELAY } from "./scenario_clients.ts";

/** One visit of an operation's requests to a tier. */
export interface FluidNode {
  /** Index of the tier. */
  tier: number;
  /** Mean service time there, seconds (before contention). */
  service: number;
  /** Squared coefficient of variation of that service time. */
  scv: number;
  /** Probability a new attempt enters the operation here. */
  entry: number;
  /** Nodes of the same operation this one is reached from: [node, probability]. */
  from: [number, number][];
  /** Probability of leaving the service (the attempt completes) after this node. */
  exit: number;
  /** Expected visits per attempt. */
  visits: number;
}

/** One journey operation. */
export interface FluidOperation {
  /** Name. */
  name: string;
  /** Mean think time before it, seconds (0: none). */
  think: number;
  /** Its nodes, in an order where fixed routes are topological. */
  nodes: FluidNode[];
}

/** A tier's capacity over time. */
export interface FluidTier {
  /** Name. */
  name: string;
  /** True for `servers: "infinite"` (no waiting). */
  infinite: boolean;
  /** Slots per server (`concurrency_per_server`). */
  concurrency: number;
  /** Waiting places (Infinity when unbounded). */
  places: number;
  /** USL contention σ and coherency κ (0 when absent). */
  sigma: number;
  /** USL coherency κ. */
  kappa: number;
  /** Drops orphaned requests at the head of its queue. */
  dropAbandoned: boolean;
  /** Times where the servers change, seconds, increasing; `servers[i]` holds from `times[i]`. */
  times: number[];
  /** Servers from each time on (the first entry holds from −∞). */
  servers: number[];
}

/** The compiled scenario. */
export interface FluidNetwork {
  /** Scenario name. */
  name: string;
  /** Horizon, seconds. */
  horizon: number;
  /** Width of the series bins, seconds. */
  binWidth: number;
  /** λ(t), citizens per second (multiplier and mean batch size included). */
  arrivalRate: (t: number) => number;
  /** Citizens that can arrive at most (Infinity when unbounded). */
  population: number;
  /** Persistence classes. */
  classes: FluidClientClass[];
  /** Journey operations, in order. */
  operations: FluidOperation[];
  /** Tiers. */
  tiers: FluidTier[];
  /** Times where λ or a capacity jumps, seconds. */
  breakpoints: number[];
  /** Features the fluid model leaves out, one sentence each. */
  unsupported: string[];
  /** Features it represents approximately, one sentence each. */
  approximated: string[];
}

const KNOWN_TOP = new Set([
  "$schema",
  "name",
  "description",
  "seed",
  "horizon_seconds",
  "warmup_seconds",
  "bin_width_seconds",
  "demand",
  "service",
  "admission",
]);

/** Servers of a tier at time t (`FluidTier.times` and `.servers`). */
export function serversAt(tier: FluidTier, t: number): number {
  const times = tier.times;
  let low = 0;
  let high = times.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (times[mid] <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return tier.servers[found + 1];
}

function compileTier(
  tier: ResolvedScenario["service"]["tiers"][number],
  unsupported: string[],
  approximated: string[],
): FluidTier {
  const name = tier.name;
  const base = tier.servers === "infinite" ? 0 : tier.servers;
  const changes = new Set<number>();
  for (const step of tier.capacity_schedule) changes.add(step.at_seconds);
  for (const window of tier.maintenance) {
    changes.add(window.start_seconds);
    changes.add(window.end_seconds);
    if (window.drop_queued) {
      approximated.push(
        `tier ${name}: maintenance with drop_queued is a closure with the queue kept ` +
          `(its queued work is not failed at the start)`,
      );
    }
  }
  const times = [...changes].sort((a, b) => a - b);
  const schedule = [...tier.capacity_schedule].sort((a, b) => a.at_seconds - b.at_seconds);
  const at = (t: number) => {
    let servers = base;
    for (const step of schedule) if (step.at_seconds <= t) servers = step.servers;
    const closed = tier.maintenance.some((w) => w.start_seconds <= t && t < w.end_seconds);
    return closed ? 0 : servers;
  };
  const servers = [at(-Infinity)];
  for (const time of times) servers.push(at(time));
  if (tier.crash) unsupported.push(`tier ${name}: crash and restart are not modelled`);
  if (tier.queue.discipline !== "fifo") {
    unsupported.push(`tier ${name}: discipline ${tier.queue.discipline} is modelled as FIFO`);
  }
  if (tier.usl) approximated.push(`tier ${name}: USL slowdown at the mean concurrency`);
  return {
    name,
    infinite: tier.servers === "infinite",
    concurrency: tier.concurrency_per_server,
    places: tier.queue.capacity ?? Infinity,
    sigma: tier.usl?.sigma ?? 0,
    kappa: tier.usl?.kappa ?? 0,
    dropAbandoned: tier.drop_abandoned,
    times,
    servers,
  };
}

function compileOperations(resolved: ResolvedScenario, tierIndex: Map<string, number>) {
  return resolved.demand.journey.map((operation): FluidOperation => {
    const serviceOf = (tierName: string) => {
      const tier = resolved.service.tiers[tierIndex.get(tierName)!];
      const d = tier.service_time_by_operation?.[operation.name] ?? tier.service_time;
      return {
        tier: tierIndex.get(tierName)!,
        service: distributionMean(d),
        scv: distributionScv(d),
      };
    };
    const think = operation.think_time
      ? distributionMean(operation.think_time)
      : operation.think_time_mean_seconds;
    if (operation.route) {
      const nodes = operation.route.map((tierName, hop): FluidNode => ({
        ...serviceOf(tierName),
        entry: hop === 0 ? 1 : 0,
        from: hop === 0 ? [] : [[hop - 1, 1]],
        exit: hop === operation.route!.length - 1 ? 1 : 0,
        visits: 1,
      }));
      return { name: operation.name, think, nodes };
    }
    const routing = operation.routing!;
    const entry: Record<string, number> = typeof routing.entry === "string"
      ? { [routing.entry]: 1 }
      : routing.entry;
    const names: string[] = [];
    const visit = (name: string) => {
      if (!names.includes(name)) names.push(name);
    };
    Object.keys(entry).forEach(visit);
    for (let i = 0; i < names.length; i++) Object.keys(routing.next[names[i]] ?? {}).forEach(visit);
    const nodes = names.map((name): FluidNode => {
      const next = routing.next[name] ?? {};
      const onward = Object.values(next).reduce((sum, p) => sum + p, 0);
      return { ...serviceOf(name), entry: entry[name] ?? 0, from: [], exit: 1 - onward, visits: 0 };
    });
    names.forEach((name, i) => {
      for (const [target, p] of Object.entries(routing.next[name] ?? {})) {
        nodes[names.indexOf(target)].from.push([i, p]);
      }
    });
    // Expected visits: v = entry + Σ v_from·p (traffic equations), by fixed-point iteration.
    for (let sweep = 0; sweep < 10_000; sweep++) {
      let change = 0;
      for (const node of nodes) {
        const v = node.from.reduce((sum, [i, p]) => sum + nodes[i].visits * p, node.entry);
        change = Math.max(change, Math.abs(v - node.visits));
        node.visits = v;
      }
      if (change < 1e-12) break;
    }
    return { name: operation.name, think, nodes };
  });
}

function batchMean(batch: ResolvedScenario["demand"]["batch_size"]): number {
  if (batch === null) return 1;
  if (batch.kind === "fixed") return batch.size;
  if (batch.kind === "geometric") return batch.mean;
  const total = batch.weights.reduce((sum, w) => sum + w, 0);
  return batch.sizes.reduce((sum, size, i) => sum + (size * batch.weights[i]) / total, 0);
}

/** Compiles a resolved scenario (a design applied) for the fluid model. */
export function compileScenario(resolved: ResolvedScenario): FluidNetwork {
  const unsupported: string[] = [];
  const approximated: string[] = [];
  const demand = resolved.demand;
  const batch = batchMean(demand.batch_size);
  let arrivalRate: (t: number) => number;
  const breakpoints: number[] = [];
  if (demand.arrivals.kind === "renewal") {
    const arrivals = demand.arrivals;
    const rate = (demand.multiplier * batch) / distributionMean(arrivals.interarrival);
    arrivalRate = (t) => (t >= arrivals.start_seconds ? rate : 0);
    breakpoints.push(arrivals.start_seconds);
    approximated.push("arrivals: a renewal process as Poisson arrivals at its mean rate");
  } else {
    const profile = buildArrivalProfile(demand.arrivals, demand.multiplier);
    arrivalRate = batch === 1 ? (t) => profile.rate(t) : (t) => profile.rate(t) * batch;
    for (const time of profile.breakpoints) breakpoints.push(time);
  }
  if (batch !== 1) approximated.push(`arrivals: batches of mean ${batch} as a rate`);
  for (const [key, value] of Object.entries(resolved)) {
    if (!KNOWN_TOP.has(key) && value !== null && value !== undefined) {
      unsupported.push(`${key}: this mechanism is not modelled`);
    }
  }
  for (const [key, value] of Object.entries(resolved.admission ?? {})) {
    if (value !== null && value !== undefined) {
      unsupported.push(`admission.${key}: this mechanism is not modelled`);
    }
  }
  const tiers = resolved.service.tiers.map((tier) => compileTier(tier, unsupported, approximated));
  for (const tier of tiers) for (const time of tier.times) breakpoints.push(time);
  const tierIndex = new Map(tiers.map((tier, i) => [tier.name, i]));
  const shares = demand.persistence.reduce((sum, entry) => sum + entry.share, 0);
  const classes = demand.persistence.map((entry, k) =>
    compileClass(
      clientOfClass(resolved, k),
      entry.name,
      entry.share / shares,
      approximated,
      unsupported,
    )
  );
  return {
    name: resolved.name,
    horizon: resolved.horizon_seconds,
    binWidth: resolved.bin_width_seconds,
    arrivalRate,
    population: demand.population ?? Infinity,
    classes,
    operations: compileOperations(resolved, tierIndex),
    tiers,
    breakpoints: [...new Set(breakpoints)].filter((t) => t > 0).sort((a, b) => a - b),
    unsupported,
    approximated,
  };
}
