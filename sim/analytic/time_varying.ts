/**
 * Staffing for a time-varying arrival rate λ(t) (Green, Kolesar & Whitt, "Coping with
 * time-varying demand when setting staffing requirements for a service system", POMS 2007):
 *
 * - pointwise stationary approximation (PSA): staff at time t as a stationary system with load
 *   λ(t)/μ;
 * - lagged PSA: use λ(t − 1/μ), shifting the peak by one mean service time;
 * - modified offered load (MOL): use the infinite-server offered load
 *   `m(t) = E[∫_{t−S}^{t} λ(u) du] = ∫_0^∞ λ(t−u)·P(S > u) du`, here for exponential service
 *   (P(S > u) = e^{−μu}), integrated over u ∈ [0, 30/μ] in steps of 1/(50μ), the rate
 *   taken at each step's midpoint times the exact integral of e^{−μu} over the step
 *   (truncation error below e^{−30} of the peak).
 *
 * λ(t) is a function the caller provides; it must be defined for t before the first time of
 * interest (return the rate in force before the horizon, e.g. a constant).
 *
 * @module
 */
import { erlangAMeasures } from "./erlang_a.ts";
import { staffForAbandonment, staffForMeanWait, staffForWaitProbability } from "./staffing.ts";
import { requirePositive } from "./input.ts";

/** How the offered load at time t is derived from λ(·). */
export type OfferedLoadMethod = "pointwise" | "lagged" | "modified-offered-load";

/** A service-level target for staffing. */
export type StaffingTarget =
  | { kind: "wait-probability"; value: number }
  | { kind: "mean-wait"; value: number }
  | { kind: "abandonment"; value: number; abandonmentRate: number };

/**
 * Offered load (erlangs) at each requested time under the chosen approximation.
 * @param arrivalRate λ(t), arrivals per second at time t seconds.
 * @param serviceRate μ, per second per server (> 0).
 * @param times Times, seconds.
 * @param method "pointwise", "lagged" or "modified-offered-load".
 * @returns Offered load per time, erlangs.
 */
export function offeredLoadOverTime(
  arrivalRate: (time: number) => number,
  serviceRate: number,
  times: readonly number[],
  method: OfferedLoadMethod,
): number[] {
  requirePositive("serviceRate", serviceRate);
  switch (method) {
    case "pointwise":
      return times.map((t) => arrivalRate(t) / serviceRate);
    case "lagged":
      return times.map((t) => arrivalRate(t - 1 / serviceRate) / serviceRate);
    case "modified-offered-load": {
      const step = 1 / (50 * serviceRate);
      const steps = 1500;
      return times.map((t) => {
        let integral = 0;
        for (let k = 0; k < steps; k++) {
          // Midpoint rate × exact integral of e^{−μu} over the step.
          const weight = (Math.exp(-serviceRate * k * step) -
            Math.exp(-serviceRate * (k + 1) * step)) / serviceRate;
          integral += weight * arrivalRate(t - (k + 0.5) * step);
        }
        return integral;
      });
    }
    default:
      throw new RangeError(
        `method must be "pointwise", "lagged" or "modified-offered-load", got ${method}`,
      );
  }
}

/**
 * Servers needed at each time for a stationary target applied to the time-varying load.
 * @param arrivalRate λ(t), arrivals per second at time t seconds.
 * @param serviceRate μ, per second per server (> 0).
 * @param times Times, seconds.
 * @param target Service-level target (P(wait), mean wait in seconds, or abandonment).
 * @param method Offered-load approximation (default "modified-offered-load").
 * @returns Number of servers per time (0 when the load is 0).
 */
export function timeVaryingStaffing(
  arrivalRate: (time: number) => number,
  serviceRate: number,
  times: readonly number[],
  target: StaffingTarget,
  method: OfferedLoadMethod = "modified-offered-load",
): number[] {
  const loads = offeredLoadOverTime(arrivalRate, serviceRate, times, method);
  return loads.map((load) => {
    if (!(load > 0)) return 0;
    const rate = load * serviceRate;
    switch (target.kind) {
      case "wait-probability":
        return staffForWaitProbability(rate, serviceRate, target.value);
      case "mean-wait":
        return staffForMeanWait(rate, serviceRate, target.value);
      case "abandonment":
        return staffForAbandonment(rate, serviceRate, target.abandonmentRate, target.value);
      default:
        throw new RangeError(`unknown staffing target ${JSON.stringify(target)}`);
    }
  });
}

/**
 * Erlang-A abandonment probability at each time for a given staffing plan under the chosen
 * offered-load approximation (to evaluate a plan against λ(t)).
 * @param arrivalRate λ(t), per second.
 * @param serviceRate μ, per second per server.
 * @param abandonmentRate θ, per second.
 * @param times Times, seconds.
 * @param servers Servers in force at each time (same length as times).
 * @param method Offered-load approximation (default "modified-offered-load").
 * @returns P(abandon) per time.
 */
export function timeVaryingAbandonment(
  arrivalRate: (time: number) => number,
  serviceRate: number,
  abandonmentRate: number,
  times: readonly number[],
  servers: readonly number[],
  method: OfferedLoadMethod = "modified-offered-load",
): number[] {
  if (servers.length !== times.length) {
    throw new RangeError(
      `servers must have one entry per time (${times.length}), got ${servers.length}`,
    );
  }
  const loads = offeredLoadOverTime(arrivalRate, serviceRate, times, method);
  return loads.map((load, i) =>
    load > 0
      ? erlangAMeasures(load * serviceRate, serviceRate, servers[i], abandonmentRate)
        .probabilityOfAbandonment
      : 0
  );
}
