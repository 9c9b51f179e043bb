/**
 * Measures of agreement between the fluid model's trajectories and the simulator's, read from
 * their per-bin series (`SeriesRow`: rates per second, levels as bin means), and the rule
 * that says when the two agree. Pure functions; times in seconds.
 *
 * **Quantities.** `offered` (first attempts + retries, requests), `goodput` (requests answered
 * in time), `orbit` (citizens waiting to retry, ∫orbit dt in citizen·s) and `queue:<tier>`
 * (∫queue dt in request·s), each integrated over a window [from, to) of the run.
 *
 * **Measures.** For a window: the fluid integral F, the simulator's replication mean S̄ with
 * its 95 % Student-t half-width h, the relative error (F − S̄)/S̄ and the relative L1 distance
 * Σ_b |F_b − S̄_b| / Σ_b |S̄_b| of the trajectories binned at a comparison width (the shape,
 * not only the total: a trajectory shifted in time has a small error and a large L1).
 *
 * **Rule** ({@link agreementTolerance}). The fluid model is the limit N → ∞ of a system whose
 * demand and capacity grow with N (exactly what `scaleScenario` does with k); for finite N the
 * simulator's mean differs from it by O(1/√N) relatively — the diffusion scale of the
 * functional central limit theorem, which becomes a bias of the mean at the capacity
 * thresholds where the drift is not smooth (E[min(A, c)] − min(E A, c) is of the order of the
 * standard deviation of A, √N: about 0.4 standard deviations when A is centred on c).
 * The fluid integral agrees when |F − S̄| ≤ h + ε, with ε:
 * - counts (`offered`, `goodput`): S̄/√N, N the smallest non-zero pool of service slots of any
 *   finite tier in the run (servers × concurrency) — the coarsest part of the system;
 * - `orbit`: S̄/√N plus one citizen over the window (a mean level under one is below a
 *   discrete system's resolution);
 * - `queue:<tier>`: √c̄ requests over the window, c̄ the tier's mean slots in it — the
 *   Halfin–Whitt scale of a queue at a many-server tier near its capacity, which the fluid
 *   model (no queue below capacity) leaves out.
 *
 * @module
 */
import { meanConfidenceInterval } from "../stats/mod.ts";
import type { SeriesRow } from "../table/mod.ts";

/** The simulator's failure series: an attempt failed for its client in the bin. */
export const FAILURE_SERIES = [
  "failed_timeout_per_s",
  "failed_rejected_per_s",
  "failed_crashed_per_s",
  "failed_reneged_per_s",
  "failed_balked_per_s",
] as const;

/** A window of the run, seconds from the scenario origin: [from, to). */
export interface AgreementWindow {
  /** Start, seconds. */
  from: number;
  /** End (excluded), seconds. */
  to: number;
}

/** The agreement of one trajectory over a window. */
export interface TrajectoryAgreement {
  /** `offered`, `goodput`, `orbit` or `queue:<tier>`. */
  quantity: string;
  /** Unit of the integrals: `requests` (counts) or `request·s` / `citizen·s` (levels). */
  unit: string;
  /** Fluid integral over the window. */
  fluid: number;
  /** Simulator's replication mean of the integral. */
  simulator: number;
  /** 95 % Student-t half-width of that mean (NaN with one replication). */
  halfWidth: number;
  /** (fluid − simulator) / simulator; NaN when the simulator's integral is 0. */
  relativeError: number;
  /** Σ_b |fluid_b − simulator_b| / Σ_b |simulator_b| over the comparison bins (NaN: all 0). */
  relativeL1: number;
  /** The rule's bound on |fluid − simulator| ({@link agreementTolerance}), same unit. */
  tolerance: number;
  /** |fluid − simulator| ≤ tolerance. */
  within: boolean;
}

/** What a quantity reads: the series summed, its unit and how its tolerance is set. */
export interface QuantitySpec {
  /** Quantity name. */
  quantity: string;
  /** Series metrics summed into it. */
  metrics: string[];
  /** Unit of its integral. */
  unit: string;
  /** `count`, `orbit` or `queue` (see {@link agreementTolerance}). */
  kind: "count" | "orbit" | "queue";
  /** For a queue: its tier (mean slots read from `servers:<tier>` × concurrency). */
  tier?: string;
}

/** The quantities compared for a scenario with these tiers. */
export function agreementQuantities(tiers: readonly string[]): QuantitySpec[] {
  const specs: QuantitySpec[] = [
    {
      quantity: "offered",
      metrics: ["offered_first_per_s", "offered_retry_per_s"],
      unit: "requests",
      kind: "count",
    },
    { quantity: "goodput", metrics: ["goodput_per_s"], unit: "requests", kind: "count" },
    { quantity: "orbit", metrics: ["orbit_size"], unit: "citizen·s", kind: "orbit" },
  ];
  for (const tier of tiers) {
    specs.push({
      quantity: `queue:${tier}`,
      metrics: [`queue_length:${tier}`],
      unit: "request·s",
      kind: "queue",
      tier,
    });
  }
  return specs;
}

/**
 * A trajectory binned over a window: the integral of the summed metrics over each comparison
 * bin [from + b·width, from + (b+1)·width) ∩ window, by overlap (rates → counts, levels →
 * level·seconds).
 */
