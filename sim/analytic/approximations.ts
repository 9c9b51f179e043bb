/**
 * Heavy-traffic approximations for queues with general arrivals and service.
 *
 * Kingman's G/G/1 formula (Kingman 1961, "The single server queue in heavy traffic"):
 * `Wq ≈ ρ/(1−ρ) · (ca² + cs²)/2 · E[S]`; exact for M/M/1 and M/G/1 means (ca² = 1).
 *
 * Allen–Cunneen's G/G/c formula (Allen, *Probability, Statistics and Queueing Theory*, 2nd ed.,
 * 1990, eq. 6.111; Hopp & Spearman, *Factory Physics*): `Wq ≈ Wq(M/M/c) · (ca² + cs²)/2`
 * with Wq(M/M/c) = ErlangC(c, a)/(cμ − λ); exact for M/M/c.
 *
 * @module
 */
import { erlangC } from "./erlang.ts";
import { requireInteger, requireNonNegative, requirePositive, requireStable } from "./input.ts";

/**
 * Kingman's approximation of the mean wait in a G/G/1 queue.
 * @param arrivalRate λ, arrivals per second (> 0).
 * @param meanService E[S], seconds (> 0); ρ = λE[S] must be < 1.
 * @param arrivalScv ca², squared coefficient of variation of inter-arrival times (≥ 0).
 * @param serviceScv cs², squared coefficient of variation of service times (≥ 0).
 * @returns Approximate mean wait in queue, seconds.
 */
export function kingmanWait(
  arrivalRate: number,
  meanService: number,
  arrivalScv: number,
  serviceScv: number,
): number {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("meanService", meanService);
  requireNonNegative("arrivalScv", arrivalScv);
  requireNonNegative("serviceScv", serviceScv);
  const utilisation = arrivalRate * meanService;
  requireStable(utilisation, 1);
  return (utilisation / (1 - utilisation)) * ((arrivalScv + serviceScv) / 2) * meanService;
}

/**
 * Allen–Cunneen approximation of the mean wait in a G/G/c queue.
 * @param arrivalRate λ, arrivals per second (> 0).
 * @param meanService E[S], seconds (> 0).
 * @param servers c (integer ≥ 1); λE[S] must be < c.
 * @param arrivalScv ca² (≥ 0).
 * @param serviceScv cs² (≥ 0).
 * @returns Approximate mean wait in queue, seconds.
 */
export function allenCunneenWait(
  arrivalRate: number,
  meanService: number,
  servers: number,
  arrivalScv: number,
  serviceScv: number,
): number {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("meanService", meanService);
  requireInteger("servers", servers, 1);
  requireNonNegative("arrivalScv", arrivalScv);
  requireNonNegative("serviceScv", serviceScv);
  const load = arrivalRate * meanService;
  requireStable(load, servers);
  const markovianWait = erlangC(servers, load) / (servers / meanService - arrivalRate);
  return markovianWait * ((arrivalScv + serviceScv) / 2);
}
