/**
 * Erlang B and Erlang C, computed with the numerically stable recursion (no factorials, no
 * powers), so they work for tens of thousands of servers and offered loads.
 *
 * Erlang B recursion (Jagerman 1974; Cooper, *Introduction to Queueing Theory*, 1981, §3.4):
 * `B(0, a) = 1`, `B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a))`. Every step stays in (0, 1].
 *
 * Erlang C from Erlang B (Cooper 1981, eq. 3.3.8): `C(c, a) = c·B / (c − a·(1 − B))` for a < c.
 *
 * @module
 */
import { requireInteger, requireNonNegative, requireStable } from "./input.ts";

/**
 * Erlang B: blocking probability of the M/M/c/c loss system (also M/G/c/c, by insensitivity).
 * O(c) time, O(1) memory.
 * @param servers Number of servers c (integer ≥ 0).
 * @param load Offered load a = λ/μ in erlangs (≥ 0).
 * @returns Probability that an arriving customer finds all c servers busy and is lost.
 */
export function erlangB(servers: number, load: number): number {
  requireInteger("servers", servers, 0);
  requireNonNegative("load", load);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) {
    blocking = (load * blocking) / (k + load * blocking);
  }
  return blocking;
}

/**
 * Erlang C: probability that an arriving customer has to wait in an M/M/c queue.
 * @param servers Number of servers c (integer ≥ 1).
 * @param load Offered load a = λ/μ in erlangs; must be below c.
 * @returns P(wait > 0) = P(all servers busy) seen by an arrival (PASTA).
 */
export function erlangC(servers: number, load: number): number {
  requireInteger("servers", servers, 1);
  requireNonNegative("load", load);
  requireStable(load, servers);
  return erlangCFromB(servers, load, erlangB(servers, load));
}

/**
 * Erlang C from an already computed Erlang B value (used by staffing searches that advance the
 * Erlang B recursion one server at a time).
 * @param servers Number of servers c.
 * @param load Offered load in erlangs (< c).
 * @param blocking Erlang B value B(c, load).
 * @returns Erlang C value C(c, load).
 */
export function erlangCFromB(servers: number, load: number, blocking: number): number {
  return (servers * blocking) / (servers - load * (1 - blocking));
}
