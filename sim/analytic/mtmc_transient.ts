/**
 * The M_t/M/c queue with a time-varying Poisson arrival rate λ(t): its exact transient
 * distribution from the Kolmogorov forward equations of the birth–death chain, truncated at
 * N customers (births blocked at N, so probability is conserved; choose N so that P(N) stays
 * negligible — the result reports its largest value), integrated with the Dormand–Prince
 * pair of `ode.ts`:
 *
 *   dp₀/dt = −λ(t)p₀ + μp₁,
 *   dpₙ/dt = λ(t)pₙ₋₁ − (λ(t)·[n < N] + μ·min(n, c))pₙ + μ·min(n + 1, c)pₙ₊₁.
 *
 * Time averages over bins (the simulator's per-bin series) come from accumulator components
 * integrated along: ∫E[N], ∫E[N_q], ∫E[busy] and the arrival-weighted ∫λ(t)P(N(t) ≥ c) over
 * ∫λ(t) (P(wait) of the arrivals in a bin, by PASTA pointwise in time).
 *
 * Beside it, the pointwise-stationary approximation (PSA, Green, Kolesar & Svoronos 1991):
 * Erlang C at the instantaneous λ(t). It is an approximation that ignores the queue's memory —
 * it leads the exact curve (no lag) and overstates its swing — and it is undefined (NaN) where
 * λ(t) ≥ cμ.
 *
 * Pure functions; times in seconds, rates per second.
 *
 * @module
 */
import { integrate } from "./ode.ts";
import { mmcMeasures } from "./mmc.ts";
import { requireInteger, requirePositive } from "./input.ts";

/** Inputs of {@link mtmcBinAverages}. Rates per second, times in seconds. */
export interface MtMcTransientInput {
  /** λ(t), arrivals per second (≥ 0, finite). */
  arrivalRate: (t: number) => number;
  /** μ, per server, per second (> 0). */
  serviceRate: number;
  /** c (integer ≥ 1). */
  servers: number;
  /** N, the largest number in system kept (integer ≥ c; default c + 200). */
  truncation?: number;
  /** Distribution at the first bin edge, P(n) for n = 0…N (default: empty, P(0) = 1). */
  initial?: ArrayLike<number>;
  /** Bin edges, increasing, seconds (at least two). */
  binEdges: ArrayLike<number>;
  /** Times where λ(t) jumps (steps land on them). */
  breakpoints?: ArrayLike<number>;
  /** Relative tolerance of the integration (default 1e-8). */
  rtol?: number;
}

/** Time averages of one bin, from {@link mtmcBinAverages}. */
export interface MtMcBinAverage {
  /** Bin start, seconds. */
  binStart: number;
  /** Bin end, seconds. */
  binEnd: number;
  /** Time-averaged E[N(t)] over the bin, customers. */
  meanInSystem: number;
  /** Time-averaged E[N_q(t)], customers waiting. */
  meanInQueue: number;
  /** Time-averaged E[min(N(t), c)], busy servers. */
  meanBusy: number;
  /** ∫λP(N ≥ c) ÷ ∫λ over the bin: the share of the bin's arrivals that wait (NaN if none). */
  waitProbability: number;
  /** Largest P(N(t) = N) seen at the bin's end: the truncation's error indicator. */
  truncationMass: number;
}

/** The whole transient: per-bin averages and the distribution at the last edge. */
export interface MtMcTransient {
  /** One entry per bin. */
  bins: MtMcBinAverage[];
  /** P(n) at the last bin edge, n = 0…N. */
  final: Float64Array;
}

/**
 * Exact transient M_t/M/c time averages per bin, from the forward equations (module comment).
 * @param input λ(t), μ, c, truncation, start, bin edges; see {@link MtMcTransientInput}.
 * @returns Per-bin averages and the final distribution.
 * @throws RangeError on invalid parameters.
 */