export function binnedIntegrals(
  rows: readonly SeriesRow[],
  metrics: readonly string[],
  window: AgreementWindow,
  width: number,
): Float64Array {
  const bins = Math.max(1, Math.ceil((window.to - window.from) / width - 1e-9));
  const out = new Float64Array(bins);
  const wanted = new Set(metrics);
  for (const row of rows) {
    if (!wanted.has(row.metric)) continue;
    const start = Math.max(row.bin_start, window.from);
    const end = Math.min(row.bin_start + row.bin_width, window.to);
    if (!(end > start)) continue;
    // A series bin lies in one comparison bin when the widths are multiples; else split it.
    let t = start;
    while (t < end - 1e-9) {
      const b = Math.min(bins - 1, Math.floor((t - window.from) / width + 1e-9));
      const edge = Math.min(end, window.from + (b + 1) * width);
      out[b] += row.value * (edge - t);
      t = edge;
    }
  }
  return out;
}

/** Sum of an array. */
function total(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

/** Mean of a series level over a window (time-weighted), NaN when it has no bin there. */
export function windowMean(
  rows: readonly SeriesRow[],
  metric: string,
  window: AgreementWindow,
): number {
  let sum = 0;
  let span = 0;
  for (const row of rows) {
    if (row.metric !== metric) continue;
    const start = Math.max(row.bin_start, window.from);
    const end = Math.min(row.bin_start + row.bin_width, window.to);
    if (!(end > start)) continue;
    sum += row.value * (end - start);
    span += end - start;
  }
  return span > 0 ? sum / span : NaN;
}

/** Inputs of {@link agreementTolerance}. */
export interface ToleranceInput {
  /** The quantity's spec. */
  spec: QuantitySpec;
  /** Simulator's mean integral. */
  simulator: number;
  /** Its 95 % half-width (NaN counts as 0). */
  halfWidth: number;
  /** Window length, seconds. */
  seconds: number;
  /** N: the smallest non-zero pool of slots of a finite tier. */
  smallestPool: number;
  /** For a queue: the tier's mean slots over the window. */
  tierSlots?: number;
}

/** The rule's bound on |fluid − simulator| (module comment), in the quantity's unit. */
export function agreementTolerance(input: ToleranceInput): number {
  const h = Number.isFinite(input.halfWidth) ? input.halfWidth : 0;
  const relative = 1 / Math.sqrt(Math.max(1, input.smallestPool));
  switch (input.spec.kind) {
    case "count":
      return h + Math.abs(input.simulator) * relative;
    case "orbit":
      return h + Math.abs(input.simulator) * relative + input.seconds;
    case "queue":
      return h + Math.sqrt(Math.max(1, input.tierSlots ?? 1)) * input.seconds;
  }
}

/** Inputs of {@link trajectoryAgreement}. */
export interface TrajectoryInput {
  /** What to compare. */
  spec: QuantitySpec;
  /** The fluid model's series. */
  fluid: readonly SeriesRow[];
  /** The simulator's series, one array per replication. */
  replications: readonly (readonly SeriesRow[])[];
  /** The window. */
  window: AgreementWindow;
  /** Width of the comparison bins, seconds. */
  width: number;
  /** N of the rule: the smallest non-zero pool of slots of a finite tier. */
  smallestPool: number;
  /** Slots per server of each tier's `servers:<tier>` series (concurrency × stretch), by name. */
  concurrency: Readonly<Record<string, number>>;
}

/** The agreement of one quantity over a window (module comment). */
export function trajectoryAgreement(input: TrajectoryInput): TrajectoryAgreement {
  const { spec, window, width } = input;
  const fluidBins = binnedIntegrals(input.fluid, spec.metrics, window, width);
  const simBins = new Float64Array(fluidBins.length);
  const integrals: number[] = [];
  for (const rows of input.replications) {
    const bins = binnedIntegrals(rows, spec.metrics, window, width);
    for (let b = 0; b < bins.length; b++) simBins[b] += bins[b] / input.replications.length;
    integrals.push(total(bins));
  }
  const interval = meanConfidenceInterval(integrals, 0.95);
  const fluid = total(fluidBins);
  const simulator = interval.mean;
  let distance = 0;
  let scale = 0;
  for (let b = 0; b < simBins.length; b++) {
    distance += Math.abs(fluidBins[b] - simBins[b]);
    scale += Math.abs(simBins[b]);
  }
  let tierSlots: number | undefined;
  if (spec.tier !== undefined) {
    let slots = 0;
    for (const rows of input.replications) {
      slots += windowMean(rows, `servers:${spec.tier}`, window) / input.replications.length;
    }
    tierSlots = slots * (input.concurrency[spec.tier] ?? 1);
  }
  const tolerance = agreementTolerance({
    spec,
    simulator,
    halfWidth: interval.halfWidth,
    seconds: window.to - window.from,
    smallestPool: input.smallestPool,
    tierSlots,
  });
  return {
    quantity: spec.quantity,
    unit: spec.unit,
    fluid,
    simulator,
    halfWidth: interval.halfWidth,
    relativeError: simulator !== 0 ? (fluid - simulator) / simulator : NaN,
    relativeL1: scale > 0 ? distance / scale : NaN,
    tolerance,
    within: Math.abs(fluid - simulator) <= tolerance,
  };
}
