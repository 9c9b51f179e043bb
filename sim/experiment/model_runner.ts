/**
 * The default model module (`"scenario-model"`): the click-day model's `runReplication` with
 * the scenario layer's loading, validation and design names, the model's cost estimate and the
 * catalogue's summary metrics, in the shape the experiment workers import.
 *
 * @module
 */
import { estimateRunCost, type RunCost } from "../model/cost_estimate.ts";
import { resolveDesign, type Scenario } from "../model/mod.ts";
import { SUMMARY_METRICS } from "../table/mod.ts";

export { resolveDesign } from "../model/mod.ts";

export { runReplication } from "../model/run.ts";
export { designNames, loadScenario, parseScenario } from "../model/mod.ts";

/**
 * Cost estimate of one replication of `design` (validating the design on the way). With
 * `options.until`, the events are those up to that time, but the memory is the whole
 * horizon's: the model sizes its series bins by the scenario's horizon.
 */
export function estimateCost(
  scenario: Scenario,
  design: string,
  options: { until?: number } = {},
): RunCost {
  const resolved = resolveDesign(scenario, design);
  const whole = estimateRunCost(resolved);
  const until = options.until;
  if (until !== undefined && !(until > resolved.warmup_seconds)) {
    // every summary covers only what happens after the warm-up: it would be empty
    throw new RangeError(
      `until: got ${until} s; allowed: a time after the warm-up (${resolved.warmup_seconds} s), ` +
        "since every summary covers only what happens after it",
    );
  }
  if (until === undefined || until >= resolved.horizon_seconds) return whole;
  const cut = estimateRunCost({ ...resolved, horizon_seconds: until });
  return { ...whole, expectedEvents: cut.expectedEvents, expectedCitizens: cut.expectedCitizens };
}

/** True for a summary metric of the catalogue (`queue_wait_mean_s:app` → `queue_wait_mean_s`). */
export function isSummaryMetric(metric: string): boolean {
  return Object.hasOwn(SUMMARY_METRICS, metric.split(":")[0]);
}
