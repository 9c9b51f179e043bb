/**
 * Running the report's experiment: every incident (scaled) × every design it declares ×
 * replications, on Deno Workers, with common random numbers (replication r of each design
 * shares its random streams), through the experiment layer.
 *
 * @module
 */
import { type ExperimentResult, runExperiment } from "../experiment/mod.ts";
import type { Incident } from "./incidents.ts";

/** Options of {@link runIncidents}. */
export interface RunIncidentsOptions {
  /** Replications per design. */
  replications: number;
  /** Worker count (default: the machine's cores). */
  workers?: number;
  /** No progress bar. */
  quiet?: boolean;
}

/** Runs every incident's designs; the as-built design (`"base"`) is each one's baseline. */
export function runIncidents(
  incidents: readonly Incident[],
  options: RunIncidentsOptions,
): Promise<ExperimentResult> {
  return runExperiment({
    experiment: {
      name: "report",
      scenarios: incidents.map((incident) => incident.scaled),
      replications: options.replications,
      confidence: 0.95,
    },
    workers: options.workers ?? navigator.hardwareConcurrency,
    quiet: options.quiet,
    // The report runs the project's own incidents at the scales their convergence studies chose
    // and measured; the cost estimate is an upper bound for user input (it counts clients that
    // come back until they succeed at their longest chain, ~1,000× the Cashback design
    // "staggered-enrolment" actually costs) and must not refuse the report's own run.
    budget: null,
  });
}
