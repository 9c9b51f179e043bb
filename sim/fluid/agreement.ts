/**
 * Cross-validation of the scenario fluid model (`scenario_fluid.ts`) against the simulator:
 * the same scenario file, scaled by k (`scaleScenario`: demand, population, servers, queues ×
 * k; times and client behaviour unchanged) and optionally cut at a horizon, run by the
 * simulator for a few replications — through the model layer's `runReplication`, the path
 * `spot_check.ts` and the experiment layer's workers use (same seed → same rows) — and
 * integrated by the fluid model; then the trajectories of offered load, goodput, orbit and
 * each tier's queue compared (`agreement_measures.ts`: integrals, relative error, relative L1
 * distance, the simulator's 95 % interval, the rule's tolerance).
 *
 * Two windows: the whole run, and the **clean window** [0, t*) before anything the fluid
 * model leaves out or approximates acts in the simulator, read from the simulator's own
 * series: t* is the start of the first bin where attempts fail — more than `failureShare`
 * (1 %) of the bin's attempts, replication mean: every client mechanism (retries, attempt
 * limits, come-backs) and every failure mechanism (crashes, offline maintenance, refusals)
 * acts only through failures — or a waiting room holds citizens (any replication), or the
 * budget is exhausted (earliest replication). A left-out feature whose action cannot be read
 * from the series ends the clean window at 0 (it is then empty). Not waited for: reloads
 * (they act without failures, from t = 0) and the queue below capacity (which the fluid model
 * has none of) — the rule's O(1/√N) allowance is for them.
 *
 * @module
 */
import {
  parseScenario,
  resolveDesign,
  runReplication,
  scaleScenario,
  type ScenarioFileInput,
} from "../model/mod.ts";
import type { SeriesRow, SummaryRow } from "../table/mod.ts";
import {
  agreementQuantities,
  type AgreementWindow,
  FAILURE_SERIES,
  type TrajectoryAgreement,
  trajectoryAgreement,
} from "./agreement_measures.ts";
import { scenarioFluid } from "./scenario_fluid.ts";
import { compileScenario, type FluidTier, serversAt } from "./scenario_network.ts";

/** Options of {@link fluidAgreement}. */
export interface FluidAgreementOptions {
  /** Scenario file contents (JSON, as read from `data/scenarios/`). */
  scenario: Record<string, unknown> | ScenarioFileInput;
  /** Design to compare (default `"base"`). */
  design?: string;
  /** Demand-and-capacity factor k in (0, 1] (default 1). */
  scale?: number;
  /** Simulator replications (default 3). */
  replications?: number;
  /** Horizon cut, seconds (default the scenario's). */
  horizon?: number;
  /**
   * Width of the comparison bins of the L1 distance, seconds (default the largest multiple of
   * the scenario's bin width not above horizon/48, at least one bin).
   */
  compareBinSeconds?: number;
  /**
   * Share of a bin's attempts whose failure (replication mean) ends the clean window (default
   * 0.01: a stray timeout from a service time's far tail does not; a storm's onset does).
   */
  failureShare?: number;
}

/** The trajectories' agreement over one window. */
export interface WindowAgreement extends AgreementWindow {
  /** N of the rule: the smallest non-zero pool of slots of a finite tier in the window. */
  smallestPool: number;
  /** One entry per quantity: offered, goodput, orbit, queue:<tier>… */
  quantities: TrajectoryAgreement[];
}

/** When something the fluid model leaves out or approximates starts acting in the simulator. */
export interface Binding {
  /** What acts, in words. */
  feature: string;
  /** From when, seconds (start of the first bin where it shows; earliest replication). */
  at: number;
}

/** The agreement of the fluid model with the simulator on one scenario and design. */
export interface FluidAgreement {
  /** Scenario name. */
  scenario: string;
  /** Design compared. */
  design: string;
  /** Scale factor k run. */
  scale: number;
  /** Replications run. */
  replications: number;
  /** Horizon compared, seconds. */
  horizon: number;
  /** Width of the comparison bins, seconds. */
  compareBinSeconds: number;
  /** Features the fluid model leaves out (`ScenarioFluidResult.unsupported`). */
  unsupported: string[];
  /** Features it approximates (`ScenarioFluidResult.approximated`). */
  approximated: string[];
  /** What acts in the simulator, and from when, sorted by time. */
  bindings: Binding[];
  /** The whole run. */
  whole: WindowAgreement;
  /** [0, first binding), possibly empty (`to` = 0). */
  clean: WindowAgreement;
  /** Wall-clock seconds spent: fluid integration and simulator replications. */
  seconds: { fluid: number; simulator: number };
}

