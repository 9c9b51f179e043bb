/**
 * Student-t distribution: cdf and quantile (inverse cdf).
 *
 * Why hand-written: simple-statistics (already a dependency) has no inverse t, and the npm
 * packages that do (jStat, @stdlib) are either unmaintained/untyped or pull in hundreds of
 * modules for one function. The method is textbook and short:
 * `P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½)` for t ≥ 0 (Abramowitz & Stegun 26.7.1), with the
 * regularized incomplete beta `I_x(a, b)` by Lentz's continued fraction (Press et al.,
 * *Numerical Recipes* 3rd ed., §6.4, `betacf`) and `ln Γ` from simple-statistics' `gammaln`.
 * The quantile inverts the cdf by bisection on x = ν/(ν+t²) ∈ (0, 1) to machine precision.
 * Checked against printed t tables in tests/stats.
 *
 * @module
 */
import { gammaln } from "npm:simple-statistics@7.12.1";

function continuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b).
 * @param x Point in [0, 1].
 * @param a First shape (> 0).
 * @param b Second shape (> 0).
 * @returns I_x(a, b) in [0, 1].
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`x must be in [0, 1], got ${x}`);
  if (!(a > 0) || !(b > 0)) throw new RangeError(`a and b must be > 0, got a=${a}, b=${b}`);
  if (x === 0 || x === 1) return x;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) +
    b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
  return 1 - (front * continuedFraction(1 - x, b, a)) / b;
}

function requireDegrees(degreesOfFreedom: number): void {
  if (!(degreesOfFreedom > 0 && Number.isFinite(degreesOfFreedom))) {
    throw new RangeError(`degreesOfFreedom must be a finite number > 0, got ${degreesOfFreedom}`);
  }
}

/**
 * Student-t cumulative distribution function P(T ≤ t).
 * @param t Point.
 * @param degreesOfFreedom ν (> 0).
 * @returns Probability.
 */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  requireDegrees(degreesOfFreedom);
  const x = degreesOfFreedom / (degreesOfFreedom + t * t);
  const tail = 0.5 * regularizedIncompleteBeta(x, degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Student-t quantile: the t with P(T ≤ t) = probability.
 * @param probability In (0, 1), e.g. 0.975 for a two-sided 95% interval.
 * @param degreesOfFreedom ν (> 0).
 * @returns The quantile.
 */
export function studentTQuantile(probability: number, degreesOfFreedom: number): number {
  if (!(probability > 0 && probability < 1)) {
    throw new RangeError(`probability must be in (0, 1), got ${probability}`);
  }
  requireDegrees(degreesOfFreedom);
  if (probability === 0.5) return 0;
  const key = `${probability}|${degreesOfFreedom}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  const quantile = invertCdf(probability, degreesOfFreedom);
  if (quantileCache.size >= 4096) quantileCache.clear();
  quantileCache.set(key, quantile);
  return quantile;
}

/** Recent quantiles: intervals over many groups reuse the same (confidence, n − 1). */
const quantileCache = new Map<string, number>();

function invertCdf(probability: number, degreesOfFreedom: number): number {
  const upperTail = probability > 0.5 ? 1 - probability : probability; // P(T > |t|)
  // Find x in (0, 1) with ½·I_x(ν/2, ½) = upperTail; I_x increases with x, t decreases.
  let low = 0;
  let high = 1;
  for (let i = 0; i < 1100 && high - low > 0; i++) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high) break;
    if (0.5 * regularizedIncompleteBeta(middle, degreesOfFreedom / 2, 0.5) < upperTail) {
      low = middle;
    } else high = middle;
  }
  const x = (low + high) / 2;
  const magnitude = Math.sqrt((degreesOfFreedom * (1 - x)) / x);
  return probability > 0.5 ? magnitude : -magnitude;
}
