/**
 * Result hashes: runs replication 1 of every design of every incident (at a small scale, whole
 * horizon), of the peak-hour example (300 s) and of the M/M/c scenario, and prints a short
 * SHA-256 of each run's result tables, then one of them all. Run it before and after a change
 * meant to make the model faster without changing what it computes: the same hashes mean
 * bit-identical results (about 10 s). Not a benchmark: `deno task bench` does not run it.
 *
 * Usage: `deno run --allow-read=. bench/result_hashes.ts`
 *
 * @module
 */
import { createHash } from "node:crypto";
import { incidentScenario } from "../sim/calibration/incident_scenario.ts";
import { designNames, loadScenario, runReplication, type Scenario } from "../sim/model/mod.ts";

/** Label, scenario and simulated seconds of each case. */
function cases(): [string, Scenario, number][] {
  return [
    ["peak", loadScenario("data/scenarios/example-peak-hour.json"), 300],
    ["mmc", loadScenario("data/scenarios/mmc.json"), 20_000],
    ["cashback", incidentScenario("cashback-io-2020", { scale: 0.01 }), 100_000],
    ["inps", incidentScenario("inps-bonus600-2020", { scale: 0.01 }), 86_400],
    ["terme", incidentScenario("bonus-terme-2021", { scale: 0.05 }), 108_000],
    ["mobilita", incidentScenario("bonus-mobilita-2020", { scale: 0.02 }), 100_800],
    ["flussi", incidentScenario("decreto-flussi-2023", { scale: 0.2 }), 7_200],
  ];
}

/** Prints one hash per scenario and design, then the hash of all of them. */
export function printResultHashes(): void {
  const all = createHash("sha256");
  for (const [label, scenario, until] of cases()) {
    for (const design of designNames(scenario)) {
      const text = JSON.stringify(runReplication(scenario, design, 1, { until }));
      all.update(text);
      console.log(label, design, createHash("sha256").update(text).digest("hex").slice(0, 16));
    }
  }
  console.log("all", all.digest("hex").slice(0, 16));
}

if (import.meta.main) printResultHashes();
