/**
 * Universal Scalability Law (Gunther): with N requests in progress on one server,
 * throughput is `X(N) = N·X(1) / (1 + σ(N−1) + κN(N−1))`, so each request takes
 * `1 + σ(N−1) + κN(N−1)` times its unloaded service time.
 *
 * @module
 */

/**
 * Service-time multiplier at concurrency `n` (requests in progress per server, ≥ 1).
 *
 * @param sigma contention σ ≥ 0.
 * @param kappa coherency κ ≥ 0.
 */
export function uslSlowdown(n: number, sigma: number, kappa: number): number {
  const m = n < 1 ? 1 : n;
  return 1 + sigma * (m - 1) + kappa * m * (m - 1);
}

/** Relative throughput `X(N)/X(1) = N / slowdown(N)` at concurrency `n`. */
export function uslRelativeThroughput(n: number, sigma: number, kappa: number): number {
  return n / uslSlowdown(n, sigma, kappa);
}

/** Concurrency that maximises USL throughput, `√((1−σ)/κ)` (Infinity when κ = 0). */
export function uslPeakConcurrency(sigma: number, kappa: number): number {
  return kappa > 0 ? Math.sqrt(Math.max(0, 1 - sigma) / kappa) : Infinity;
}
