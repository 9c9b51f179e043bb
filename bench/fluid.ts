/**
 * Fluid-model benchmarks: one full-size integration of the Cashback launch's first day
 * (3.6 M citizens, 24 h; target < 0.5 s on one core) and a 40 × 40 metastability map of one
 * incident (target < 60 s). `events` counts integrator steps (the one-day run) or map cells;
 * `customers` the citizens arrived (the one-day run) or the cells' verdicts.
 *
 * The map is of the bonus mobilità click day (servers of its weakest tier × the arrival
 * multiplier, the planner's default axes): a cell of the Cashback map (three tiers, two
 * client classes with reloads) costs ~0.13 s, so its 40 × 40 map would take ~3.5 min.
 * Standalone: `deno run --allow-read=. bench/fluid.ts` prints one JSON line per benchmark.
 *
 * @module
 */
import { loadScenario, resolveDesign } from "../sim/model/mod.ts";
import {
  ARRIVAL_MULTIPLIER,
  axisValues,
  defaultAxes,
  designJson,
  scenarioFluid,
  scenarioMap,
  valueAt,
} from "../sim/fluid/mod.ts";
import type { Benchmark } from "./benchmark.ts";
import { RssSampler, secondsSince } from "./benchmark.ts";

const DATA = new URL("../data/scenarios/", import.meta.url);
const DAY_SECONDS = 86_400;
const MAP_INCIDENT = "bonus-mobilita-2020";
const MAP_SIDE = 40;

/** The fluid benchmarks. */
export const benchmarks: Benchmark[] = [
  {
    name: "fluid/cashback-full-day",
    description: "scenarioFluid of data/scenarios/cashback-io-2020.json at full scale, first " +
      "24 h, rtol 1e-5; events = integrator steps, customers = citizens arrived",
    repetitions: 3,
    run() {
      const rss = new RssSampler();
      const resolved = resolveDesign(
        loadScenario(new URL("cashback-io-2020.json", DATA).pathname),
        "base",
      );
      const start = performance.now();
      const fluid = scenarioFluid(resolved, { horizon: DAY_SECONDS });
      const seconds = secondsSince(start);
      return {
        events: fluid.effort.steps,
        customers: Math.round(fluid.summaries.citizens),
        seconds,
        peakRssMb: rss.peakMb,
      };
    },
  },
  {
    name: "fluid/map-40x40",
    description: `scenarioMap of data/scenarios/${MAP_INCIDENT}.json, ${MAP_SIDE} × ${MAP_SIDE} ` +
      "cells (weakest tier's servers, ½–4× as built × arrival multiplier 0.5–2), full " +
      "horizon, rtol 1e-4; events = cells",
    run() {
      const rss = new RssSampler();
      const raw = JSON.parse(Deno.readTextFileSync(new URL(`${MAP_INCIDENT}.json`, DATA)));
      const json = designJson(raw);
      const path = defaultAxes(json).x.name;
      const servers = valueAt(json, path)!;
      const x = {
        name: path,
        values: axisValues(`${Math.round(servers / 2)}:${servers * 4}:${MAP_SIDE}`, true),
      };
      const y = { name: ARRIVAL_MULTIPLIER, values: axisValues(`0.5:2:${MAP_SIDE}`) };
      const start = performance.now();
      const map = scenarioMap({ json, x, y });
      const seconds = secondsSince(start);
      return {
        events: map.rows.length,
        customers: map.rows.filter((row) => row.verdict !== "stays-degraded").length,
        seconds,
        peakRssMb: rss.peakMb,
      };
    },
  },
];

if (import.meta.main) {
  for (const benchmark of benchmarks) {
    const result = await benchmark.run();
    console.log(JSON.stringify({ name: benchmark.name, ...result }));
  }
}
