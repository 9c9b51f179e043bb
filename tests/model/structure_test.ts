/**
 * The shape of the one simulator, checked: every numeric field of the scenario language
 * declares its scaling role; layers import one way; no two classes share a name; the model's
 * files stay small (argument spreading is checked by `tests/hardening/spread_test.ts`).
 */
import assert from "node:assert/strict";
import { SCENARIO_ROLES } from "../../sim/model/mod.ts";

const ROOT = new URL("../../", import.meta.url);

/** Every `.ts` file under `folder` (relative to the project root). */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of Deno.readDirSync(new URL(relative, ROOT))) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.name.endsWith(".ts")) found.push(path);
    }
  };
  walk(folder);
  return found.sort();
}

const read = (path: string) => Deno.readTextFileSync(new URL(path, ROOT));

Deno.test("every numeric field of the scenario schema declares a scaling role", () => {
  assert.deepEqual(SCENARIO_ROLES.missing, [], "numeric fields without a role");
  assert.deepEqual(SCENARIO_ROLES.conflicts, [], "fields given two roles");
  // The capacity-like and rate-like fields the scaler must never miss.
  const roles = SCENARIO_ROLES.roles;
  assert.equal(roles.get("service.tiers[].servers"), "servers");
  assert.equal(roles.get("demand.arrivals.rate_per_second"), "rate");
  assert.equal(roles.get("demand.population"), "capacity");
  assert.equal(roles.get("budget.total_euro"), "money");
  assert.equal(roles.get("horizon_seconds"), "time");
  // a gateway's retry tokens scale with its citizens, as its trickle does
  assert.equal(roles.get("demand.client.retry_budget.max_tokens"), "scope_count");
  assert.equal(roles.get("demand.client.retry_budget.initial_tokens"), "scope_count");
  assert.equal(roles.get("demand.client.retry_budget.min_retries_per_second"), "scope_rate");
});

/**
 * Which `sim/` layers each layer may import (engine ← scenario ← model ← experiment ←
 * calibration / report; charts read tables; the shared leaves — table, stats, analytic — import
 * no layer above them).
 */
const ALLOWED: Record<string, string[]> = {
  engine: [],
  table: [],
  stats: ["table"],
  analytic: [],
  scenario: ["engine"],
  model: ["engine", "scenario", "table", "stats", "analytic"],
  charts: ["table", "stats"],
  experiment: ["engine", "scenario", "model", "table", "stats"],
  fluid: ["analytic", "engine", "scenario", "model", "table", "stats"],
  calibration: [
    "engine",
    "scenario",
    "model",
    "experiment",
    "table",
    "stats",
    "analytic",
    "charts",
  ],
  report: [
    "engine",
    "scenario",
    "model",
    "experiment",
    "calibration",
    "table",
    "stats",
    "analytic",
    "charts",
    "fluid",
  ],
  // validation: the simulator against theory, through the same experiment layer analysts use
  validation: ["engine", "scenario", "model", "experiment", "table", "stats", "analytic"],
  // the analysis API (facade, run cache, notebook display) sits beside the report: it may read
  // every layer but the report, and no layer imports it (only `sim/mod.ts`)
  analysis: [
    "engine",
    "scenario",
    "model",
    "experiment",
    "calibration",
    "table",
    "stats",
    "analytic",
    "charts",
    "fluid",
  ],
};

Deno.test("every folder under sim/ is a layer with its imports listed", () => {
  const folders = [...Deno.readDirSync(new URL("sim/", ROOT))]
    .filter((entry) => entry.isDirectory).map((entry) => entry.name).sort();
  assert.deepEqual(folders, Object.keys(ALLOWED).sort(), "add the new folder to ALLOWED");
});

Deno.test("layers import one way: engine ← scenario ← model ← experiment ← calibration/report", () => {
  const wrong: string[] = [];
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    for (const file of sourceFiles(`sim/${layer}`)) {
      const text = read(file);
      for (const match of text.matchAll(/^(?:import|export)\b[^"]*?from\s+"(\.\.\/[^"]+)"/gm)) {
        const target = new URL(match[1], new URL(file, ROOT)).pathname;
        const simAt = target.indexOf("/sim/");
        if (simAt < 0) continue;
        const targetLayer = target.slice(simAt + 5).split("/")[0];
        if (targetLayer === layer || targetLayer.endsWith(".ts")) continue;
        if (!allowed.includes(targetLayer)) wrong.push(`${file} imports sim/${targetLayer}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("no two classes in sim/ share a name", () => {
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const file of sourceFiles("sim")) {
    for (const match of read(file).matchAll(/^export (?:abstract )?class (\w+)/gm)) {
      const other = seen.get(match[1]);
      if (other) duplicates.push(`${match[1]}: ${other} and ${file}`);
      seen.set(match[1], file);
    }
  }
  assert.deepEqual(duplicates, []);
});

/** "No file over ~400 lines": the tolerance the "~" allows. */
const LONGEST_MODEL_FILE = 450;

Deno.test("the model is made of small files (none over ~400 lines)", () => {
  const long = sourceFiles("sim/model")
    .map((file) => ({ file, lines: read(file).split("\n").length }))
    .filter((entry) => entry.lines > LONGEST_MODEL_FILE)
    .map((entry) => `${entry.file}: ${entry.lines} lines`);
  assert.deepEqual(long, []);
});