/** Left-out features whose action {@link bindingsOf} reads from the simulator's series. */
const TIMED = [/^waiting_room:/, /^budget:/, /crash and restart/, /discipline .* as FIFO/];

function firstBin(
  runs: readonly (readonly SeriesRow[])[],
  test: (row: SeriesRow) => boolean,
): number {
  let at = Infinity;
  for (const rows of runs) {
    for (const row of rows) if (row.bin_start < at && test(row)) at = row.bin_start;
  }
  return at;
}

/**
 * Start of the first bin where the simulator's failures (replication mean) exceed `share` of
 * its attempts (Infinity: never).
 */
export function firstFailingBin(runs: readonly (readonly SeriesRow[])[], share: number): number {
  const failures = new Set<string>(FAILURE_SERIES);
  const failed = new Map<number, number>();
  const offered = new Map<number, number>();
  for (const rows of runs) {
    for (const row of rows) {
      const into = failures.has(row.metric)
        ? failed
        : row.metric === "offered_first_per_s" || row.metric === "offered_retry_per_s"
        ? offered
        : null;
      if (into) into.set(row.bin_start, (into.get(row.bin_start) ?? 0) + row.value);
    }
  }
  let at = Infinity;
  for (const [start, value] of failed) {
    if (start < at && value > 0 && value > share * (offered.get(start) ?? 0)) at = start;
  }
  return at;
}

/**
 * When the features the fluid model misses act in the simulator's replications: failures
 * above `failureShare` of the attempts, a waiting room holding citizens, the budget exhausted,
 * and at 0 every left-out feature whose action the series do not show.
 */
