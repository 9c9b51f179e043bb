/**
 * The error a failed replication raises: it names the scenario, design, grid point,
 * replication and seed, so the run can be reproduced alone.
 *
 * @module
 */
import type { ReplicationJob } from "./types.ts";

/** A replication that threw, timed out, or whose worker died. */
export class ReplicationError extends Error {
  /** Scenario name. */
  readonly scenario: string;
  /** Design name. */
  readonly design: string;
  /** Grid point label. */
  readonly gridPoint: string;
  /** Replication index. */
  readonly replication: number;
  /** The scenario's base seed (undefined when the scenario JSON has none). */
  readonly seed: number | undefined;
  /** The underlying error message. */
  readonly reason: string;
  /** True when the replication was stopped by the time limit (`--timeout`). */
  readonly timedOut: boolean;

  /** Builds the error for a job and the reason it failed. */
  constructor(job: ReplicationJob, reason: string, stack?: string, timedOut = false) {
    const seed = typeof job.scenario.seed === "number" ? job.scenario.seed : undefined;
    const where = job.gridPoint === "{}" ? "" : `, grid point ${job.gridPoint}`;
    super(
      `replication ${timedOut ? "stopped" : "failed"}: scenario "${job.scenario.name}", ` +
        `design "${job.design}"${where}, replication ${job.replication}, ` +
        `seed ${seed ?? "(none)"}: ${reason}` + (stack ? `\n${stack}` : ""),
    );
    this.name = "ReplicationError";
    this.scenario = job.scenario.name;
    this.design = job.design;
    this.gridPoint = job.gridPoint;
    this.replication = job.replication;
    this.seed = seed;
    this.reason = reason;
    this.timedOut = timedOut;
  }
}
