/**
 * Runs replication jobs, either on a pool of Deno Workers or in this thread (workers = 0).
 * The first failing job stops the dispatch of new jobs; jobs already running finish, then
 * the run rejects with a `ReplicationError`. A worker that dies fails its job the same way,
 * so the pool never hangs on it.
 *
 * @module
 */
import { JobRunner, loadRunner } from "./runner_module.ts";
import { ReplicationError } from "./replication_error.ts";
import type { FromWorker, ToWorker } from "./worker_protocol.ts";
import type { JobResult, ReplicationJob } from "./types.ts";

/** Something that runs batches of jobs and can be closed. */
export interface JobExecutor {
  /** Runs the jobs (in any order), calling `onResult` for each as it finishes. */
  run(jobs: readonly ReplicationJob[], onResult: (result: JobResult) => void): Promise<void>;
  /** Releases the workers. */
  close(): void;
}

function keyOf(job: ReplicationJob): JobResult["key"] {
  return {
    scenarioIndex: job.scenarioIndex,
    designIndex: job.designIndex,
    gridIndex: job.gridIndex,
    replication: job.replication,
  };
}

/**
 * Runs jobs one after another in this thread (for notebooks, debugging and `workers: 0`).
 * Each result is handed to `onResult` as soon as its replication ends, and the event loop
 * runs between replications (a signal or a timer is not held up by the whole batch).
 */
export async function createInProcessExecutor(runnerUrl: string): Promise<JobExecutor> {
  const runner = new JobRunner(await loadRunner(runnerUrl));
  return {
    async run(jobs, onResult) {
      for (const job of jobs) {
        let tables;
        try {
          tables = runner.run(job);
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          throw new ReplicationError(job, failure.message, failure.stack);
        }
        onResult({ key: keyOf(job), tables });
        await new Promise((settle) => setTimeout(settle, 0));
      }
    },
    close() {},
  };
}

interface PoolWorker {
  worker: Worker;
  job: ReplicationJob | undefined;
  alive: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Starts `count` workers that load the runner module; resolves when all are ready. With
 * `timeoutSeconds`, a replication still running after that long is failed and its worker
 * terminated (a runner stuck in a loop cannot hang the experiment).
 */
export async function createWorkerPool(
  runnerUrl: string,
  count: number,
  timeoutSeconds?: number,
): Promise<JobExecutor> {
  const members: PoolWorker[] = [];
  const workerUrl = new URL("./worker.ts", import.meta.url).href;
  const starting: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(workerUrl, { type: "module" });
    const member: PoolWorker = { worker, job: undefined, alive: true, timer: undefined };
    members.push(member);
    starting.push(
      new Promise<void>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<FromWorker>) => {
          if (event.data.type === "ready") resolve();
          else if (event.data.type === "init-error") reject(new Error(event.data.message));
        };
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault();
          reject(new Error(`experiment worker failed to start: ${event.message}`));
        };
      }),
    );
    worker.postMessage({ type: "init", runnerUrl } satisfies ToWorker);
  }
  const close = () => {
    for (const member of members) member.worker.terminate();
  };
  try {
    await Promise.all(starting);
  } catch (error) {
    close();
    throw error;
  }

  return {
    close,
    run(jobs, onResult) {
      return new Promise<void>((resolve, reject) => {
        let next = 0;
        let running = 0;
        let failure: Error | undefined;
        const settleIfDone = () => {
          if (running > 0) return;
          if (failure) reject(failure);
          else if (next >= jobs.length) resolve();
        };
        const dispatch = (member: PoolWorker) => {
          if (failure || next >= jobs.length || !member.alive) {
            member.job = undefined;
            settleIfDone();
            return;
          }
          const job = jobs[next++];
          member.job = job;
          running++;
          member.worker.postMessage({ type: "job", job } satisfies ToWorker);
          if (timeoutSeconds !== undefined) {
            member.timer = setTimeout(() => {
              member.alive = false;
              member.worker.terminate();
              fail(
                member,
                new ReplicationError(
                  job,
                  `still running after --timeout ${timeoutSeconds} s`,
                  undefined,
                  true,
                ),
              );
            }, timeoutSeconds * 1000);
          }
        };
        const fail = (member: PoolWorker, error: Error) => {
          clearTimeout(member.timer);
          failure ??= error;
          running--;
          member.job = undefined;
          settleIfDone();
        };
        for (const member of members) {
          member.worker.onmessage = (event: MessageEvent<FromWorker>) => {
            const message = event.data;
            const job = member.job!;
            clearTimeout(member.timer);
            if (message.type === "result") {
              running--;
              try {
                onResult({ key: message.key, tables: message.tables });
              } catch (error) {
                failure ??= error as Error;
              }
              dispatch(member);
            } else if (message.type === "job-error") {
              fail(member, new ReplicationError(job, message.message, message.stack));
            }
          };
          member.worker.onerror = (event: ErrorEvent) => {
            event.preventDefault();
            clearTimeout(member.timer);
            member.alive = false;
            member.worker.terminate();
            const job = member.job;
            if (job) fail(member, new ReplicationError(job, `worker died: ${event.message}`));
            else {
              failure ??= new Error(`an experiment worker died between jobs: ${event.message}`);
              settleIfDone();
            }
          };
        }
        if (!members.some((member) => member.alive)) {
          reject(new Error("every experiment worker has died"));
          return;
        }
        for (const member of members) dispatch(member);
        settleIfDone();
      });
    },
  };
}