export function mtmcBinAverages(input: MtMcTransientInput): MtMcTransient {
  const { arrivalRate, serviceRate: mu, servers: c } = input;
  requirePositive("serviceRate", mu);
  requireInteger("servers", c, 1);
  const cap = input.truncation ?? c + 200;
  requireInteger("truncation", cap, c);
  const edges = Array.from(input.binEdges);
  if (edges.length < 2) throw new RangeError("binEdges must hold at least two edges");
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) {
      throw new RangeError(`binEdges must increase, got ${edges[i - 1]} then ${edges[i]}`);
    }
  }
  const states = cap + 1;
  // State: p_0…p_N, then ∫E[N], ∫E[Nq], ∫E[busy], ∫λP(N≥c), ∫λ.
  const y0 = new Float64Array(states + 5);
  if (input.initial === undefined) y0[0] = 1;
  else {
    if (input.initial.length !== states) {
      throw new RangeError(`initial must hold N + 1 = ${states} probabilities`);
    }
    for (let n = 0; n < states; n++) y0[n] = input.initial[n];
  }
  const derivative = (t: number, y: Float64Array, dy: Float64Array) => {
    const lambda = arrivalRate(t);
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RangeError(`arrivalRate(${t}) must be finite and ≥ 0, got ${lambda}`);
    }
    let mean = 0, queue = 0, busy = 0, waiting = 0;
    for (let n = 0; n < states; n++) {
      const birthOut = n < cap ? lambda * y[n] : 0;
      const deathOut = mu * Math.min(n, c) * y[n];
      const birthIn = n > 0 ? lambda * y[n - 1] : 0;
      const deathIn = n < cap ? mu * Math.min(n + 1, c) * y[n + 1] : 0;
      dy[n] = birthIn + deathIn - birthOut - deathOut;
      mean += n * y[n];
      queue += Math.max(0, n - c) * y[n];
      busy += Math.min(n, c) * y[n];
      if (n >= c) waiting += y[n];
    }
    dy[states] = mean;
    dy[states + 1] = queue;
    dy[states + 2] = busy;
    dy[states + 3] = lambda * waiting;
    dy[states + 4] = lambda;
  };
  const bins: MtMcBinAverage[] = [];
  let state = y0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i], edges[i + 1]];
    state.fill(0, states);
    const breakpoints = Array.from(input.breakpoints ?? []).filter((b) => b > from && b < to);
    const result = integrate({
      derivative,
      y0: state,
      t0: from,
      t1: to,
      rtol: input.rtol ?? 1e-8,
      atol: 1e-12,
      nonNegative: true,
      breakpoints,
    });
    state = result.y.slice();
    const width = to - from;
    bins.push({
      binStart: from,
      binEnd: to,
      meanInSystem: state[states] / width,
      meanInQueue: state[states + 1] / width,
      meanBusy: state[states + 2] / width,
      waitProbability: state[states + 4] > 0 ? state[states + 3] / state[states + 4] : NaN,
      truncationMass: state[cap],
    });
  }
  return { bins, final: state.slice(0, states) };
}

/** The pointwise-stationary approximation at one time, from {@link mtmcPointwiseStationary}. */
export interface MtMcPointwise {
  /** Time, seconds. */
  t: number;
  /** Erlang C's E[N] at λ(t) (NaN where λ(t) ≥ cμ), customers. */
  meanInSystem: number;
  /** Erlang C's E[N_q] at λ(t) (NaN where λ(t) ≥ cμ), customers. */
  meanInQueue: number;
  /** Erlang C's P(wait) at λ(t) (NaN where λ(t) ≥ cμ). */
  waitProbability: number;
}

/**
 * The pointwise-stationary approximation (PSA): stationary M/M/c at the instantaneous λ(t).
 * An approximation without the queue's memory: no lag, too large a swing, NaN when overloaded.
 * @param arrivalRate λ(t), per second.
 * @param serviceRate μ, per second (> 0).
 * @param servers c (integer ≥ 1).
 * @param times Times to evaluate at, seconds.
 * @returns One point per time.
 */
export function mtmcPointwiseStationary(
  arrivalRate: (t: number) => number,
  serviceRate: number,
  servers: number,
  times: ArrayLike<number>,
): MtMcPointwise[] {
  requirePositive("serviceRate", serviceRate);
  requireInteger("servers", servers, 1);
  return Array.from(times, (t) => {
    const lambda = arrivalRate(t);
    if (lambda === 0) return { t, meanInSystem: 0, meanInQueue: 0, waitProbability: 0 };
    if (!(lambda < servers * serviceRate)) {
      return { t, meanInSystem: NaN, meanInQueue: NaN, waitProbability: NaN };
    }
    const m = mmcMeasures(lambda, serviceRate, servers);
    return {
      t,
      meanInSystem: m.meanNumberInSystem,
      meanInQueue: m.meanQueueLength,
      waitProbability: m.probabilityOfWait,
    };
  });
}
