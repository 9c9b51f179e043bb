/**
 * Worker entry point: loads the runner module named in the `init` message, then runs each
 * `job` it receives and posts back its tables (or the error, without dying).
 *
 * @module
 */
import { JobRunner, loadRunner } from "./runner_module.ts";
import type { FromWorker, ToWorker } from "./worker_protocol.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
  close(): void;
};

// A worker that exits or closes itself sends no event to its parent, which would wait for
// its job forever: turn both into errors thrown inside the job, reported like any other.
Object.defineProperty(Deno, "exit", {
  value: (code?: number): never => {
    throw new Error(`the runner called Deno.exit(${code ?? ""}) inside an experiment worker`);
  },
  configurable: true,
  writable: true,
});
scope.close = () => {
  throw new Error("the runner called self.close() inside an experiment worker");
};

let runner: JobRunner | undefined;

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      runner = new JobRunner(await loadRunner(message.runnerUrl));
      scope.postMessage({ type: "ready" });
    } catch (error) {
      scope.postMessage({ type: "init-error", message: (error as Error).message });
    }
    return;
  }
  const { job } = message;
  const key = {
    scenarioIndex: job.scenarioIndex,
    designIndex: job.designIndex,
    gridIndex: job.gridIndex,
    replication: job.replication,
  };
  try {
    if (!runner) throw new Error("worker received a job before its runner was loaded");
    scope.postMessage({ type: "result", key, tables: runner.run(job) });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ type: "job-error", key, message: failure.message, stack: failure.stack });
  }
};
