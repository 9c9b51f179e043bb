/**
 * The report's own runs fit the run budget: every design of every incident, at the scale the
 * default report runs it and at full scale (`--full`, `deno task convergence`), is within the
 * budget the command line enforces (`RUN_BUDGET`), so neither the report nor a user rerunning
 * an incident with `deno task sim` is refused. (The default report once failed at start-up:
 * the estimate counted every Cashback citizen as a member of its most persistent class.)
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { RUN_BUDGET } from "../../sim/experiment/limits.ts";
import { estimateRunCost } from "../../sim/model/cost_estimate.ts";
import { parseScenario, resolveDesign, scaleScenario } from "../../sim/model/mod.ts";
import { loadIncidents } from "../../sim/report/incidents.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("every incident design fits the run budget at the report's scale and at full scale", async () => {
  const over: string[] = [];
  for (const incident of await loadIncidents("default", ROOT)) {
    for (
      const [label, raw] of [["report", incident.scaled], ["full", incident.scenario]] as const
    ) {
      const scenario = parseScenario(label === "full" ? scaleScenario(raw, { factor: 1 }) : raw);
      for (const design of incident.designs) {
        const cost = estimateRunCost(resolveDesign(scenario, design));
        if (!(cost.expectedEvents <= RUN_BUDGET.eventsPerReplication)) {
          over.push(
            `${incident.name}/${design} (${label}): ${cost.expectedEvents.toExponential(2)}`,
          );
        }
        if (!(cost.expectedMemoryBytes <= RUN_BUDGET.memoryBytesPerReplication)) {
          over.push(`${incident.name}/${design} (${label}): ${cost.expectedMemoryBytes} bytes`);
        }
      }
    }
  }
  assert.deepEqual(over, []);
});
