/**
 * Staffing: the smallest number of servers that meets a service-level target, and the
 * square-root staffing rule.
 *
 * - P(wait) and mean-wait targets scan c upward from 1 while advancing the Erlang B recursion
 *   one server at a time (O(c) total, stable for tens of thousands of servers).
 * - Abandonment targets bisect on c with the Erlang-A measures (P(abandon) decreases in c).
 * - Square-root staffing (Halfin & Whitt 1981, "Heavy-traffic limits for queues with many
 *   exponential servers"): `c = ⌈a + β√a⌉`, where for a target P(wait) = α the
 *   Halfin–Whitt β solves `α = [1 + β·Φ(β)/φ(β)]⁻¹` (Φ, φ: standard normal cdf and density).
 *
 * @module
 */
import { errorFunction } from "npm:simple-statistics@7.12.1";
import { erlangCFromB } from "./erlang.ts";
import { erlangAMeasures } from "./erlang_a.ts";
import { requireNonNegative, requirePositive, requireProbability } from "./input.ts";

/**
 * Smallest c whose Erlang C wait probability is at most the target.
 * @param arrivalRate λ, per second (> 0).
 * @param serviceRate μ, per second per server (> 0).
 * @param targetWaitProbability Largest acceptable P(wait), in (0, 1).
 * @returns Number of servers.
 */
export function staffForWaitProbability(
  arrivalRate: number,
  serviceRate: number,
  targetWaitProbability: number,
): number {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requireProbability("targetWaitProbability", targetWaitProbability);
  return scanErlangC(
    arrivalRate / serviceRate,
    (_servers, pWait) => pWait <= targetWaitProbability,
  );
}

/**
 * Smallest c whose M/M/c mean wait in queue is at most the target.
 * @param arrivalRate λ, per second (> 0).
 * @param serviceRate μ, per second per server (> 0).
 * @param targetMeanWait Largest acceptable mean wait Wq, seconds (≥ 0; 0 asks for P(wait) ≈ 0
 *   and is refused: use a small positive value).
 * @returns Number of servers.
 */
export function staffForMeanWait(
  arrivalRate: number,
  serviceRate: number,
  targetMeanWait: number,
): number {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requirePositive("targetMeanWait", targetMeanWait);
  return scanErlangC(
    arrivalRate / serviceRate,
    (c, pWait) => pWait / (c * serviceRate - arrivalRate) <= targetMeanWait,
  );
}

function scanErlangC(load: number, meets: (servers: number, pWait: number) => boolean): number {
  let blocking = 1;
  for (let c = 1;; c++) {
    blocking = (load * blocking) / (c + load * blocking);
    if (c > load && meets(c, erlangCFromB(c, load, blocking))) return c;
  }
}

/**
 * Smallest n whose Erlang-A (M/M/n+M) abandonment probability is at most the target.
 * @param arrivalRate λ, per second (> 0).
 * @param serviceRate μ, per second per server (> 0).
 * @param abandonmentRate θ = 1/mean patience, per second (> 0).
 * @param targetAbandonment Largest acceptable P(abandon), in (0, 1).
 * @returns Number of servers.
 */
export function staffForAbandonment(
  arrivalRate: number,
  serviceRate: number,
  abandonmentRate: number,
  targetAbandonment: number,
): number {
  requireProbability("targetAbandonment", targetAbandonment);
  const meets = (n: number) =>
    erlangAMeasures(arrivalRate, serviceRate, n, abandonmentRate).probabilityOfAbandonment <=
      targetAbandonment;
  let high = Math.max(1, Math.ceil(arrivalRate / serviceRate));
  while (!meets(high)) high *= 2;
  let low = 0; // invariant: low fails (or is 0), high meets
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (middle >= 1 && meets(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * Square-root staffing rule: c = ⌈a + β√a⌉.
 * @param load Offered load a = λ/μ, erlangs (≥ 0).
 * @param beta Quality-of-service parameter β (≥ 0); see {@link halfinWhittBeta}.
 * @returns Number of servers (at least 1).
 */
export function squareRootStaffing(load: number, beta: number): number {
  requireNonNegative("load", load);
  requireNonNegative("beta", beta);
  return Math.max(1, Math.ceil(load + beta * Math.sqrt(load)));
}

/** Standard normal cumulative distribution function (via simple-statistics' erf). */
function normalCdf(x: number): number {
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}

/** Standard normal density. */
function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Halfin–Whitt limiting probability of wait for square-root staffing with parameter β:
 * `α(β) = [1 + β·Φ(β)/φ(β)]⁻¹`.
 * @param beta β (> 0).
 * @returns Asymptotic P(wait) as the load grows.
 */
export function halfinWhittWaitProbability(beta: number): number {
  requirePositive("beta", beta);
  return 1 / (1 + (beta * normalCdf(beta)) / normalDensity(beta));
}

/**
 * The β of square-root staffing that gives a target P(wait) in the Halfin–Whitt regime
 * (bisection on the decreasing function {@link halfinWhittWaitProbability}).
 * @param targetWaitProbability Target P(wait), in (0, 1).
 * @returns β ≥ 0.
 */
export function halfinWhittBeta(targetWaitProbability: number): number {
  requireProbability("targetWaitProbability", targetWaitProbability);
  let low = 1e-9;
  let high = 10;
  for (let i = 0; i < 200; i++) {
    const middle = (low + high) / 2;
    if (halfinWhittWaitProbability(middle) > targetWaitProbability) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
