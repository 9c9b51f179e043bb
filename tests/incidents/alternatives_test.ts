/**
 * For each incident, an alternative design serves (nearly) everyone who was eligible and in
 * time, at a stated cost: the upper bound of the 95% interval (over replications, common random
 * numbers) of the share NOT served must stay below the descriptor's bound, and the test name and
 * message give the design's peak servers (full scale) against the as-built system's. The design,
 * the measure of "not served" and the bound are the descriptor's `alternative`
 * (`data/incidents/<incident>.json`), the scale and replications its `run_plan`.
 *
 * "Not served" is `technical_failure_share` where a budget rations the benefit (eligible and in
 * time, but excluded by a technical failure), and the share of citizens who gave up where the
 * benefit is an entitlement (cashback, INPS: no budget race).
 */
import assert from "node:assert/strict";
import {
  descriptorMeasures,
  incidentScenario,
  listIncidents,
  loadIncident,
  observeRun,
  probePlan,
  takeMeasure,
} from "../../sim/calibration/mod.ts";
import { meanConfidenceInterval } from "../../sim/stats/mod.ts";
import { resolveDesign, type Scenario } from "../../sim/model/mod.ts";

/**
 * Servers a design provisions at its peak, full scale: per tier the largest of its servers and
 * its capacity-schedule steps, summed over tiers (the designs compared here have no autoscaler;
 * a run at scale k would round each small tier up to ≥ 1 server and overstate this ÷ k).
 */
function provisionedPeakServers(scenario: Scenario, design: string): number {
  const resolved = resolveDesign(scenario, design);
  let total = 0;
  for (const tier of resolved.service.tiers) {
    if (tier.servers === "infinite") continue;
    total += tier.capacity_schedule.reduce(
      (most, step) => Math.max(most, step.servers),
      tier.servers,
    );
  }
  return total;
}

for (const incident of listIncidents()) {
  const descriptor = loadIncident(incident);
  const { design, not_served: notServed, not_served_means: what, below } = descriptor.alternative;
  const probe = probePlan(descriptorMeasures(descriptor));
  Deno.test(`${incident}: design "${design}" serves nearly everyone eligible and in time (${what} 95% CI upper bound < ${below})`, () => {
    const plan = descriptor.run_plan;
    const scenario = incidentScenario(incident, { scale: plan.scale });
    const shares: number[] = [];
    for (let replication = 0; replication < plan.replications; replication++) {
      const run = observeRun(incident, scenario, design, replication, plan.scale);
      shares.push(takeMeasure(notServed, run, probe));
    }
    const share = meanConfidenceInterval(shares);
    const fullScale = incidentScenario(incident);
    const cost = provisionedPeakServers(fullScale, design);
    const baseCost = provisionedPeakServers(fullScale, "base");
    const message = `${incident}/${design}: not served ${share.mean.toPrecision(3)} ` +
      `[95% CI ${share.low.toPrecision(3)}, ${share.high.toPrecision(3)}] over ${share.n} ` +
      `replications at scale ${plan.scale}; cost: ${cost} servers at peak ` +
      `(as built ${baseCost}), full scale`;
    console.log(message);
    assert.ok(Number.isFinite(share.high), `no interval: ${message}`);
    assert.ok(share.high < below, message);
  });
}
