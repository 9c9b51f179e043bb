/**
 * Experiment-layer benchmarks: the same 40 replications of a mid-size scenario (the M/M/c
 * check scenario, ~90,000 customers a replication) on 1 worker and on every core; the
 * speed-up is the ratio of the two wall-clock times (target ≥ 1.8× on 2 cores).
 *
 * `run` is asynchronous (workers answer through the event loop): bench/main.ts must await
 * it. Standalone: `deno run --allow-read=. bench/experiment.ts` prints one JSON line.
 *
 * @module
 */
import { runExperiment } from "../sim/experiment/mod.ts";
import type { BenchResult } from "./benchmark.ts";
import { RssSampler, secondsSince } from "./benchmark.ts";

const SCENARIO_PATH = new URL("../data/scenarios/mmc.json", import.meta.url).pathname;
/**
 * A mid-size replication: the M/M/c example run for 600,000 simulated seconds (about 2.7 M
 * customers, ~1.1 s of work on this machine). The pool has a fixed cost of about 1.3 s (workers
 * loading and compiling the model), measured in the same way: with 0.37 s replications the
 * speed-up on 2 cores is 1.71×, with 1.1 s replications 1.92×.
 */
const HORIZON_SECONDS = 600_000;
const REPLICATIONS = 40;

/** A benchmark whose `run` may be asynchronous. */
export interface AsyncBenchmark {
  /** Name, "<area>/<case>". */
  name: string;
  /** One-line description. */
  description: string;
  /** Runs the benchmark once. */
  run(): Promise<BenchResult & { speedup?: number; workers?: number }>;
}

/** Runs the 40 replications on `workers` workers; wall-clock seconds and customers served. */
function scenario(): Record<string, unknown> {
  const raw = JSON.parse(Deno.readTextFileSync(SCENARIO_PATH)) as Record<string, unknown>;
  return { ...raw, horizon_seconds: HORIZON_SECONDS };
}

async function timeReplications(workers: number): Promise<{ seconds: number; customers: number }> {
  const start = performance.now();
  const { tables } = await runExperiment({
    experiment: {
      name: "parallel-speedup",
      scenarios: [scenario()],
      designs: ["base"],
      replications: REPLICATIONS,
    },
    workers,
    quiet: true,
  });
  const seconds = secondsSince(start);
  const customers = tables.summaries
    .filter((row) => row.metric === "citizens")
    .reduce((sum, row) => sum + row.value, 0);
  return { seconds, customers };
}

/** The experiment benchmarks. */
export const benchmarks: AsyncBenchmark[] = [
  {
    name: "experiment/parallel-speedup",
    description: `${REPLICATIONS} replications of data/scenarios/mmc.json (horizon ` +
      `${HORIZON_SECONDS} s) on 1 worker, then on ` +
      `navigator.hardwareConcurrency workers; seconds = all-core run, speedup = 1-worker/all-core`,
    async run() {
      const rss = new RssSampler();
      const cores = navigator.hardwareConcurrency;
      const single = await timeReplications(1);
      rss.sample();
      const parallel = await timeReplications(cores);
      return {
        events: REPLICATIONS,
        customers: parallel.customers,
        seconds: parallel.seconds,
        peakRssMb: rss.peakMb,
        speedup: single.seconds / parallel.seconds,
        workers: cores,
      };
    },
  },
];

if (import.meta.main) {
  for (const benchmark of benchmarks) {
    const result = await benchmark.run();
    console.log(JSON.stringify({ name: benchmark.name, ...result }));
  }
}
