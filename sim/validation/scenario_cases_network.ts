/**
 * Theory of the validation scenarios beyond one queue (`data/validation/*.json`): open Jackson
 * networks (probabilistic routing or a tandem route), the M/G/∞ station and the M_t/M/∞ station
 * under a cosine arrival rate. Every value is computed from the scenario's own numbers.
 *
 * @module
 */
import { jacksonNetwork, littleNumber, offeredLoadOverTime } from "../analytic/mod.ts";
import type { ResolvedScenario } from "../model/mod.ts";
import {
  constantRate,
  queueCapacityOf,
  serviceMean,
  serviceRate,
  serviceScv,
  slotsOf,
} from "./scenario_parameters.ts";
import {
  type CaseTheory,
  onlyTier,
  requireService,
  type TheoryCheck,
  tierChecks,
} from "./scenario_theory.ts";

/** External arrival rates and the routing matrix of the scenario's one operation. */
function networkOf(scenario: ResolvedScenario) {
  const tiers = scenario.service.tiers;
  const index = new Map(tiers.map((tier, i) => [tier.name, i]));
  const at = (name: string) => index.get(name)!;
  const lambda = constantRate(scenario);
  const external = tiers.map(() => 0);
  const routing = tiers.map(() => tiers.map(() => 0));
  if (scenario.demand.journey.length !== 1) throw new Error("a network case has one operation");
  const operation = scenario.demand.journey[0];
  if (operation.route !== undefined) {
    const route = operation.route;
    if (new Set(route).size !== route.length) {
      throw new Error("a route visiting a tier twice is not a Jackson network");
    }
    external[at(route[0])] = lambda;
    for (let i = 0; i + 1 < route.length; i++) routing[at(route[i])][at(route[i + 1])] = 1;
  } else {
    const { entry, next } = operation.routing!;
    if (typeof entry === "string") external[at(entry)] = lambda;
    else for (const [name, p] of Object.entries(entry)) external[at(name)] += lambda * p;
    for (const [from, targets] of Object.entries(next)) {
      for (const [to, p] of Object.entries(targets)) routing[at(from)][at(to)] += p;
    }
  }
  return { lambda, external, routing };
}

/**
 * An open Jackson network of M/M/c tiers (`jacksonNetwork`): per tier the mean number present,
 * the response time per visit and the utilisation; end to end the mean sojourn (latency).
 */
export function jacksonTheory(scenario: ResolvedScenario): CaseTheory {
  const tiers = scenario.service.tiers;
  for (const tier of tiers) {
    requireService(tier, "exponential");
    if (queueCapacityOf(tier) !== Infinity) throw new Error("Jackson needs unbounded queues");
  }
  const { lambda, external, routing } = networkOf(scenario);
  const network = jacksonNetwork(
    tiers.map((tier, i) => ({
      externalArrivalRate: external[i],
      serviceRate: serviceRate(tier),
      servers: slotsOf(tier),
    })),
    routing,
  );
  const checks: TheoryCheck[] = [];
  tiers.forEach((tier, i) => {
    const station = network.stations[i];
    for (
      const check of tierChecks(tier.name, {
        in_system_mean: [station.meanNumberInSystem, "none"],
        response_time_mean_s: [station.meanSojournPerVisit, "time"],
        utilisation: [station.utilisation, "none"],
      })
    ) checks.push(check);
  });
  checks.push({
    metric: "latency_mean_s",
    theory: network.meanSojourn,
    kind: "exact",
    censoring: "time",
  });
  return {
    source: "jacksonNetwork (Jackson's theorem)",
    arrivalRate: lambda,
    meanInSystem: network.meanNumberInNetwork,
    lengthBiasedTime: 2 * network.meanSojourn,
    checks,
  };
}

/**
 * M/G/∞: mean number present λE[S] (`littleNumber`, insensitive to the service distribution)
 * and the time at the tier E[S]; requests in service at the end are length-biased, E[S²]/E[S].
 */
