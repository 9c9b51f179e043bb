/**
 * One-at-a-time sensitivity (tornado data) of several incidents on Deno Workers: each
 * incident's swept assumptions are split into chunks, each chunk is one `tornado()` call on a
 * worker (`sensitivity_worker.ts`), and the chunks' rows are merged back into the order a
 * single `tornado()` call gives. Every run's random streams are fixed by the scenario's seed
 * and the replication index, so every chunk computes the same baseline (checked: a different
 * one is an error) and the rows are the same, bit for bit, whatever the worker count.
 *
 * Workers run with the parent's permissions: reading the project's data files is enough.
 *
 * @module
 */
import { incidentCalibration } from "./incident_scenario.ts";
import { tornado, type TornadoOptions, type TornadoRow } from "./sensitivity.ts";
import { sensitivityRanges } from "./sensitivity_inputs.ts";
import type { FromTornadoWorker, ToTornadoWorker } from "./sensitivity_worker_protocol.ts";

/** One incident's tornado to compute: the incident and the options of `tornado()`. */
export interface TornadoRequest extends TornadoOptions {
  /** Incident (file stem). */
  incident: string;
}

/** Progress of {@link tornadoOnWorkers}, counted in simulation runs. */
export interface TornadoProgress {
  /** Runs finished (each one replication of one scenario variant). */
  runsDone: number;
  /** Runs in total (chunks × (1 baseline + 2 per assumption) × replications). */
  runsTotal: number;
}

/** Options of {@link tornadoOnWorkers}. */
export interface TornadoWorkersOptions {
  /** Worker threads (default: the machine's cores); 0 runs every chunk in this thread. */
  workers?: number;
  /**
   * Assumptions per chunk (default 4): each chunk recomputes the baseline, so larger chunks
   * waste less (one extra baseline per chunk) and smaller ones balance the load better.
   */
  chunkSize?: number;
  /** Called after each chunk with the runs done so far. */
  onProgress?: (progress: TornadoProgress) => void;
}

/**
 * The assumptions `tornado()` sweeps for an incident, in file order: every assumption with a
 * plausible range except `horizon_seconds` and the `design_*` parameters (or `only`, checked
 * against them).
 *
 * @throws Error naming the assumption when one of `only` is not swept for the incident.
 */
export function tornadoAssumptions(incident: string, only?: readonly string[]): string[] {
  const swept = sensitivityRanges(incidentCalibration(incident))
    .map((range) => range.parameter)
    .filter((name) => name !== "horizon_seconds" && !name.startsWith("design_"));
  if (only === undefined) return swept;
  for (const name of only) {
    if (!swept.includes(name)) {
      throw new Error(
        `assumption "${name}": not an assumption of ${incident}; allowed: ${swept.join(", ")}`,
      );
    }
  }
  return swept.filter((name) => only.includes(name));
}

/** The swing of a row as `tornado()` sorts by it: |at_high − at_low|, non-finite last-but-first. */
function swing(row: TornadoRow): number {
  const size = Math.abs(row.at_high - row.at_low);
  return Number.isFinite(size) ? size : Infinity;
}

/**
 * Merges the chunks of one incident: checks that every chunk computed the same baseline (the
 * runs are deterministic), then orders the rows as one `tornado()` call does (file order,
 * then a stable sort by swing, largest first).
 *
 * @throws Error naming the incident and both values when two chunks' baselines differ, or
 * when an assumption's row is missing.
 */
export function mergeTornadoChunks(
  incident: string,
  assumptions: readonly string[],
  chunks: readonly (readonly TornadoRow[])[],
): TornadoRow[] {
  const rows = chunks.flat();
  for (const row of rows) {
    if (!Object.is(row.baseline, rows[0].baseline)) {
      throw new Error(
        `${incident}: chunks computed different baselines (${rows[0].baseline} and ` +
          `${row.baseline}); the runs should be deterministic given their seeds`,
      );
    }
  }
  const byName = new Map(rows.map((row) => [row.assumption, row]));
  const ordered = assumptions.map((name) => {
    const row = byName.get(name);
    if (!row) throw new Error(`${incident}: no tornado row for assumption "${name}"`);
    return row;
  });
  return ordered.sort((a, b) => swing(b) - swing(a));
}

