/**
 * Named, independently seeded random streams: `new RandomStreams(seed).stream("arrivals")`.
 * Each stream is an sfc32 generator (Chris Doty-Humphrey's Small Fast Counting PRNG, 128-bit
 * state, passes PractRand) whose state is derived by hashing (seed, name) with a
 * splitmix-style 32-bit mixer; distributions are d3-random's, bound to the stream with
 * `.source(...)`. The same seed and name always give the same draws, and streams with
 * different names are independent, so two designs compared with the same seed use common
 * random numbers purpose by purpose. The generator is hand-written because d3-random's own
 * `randomLcg` is a 32-bit LCG with a short period; sfc32 is a few lines.
 *
 * @module
 */
import {
  randomBernoulli,
  randomBinomial,
  randomGamma,
  randomInt,
  randomPareto,
  randomPoisson,
  randomUniform,
  randomWeibull,
} from "npm:d3-random@3.0.2";

/** Mixes a 32-bit integer (splitmix32 / murmur3 finaliser constants). */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * Hashes a seed and a stream name to four 32-bit words: four FNV-1a passes over (word index,
 * seed bytes, name's UTF-16 units), each finished with the mixer, so names differing in any
 * character give unrelated states.
 */
export function streamSeed(seed: number, name: string): Uint32Array {
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const state = new Uint32Array(4);
  for (let word = 0; word < 4; word++) {
    let hash = Math.imul(0x811c9dc5 ^ word, 0x01000193);
    for (const part of [low, high]) {
      for (let shift = 0; shift < 32; shift += 8) {
        hash = Math.imul(hash ^ ((part >>> shift) & 0xff), 0x01000193);
      }
    }
    for (let i = 0; i < name.length; i++) {
      hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
    }
    state[word] = mix32(mix32(hash) ^ word);
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/**
 * Creates an sfc32 source of uniform numbers in [0, 1) (32 bits of resolution) from four
 * 32-bit words. The generator is warmed up 15 rounds as its author recommends.
 */
export function sfc32(words: Uint32Array): () => number {
  let a = words[0] | 0;
  let b = words[1] | 0;
  let c = words[2] | 0;
  let d = words[3] | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * Normal draws by Marsaglia's polar method, exactly as d3-random's `randomNormal` draws them:
 * the same uniforms consumed, the pair's second value kept for the next call, and the same
 * arithmetic `mu + sigma * y * √(−2 ln r / r)` evaluated left to right, so a stream gives the
 * same numbers bit for bit. Written out because log-normal service times are a hot sampler;
 * the factor √(−2 ln r / r) is computed once per pair (d3 computes it for each value, with the
 * same result). `exp` true gives exp(N(mu, sigma)) (d3's `randomLogNormal`).
 */
function polarNormal(
  source: () => number,
  mu: number,
  sigma: number,
  exp: boolean,
): () => number {
  let cached = false; // the pair's second value (x) is waiting
  let x = 0;
  let factor = 0;
  const draw = (): number => {
    let y: number;
    if (cached) {
      y = x;
      cached = false;
    } else {
      let r: number;
      do {
        x = source() * 2 - 1;
        y = source() * 2 - 1;
        r = x * x + y * y;
      } while (r === 0 || r > 1);
      factor = Math.sqrt(-2 * Math.log(r) / r);
      cached = true;
    }
    return mu + sigma * y * factor;
  };
  return exp ? () => Math.exp(draw()) : draw;
}

function requirePositive(distribution: string, field: string, value: number): void {
  if (!(value > 0) || value === Infinity) {
    throw new RangeError(`${distribution}: ${field} must be a finite number > 0, got ${value}`);
  }
}

function requireFinite(distribution: string, field: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${distribution}: ${field} must be a finite number, got ${value}`);
  }
}

function requireProbability(distribution: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${distribution}: p must be a probability in [0, 1], got ${value}`);
  }
}

/**
 * One named random stream. Distribution methods are sampler factories: create the sampler
 * once, call it per draw (no allocation per draw). Units are whatever the parameters are in
 * (e.g. `exponential(rate)` with rate in 1/s draws seconds).
 */
export class RandomStream {
  /** The stream's name. */
  readonly name: string;
  /** Uniform number in [0, 1). */
  readonly random: () => number;

  /**
   * Creates a RandomStream.
   *
   * @param name stream name (for messages)
   * @param source uniform [0, 1) generator
   */
  constructor(name: string, source: () => number) {
    this.name = name;
    this.random = source;
  }

  /**
   * Exponential with `rate` (events per unit time, > 0); mean 1/rate. Inversion
   * `−ln(1 − U) / rate` written out (no library closure in between: it is the hottest sampler).
   */
  exponential(rate: number): () => number {
    requirePositive("exponential", "rate", rate);
    const source = this.random;
    const mean = 1 / rate;
    return () => -Math.log(1 - source()) * mean;
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): () => number {
    requireFinite("uniform", "min", min);
    requireFinite("uniform", "max", max);
    if (!(max >= min)) throw new RangeError(`uniform: max must be >= min (${min}), got ${max}`);
    return randomUniform.source(this.random)(min, max);
  }

  /** Integer uniform on [min, max) (both integers). */
  integer(min: number, max: number): () => number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min) {
      throw new RangeError(`integer: need integers min < max, got min ${min}, max ${max}`);
    }
    return randomInt.source(this.random)(min, max);
  }

  /** Normal with `mean` and standard deviation `sd` (>= 0). */
  normal(mean: number, sd: number): () => number {
    requireFinite("normal", "mean", mean);
    if (!(sd >= 0) || sd === Infinity) {
      throw new RangeError(`normal: sd must be a finite number >= 0, got ${sd}`);
    }
    return polarNormal(this.random, mean, sd, false);
  }

  /** Log-normal: exp(N(mu, sigma)); `mu` and `sigma` are of the underlying normal. */
  logNormal(mu: number, sigma: number): () => number {
    requireFinite("logNormal", "mu", mu);
    if (!(sigma >= 0) || sigma === Infinity) {
      throw new RangeError(`logNormal: sigma must be a finite number >= 0, got ${sigma}`);
    }
    return polarNormal(this.random, mu, sigma, true);
  }

  /** Gamma with `shape` (> 0) and `scale` (> 0); mean shape·scale. */
  gamma(shape: number, scale: number): () => number {
    requirePositive("gamma", "shape", shape);
    requirePositive("gamma", "scale", scale);
    return randomGamma.source(this.random)(shape, scale);
  }

  /** Weibull with `shape` k (> 0) and `scale` λ (> 0): λ·(−ln U)^(1/k). */
  weibull(shape: number, scale: number): () => number {
    requirePositive("weibull", "shape", shape);
    requirePositive("weibull", "scale", scale);
    return randomWeibull.source(this.random)(shape, 0, scale);
  }

  /** Pareto (type I) with tail index `alpha` (> 0) and minimum `scale` (> 0). */
  pareto(alpha: number, scale: number): () => number {
    requirePositive("pareto", "alpha", alpha);
    requirePositive("pareto", "scale", scale);
    const draw = randomPareto.source(this.random)(alpha);
    return () => scale * draw();
  }

  /** Bernoulli: 1 with probability `p`, else 0. */
  bernoulli(p: number): () => number {
    requireProbability("bernoulli", p);
    return randomBernoulli.source(this.random)(p);
  }

  /** Binomial: successes in `n` (integer >= 0) trials of probability `p`. */
  binomial(n: number, p: number): () => number {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`binomial: n must be an integer >= 0, got ${n}`);
    }
    requireProbability("binomial", p);
    return randomBinomial.source(this.random)(n, p);
  }

  /** Poisson count with `mean` (>= 0). */
  poisson(mean: number): () => number {
    if (!(mean >= 0) || mean === Infinity) {
      throw new RangeError(`poisson: mean must be a finite number >= 0, got ${mean}`);
    }
    return randomPoisson.source(this.random)(mean);
  }

  /**
   * Discrete distribution: returns `values[i]` with probability proportional to `weights[i]`
   * (>= 0, not all 0). Uses Walker's alias method: O(1) per draw. Hand-written because
   * d3-random has no weighted discrete distribution.
   */
  discrete(values: readonly number[], weights: readonly number[]): () => number {
    const n = values.length;
    if (n === 0 || weights.length !== n) {
      throw new RangeError(
        `discrete: need as many weights as values (> 0), got ${n} values and ${weights.length} weights`,
      );
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || w === Infinity) {
        throw new RangeError(`discrete: weights[${i}] must be a finite number >= 0, got ${w}`);
      }
      total += w;
    }
    if (!(total > 0)) throw new RangeError("discrete: weights must not all be 0");
    const probability = new Float64Array(n);
    const alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      probability[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) probability[i] = 1;
    for (const i of small) probability[i] = 1;
    const table = Float64Array.from(values);
    const random = this.random;
    return () => {
      const u = random() * n;
      const i = Math.floor(u);
      return u - i < probability[i] ? table[i] : table[alias[i]];
    };
  }

  /** Empirical distribution: resamples one of `samples` uniformly (bootstrap draw). */
  empirical(samples: readonly number[]): () => number {
    if (samples.length === 0) throw new RangeError("empirical: samples must not be empty");
    const table = Float64Array.from(samples);
    const n = table.length;
    const random = this.random;
    return () => table[Math.floor(random() * n)];
  }
}

/**
 * A family of named streams from one seed: `stream(name)` returns the same stream object for
 * the same name. Use one stream per purpose ("arrivals", "service", "patience", ...).
 */
export class RandomStreams {
  /** The run's seed (integer, 0 <= seed < 2^53). */
  readonly seed: number;
  private readonly streams = new Map<string, RandomStream>();

  /**
   * Creates a RandomStreams.
   *
   * @param seed integer seed, 0 <= seed <= Number.MAX_SAFE_INTEGER.
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(
        `RandomStreams: seed must be an integer between 0 and ${Number.MAX_SAFE_INTEGER}, got ${seed}`,
      );
    }
    this.seed = seed;
  }

  /** The stream called `name` (created on first use; later calls return the same object). */
  stream(name: string): RandomStream {
    if (typeof name !== "string" || name.length === 0) {
      throw new TypeError(
        `RandomStreams.stream: name must be a non-empty string, got ${String(name)}`,
      );
    }
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, sfc32(streamSeed(this.seed, name)));
      this.streams.set(name, stream);
    }
    return stream;
  }
}
