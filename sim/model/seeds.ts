/**
 * Run seeds: one per (scenario seed, replication), shared by every design (common random
 * numbers), then split by the engine into named streams per purpose.
 *
 * @module
 */

/** Names of the random streams the model draws from, one per purpose. */
export const STREAMS = {
  arrivals: "arrivals",
  population: "population",
  patience: "patience",
  retry: "retry",
  routing: "routing",
  /** Whether a request balks at a long queue. */
  balking: "balking",
  /** Whether a client honours a Retry-After. */
  retryAfter: "retry-after",
  /** Design mechanisms (waiting room, cohorts, lottery, grants): `design:<purpose>`. */
  design: "design",
  /** Per tier: `service:<tier name>`. */
  service: "service",
} as const;

/**
 * The seed of replication `replication` of a scenario seeded `seed`: a 52-bit hash of both, so
 * neighbouring replications get unrelated streams and every design of a replication shares them.
 */
export function replicationSeed(seed: number, replication: number): number {
  let high = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(replication + 1, 0xc2b2ae35);
  high = Math.imul(high ^ (high >>> 16), 0x27d4eb2f);
  let low = Math.imul((seed / 4294967296) ^ replication ^ 0x165667b1, 0x9e3779b1) ^ seed;
  low = Math.imul(low ^ (low >>> 15), 0x85ebca77);
  return ((high >>> 0) % 1048576) * 4294967296 + (low >>> 0);
}
