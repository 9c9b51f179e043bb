/**
 * The benchmark registry's shared types. Each bench file exports `benchmarks: Benchmark[]`;
 * `bench/main.ts` runs them (each in a fresh subprocess) and prints one JSON line each.
 *
 * @module
 */

/** What one benchmark run measured. */
export interface BenchResult {
  /** Calendar events fired (or the bench's own unit of work). */
  events: number;
  /** Completed jobs (customers, requests). */
  customers: number;
  /** Wall-clock seconds of the measured part. */
  seconds: number;
  /** Highest resident set size sampled during the run, MiB (see {@link RssSampler}). */
  peakRssMb: number;
}

/**
 * A named benchmark. `run` does the work once and reports what it measured (it may be
 * asynchronous). Extra top-level fields of the result (e.g. `speedup`) are printed as they are.
 */
export interface Benchmark {
  /** Name, "<area>/<case>", e.g. "engine/mm1-callbacks". */
  name: string;
  /** One-line description (inputs, what is measured). */
  description: string;
  /**
   * Runs in one process this many times; the fastest run is reported (default 1). Use 3 or
   * more for sub-second benchmarks on a shared machine.
   */
  repetitions?: number;
  /** Runs the benchmark. */
  run(): BenchResult | Promise<BenchResult>;
}

/** Tracks the highest process RSS seen at the points where `sample()` is called, MiB. */
export class RssSampler {
  private highest = 0;

  /** Samples the resident set size now. */
  sample(): void {
    const rss = Deno.memoryUsage().rss;
    if (rss > this.highest) this.highest = rss;
  }

  /** Highest RSS sampled, MiB (samples once more first). */
  get peakMb(): number {
    this.sample();
    return this.highest / 2 ** 20;
  }
}

/** Wall-clock seconds elapsed since `start` (a `performance.now()` reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
