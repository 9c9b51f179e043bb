/**
 * The continuous-time Markov chain of the single tier whose mean field is the fluid model of
 * `single_tier.ts`: state (n, o), n = 0..K requests in the tier (K the model's integer
 * capacity), o = 0..O clients in the orbit (O a truncation: a client who would enter a full
 * orbit gives up). With A = λ + o/D, f_n the exact probability that an attempt admitted at n
 * times out (`exactTimeoutProbability`; for LIFO the burial share, as in the fluid model) and
 * r the retry probability, the transitions are, for FIFO and LIFO (n < K):
 *
 * - fresh arrival, rate λ: to (n+1, o+1) with probability f_n·r (it will time out and retry),
 *   else to (n+1, o);
 * - retry, rate o/D: to (n+1, o) with probability f_n·r (fails again), else to (n+1, o−1);
 *
 * for deadline drop (doomed attempts never enter the queue): fresh to (n+1, o) w.p. 1 − f_n,
 * to (n, o+1) w.p. f_n·r; retry to (n+1, o−1) w.p. 1 − f_n, to (n, o−1) w.p. f_n·(1 − r);
 * at n = K every attempt is blocked: fresh to (K, o+1) w.p. r, retry to (K, o−1) w.p. 1 − r;
 * and a completion, rate μ·min(n, c), to (n−1, o). The expected drift at an interior state
 * (0 < n < K, o < O) is then exactly the fluid drift with f_n in place of the fluid's normal
 * approximation of the same tail (`ctmcDrift`, tested).
 *
 * States are numbered with the shorter dimension varying fastest, so every transition moves
 * the index by at most w = min(K, O) + 2: the generator is banded, which `gth.ts` exploits.
 *
 * @module
 */
import { exactTimeoutProbability } from "./response_tail.ts";
import { type SingleTierModel, timeoutProbabilityAt } from "./single_tier.ts";

/** Options for `singleTierCtmc`. */
export interface SingleTierCtmcOptions {
  /** O, largest orbit kept (integer ≥ 1); choose it above the degraded orbit. */
  orbitLimit: number;
  /** Constant fresh arrival rate λ, per second (default the model's base rate). */
  arrivalRate?: number;
  /** Largest number of states allowed (default 250,000). */
  maxStates?: number;
}

/** The chain: sparse off-diagonal rates (CSR), exit rates and per-state rewards. */
export interface SingleTierCtmc {
  /** The fluid model it belongs to. */
  readonly model: SingleTierModel;
  /** λ used, per second. */
  readonly arrivalRate: number;
  /** K, largest queue. */
  readonly queueLimit: number;
  /** O, largest orbit. */
  readonly orbitLimit: number;
  /** Number of states (K + 1)(O + 1). */
  readonly size: number;
  /** Half-bandwidth: every transition i → j has |i − j| ≤ bandwidth. */
  readonly bandwidth: number;
  /** Row i's transitions are `column[rowStart[i] .. rowStart[i+1])`. */
  readonly rowStart: Int32Array;
  /** Target state of each transition. */
  readonly column: Int32Array;
  /** Rate of each transition, per second. */
  readonly rate: Float64Array;
  /** Total rate out of each state, per second (−diagonal of the generator). */
  readonly exitRate: Float64Array;
  /** Probability that an attempt admitted in each state times out. */
  readonly timeoutProbability: Float64Array;
  /** Expected goodput in each state (attempts admitted that will be answered in time), per second. */
  readonly goodput: Float64Array;
  /** Index of state (n, o). */
  index(queue: number, orbit: number): number;
  /** n of state i. */
  queueOf(state: number): number;
  /** o of state i. */
  orbitOf(state: number): number;
}

/**
 * Builds the chain. Requires an integer number of servers and an integer capacity K.
 * @throws RangeError naming the field when sizes are not integers or too large.
 */
