/**
 * The probability that a request's client times out, as the single-tier models see it.
 *
 * Under FIFO with c exponential servers (rate μ each, β = cμ together), a request that finds
 * n requests in the system has a response time R_n that does not depend on later arrivals:
 * if n < c it starts at once and `R_n = S ~ Exp(μ)`; otherwise it waits for k = n − c + 1
 * departures at rate β, `W ~ Erlang(k, β)`, then `R_n = W + S`. Its client (timeout τ)
 * gives up when `R_n > τ`. The exact tail (used by the CTMC, `ctmc.ts`) follows from
 * `P(W + S > τ) = P(W > τ) + e^{−μτ}·E[e^{μW}; W ≤ τ]` with
 * `E[e^{μW}; W ≤ τ] = (β/(β−μ))^k·P(Erlang(k, β−μ) ≤ τ)` for c > 1, and `(μτ)^k/k!` for
 * c = 1 (β = μ: the second term is the Poisson probability `e^{−μτ}(μτ)^k/k!`). Both terms
 * are positive and are computed in logarithms, so neither cancels nor overflows.
 *
 * The fluid model (`single_tier.ts`) needs a smooth function of a continuous queue q: the
 * head-of-line approximation replaces R by a normal variable with the same mean
 * `m(q) = k(q)/β + 1/μ` and variance `v(q) = k(q)/β² + 1/μ²`, `k(q) = max(q − c + 1, 0)`
 * (so the mean waiting time of the request at the head is ≈ q/(cμ)). At integer q the two
 * models differ only by this normal approximation, which the Berry–Esseen inequality bounds:
 * `sup |P(R ≤ x) − Φ((x − m)/√v)| ≤ C·Σρ_i/v^{3/2}` with C = 0.5600 (Shevtsova 2010, non-
 * identical summands) and ρ_i = E|X_i − EX_i|³ = (12/e − 2)/rate³ for an exponential.
 *
 * @module
 */
import { gammaln } from "npm:simple-statistics@7.12.1";

/** E|X − 1|³ for X ~ Exp(1): (12/e − 2). */
const EXPONENTIAL_THIRD_ABSOLUTE_MOMENT = 12 / Math.E - 2;

/** Berry–Esseen constant for sums of independent, not identically distributed terms. */
export const BERRY_ESSEEN_CONSTANT = 0.56;

/**
 * Complementary error function, erfc(x), with fractional error below 1.2e-7 everywhere,
 * tails included (Press et al., *Numerical Recipes* 3rd ed., §6.2, `erfccheb`'s predecessor
 * `erfcc`): a smooth formula, so finite differences of it are smooth too.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const tail = t * Math.exp(
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
                  t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
                                  t * (-0.82215223 + t * 0.17087277)))))))),
  );
  return x >= 0 ? tail : 2 - tail;
}

/**
 * Standard normal upper tail P(Z > z) = erfc(z/√2)/2 (accurate in the far tail; exactly 0
 * beyond z = 38.6 and 1 below −38.6, where the double-precision value is 0 or 1 anyway).
 */
export function normalUpperTail(z: number): number {
  if (z > 38.6) return 0;
  if (z < -38.6) return 1;
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Logarithms of the regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x)
 * (a > 0, x ≥ 0). The smaller of the two is computed directly (series for x < a + 1,
 * continued fraction otherwise; *Numerical Recipes* §6.2), so both logs are accurate.
 * For an integer a = k, P(k, x) = P(Erlang(k, 1) ≤ x) = P(Poisson(x) ≥ k).
 */
export function logRegularizedGamma(a: number, x: number): { logP: number; logQ: number } {
  if (x <= 0) return { logP: -Infinity, logQ: 0 };
  const front = -x + a * Math.log(x) - gammaln(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    const logP = front + Math.log(sum);
    return { logP, logQ: Math.log1p(-Math.exp(logP)) };
  }
  // Lentz's continued fraction for Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const logQ = front + Math.log(h);
  return { logP: Math.log1p(-Math.exp(logQ)), logQ };
}

/** The service side of a single tier, as the timeout tails need it. */
export interface ServiceSide {
  /** μ, completions per second per server (> 0). */
  serviceRate: number;
  /** c, number of servers (≥ 1; an integer for the exact tail). */
  servers: number;
  /** τ, client timeout in seconds (> 0). */
  timeout: number;
}

/**
 * Exact probability that a FIFO request finding `inSystem` requests in the system (waiting
 * or in service) gets its response after its client's timeout: P(R_n > τ).
 * @param service μ (per second per server), c (integer), τ (seconds).
 * @param inSystem n, requests found on arrival (integer ≥ 0).
 * @returns P(R_n > τ), in [0, 1].
 */
export function exactTimeoutProbability(service: ServiceSide, inSystem: number): number {
  const { serviceRate: mu, servers: c, timeout: tau } = service;
  const waits = Math.max(inSystem - c + 1, 0);
  if (waits === 0) return Math.exp(-mu * tau);
  const beta = c * mu;
  const waitTail = Math.exp(logRegularizedGamma(waits, beta * tau).logQ);
  let straddle: number;
  if (c === 1) {
    straddle = Math.exp(-mu * tau + waits * Math.log(mu * tau) - gammaln(waits + 1));
  } else {
    const slower = beta - mu;
    straddle = Math.exp(
      -mu * tau + waits * Math.log(beta / slower) +
        logRegularizedGamma(waits, slower * tau).logP,
    );
  }
  return Math.min(1, waitTail + straddle);
}

/** Mean and variance of the fluid model's response time at a (continuous) queue q. */
export function responseMoments(
  service: ServiceSide,
  queue: number,
): { mean: number; variance: number } {
  const { serviceRate: mu, servers: c } = service;
  const beta = c * mu;
  const waits = Math.max(queue - c + 1, 0);
  return { mean: waits / beta + 1 / mu, variance: waits / (beta * beta) + 1 / (mu * mu) };
}

/**
 * The fluid model's timeout probability at a continuous queue q: the normal approximation
 * `P(R > τ) ≈ 1 − Φ((τ − m(q))/√v(q))` of the FIFO response time (see the module comment).
 * Smooth in q, equal in mean and variance to the exact tail at integer q.
 */
export function fluidTimeoutProbability(service: ServiceSide, queue: number): number {
  const { mean, variance } = responseMoments(service, queue);
  return normalUpperTail((service.timeout - mean) / Math.sqrt(variance));
}

/**
 * Berry–Esseen bound on |exact − fluid| timeout probability at an integer queue n:
 * `min(1, C·Σρ_i/v^{3/2})` over the k = max(n − c + 1, 0) Exp(β) waits and the Exp(μ) service.
 */
export function normalApproximationBound(service: ServiceSide, inSystem: number): number {
  const { serviceRate: mu, servers: c } = service;
  const beta = c * mu;
  const waits = Math.max(inSystem - c + 1, 0);
  const third = EXPONENTIAL_THIRD_ABSOLUTE_MOMENT * (waits / beta ** 3 + 1 / mu ** 3);
  const variance = waits / (beta * beta) + 1 / (mu * mu);
  return Math.min(1, BERRY_ESSEEN_CONSTANT * third / variance ** 1.5);
}
