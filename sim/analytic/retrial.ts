/**
 * The M/M/1 retrial queue with the classical linear retrial policy: an arrival that finds the
 * server busy joins an orbit, and each orbiting customer retries after an independent
 * exponential time of rate θ (so the orbit retries at total rate jθ with j in orbit).
 *
 * Falin & Templeton, *Retrial Queues*, Chapman & Hall 1997, §1.3 (M/G/1 with classical retrial
 * policy, specialised to exponential service, E[S²] = 2/μ²): with ρ = λ/μ < 1,
 * `P(server busy) = ρ` and the mean orbit size `E[N] = λ²E[S²]/(2(1−ρ)) + λρ/(θ(1−ρ))
 * = ρ²/(1−ρ) + λρ/(θ(1−ρ))`. By Little's law the mean time in orbit is E[N]/λ. As θ → ∞ the
 * orbit size tends to the M/M/1 queue length ρ²/(1−ρ).
 *
 * @module
 */
import { requirePositive, requireStable } from "./input.ts";

/** Steady-state measures of the M/M/1 retrial queue. */
export interface RetrialMeasures {
  /** Probability that the server is busy (= ρ). */
  probabilityServerBusy: number;
  /** Mean number of customers in orbit. */
  meanOrbitSize: number;
  /** Mean time a customer spends in orbit, seconds (Little's law). */
  meanOrbitTime: number;
  /** Mean number in system: orbit plus the one in service. */
  meanNumberInSystem: number;
}

/**
 * Measures of the M/M/1 retrial queue with linear (classical) retrial policy.
 * @param arrivalRate λ, primary arrivals per second (> 0).
 * @param serviceRate μ, per second (> 0); λ must be below μ.
 * @param retrialRate θ, retrial rate of each orbiting customer, per second (> 0).
 * @returns The measures (see {@link RetrialMeasures}).
 */
export function mm1RetrialMeasures(
  arrivalRate: number,
  serviceRate: number,
  retrialRate: number,
): RetrialMeasures {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requirePositive("retrialRate", retrialRate);
  const utilisation = arrivalRate / serviceRate;
  requireStable(utilisation, 1);
  const meanOrbitSize = (utilisation * utilisation) / (1 - utilisation) +
    (arrivalRate * utilisation) / (retrialRate * (1 - utilisation));
  return {
    probabilityServerBusy: utilisation,
    meanOrbitSize,
    meanOrbitTime: meanOrbitSize / arrivalRate,
    meanNumberInSystem: meanOrbitSize + utilisation,
  };
}
