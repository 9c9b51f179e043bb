/**
 * Model benchmarks: one simulated peak hour of the example click-day scenario (about 12,000
 * requests/s offered at the peak, retries included) through three tiers, measuring wall time
 * and peak memory. Target: under 60 s and 2 GiB on one core.
 *
 * @module
 */
import { ServiceModel } from "../sim/model/mod.ts";
import { loadScenario, resolveDesign } from "../sim/scenario/mod.ts";
import { type Benchmark, type BenchResult, RssSampler, secondsSince } from "./benchmark.ts";

/** Scenario file the peak-hour benchmark runs. */
export const PEAK_HOUR_SCENARIO = "data/scenarios/example-peak-hour.json";

/** Runs `design` of the peak-hour scenario for `seconds` simulated seconds. */
export function peakHour(design = "base", seconds = 3600): BenchResult {
  const rss = new RssSampler();
  const scenario = resolveDesign(loadScenario(PEAK_HOUR_SCENARIO), design);
  const start = performance.now();
  const sampleEverySeconds = 10;
  const model = new ServiceModel(scenario, 0, {
    onStart(control) {
      const tick = () => {
        rss.sample();
        control.schedule(sampleEverySeconds, tick);
      };
      control.schedule(sampleEverySeconds, tick);
    },
  });
  model.run(seconds);
  const results = model.results();
  const elapsed = secondsSince(start);
  let completed = 0;
  for (const count of results.completed) completed += count;
  return { events: results.events, customers: completed, seconds: elapsed, peakRssMb: rss.peakMb };
}

/** The model benchmarks. */
export const benchmarks: Benchmark[] = [
  {
    name: "model/cashback-peak-hour",
    description: "one simulated hour of data/scenarios/example-peak-hour.json (≈12,000 req/s " +
      "offered at the peak with retries, 3 tiers): wall time and peak RSS",
    run: () => peakHour(),
  },
];

if (import.meta.main) {
  const seconds = Number(Deno.args[0] ?? 3600);
  console.log(JSON.stringify({ name: "model/cashback-peak-hour", ...peakHour("base", seconds) }));
}
