/**
 * Messages between the parallel tornado (`sensitivity_workers.ts`) and its workers
 * (`sensitivity_worker.ts`).
 *
 * @module
 */
import type { TornadoOptions, TornadoRow } from "./sensitivity.ts";

/** A job: one incident's tornado over a subset of its assumptions. */
export interface ToTornadoWorker {
  /** Message kind. */
  type: "job";
  /** Job index (answers carry it back). */
  id: number;
  /** Incident (file stem). */
  incident: string;
  /** Options of `tornado()`, with `assumptions` set to the job's subset. */
  options: TornadoOptions;
}

/** A job's rows, or its error. */
export type FromTornadoWorker =
  | {
    /** The job finished. */
    type: "result";
    /** Job index. */
    id: number;
    /** Rows of the job's assumptions (sorted by swing within the job). */
    rows: TornadoRow[];
  }
  | {
    /** The job threw. */
    type: "error";
    /** Job index. */
    id: number;
    /** Error message. */
    message: string;
    /** Stack trace, when known. */
    stack?: string;
  };
