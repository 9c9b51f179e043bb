/**
 * What a run measures as it goes: per-bin counts of attempts and their fates (the series), the
 * same counts after the warm-up (the summaries), latency tallies, and time-weighted levels of
 * capacity, downtime, servers, the retry orbit and citizens held in front of the service.
 * Recording is an increment or a level change; nothing is allocated per event.
 *
 * @module
 */
import { BinnedLevel, Tally } from "../../engine/mod.ts";

/** Counters an attempt can end in (index into the per-bin and after-warm-up arrays). */
export const COUNTS = [
  "offered_first",
  "offered_retry",
  "admitted",
  "completed",
  "goodput",
  "failed_timeout",
  "failed_rejected",
  "failed_crashed",
  "failed_reneged",
  "failed_balked",
  "failed_local",
] as const;
/** A counter's name. */
export type CountName = typeof COUNTS[number];

/** Counter index: first attempts sent. */
export const OFFERED_FIRST = 0;
/** Counter index: retries and reloads sent. */
export const OFFERED_RETRY = 1;
/** Counter index: attempts accepted by their first tier. */
export const ADMITTED = 2;
/** Counter index: requests that finished their route (whether or not anyone waited). */
export const COMPLETED = 3;
/** Counter index: completed requests whose client was still waiting. */
export const GOODPUT = 4;
/** Counter index: attempts whose client stopped waiting (timeout, end-to-end patience). */
export const FAILED_TIMEOUT = 5;
/** Counter index: attempts rejected (full queue, admission gate, shedding, dropped). */
export const FAILED_REJECTED = 6;
/** Counter index: attempts lost to a crashed or closed tier. */
export const FAILED_CRASHED = 7;
/** Counter index: attempts that left a queue impatient (reneged). */
export const FAILED_RENEGED = 8;
/** Counter index: attempts that balked at a long queue. */
export const FAILED_BALKED = 9;
/** Counter index: attempts failed by a client-side limit (breaker, throttle, retry budget). */
export const FAILED_LOCAL = 10;

/** Options of {@link RunMetrics}. */
export interface RunMetricsOptions {
  /** Bin width, seconds. */
  binWidthSeconds: number;
  /** Horizon, seconds. */
  horizonSeconds: number;
  /** Warm-up, seconds: summaries count only what happens from then on. */
  warmupSeconds: number;
}

/** The run's counters, tallies and levels. */
export class RunMetrics {
  /** Bin width, seconds. */
  readonly binWidth: number;
  /** Number of bins. */
  readonly bins: number;
  /** Warm-up, seconds. */
  readonly warmup: number;
  private readonly inverseWidth: number;
  /** Per-bin counts, one array per counter (COUNTS order): views of {@link counts}. */
  readonly perBin: Float64Array[];
  /** Every per-bin count in one array, counter by counter (`counter × bins + bin`). */
  private readonly counts: Float64Array;
  /** Counts after the warm-up (COUNTS order). */
  readonly afterWarmup = new Float64Array(COUNTS.length);
  /** Latency of completed requests per bin (by completion time), seconds. */
  readonly latency: Tally[];
  /** Latency of completed requests sent after the warm-up, seconds. */
  readonly latencyAll = new Tally({ significantDigits: 3 });
  /** Time from arrival to journey completion, citizens arrived after the warm-up, seconds. */
  readonly timeToSuccess = new Tally({ significantDigits: 3 });
  /** Capacity of the bottleneck tier, requests/s. */
  readonly capacity: BinnedLevel;
  /** 1 while some tier is crashed or in maintenance. */
  readonly down: BinnedLevel;
  /** Servers summed over the tiers. */
  readonly servers: BinnedLevel;
  /** Sessions waiting to retry (the orbit). */
  readonly orbit: BinnedLevel;
  /** Sessions waiting to come back later. */
  readonly comingBack: BinnedLevel;
  /** Citizens held in front of the service (waiting room, staggered windows). */
  readonly held: BinnedLevel;
  /** Server-seconds spent on requests whose client had gone (after the warm-up). */
  wastedWorkSeconds = 0;

  /** Creates the metrics of a run (see {@link RunMetricsOptions}). */
  constructor(options: RunMetricsOptions) {
    this.binWidth = options.binWidthSeconds;
    this.bins = Math.max(1, Math.ceil(options.horizonSeconds / options.binWidthSeconds - 1e-9));
    this.warmup = options.warmupSeconds;
    this.inverseWidth = 1 / this.binWidth;
    this.counts = new Float64Array(COUNTS.length * this.bins);
    this.perBin = COUNTS.map((_name, counter) =>
      this.counts.subarray(counter * this.bins, (counter + 1) * this.bins)
    );
    this.latency = Array.from({ length: this.bins }, () => new Tally({ significantDigits: 2 }));
    const level = () =>
      new BinnedLevel({
        binWidthSeconds: options.binWidthSeconds,
        horizonSeconds: options.horizonSeconds,
        warmupSeconds: options.warmupSeconds,
      });
    this.capacity = level();
    this.down = level();
    this.servers = level();
    this.orbit = level();
    this.comingBack = level();
    this.held = level();
  }

  /** The bin holding time `now`, seconds. */
  binOf(now: number): number {
    const bin = Math.floor(now * this.inverseWidth);
    return bin < this.bins ? bin : this.bins - 1;
  }

  /** Counts one event of counter `counter` at time `now`. */
  count(counter: number, now: number): void {
    this.counts[counter * this.bins + this.binOf(now)]++;
    if (now >= this.warmup) this.afterWarmup[counter]++;
  }

  /**
   * Counts one event of counter `counter` at time `now` that ends a request sent at `issued`
   * (seconds): its bin is that of `now`, but it counts after the warm-up only for a request sent
   * after it — like the attempts, so that successes never outnumber the attempts they answer.
   */
  countEnd(counter: number, now: number, issued: number): void {
    this.counts[counter * this.bins + this.binOf(now)]++;
    if (issued >= this.warmup) this.afterWarmup[counter]++;
  }

  /** Records a completed request sent at `issued` and completed at `now` (seconds). */
  recordLatency(issued: number, now: number): void {
    const latency = now - issued;
    this.latency[this.binOf(now)].record(latency);
    if (issued >= this.warmup) this.latencyAll.record(latency);
  }
}
