/**
 * Model benchmarks: the click-day model (`sim/model`, the one the scenarios, notebooks and the
 * report run) on one simulated peak hour of the example scenario (about 12,000 requests/s
 * offered at the peak, retries included, three tiers), and on the Cashback launch at full scale
 * over its first 36 simulated hours (7 Dec 00:00 to 8 Dec 12:00, the three reported peaks; the
 * scenario runs 72 h). Each reports wall time, events and peak memory.
 *
 * @module
 */
import { ClickDayModel, loadScenario, resolveDesign } from "../sim/model/mod.ts";
import { type Benchmark, type BenchResult, RssSampler, secondsSince } from "./benchmark.ts";

/** Scenario file the peak-hour benchmark runs. */
export const PEAK_HOUR_SCENARIO = "data/scenarios/example-peak-hour.json";
/** Scenario file the full-scale benchmark runs. */
export const CASHBACK_SCENARIO = "data/scenarios/cashback-io-2020.json";

/** Runs `design` of scenario `file` for `seconds` simulated seconds (its horizon if absent). */
export function runModel(file: string, design = "base", seconds?: number): BenchResult {
  const rss = new RssSampler();
  const scenario = resolveDesign(loadScenario(file), design);
  const start = performance.now();
  const sampleEverySeconds = 10;
  const model = new ClickDayModel(scenario, 0, {
    onStart(control) {
      const tick = () => {
        rss.sample();
        control.schedule(sampleEverySeconds, tick);
      };
      control.schedule(sampleEverySeconds, tick);
    },
  });
  model.run(Math.min(seconds ?? Infinity, scenario.horizon_seconds));
  const elapsed = secondsSince(start);
  let completed = 0;
  for (const tier of model.tiers) completed += tier.completions;
  return {
    events: model.env.eventsProcessed,
    customers: completed,
    seconds: elapsed,
    peakRssMb: rss.peakMb,
  };
}

/** The model benchmarks. */
export const benchmarks: Benchmark[] = [
  {
    name: "model/cashback-peak-hour",
    description: "one simulated hour of data/scenarios/example-peak-hour.json (≈12,000 req/s " +
      "offered at the peak with retries, 3 tiers): wall time and peak RSS",
    run: () => runModel(PEAK_HOUR_SCENARIO, "base", 3600),
    baseline: "reference/peak-hour-bare-loop",
    targets: {
      seconds: 16,
      source: "the redesign's target: at least 2× faster than the ~32 s recorded",
    },
    recorded: { seconds: 32, source: "measured before the model's redesign" },
  },
  {
    name: "model/cashback-full-scale",
    description: "the Cashback launch, data/scenarios/cashback-io-2020.json at full scale, " +
      "its first 36 simulated hours (≈430 M events; the scenario runs 72 h): wall time and peak RSS",
    run: () => runModel(CASHBACK_SCENARIO, "base", 36 * 3600),
    targets: {
      seconds: 60,
      peakRssMb: 2048,
      source: "the redesign's target: at most 60 s a replication on one core, peak RSS under 2 GiB",
    },
    recorded: {
      seconds: 227,
      source: "one replication at k = 1 over these 36 h, measured before the model's redesign",
    },
  },
];

if (import.meta.main) {
  const seconds = Number(Deno.args[0] ?? 3600);
  console.log(
    JSON.stringify({
      name: "model/cashback-peak-hour",
      ...runModel(PEAK_HOUR_SCENARIO, "base", seconds),
    }),
  );
}
