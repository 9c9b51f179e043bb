/**
 * The fluid model of a whole click-day scenario, read from the same scenario file as the
 * simulator: compile it (`scenario_network.ts`), integrate its equations
 * (`scenario_drift.ts`) with the adaptive Dormand–Prince integrator from t = 0 (empty) to the
 * horizon, and write what it predicts in the simulator's own metric names and table shapes
 * — per-bin series (`SeriesRow`, replication 0) and per-run summaries — so the two can be put
 * side by side. It says what it leaves out (`unsupported`) and what it approximates
 * (`approximated`). Deterministic and pure; a 72-hour incident takes a fraction of a second.
 *
 * @example
 * ```ts ignore
 * import { loadScenario } from "../model/mod.ts";
 * import { scenarioFluid } from "./scenario_fluid.ts";
 * const fluid = scenarioFluid(loadScenario("data/scenarios/cashback-io-2020.json"));
 * fluid.summaries.citizens_succeeded; fluid.unsupported; // what it could not represent
 * ```
 *
 * @module
 */
import { integrate } from "../analytic/ode.ts";
import { resolveDesign, type ResolvedScenario, type Scenario } from "../model/mod.ts";
import type { SeriesRow } from "../table/mod.ts";
import { scenarioDerivative } from "./scenario_drift.ts";
import { scenarioLayout } from "./scenario_layout.ts";
import { compileScenario } from "./scenario_network.ts";

/** Options of {@link scenarioFluid}. */
export interface ScenarioFluidOptions {
  /** Design to apply when given a scenario file (default `"base"`). */
  design?: string;
  /** End of the integration, seconds (default the scenario's horizon). */
  horizon?: number;
  /** Width of the series bins, seconds (default the scenario's). */
  binWidth?: number;
  /** Relative tolerance of the integration (default 1e-5). */
  rtol?: number;
  /** Most integrator steps (default 2,000,000). */
  maxSteps?: number;
}

/** What the fluid model predicts for a scenario. Rates per second, times in seconds. */
export interface ScenarioFluidResult {
  /** Scenario name. */
  scenario: string;
  /** Design applied. */
  design: string;
  /** Integrated up to, seconds. */
  horizon: number;
  /**
   * Per-bin series in the simulator's names: `offered_first_per_s`, `offered_retry_per_s`,
   * `goodput_per_s`, `failed_timeout_per_s`, `failed_rejected_per_s`, `arrivals_per_s`,
   * `wasted_per_s` (rates, bin means), `orbit_size`, `queue_length:<tier>`,
   * `busy_servers:<tier>` (levels, bin means; in real servers, as the simulator's).
   */
  series: SeriesRow[];
  /**
   * Figures after the warm-up (`warmup_seconds`, as the simulator's summaries: the flows and
   * time averages between it and the horizon; citizens: those who arrived after it, their
   * outcomes approximated by the outcomes after it) in the simulator's names:
   * `first_attempts`, `retries`, `attempts`,
   * `successes`, `goodput_share`, `retry_share`, `timeout_probability`, `citizens`,
   * `citizens_succeeded`, `citizens_gave_up`, `citizens_still_trying`,
   * `citizen_success_share`, `orbit_mean`, `peak_offered_per_s`, `peak_goodput_per_s`, plus
   * `queue_length_mean:<tier>`.
   */
  summaries: Record<string, number>;
  /** Scenario features the fluid model leaves out. */
  unsupported: string[];
  /** Scenario features it represents approximately. */
  approximated: string[];
  /** Integrator effort: accepted and rejected steps, derivative evaluations. */
  effort: { steps: number; rejected: number; evaluations: number };
}

function isResolved(input: Scenario | ResolvedScenario): input is ResolvedScenario {
  return !("designs" in input);
}

/**
 * Integrates the fluid model of a scenario (a file as `loadScenario` returns it, with
 * `options.design`, or a scenario with a design already applied).
 * @throws RangeError on a bad horizon or bin width; Error when the integration fails.
 */
