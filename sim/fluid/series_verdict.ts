/**
 * The verdict on a whole scenario run — healthy / recovers after T / stays degraded — read
 * from its per-bin series (`offered_first_per_s`, `offered_retry_per_s`, `goodput_per_s`), the
 * same way for the fluid model's series and for the simulator's (several replications are
 * averaged bin by bin first).
 *
 * A bin is *active* when the attempts offered in it exceed `activeShare` (default 10⁻³) of
 * the run's busiest bin; an active bin is *degraded* when fewer than `degradedBelow` (default
 * half) of the attempts offered in it succeed (goodput ÷ offered, the threshold
 * `surge_verdict.ts` uses for a single tier), or when its queues hold more than `slowAbove`
 * (default 60) seconds of its goodput: the requests queued at every tier (`queue_length:<tier>`,
 * bin means) ÷ the goodput, by Little's law about the time a request waits in queues — an
 * overload that clients wait out (no timeout) builds such a backlog while every attempt still
 * succeeds. Verdicts:
 * - `healthy`: no degraded bin;
 * - `recovers`: degraded bins, but the *final window* (the last `finalShare`, default 5%, of
 *   the active bins, at least one), pooled, passes both tests;
 *   the recovery time T is the seconds from the start of the first degraded bin to the end of
 *   the last one (how long the service was in trouble — a scenario has no single "end of the
 *   surge");
 * - `stays-degraded`: the pooled final window fails a test (still in trouble at the horizon).
 *   Pooling the window keeps one noisy simulator bin from deciding the verdict.
 *
 * @module
 */
import type { SeriesRow } from "../table/mod.ts";
import type { SurgeOutcome } from "./surge_verdict.ts";

/** Options of {@link seriesVerdict}. */
export interface SeriesVerdictOptions {
  /** Success share below which an active bin is degraded (default 0.5). */
  degradedBelow?: number;
  /** Share of the busiest bin's offered rate above which a bin is active (default 1e-3). */
  activeShare?: number;
  /** Share of the active bins, counted from the end, that forms the final window (0.05). */
  finalShare?: number;
  /** Seconds of goodput queued above which an active bin is degraded (default 60). */
  slowAbove?: number;
}

/** A run's verdict and the numbers behind it. Times in seconds from the scenario origin. */
export interface SeriesVerdict {
  /** healthy / recovers / stays-degraded. */
  verdict: SurgeOutcome;
  /** First degraded bin's start to last degraded bin's end (`recovers`), else null. */
  recoverySeconds: number | null;
  /** Total seconds in degraded bins. */
  degradedSeconds: number;
  /** Start of the first degraded bin, or null. */
  firstDegraded: number | null;
  /** End of the last degraded bin, or null. */
  lastDegradedEnd: number | null;
  /** Success share (goodput ÷ offered) over the whole run. */
  successShare: number;
  /** Replications averaged. */
  replications: number;
}

interface Bin {
  start: number;
  width: number;
  offered: number;
  goodput: number;
  /** Requests queued over every tier (bin mean, summed over the replications). */
  queued: number;
}

/**
 * Classifies a run (or the bin-wise mean of several replications) from its series rows.
 * @throws RangeError when the rows hold no offered or goodput series.
 */
export function seriesVerdict(
  rows: readonly SeriesRow[],
  options: SeriesVerdictOptions = {},
): SeriesVerdict {
  const threshold = options.degradedBelow ?? 0.5;
  const activeShare = options.activeShare ?? 1e-3;
  const slowAbove = options.slowAbove ?? 60;
  const bins = new Map<number, Bin>();
  const replications = new Set<number>();
  let seen = 0;
  for (const row of rows) {
    const offered = row.metric === "offered_first_per_s" || row.metric === "offered_retry_per_s";
    const queued = row.metric.startsWith("queue_length:");
    if (!offered && !queued && row.metric !== "goodput_per_s") continue;
    if (!Number.isFinite(row.value)) continue;
    if (!queued) seen++;
    replications.add(row.replication);
    let bin = bins.get(row.bin_start);
    if (!bin) {
      bin = { start: row.bin_start, width: row.bin_width, offered: 0, goodput: 0, queued: 0 };
      bins.set(row.bin_start, bin);
    }
    if (offered) bin.offered += row.value;
    else if (queued) bin.queued += row.value;
    else bin.goodput += row.value;
  }
  if (seen === 0) {
    throw new RangeError("series: no offered_*_per_s or goodput_per_s rows to classify");
  }
  const ordered = [...bins.values()].sort((a, b) => a.start - b.start);
  const busiest = ordered.reduce((most, bin) => Math.max(most, bin.offered), -Infinity);
  const floor = activeShare * busiest;
  let first: number | null = null;
  let lastEnd: number | null = null;
  let degradedSeconds = 0;
  const active: Bin[] = [];
  let offeredTotal = 0;
  let goodputTotal = 0;
  for (const bin of ordered) {
    offeredTotal += bin.offered * bin.width;
    goodputTotal += bin.goodput * bin.width;
    if (!(bin.offered > floor)) continue;
    active.push(bin);
    // the sums over replications cancel in both ratios
    const degraded = bin.goodput / bin.offered < threshold ||
      (bin.queued > 0 && !(bin.queued / bin.goodput <= slowAbove));
    if (!degraded) continue;
    first ??= bin.start;
    lastEnd = bin.start + bin.width;
    degradedSeconds += bin.width;
  }
  const common = {
    degradedSeconds,
    firstDegraded: first,
    lastDegradedEnd: lastEnd,
    successShare: offeredTotal > 0 ? goodputTotal / offeredTotal : NaN,
    replications: replications.size,
  };
  if (first === null) return { verdict: "healthy", recoverySeconds: null, ...common };
  const window = active.slice(
    -Math.max(1, Math.round((options.finalShare ?? 0.05) * active.length)),
  );
  const total = (field: "offered" | "goodput" | "queued") =>
    window.reduce((sum, bin) => sum + bin[field] * bin.width, 0);
  const goodput = total("goodput");
  const queued = total("queued");
  const stuck = goodput / total("offered") < threshold ||
    (queued > 0 && !(queued / goodput <= slowAbove));
  if (stuck) return { verdict: "stays-degraded", recoverySeconds: null, ...common };
  return { verdict: "recovers", recoverySeconds: lastEnd! - first, ...common };
}