export function bindingsOf(
  runs: readonly { series: readonly SeriesRow[]; summaries: readonly SummaryRow[] }[],
  unsupported: readonly string[],
  failureShare: number,
): Binding[] {
  const series = runs.map((run) => run.series);
  const found: Binding[] = [];
  const failed = firstFailingBin(series, failureShare);
  if (failed < Infinity) {
    found.push({
      feature: `attempts fail (over ${
        failureShare * 100
      } % of a bin's): retries, limits, come-backs act`,
      at: failed,
    });
  }
  const held = firstBin(series, (row) => row.metric === "waiting_room_length" && row.value > 0);
  if (held < Infinity) found.push({ feature: "waiting room holds citizens", at: held });
  let exhausted = Infinity;
  for (const run of runs) {
    for (const row of run.summaries) {
      if (row.metric === "budget_exhausted_at_s" && Number.isFinite(row.value)) {
        exhausted = Math.min(exhausted, row.value);
      }
    }
  }
  if (exhausted < Infinity) found.push({ feature: "budget exhausted", at: exhausted });
  for (const line of unsupported) {
    if (!TIMED.some((pattern) => pattern.test(line))) {
      found.push({ feature: `${line} (its action is not read from the series)`, at: 0 });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * N of the rule over a window: the smallest non-zero number of slots (servers × concurrency)
 * any finite tier has in it, at the scale run (1 when every tier is infinite or closed).
 */
export function smallestPool(tiers: readonly FluidTier[], window: AgreementWindow): number {
  let least = Infinity;
  for (const tier of tiers) {
    if (tier.infinite) continue;
    const starts = [window.from];
    for (const time of tier.times) if (time > window.from && time < window.to) starts.push(time);
    for (const t of starts) {
      const slots = serversAt(tier, t) * tier.concurrency;
      if (slots > 0) least = Math.min(least, slots);
    }
  }
  return least === Infinity ? 1 : least;
}

function defaultCompareWidth(horizon: number, binWidth: number): number {
  const multiples = Math.max(1, Math.floor(horizon / 48 / binWidth));
  return Math.min(multiples * binWidth, horizon);
}

/**
 * Runs the simulator and the fluid model on one scenario and design and measures their
 * agreement (module comment).
 * @throws RangeError on a scale outside (0, 1] or a replication count below 1;
 *   ScenarioError on a scenario or design the model rejects.
 */
export function fluidAgreement(options: FluidAgreementOptions): FluidAgreement {
  const scale = options.scale ?? 1;
  const replications = options.replications ?? 3;
  const design = options.design ?? "base";
  if (!(scale > 0 && scale <= 1)) {
    throw new RangeError(`scale: ${scale} is not allowed; a factor in (0, 1]`);
  }
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(`replications: ${replications} is not allowed; an integer ≥ 1`);
  }
  const json = options.scenario as Record<string, unknown>;
  const scaled = scale === 1 && options.horizon === undefined
    ? json
    : scaleScenario(json, { factor: scale, horizonSeconds: options.horizon });
  const scenario = parseScenario(scaled);
  const resolved = resolveDesign(scenario, design);
  const net = compileScenario(resolved);
  let started = performance.now();
  const fluid = scenarioFluid(resolved, { design });
  const fluidSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const runs = [];
  for (let r = 0; r < replications; r++) runs.push(runReplication(scenario, design, r));
  const simulatorSeconds = (performance.now() - started) / 1000;
  const horizon = fluid.horizon;
  const width = options.compareBinSeconds ?? defaultCompareWidth(horizon, net.binWidth);
  const concurrency: Record<string, number> = {};
  // slots per server of the `servers:<tier>` series, which counts real servers (÷ the stretch)
  for (const tier of net.tiers) {
    const stretch = resolved.service.tiers.find((each) => each.name === tier.name)
      ?.service_time_stretch ?? 1;
    concurrency[tier.name] = tier.concurrency * stretch;
  }
  const bindings = bindingsOf(runs, fluid.unsupported, options.failureShare ?? 0.01);
  const specs = agreementQuantities(net.tiers.filter((t) => !t.infinite).map((t) => t.name));
  const series = runs.map((run) => run.series);
  const compare = (window: AgreementWindow): WindowAgreement => ({
    ...window,
    smallestPool: smallestPool(net.tiers, window),
    quantities: window.to > window.from
      ? specs.map((spec) =>
        trajectoryAgreement({
          spec,
          fluid: fluid.series,
          replications: series,
          window,
          width: Math.min(width, window.to - window.from),
          smallestPool: smallestPool(net.tiers, window),
          concurrency,
        })
      )
      : [],
  });
  const cleanEnd = Math.min(horizon, bindings.length > 0 ? bindings[0].at : horizon);
  return {
    scenario: fluid.scenario,
    design,
    scale,
    replications,
    horizon,
    compareBinSeconds: width,
    unsupported: fluid.unsupported,
    approximated: fluid.approximated,
    bindings,
    whole: compare({ from: 0, to: horizon }),
    clean: compare({ from: 0, to: cleanEnd }),
    seconds: { fluid: fluidSeconds, simulator: simulatorSeconds },
  };
}

/** A number in 4 significant digits, `n/a` for NaN. */
function fmt(value: number, digits = 4): string {
  return Number.isFinite(value) ? value.toPrecision(digits) : "n/a";
}

/** A share as a percentage (signed when `signed`), `n/a` for NaN. */
function pct(value: number, signed = true): string {
  if (!Number.isFinite(value)) return "n/a";
  return `${signed && value >= 0 ? "+" : ""}${(100 * value).toFixed(1)} %`;
}

/**
 * The agreement as text lines: a header (scale, horizon, replications, left-out and
 * approximated features, bindings) and one line per window and quantity — fluid, simulator
 * mean [95 % interval], relative error, relative L1, the rule's tolerance and its verdict.
 */
export function agreementLines(agreement: FluidAgreement): string[] {
  const a = agreement;
  const lines = [
    `${a.scenario} (${a.design}): k = ${a.scale}, horizon ${a.horizon} s, ` +
    `${a.replications} replications, comparison bins ${a.compareBinSeconds} s`,
    `  left out: ${a.unsupported.length > 0 ? a.unsupported.join("; ") : "nothing"}`,
    `  approximated: ${a.approximated.length > 0 ? a.approximated.join("; ") : "nothing"}`,
    `  acts in the simulator: ${
      a.bindings.length > 0
        ? a.bindings.map((b) => `${b.feature} from ${Math.round(b.at)} s`).join("; ")
        : "nothing"
    }`,
  ];
  for (const [label, window] of [["clean", a.clean], ["whole", a.whole]] as const) {
    lines.push(
      `  ${label} window [${Math.round(window.from)}, ${Math.round(window.to)}) s, ` +
        `N = ${window.smallestPool}${window.quantities.length === 0 ? ": empty" : ""}`,
    );
    for (const q of window.quantities) {
      const low = q.simulator - q.halfWidth;
      const high = q.simulator + q.halfWidth;
      lines.push(
        `    ${q.quantity.padEnd(24)} fluid ${fmt(q.fluid).padStart(10)}  simulator ` +
          `${fmt(q.simulator).padStart(10)} [${fmt(low, 3)}, ${fmt(high, 3)}] ${q.unit}  ` +
          `rel ${pct(q.relativeError).padStart(9)}  L1 ${pct(q.relativeL1, false).padStart(8)}  ` +
          `tol ${fmt(q.tolerance, 3)} ${q.within ? "within" : "OUTSIDE"}`,
      );
    }
  }
  return lines;
}