export function infiniteServerTheory(scenario: ResolvedScenario): CaseTheory {
  const tier = onlyTier(scenario);
  if (tier.servers !== "infinite") throw new Error(`${scenario.name}: needs infinite servers`);
  const lambda = constantRate(scenario);
  const mean = serviceMean(tier);
  const present = littleNumber(lambda, mean);
  return {
    source: "littleNumber (M/G/∞: L = λE[S])",
    arrivalRate: lambda,
    meanInSystem: present,
    lengthBiasedTime: mean * (1 + serviceScv(tier)),
    checks: tierChecks(tier.name, {
      in_system_mean: [present, "none"],
      response_time_mean_s: [mean, "time"],
    }),
  };
}

/** Sub-intervals per bin for the bin average of m(t) (midpoint rule; error ~ (ωh)²/24). */
const BIN_POINTS = 50;

/**
 * The mean number in service of an infinite-server tier with exponential service under a
 * `daily` (cosine) rate from an empty start, averaged over each series bin that ends by
 * `endSeconds`: with `modified-offered-load`, m(t) = ∫₀^∞ λ(t − u)e^{−μu} du with λ = 0 before
 * time 0 (exact for M_t/M/∞); with `pointwise`, the stationary λ(t)/μ (the naive estimate).
 * @param scenario The scenario (one daily-rate operation on one infinite exponential tier).
 * @param endSeconds When the runs end, seconds.
 * @param method `modified-offered-load` (exact) or `pointwise`.
 * @returns Per bin: its start, seconds, and the mean number in service.
 */
export function infiniteServerBinMeans(
  scenario: ResolvedScenario,
  endSeconds: number,
  method: "modified-offered-load" | "pointwise",
): { binStart: number; mean: number }[] {
  const tier = onlyTier(scenario);
  if (tier.servers !== "infinite") throw new Error(`${scenario.name}: needs infinite servers`);
  requireService(tier, "exponential");
  const arrivals = scenario.demand.arrivals;
  if (arrivals.kind !== "daily") throw new Error(`${scenario.name}: needs daily arrivals`);
  const mean = arrivals.mean_rate_per_second * scenario.demand.multiplier;
  const omega = (2 * Math.PI) / arrivals.period_seconds;
  const rate = (t: number) =>
    t < 0 ? 0 : mean * (1 + arrivals.amplitude * Math.cos(omega * (t - arrivals.peak_at_seconds)));
  const width = scenario.bin_width_seconds;
  const bins = [];
  for (let start = 0; start + width <= endSeconds + 1e-9; start += width) {
    const times = Array.from(
      { length: BIN_POINTS },
      (_, i) => start + ((i + 0.5) * width) / BIN_POINTS,
    );
    const loads = offeredLoadOverTime(rate, serviceRate(tier), times, method);
    bins.push({ binStart: start, mean: loads.reduce((sum, load) => sum + load, 0) / BIN_POINTS });
  }
  return bins;
}

/**
 * M_t/M/∞ from an empty start under a `daily` (cosine) rate: each series bin's time-averaged
 * `busy_servers:<tier>` against the bin average of the exact mean m(t)
 * ({@link infiniteServerBinMeans}, `offeredLoadOverTime` with the modified offered load).
 */
export function timeVaryingInfiniteServerTheory(
  scenario: ResolvedScenario,
  endSeconds: number,
): CaseTheory {
  const tier = onlyTier(scenario);
  const width = scenario.bin_width_seconds;
  const bins = infiniteServerBinMeans(scenario, endSeconds, "modified-offered-load");
  const checks: TheoryCheck[] = bins.map((bin) => ({
    metric: `busy_servers:${tier.name}`,
    theory: bin.mean,
    kind: "exact",
    censoring: "none",
    binStart: bin.binStart,
    binWidth: width,
  }));
  const arrivals = scenario.demand.arrivals as { mean_rate_per_second: number }; // checked: daily
  const mean = arrivals.mean_rate_per_second * scenario.demand.multiplier;
  return {
    source: "offeredLoadOverTime (M_t/M/∞, modified offered load)",
    arrivalRate: mean,
    meanInSystem: mean * serviceMean(tier),
    lengthBiasedTime: 2 * serviceMean(tier),
    checks,
  };
}