export function scenarioFluid(
  input: Scenario | ResolvedScenario,
  options: ScenarioFluidOptions = {},
): ScenarioFluidResult {
  const design = options.design ?? "base";
  const resolved = isResolved(input) ? input : resolveDesign(input, design);
  const net = compileScenario(resolved);
  const horizon = options.horizon ?? net.horizon;
  const width = options.binWidth ?? net.binWidth;
  if (!(Number.isFinite(horizon) && horizon > 0)) {
    throw new RangeError(`horizon must be a finite number > 0, got ${horizon}`);
  }
  if (!(Number.isFinite(width) && width > 0)) {
    throw new RangeError(`binWidth must be a finite number > 0, got ${width}`);
  }
  const layout = scenarioLayout(net);
  const bins = Math.ceil(horizon / width - 1e-9);
  const edges = Array.from({ length: bins + 1 }, (_, b) => Math.min(b * width, horizon));
  // the state at the warm-up too, for the summaries (a bin edge or an extra output time)
  const warmup = Math.min(resolved.warmup_seconds, horizon);
  const times = [...new Set([...edges, warmup])].sort((a, b) => a - b);
  const states = new Map<number, Float64Array>();
  let output = 0;
  // Tolerances: relative for the large masses, absolute a millionth of a citizen per second
  // of peak arrivals (so empty compartments do not force tiny steps).
  const result = integrate({
    derivative: scenarioDerivative(net),
    y0: new Float64Array(layout.size),
    t0: 0,
    t1: horizon,
    rtol: options.rtol ?? 1e-5,
    atol: 1e-6,
    nonNegative: true,
    breakpoints: net.breakpoints,
    maxSteps: options.maxSteps ?? 2_000_000,
    outputTimes: times,
    onOutput: (_t, y) => {
      states.set(times[output++], Float64Array.from(y));
    },
  });
  const key = { scenario: net.name, design, replication: 0 };
  const series: SeriesRow[] = [];
  const push = (metric: string, bin: number, value: number) =>
    series.push({
      ...key,
      bin_start: edges[bin],
      bin_width: edges[bin + 1] - edges[bin],
      metric,
      value,
    });
  const rates: [string, number][] = [
    ["offered_first_per_s", layout.offeredFirst],
    ["offered_retry_per_s", layout.offeredRetry],
    ["goodput_per_s", layout.goodput],
    ["failed_timeout_per_s", layout.timedOut],
    ["failed_rejected_per_s", layout.rejected],
    ["arrivals_per_s", layout.arrived],
    ["wasted_per_s", layout.wasted],
  ];
  const snapshots = edges.map((edge) => states.get(edge)!);
  // busy slots → real servers, as the simulator counts them (÷ concurrency × stretch)
  const slotsPerServer = net.tiers.map((tier) =>
    tier.concurrency *
    (resolved.service.tiers.find((each) => each.name === tier.name)?.service_time_stretch ?? 1)
  );
  let peakOffered = 0;
  let peakGoodput = 0;
  for (let b = 0; b < bins; b++) {
    const [from, to] = [snapshots[b], snapshots[b + 1]];
    const span = edges[b + 1] - edges[b];
    for (const [metric, index] of rates) push(metric, b, (to[index] - from[index]) / span);
    const offered = (to[layout.offeredFirst] - from[layout.offeredFirst] +
      to[layout.offeredRetry] - from[layout.offeredRetry]) / span;
    if (edges[b + 1] > warmup) { // peaks after the warm-up, as the simulator's
      peakOffered = Math.max(peakOffered, offered);
      peakGoodput = Math.max(peakGoodput, (to[layout.goodput] - from[layout.goodput]) / span);
    }
    push("orbit_size", b, (to[layout.orbitArea] - from[layout.orbitArea]) / span);
    net.tiers.forEach((tier, i) => {
      const queue = layout.queueArea + i;
      const busy = layout.busyArea + i;
      push(`queue_length:${tier.name}`, b, (to[queue] - from[queue]) / span);
      push(`busy_servers:${tier.name}`, b, (to[busy] - from[busy]) / span / slotsPerServer[i]);
    });
  }
  // every compartment summed here grows with time: its amount after the warm-up
  const atEnd = snapshots[bins];
  const atWarmup = states.get(warmup)!;
  const end = atEnd.map((value, index) => value - atWarmup[index]);
  const observed = horizon - warmup;
  const first = end[layout.offeredFirst];
  const retries = end[layout.offeredRetry];
  const attempts = first + retries;
  const successes = end[layout.goodput];
  const citizens = end[layout.arrived];
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  const summaries: Record<string, number> = {
    first_attempts: first,
    retries,
    attempts,
    successes,
    goodput_share: ratio(successes, attempts),
    retry_share: ratio(retries, attempts),
    timeout_probability: ratio(end[layout.timedOut], attempts),
    citizens,
    citizens_succeeded: end[layout.succeeded],
    citizens_gave_up: end[layout.gaveUp],
    citizens_still_trying: Math.max(0, citizens - end[layout.succeeded] - end[layout.gaveUp]),
    citizen_success_share: ratio(end[layout.succeeded], citizens),
    orbit_mean: end[layout.orbitArea] / observed,
    peak_offered_per_s: peakOffered,
    peak_goodput_per_s: peakGoodput,
  };
  net.tiers.forEach((tier, i) => {
    summaries[`queue_length_mean:${tier.name}`] = end[layout.queueArea + i] / observed;
  });
  return {
    scenario: net.name,
    design,
    horizon,
    series,
    summaries,
    unsupported: net.unsupported,
    approximated: net.approximated,
    effort: { steps: result.steps, rejected: result.rejected, evaluations: result.evaluations },
  };
}
