/**
 * M/G/1 by the Pollaczek–Khinchine formula, and its special cases M/D/1 and M/M/1.
 *
 * P-K mean value formula (Kleinrock, *Queueing Systems* vol. 1, 1975, eq. 5.72; Gross et al.
 * 2008 §5.1.1): with ρ = λ·E[S] < 1 and service-time squared coefficient of variation cs²,
 * `Wq = λ·E[S²] / (2(1−ρ)) = ρ·E[S]·(1 + cs²) / (2(1−ρ))`, `W = Wq + E[S]`, `Lq = λWq`,
 * `L = λW`. M/D/1 is cs² = 0, M/M/1 is cs² = 1.
 *
 * @module
 */
import { requireNonNegative, requirePositive, requireStable } from "./input.ts";

/** Mean steady-state measures of a single-server queue. Times in seconds. */
export interface SingleServerMeasures {
  /** Server utilisation ρ = λ·E[S]. */
  utilisation: number;
  /** Mean wait in queue Wq, seconds. */
  meanWait: number;
  /** Mean sojourn W = Wq + E[S], seconds. */
  meanSojourn: number;
  /** Mean number waiting Lq. */
  meanQueueLength: number;
  /** Mean number in system L. */
  meanNumberInSystem: number;
}

/**
 * M/G/1 mean measures by the Pollaczek–Khinchine formula.
 * @param arrivalRate λ, arrivals per second (> 0).
 * @param meanService E[S], seconds (> 0); λ·E[S] must be < 1.
 * @param serviceScv Squared coefficient of variation of the service time, Var[S]/E[S]² (≥ 0).
 * @returns The measures (see {@link SingleServerMeasures}).
 */
export function mg1Measures(
  arrivalRate: number,
  meanService: number,
  serviceScv: number,
): SingleServerMeasures {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("meanService", meanService);
  requireNonNegative("serviceScv", serviceScv);
  const utilisation = arrivalRate * meanService;
  requireStable(utilisation, 1);
  const meanWait = (utilisation * meanService * (1 + serviceScv)) / (2 * (1 - utilisation));
  const meanSojourn = meanWait + meanService;
  return {
    utilisation,
    meanWait,
    meanSojourn,
    meanQueueLength: arrivalRate * meanWait,
    meanNumberInSystem: arrivalRate * meanSojourn,
  };
}

/**
 * M/D/1 mean measures (P-K with deterministic service, cs² = 0).
 * @param arrivalRate λ, per second.
 * @param serviceTime The constant service time, seconds.
 * @returns The measures (see {@link SingleServerMeasures}).
 */
export function md1Measures(arrivalRate: number, serviceTime: number): SingleServerMeasures {
  return mg1Measures(arrivalRate, serviceTime, 0);
}

/**
 * Squared coefficient of variation of a lognormal distribution with log-scale σ: e^{σ²} − 1.
 * @param sigma σ of the underlying normal (≥ 0).
 * @returns Var/mean² of the lognormal.
 */
export function lognormalScv(sigma: number): number {
  requireNonNegative("sigma", sigma);
  return Math.expm1(sigma * sigma);
}
