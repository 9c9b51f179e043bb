/**
 * Open Jackson networks: stations with Poisson external arrivals, exponential FIFO M/M/c
 * servers, and Markovian routing (a customer leaving station i goes to j with probability
 * P[i][j] and leaves the network with probability 1 − Σ_j P[i][j]).
 *
 * Jackson's theorem (Jackson 1957/1963; Gross et al. 2008 §4.1): the total arrival rates solve
 * the traffic equations `λ = γ + Pᵀλ` (solved here by Gaussian elimination with partial
 * pivoting), and in steady state each station behaves as an independent M/M/c_i queue with
 * arrival rate λ_i. End-to-end mean sojourn time by Little's law: `T = Σ L_i / Σ γ_i`.
 *
 * @module
 */
import { mmcMeasures } from "./mmc.ts";
import { requireInteger, requireNonNegative, requirePositive } from "./input.ts";

/** One station of an open Jackson network. */
export interface JacksonStation {
  /** External (Poisson) arrival rate into this station, per second (≥ 0). */
  externalArrivalRate: number;
  /** Service rate of each server, per second (> 0). */
  serviceRate: number;
  /** Number of parallel servers (integer ≥ 1). */
  servers: number;
}

/** Per-station results of an open Jackson network. */
export interface JacksonStationMeasures {
  /** Total arrival rate λ_i (external plus routed), per second. */
  arrivalRate: number;
  /** Mean visits per customer entering the network, λ_i / Σγ. */
  visitRatio: number;
  /** Utilisation λ_i/(c_i μ_i). */
  utilisation: number;
  /** Mean number at the station L_i. */
  meanNumberInSystem: number;
  /** Mean sojourn per visit W_i, seconds. */
  meanSojournPerVisit: number;
  /** Mean wait in queue per visit, seconds. */
  meanWaitPerVisit: number;
}

/** Results of an open Jackson network. */
export interface JacksonMeasures {
  /** Per-station measures, in input order. */
  stations: JacksonStationMeasures[];
  /** Σγ_i, customers entering per second. */
  throughput: number;
  /** Mean number of customers in the network. */
  meanNumberInNetwork: number;
  /** Mean end-to-end sojourn time, seconds. */
  meanSojourn: number;
}

/**
 * Solves the traffic equations λ = γ + Pᵀλ.
 * @param externalArrivalRates γ_i per station, per second.
 * @param routing Square matrix P[i][j]: probability of going from i to j after service.
 * @returns Total arrival rate per station, per second.
 */
export function solveTrafficEquations(
  externalArrivalRates: readonly number[],
  routing: readonly (readonly number[])[],
): number[] {
  const size = externalArrivalRates.length;
  if (routing.length !== size || routing.some((row) => row.length !== size)) {
    throw new RangeError(`routing must be a ${size}×${size} matrix (one row per station)`);
  }
  routing.forEach((row, i) => {
    row.forEach((p, j) => requireNonNegative(`routing[${i}][${j}]`, p));
    const leaving = row.reduce((s, p) => s + p, 0);
    if (leaving > 1 + 1e-12) {
      throw new RangeError(`routing[${i}] must sum to at most 1, got ${leaving}`);
    }
  });
  // A = I − Pᵀ, augmented with γ.
  const matrix = Array.from({ length: size }, (_, i) => {
    const row = new Array<number>(size + 1);
    for (let j = 0; j < size; j++) row[j] = (i === j ? 1 : 0) - routing[j][i];
    row[size] = externalArrivalRates[i];
    return row;
  });
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) {
      if (Math.abs(matrix[r][col]) > Math.abs(matrix[pivot][col])) pivot = r;
    }
    if (Math.abs(matrix[pivot][col]) < 1e-14) {
      throw new RangeError("routing must let every customer leave eventually (I − Pᵀ singular)");
    }
    [matrix[col], matrix[pivot]] = [matrix[pivot], matrix[col]];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const factor = matrix[r][col] / matrix[col][col];
      for (let k = col; k <= size; k++) matrix[r][k] -= factor * matrix[col][k];
    }
  }
  return matrix.map((row, i) => row[size] / row[i]);
}

/**
 * Steady-state measures of an open Jackson network of M/M/c stations.
 * @param stations The stations (external arrivals, service rate, servers).
 * @param routing Square matrix P[i][j] of routing probabilities after service at i.
 * @returns Per-station and end-to-end measures (see {@link JacksonMeasures}).
 */
export function jacksonNetwork(
  stations: readonly JacksonStation[],
  routing: readonly (readonly number[])[],
): JacksonMeasures {
  stations.forEach((s, i) => {
    requireNonNegative(`stations[${i}].externalArrivalRate`, s.externalArrivalRate);
    requirePositive(`stations[${i}].serviceRate`, s.serviceRate);
    requireInteger(`stations[${i}].servers`, s.servers, 1);
  });
  const throughput = stations.reduce((sum, s) => sum + s.externalArrivalRate, 0);
  requirePositive("total external arrival rate", throughput);
  const rates = solveTrafficEquations(stations.map((s) => s.externalArrivalRate), routing);
  const measures = stations.map((s, i) => {
    const station = mmcMeasures(rates[i], s.serviceRate, s.servers);
    return {
      arrivalRate: rates[i],
      visitRatio: rates[i] / throughput,
      utilisation: station.utilisation,
      meanNumberInSystem: station.meanNumberInSystem,
      meanSojournPerVisit: station.meanSojourn,
      meanWaitPerVisit: station.meanWait,
    };
  });
  const meanNumberInNetwork = measures.reduce((sum, m) => sum + m.meanNumberInSystem, 0);
  return {
    stations: measures,
    throughput,
    meanNumberInNetwork,
    meanSojourn: meanNumberInNetwork / throughput,
  };
}
