/**
 * M/M/c+D: Poisson arrivals λ, c exponential servers of rate μ, FIFO, and every customer
 * abandons the queue if service has not started within a fixed patience D seconds (patience
 * applies to the wait in queue only; a customer in service stays).
 *
 * Model (Baccelli & Hebuterne, "On queues with impatient customers", Performance '81, 1981,
 * for M/G/1+G and M/M/c+G; Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance
 * measures", 2004, with patience survival Ḡ(x) = 1{x < D}). A customer who will abandon never
 * delays anyone, so the queue behaves as if it balked on arrival when its offered wait V (the
 * wait it would have with infinite patience) exceeds D. While k < c servers are busy, V = 0
 * and k moves as a birth–death chain (λ up, kμ down), so p_k = p_{c−1}·(c−1)!·a^{k−c+1}/k!
 * with a = λ/μ. While all c are busy, V > 0 decreases at unit speed (departures free places at
 * rate cμ), and an arrival that finds V = u ≤ D joins and raises V by an Exp(cμ) amount. The
 * level-crossing balance of the density f(v) of V on v > 0 is
 * `f(v) = λp_{c−1}e^{−cμv} + λ∫_0^{min(v,D)} f(u)e^{−cμ(v−u)} du`, solved by
 * `f(v) = λp_{c−1}·e^{(λ−cμ)v}` on (0, D] and `f(v) = f(D)·e^{−cμ(v−D)}` beyond D.
 *
 * With r = λ − cμ, J₁ = ∫_0^D e^{rv} dv, J₂ = e^{rD}/(cμ) (so J₁ + J₂ = ∫_0^∞ e^{λmin(x,D) − cμx}
 * dx, Mandelbaum–Zeltyn's J), J₃ = ∫_0^D v·e^{rv} dv, ε = 1/ErlangB(c−1, a) = Σ_{k<c}
 * p_k/p_{c−1} and T = ε + λ(J₁ + J₂), by PASTA:
 * - P(wait) = P(V > 0) = λ(J₁ + J₂)/T,
 * - P(abandon) = P(V > D) = λJ₂/T,
 * - mean wait of the served = E[V; V ≤ D]/(1 − P(abandon)) = (λJ₃/T)/(1 − P(abandon)),
 * - mean wait of all arrivals = E[min(V, D)] = (λJ₃ + D·λJ₂)/T.
 *
 * D → ∞ (λ < cμ) gives Erlang C, D = 0 gives the Erlang B loss system. Any λ is stable for a
 * finite D. All J's are scaled by e^{−max(0, rD)} so overloaded cases do not overflow;
 * J₃ uses a power series when |rD| < 0.1.
 *
 * @module
 */
import { erlangB } from "./erlang.ts";
import { requireInteger, requireNonNegative, requirePositive, requireStable } from "./input.ts";

/** Inputs of {@link mmcDeterministicPatience}. Rates per second, times in seconds. */
export interface MMcPatienceInput {
  /** λ, arrivals per second (> 0). */
  arrivalRate: number;
  /** μ, services per second per server (> 0). */
  serviceRate: number;
  /** c, servers (integer ≥ 1). */
  servers: number;
  /** D, patience in queue, seconds (≥ 0; Infinity allowed when λ < cμ). */
  patienceSeconds: number;
}

/** Steady-state measures of the M/M/c+D queue. Times in seconds. */
export interface MMcPatienceMeasures {
  /** Probability an arrival finds all servers busy (it waits, or abandons at D). */
  probabilityOfWait: number;
  /** Probability an arrival abandons (its offered wait exceeds D). */
  probabilityOfAbandonment: number;
  /** Mean time in queue of the customers who are served, seconds. */
  meanWaitOfServed: number;
  /** Mean time in queue over all arrivals (abandoning ones count D), seconds. */
  meanWait: number;
  /** Mean number waiting Lq = λ·meanWait (Little). */
  meanQueueLength: number;
  /** Server utilisation λ(1 − P(abandon))/(cμ). */
  utilisation: number;
}

/** Σ_{n ≥ 0} xⁿ/(n!(n + 2)) = ∫_0^1 t·e^{xt} dt, for |x| < 0.1. */
function momentSeries(x: number): number {
  let sum = 0;
  let power = 1;
  for (let n = 0; n < 20; n++) {
    sum += power / (n + 2);
    power *= x / (n + 1);
  }
  return sum;
}

/**
 * Exact steady-state measures of the M/M/c queue with deterministic patience D (M/M/c+D).
 * @param input λ (per second), μ (per second per server), c, D (seconds); see
 *   {@link MMcPatienceInput}.
 * @returns The measures (see {@link MMcPatienceMeasures}).
 */
export function mmcDeterministicPatience(input: MMcPatienceInput): MMcPatienceMeasures {
  const { arrivalRate: lambda, serviceRate: mu, servers: c, patienceSeconds: d } = input;
  requirePositive("arrivalRate", lambda);
  requirePositive("serviceRate", mu);
  requireInteger("servers", c, 1);
  if (d !== Infinity) requireNonNegative("patienceSeconds", d);
  else requireStable(lambda / mu, c);
  const capacity = c * mu;
  const r = lambda - capacity;
  // Scaled integrals: every J multiplied by e^{−shift}.
  let j1: number;
  let j2: number;
  let j3: number;
  let shift = 0;
  if (d === Infinity) {
    j1 = -1 / r;
    j2 = 0;
    j3 = 1 / (r * r);
  } else {
    const x = r * d;
    shift = Math.max(0, x);
    if (x === 0) j1 = d;
    else if (x < 0) j1 = (d * Math.expm1(x)) / x;
    else j1 = (d * -Math.expm1(-x)) / x;
    j2 = Math.exp(x - shift) / capacity;
    if (Math.abs(x) < 0.1) j3 = d * d * momentSeries(x) * Math.exp(-shift);
    else if (x < 0) j3 = (d * d * (x * Math.exp(x) - Math.expm1(x))) / (x * x);
    else j3 = (d * d * (x + Math.expm1(-x))) / (x * x); // (x − 1 + e^{−x})/x²
  }
  const idle = Math.exp(-shift) / erlangB(c - 1, lambda / mu);
  const total = idle + lambda * (j1 + j2);
  const probabilityOfAbandonment = (lambda * j2) / total;
  const servedWaitMass = (lambda * j3) / total;
  const meanWait = servedWaitMass + (d === Infinity ? 0 : (d * lambda * j2) / total);
  return {
    probabilityOfWait: (lambda * (j1 + j2)) / total,
    probabilityOfAbandonment,
    meanWaitOfServed: servedWaitMass / (1 - probabilityOfAbandonment),
    meanWait,
    meanQueueLength: lambda * meanWait,
    utilisation: (lambda * (1 - probabilityOfAbandonment)) / capacity,
  };
}
