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
  /**
   * Targets the benchmark must meet (e.g. an issue's speed goal); the line printed says whether
   * this run met them (`meets_targets`).
   */
  targets?: BenchTargets;
  /**
   * The figure recorded when the targets were set (another day, perhaps another machine): the
   * line printed gives `speedup_vs_recorded` = recorded seconds ÷ measured seconds.
   */
  recorded?: RecordedFigure;
  /**
   * The name of a benchmark that does this one's workload stripped down (e.g. the same network as
   * a bare loop). The runner runs it in the same invocation, and this one's line gives
   * `cost_per_event_vs_baseline` (see {@link baselineFields}).
   */
  baseline?: string;
}

/** Limits a benchmark's run must stay within. */
export interface BenchTargets {
  /** Wall-clock seconds at most. */
  seconds?: number;
  /** Peak RSS at most, MiB. */
  peakRssMb?: number;
  /** Where the targets come from (e.g. "the redesign's target: …"). */
  source: string;
}

/** A benchmark's time as recorded when its targets were set. */
export interface RecordedFigure {
  /** Wall-clock seconds then. */
  seconds: number;
  /** When and by what it was measured. */
  source: string;
}

/**
 * The fields a benchmark's targets and recorded figure add to its printed line: the targets,
 * whether `result` meets them, and the speed-up against the recorded figure.
 */
export function targetFields(benchmark: Benchmark, result: BenchResult): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const targets = benchmark.targets;
  if (targets !== undefined) {
    let meets = true;
    if (targets.seconds !== undefined) {
      fields.target_seconds = targets.seconds;
      meets &&= result.seconds <= targets.seconds;
    }
    if (targets.peakRssMb !== undefined) {
      fields.target_peak_rss_mb = targets.peakRssMb;
      meets &&= result.peakRssMb <= targets.peakRssMb;
    }
    fields.meets_targets = meets;
  }
  if (benchmark.recorded !== undefined) {
    fields.recorded_seconds = benchmark.recorded.seconds;
    fields.speedup_vs_recorded = Math.round(benchmark.recorded.seconds / result.seconds * 100) /
      100;
  }
  return fields;
}

/**
 * The fields a benchmark's baseline adds to its printed line: the baseline's name and
 * `cost_per_event_vs_baseline`, the wall time per event of `result` divided by that of
 * `baselineResult` (measured in the same invocation), to 3 decimals. Empty without a baseline.
 */
export function baselineFields(
  benchmark: Benchmark,
  result: BenchResult,
  baselineResult: BenchResult | undefined,
): Record<string, unknown> {
  if (benchmark.baseline === undefined || baselineResult === undefined) return {};
  const cost = result.seconds / result.events;
  const baselineCost = baselineResult.seconds / baselineResult.events;
  return {
    baseline: benchmark.baseline,
    cost_per_event_vs_baseline: Math.round(cost / baselineCost * 1000) / 1000,
  };
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