export function singleTierCtmc(
  model: SingleTierModel,
  options: SingleTierCtmcOptions,
): SingleTierCtmc {
  const K = model.queueCapacity;
  const O = options.orbitLimit;
  const { servers: c, serviceRate: mu } = model.service;
  if (!Number.isInteger(K)) {
    throw new RangeError(`queueCapacity must be an integer for the CTMC, got ${K}`);
  }
  if (!Number.isInteger(c)) {
    throw new RangeError(`servers must be an integer for the CTMC, got ${c}`);
  }
  if (!(Number.isInteger(O) && O >= 1)) {
    throw new RangeError(`orbitLimit must be an integer >= 1, got ${O}`);
  }
  const size = (K + 1) * (O + 1);
  const maxStates = options.maxStates ?? 250_000;
  if (size > maxStates) {
    throw new RangeError(
      `orbitLimit, queueCapacity: (K+1)(O+1) = ${size} states exceeds ${maxStates}`,
    );
  }
  const lambda = options.arrivalRate ?? model.arrivalRate;
  if (!(Number.isFinite(lambda) && lambda >= 0)) {
    throw new RangeError(`arrivalRate must be a finite number >= 0, got ${lambda}`);
  }
  const queueFast = K <= O;
  const index = queueFast
    ? (n: number, o: number) => o * (K + 1) + n
    : (n: number, o: number) => n * (O + 1) + o;
  const queueOf = queueFast ? (i: number) => i % (K + 1) : (i: number) => Math.floor(i / (O + 1));
  const orbitOf = queueFast ? (i: number) => Math.floor(i / (K + 1)) : (i: number) => i % (O + 1);
  const exactTail = Array.from(
    { length: K + 1 },
    (_, n) => exactTimeoutProbability(model.service, n),
  );
  const r = model.retryProbability;
  const D = model.orbitDelay;
  const deadline = model.discipline === "deadline-drop";

  const rowStart = new Int32Array(size + 1);
  const columns: number[] = [];
  const rates: number[] = [];
  const exitRate = new Float64Array(size);
  const timeoutProbability = new Float64Array(size);
  const goodput = new Float64Array(size);
  const targets = new Map<number, number>();
  const add = (n: number, o: number, rate: number) => {
    if (rate <= 0) return;
    const j = index(n, o);
    targets.set(j, (targets.get(j) ?? 0) + rate);
  };
  for (let i = 0; i < size; i++) {
    const n = queueOf(i);
    const o = orbitOf(i);
    const retry = o / D;
    const offered = lambda + retry;
    const f = timeoutProbabilityAt(model, n, offered, (q) => exactTail[q]);
    timeoutProbability[i] = f;
    targets.clear();
    const room = o < O;
    if (n < K) {
      if (deadline) {
        add(n + 1, o, lambda * (1 - f));
        if (room) add(n, o + 1, lambda * f * r);
        add(n + 1, o - 1, retry * (1 - f));
        add(n, o - 1, retry * f * (1 - r));
        goodput[i] = offered * (1 - f);
      } else {
        if (room) {
          add(n + 1, o + 1, lambda * f * r);
          add(n + 1, o, lambda * (1 - f * r));
        } else {
          add(n + 1, o, lambda);
        }
        add(n + 1, o, retry * f * r);
        add(n + 1, o - 1, retry * (1 - f * r));
        goodput[i] = offered * (1 - f);
      }
    } else {
      if (room) add(K, o + 1, lambda * r);
      add(K, o - 1, retry * (1 - r));
    }
    add(n - 1, o, mu * Math.min(n, c));
    rowStart[i] = columns.length;
    let total = 0;
    for (const [j, rate] of [...targets].sort((a, b) => a[0] - b[0])) {
      columns.push(j);
      rates.push(rate);
      total += rate;
    }
    exitRate[i] = total;
  }
  rowStart[size] = columns.length;
  return {
    model,
    arrivalRate: lambda,
    queueLimit: K,
    orbitLimit: O,
    size,
    bandwidth: Math.min(K, O) + 2,
    rowStart,
    column: Int32Array.from(columns),
    rate: Float64Array.from(rates),
    exitRate,
    timeoutProbability,
    goodput,
    index,
    queueOf,
    orbitOf,
  };
}

/**
 * The chain's expected drift at each state, from the generator: `Σ_j q_ij (n_j − n_i)` and
 * `Σ_j q_ij (o_j − o_i)`, per second.
 */
export function ctmcDrift(chain: SingleTierCtmc): { queue: Float64Array; orbit: Float64Array } {
  const queue = new Float64Array(chain.size);
  const orbit = new Float64Array(chain.size);
  for (let i = 0; i < chain.size; i++) {
    const n = chain.queueOf(i);
    const o = chain.orbitOf(i);
    for (let k = chain.rowStart[i]; k < chain.rowStart[i + 1]; k++) {
      const j = chain.column[k];
      queue[i] += chain.rate[k] * (chain.queueOf(j) - n);
      orbit[i] += chain.rate[k] * (chain.orbitOf(j) - o);
    }
  }
  return { queue, orbit };
}
