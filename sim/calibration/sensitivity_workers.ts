/**
 * One-at-a-time sensitivity (tornado data) of several incidents as one experiment on the
 * experiment layer's pool (`runExperiment`, the same Workers, resumption-free, in this thread
 * with `workers: 0`): each incident's swept assumptions are split into chunks, each chunk is a
 * baseline point plus the low and high end of each of its assumptions, every point × replication
 * is one replication job of the `"incident-tornado"` model (`tornado_model.ts`), and each
 * point's mean is taken exactly as `tornado()` takes it. Every run's random streams are fixed
 * by the scenario's seed and the replication index, so every chunk computes the same baseline
 * (checked: a different one is an error) and the rows are the same, bit for bit, as one
 * `tornado()` call, whatever the worker count.
 *
 * @module
 */
import { registerModel, runExperiment } from "../experiment/mod.ts";
import { meanConfidenceInterval } from "../stats/mod.ts";
import { loadIncident, PROJECT_ROOT, rootUrl } from "./incident_descriptor.ts";
import { sweptRanges, type TornadoOptions, type TornadoRow } from "./sensitivity.ts";
import type { SensitivityRange } from "./sensitivity_inputs.ts";
import type { TornadoPoint } from "./tornado_model.ts";

/** Registered name of the tornado's model. */
export const TORNADO_MODEL = "incident-tornado";
registerModel(TORNADO_MODEL, new URL("./tornado_model.ts", import.meta.url));

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
export function tornadoAssumptions(
  incident: string,
  only?: readonly string[],
  root: URL | string = PROJECT_ROOT,
): string[] {
  return sweptRanges(incident, only, root).map((range) => range.parameter);
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

/** A chunk: a baseline point and the two ends of each of its assumptions. */
interface Chunk {
  /** Index of the request. */
  request: number;
  /** Its assumptions, in file order. */
  ranges: SensitivityRange[];
  /** Scenario index of its baseline point; the ends of assumption i follow at +1+2i, +2+2i. */
  first: number;
  /** Runs in the chunk (points × replications). */
  runs: number;
}

/** A request with `tornado()`'s defaults resolved. */
interface ResolvedRequest {
  incident: string;
  root: string;
  metric: string;
  scale: number;
  replications: number;
  design: string;
  horizonSeconds: number | null;
  ranges: SensitivityRange[];
}

function resolveRequest(request: TornadoRequest, names: readonly string[]): ResolvedRequest {
  const root = request.root ?? PROJECT_ROOT;
  const descriptor = loadIncident(request.incident, root);
  const replications = request.replications ?? 2;
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(`replications: got ${replications}; allowed: an integer ≥ 1`);
  }
  const byName = new Map(
    sweptRanges(request.incident, names, root).map((range) => [range.parameter, range]),
  );
  return {
    incident: request.incident,
    root: rootUrl(root).href,
    metric: request.metric ?? descriptor.sensitivity.metric,
    scale: request.scale ?? descriptor.run_plan.sensitivity_scale,
    replications,
    design: request.design ?? "base",
    horizonSeconds: request.horizonSeconds ?? null,
    ranges: names.map((name) => byName.get(name)!),
  };
}

/** The mean `tornado()` takes of one point's values: over the finite ones, in order. */
function meanOfFinite(values: readonly number[]): number {
  return meanConfidenceInterval(
    values.map((value) => Number.isFinite(value) ? value : NaN)
      .filter((value) => !Number.isNaN(value)),
  ).mean;
}

/**
 * Tornado rows of each request (in request order), computed on `workers` Deno Workers (the
 * experiment pool; 0 runs in this thread). The first failing replication rejects the whole
 * computation and stops the workers.
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
    tornadoAssumptions(request.incident, request.assumptions, request.root)
  );
  const resolved = requests.map((request, index) =>
    resolveRequest(request, assumptionLists[index])
  );
  // One experiment per distinct replication count (one, usually), each on the same pool size.
  const groups = new Map<number, number[]>();
  resolved.forEach((request, index) => {
    const group = groups.get(request.replications) ?? [];
    group.push(index);
    groups.set(request.replications, group);
  });
  let runsTotal = 0;
  for (const request of resolved) {
    for (const ranges of chunksOf(request.ranges, chunkSize)) {
      runsTotal += (1 + 2 * ranges.length) * request.replications;
    }
  }
  let runsDone = 0;
  const chunkRows: TornadoRow[][][] = resolved.map(() => []);
  for (const [replications, members] of groups) {
    const points: TornadoPoint[] = [];
    const groupChunks: Chunk[] = [];
    for (const index of members) {
      const request = resolved[index];
      const point = (name: string, overrides: Record<string, number>): TornadoPoint => ({
        name: `${request.incident}#${index}/${groupChunks.length}/${name}`,
        incident: request.incident,
        root: request.root,
        overrides,
        scale: request.scale,
        horizonSeconds: request.horizonSeconds,
        design: request.design,
        metric: request.metric,
      });
      for (const ranges of chunksOf(request.ranges, chunkSize)) {
        const chunk: Chunk = {
          request: index,
          ranges,
          first: points.length,
          runs: (1 + 2 * ranges.length) * replications,
        };
        points.push(point("baseline", {}));
        for (const range of ranges) {
          points.push(point(`${range.parameter}=low`, { [range.parameter]: range.low }));
          points.push(point(`${range.parameter}=high`, { [range.parameter]: range.high }));
        }
        groupChunks.push(chunk);
      }
    }
    if (points.length === 0) continue;
    const chunkOfPoint = new Map<number, Chunk>();
    for (const chunk of groupChunks) {
      for (let i = 0; i < 1 + 2 * chunk.ranges.length; i++) {
        chunkOfPoint.set(chunk.first + i, chunk);
      }
    }
    const remaining = new Map(groupChunks.map((chunk) => [chunk, chunk.runs]));
    const { tables } = await runExperiment({
      experiment: {
        name: "tornado",
        scenarios: points as unknown as Record<string, unknown>[],
        replications,
        model: TORNADO_MODEL,
      },
      workers: workerCount,
      quiet: true,
      budget: null,
      onProgress: (_done, _total, key) => {
        const chunk = key && chunkOfPoint.get(key.scenarioIndex);
        if (!chunk) return;
        const left = remaining.get(chunk)! - 1;
        remaining.set(chunk, left);
        if (left === 0) {
          runsDone += chunk.runs;
          options.onProgress?.({ runsDone, runsTotal });
        }
      },
    });
    const pointIndex = new Map(points.map((point, index) => [point.name, index]));
    const values: number[][] = points.map(() => []);
    for (const row of tables.summaries) {
      values[pointIndex.get(row.scenario)!][row.replication] = row.value;
    }
    for (const chunk of groupChunks) {
      const request = resolved[chunk.request];
      const baseline = meanOfFinite(values[chunk.first]);
      chunkRows[chunk.request].push(chunk.ranges.map((range, i) => ({
        incident: request.incident,
        assumption: range.parameter,
        low_value: range.low,
        high_value: range.high,
        metric: request.metric,
        at_low: meanOfFinite(values[chunk.first + 1 + 2 * i]),
        at_high: meanOfFinite(values[chunk.first + 2 + 2 * i]),
        baseline,
      })));
    }
  }
  return requests.map((request, index) =>
    mergeTornadoChunks(request.incident, assumptionLists[index], chunkRows[index])
  );
}

/** Splits assumptions into chunks of `size`, in order. */
function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
