/**
 * Worker entry point of the parallel tornado (`sensitivity_workers.ts`): each `job` message
 * runs {@link tornado} on one incident and a subset of its assumptions, and posts the rows
 * back (or the error, without dying). Runs with the permissions of the parent (read the
 * project's data files; nothing is written).
 *
 * @module
 */
import { tornado } from "./sensitivity.ts";
import type { FromTornadoWorker, ToTornadoWorker } from "./sensitivity_worker_protocol.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToTornadoWorker>) => void) | null;
  postMessage(message: FromTornadoWorker): void;
};

scope.onmessage = (event: MessageEvent<ToTornadoWorker>) => {
  const { id, incident, options } = event.data;
  try {
    scope.postMessage({ type: "result", id, rows: tornado(incident, options) });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ type: "error", id, message: failure.message, stack: failure.stack });
  }
};
