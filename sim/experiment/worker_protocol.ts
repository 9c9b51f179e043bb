/**
 * Messages between the experiment's main thread and its workers (plain JSON-like data).
 *
 * @module
 */
import type { JobKey, ReplicationJob, RunTables } from "./types.ts";

/** Main thread → worker. */
export type ToWorker =
  | { type: "init"; runnerUrl: string }
  | { type: "job"; job: ReplicationJob };

/** Worker → main thread. */
export type FromWorker =
  | { type: "ready" }
  | { type: "init-error"; message: string }
  | { type: "result"; key: JobKey; tables: RunTables }
  | { type: "job-error"; key: JobKey; message: string; stack?: string };