interface Job {
  id: number;
  request: number;
  incident: string;
  options: TornadoOptions;
  runs: number;
}

/**
 * Tornado rows of each request (in request order), computed on `workers` Deno Workers. Chunks
 * are dispatched in request order (put the most expensive incident first for the best
 * balance). The first failing chunk rejects the whole computation and stops the workers.
 */
export async function tornadoOnWorkers(
  requests: readonly TornadoRequest[],
  options: TornadoWorkersOptions = {},
): Promise<TornadoRow[][]> {
  const workerCount = options.workers ?? Math.max(1, navigator.hardwareConcurrency || 1);
  if (!(Number.isInteger(workerCount) && workerCount >= 0)) {
    throw new RangeError(`workers: got ${workerCount}; allowed: an integer ≥ 0`);
  }
  const chunkSize = options.chunkSize ?? 4;
  if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    throw new RangeError(`chunkSize: got ${chunkSize}; allowed: an integer ≥ 1`);
  }
  const assumptionLists = requests.map((request) =>
    tornadoAssumptions(request.incident, request.assumptions)
  );
  const jobs: Job[] = [];
  requests.forEach((request, index) => {
    const { incident, ...tornadoOptions } = request;
    const names = assumptionLists[index];
    const replications = request.replications ?? 2;
    for (let start = 0; start < names.length; start += chunkSize) {
      const assumptions = names.slice(start, start + chunkSize);
      jobs.push({
        id: jobs.length,
        request: index,
        incident,
        options: { ...tornadoOptions, assumptions },
        runs: (1 + 2 * assumptions.length) * replications,
      });
    }
  });
  const runsTotal = jobs.reduce((sum, job) => sum + job.runs, 0);
  const results: TornadoRow[][] = new Array(jobs.length);
  let runsDone = 0;
  const finished = (job: Job, rows: TornadoRow[]) => {
    results[job.id] = rows;
    runsDone += job.runs;
    options.onProgress?.({ runsDone, runsTotal });
  };

  if (workerCount === 0 || jobs.length === 0) {
    for (const job of jobs) finished(job, tornado(job.incident, job.options));
  } else {
    await runOnWorkers(jobs, Math.min(workerCount, jobs.length), finished);
  }
  return requests.map((request, index) =>
    mergeTornadoChunks(
      request.incident,
      assumptionLists[index],
      jobs.filter((job) => job.request === index).map((job) => results[job.id]),
    )
  );
}

function runOnWorkers(
  jobs: readonly Job[],
  count: number,
  finished: (job: Job, rows: TornadoRow[]) => void,
): Promise<void> {
  const url = new URL("./sensitivity_worker.ts", import.meta.url).href;
  const workers = Array.from({ length: count }, () => new Worker(url, { type: "module" }));
  const stop = () => workers.forEach((worker) => worker.terminate());
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      stop();
      reject(error);
    };
    const dispatch = (worker: Worker) => {
      if (failed) return;
      if (next >= jobs.length) {
        if (running === 0) {
          stop();
          resolve();
        }
        return;
      }
      const job = jobs[next++];
      running++;
      worker.postMessage(
        {
          type: "job",
          id: job.id,
          incident: job.incident,
          options: job.options,
        } satisfies ToTornadoWorker,
      );
    };
    for (const worker of workers) {
      worker.onmessage = (event: MessageEvent<FromTornadoWorker>) => {
        const message = event.data;
        const job = jobs[message.id];
        running--;
        if (message.type === "error") {
          const error = new Error(
            `tornado of ${job.incident} (${
              job.options.assumptions?.join(", ")
            }): ${message.message}`,
          );
          if (message.stack) error.stack = message.stack;
          fail(error);
          return;
        }
        try {
          finished(job, message.rows);
        } catch (error) {
          fail(error as Error);
          return;
        }
        dispatch(worker);
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        fail(new Error(`a tornado worker died: ${event.message}`));
      };
    }
    for (const worker of workers) dispatch(worker);
  });
}
