/**
 * Benchmark runner: `deno task bench [filter]` runs every registered benchmark whose name
 * contains `filter` (all when omitted), each in a fresh `deno` subprocess so its peak memory
 * is its own, and prints one JSON object per line:
 * `{"name","events","customers","seconds","events_per_second","customers_per_second",
 * "peak_rss_mb","ratio_events_per_second"?}`. `ratio_*` divides an engine/* or model/* figure
 * by the reference/mm1-minimal-heap figure measured in the same invocation (the reference runs
 * whenever such a bench is selected). A benchmark with targets adds them and `meets_targets`;
 * one with a recorded figure adds `recorded_seconds` and `speedup_vs_recorded`; one with a
 * baseline (the same workload stripped down) adds `baseline` and `cost_per_event_vs_baseline`,
 * the baseline running in the same invocation, before it (whether selected or not). A benchmark
 * with `repetitions: n` runs n times in its subprocess and reports the fastest run
 * (`best_of: n`); peak RSS is the highest sampled. Peak
 * RSS is sampled with `Deno.memoryUsage().rss` at points the benchmark chooses and at its end.
 *
 * The registry is discovered: every `bench/*.ts` file other than `main.ts` and `benchmark.ts`
 * (and names starting with "_") that exports `benchmarks: Benchmark[]` is loaded, files in
 * alphabetical order, benchmarks in the order each file lists them. Adding `bench/model.ts`
 * is enough to register its benchmarks.
 *
 * @module
 */
import { baselineFields, type Benchmark, type BenchResult, targetFields } from "./benchmark.ts";

/** Loads every registered benchmark (see module docs), in run order. */
export async function loadRegistry(): Promise<Benchmark[]> {
  const directory = new URL("./", import.meta.url);
  const files = [...Deno.readDirSync(directory)]
    .filter((entry) =>
      entry.isFile && entry.name.endsWith(".ts") && !entry.name.startsWith("_") &&
      entry.name !== "main.ts" && entry.name !== "benchmark.ts"
    )
    .map((entry) => entry.name)
    .sort();
  const registry: Benchmark[] = [];
  for (const file of files) {
    const module = await import(new URL(file, directory).href) as { benchmarks?: Benchmark[] };
    if (Array.isArray(module.benchmarks)) {
      for (const benchmark of module.benchmarks) registry.push(benchmark);
    }
  }
  return registry;
}

const registry: Benchmark[] = await loadRegistry();

const REFERENCE = "reference/mm1-minimal-heap";

/** Runs one benchmark in this process (child mode) and returns its JSON-ready result. */
async function runHere(name: string): Promise<BenchResult> {
  const benchmark = registry.find((b) => b.name === name);
  if (benchmark === undefined) {
    throw new Error(
      `bench: no benchmark named "${name}"; known: ${registry.map((b) => b.name).join(", ")}`,
    );
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const repetitions = benchmark.repetitions ?? 1;
  let best: BenchResult | undefined;
  let peakRssMb = 0;
  for (let i = 0; i < repetitions; i++) {
    gc?.();
    const result = await benchmark.run();
    peakRssMb = Math.max(peakRssMb, result.peakRssMb);
    if (best === undefined || result.seconds < best.seconds) best = result;
  }
  const fastest = { ...best!, peakRssMb };
  return repetitions > 1 ? { ...fastest, best_of: repetitions } as BenchResult : fastest;
}

/** Runs one benchmark in a fresh deno subprocess and parses its result. */
async function runInChild(name: string): Promise<BenchResult> {
  const output = await new Deno.Command("deno", {
    args: [
      "run",
      "--allow-read=.",
      "--v8-flags=--expose-gc",
      new URL(import.meta.url).pathname,
      "--child",
      name,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error(`bench: ${name} failed (exit code ${output.code})`);
  // The result is the child's last stdout line (benchmarks may print progress before it).
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as BenchResult;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "--child") {
    console.log(JSON.stringify(await runHere(args[1])));
    return;
  }
  const usage = `usage: deno task bench [FILTER]\n\nRuns every benchmark whose name contains ` +
    `FILTER (all when omitted), each in a fresh deno process, and prints one JSON object per ` +
    `line (engine/* and model/* figures also as ratios to ${REFERENCE}, measured in the same ` +
    `run; benchmarks with targets say whether they met them).\n` +
    `Benchmarks:\n${registry.map((b) => `  ${b.name}`).join("\n")}`;
  if (args[0] === "--help" || args[0] === "-h") {
    console.log(usage);
    return;
  }
  const filter = args[0] ?? "";
  const selected = registry.filter((b) => b.name.includes(filter));
  if (args.length > 1 || filter.startsWith("-") || selected.length === 0) {
    console.error(
      `bench: FILTER: got ${JSON.stringify(args.join(" "))}; allowed: one part of a benchmark ` +
        `name (or none for all)\n${usage}`,
    );
    Deno.exit(2);
  }
  const comparedToReference = (name: string) =>
    name.startsWith("engine/") || name.startsWith("model/");
  const needsReference = selected.some((b) => comparedToReference(b.name));
  const results = new Map<string, BenchResult>();
  const print = (name: string, result: BenchResult): void => {
    results.set(name, result);
    const benchmark = registry.find((b) => b.name === name);
    const eventsPerSecond = result.events / result.seconds;
    const { events: _events, customers: _customers, seconds: _seconds, peakRssMb: _rss, ...extra } =
      result as BenchResult & Record<string, unknown>;
    const line: Record<string, unknown> = {
      name,
      events: result.events,
      customers: result.customers,
      seconds: round(result.seconds, 3),
      events_per_second: Math.round(eventsPerSecond),
      customers_per_second: Math.round(result.customers / result.seconds),
      peak_rss_mb: round(result.peakRssMb, 1),
      ...extra,
      ...(benchmark === undefined ? {} : targetFields(benchmark, result)),
      ...(benchmark?.baseline === undefined
        ? {}
        : baselineFields(benchmark, result, results.get(benchmark.baseline))),
    };
    const reference = results.get(REFERENCE);
    if (reference !== undefined && comparedToReference(name)) {
      line.ratio_events_per_second = round(
        eventsPerSecond / (reference.events / reference.seconds),
        3,
      );
      line.ratio_customers_per_second = round(
        result.customers / result.seconds / (reference.customers / reference.seconds),
        3,
      );
    }
    console.log(JSON.stringify(line));
  };
  // The reference runs first whenever an engine or model bench is selected, so ratios compare
  // figures measured in the same invocation (same machine load).
  if (needsReference && !selected.some((b) => b.name === REFERENCE)) {
    print(REFERENCE, await runInChild(REFERENCE));
  }
  // Baselines run next (selected or not), so that each is measured in this run before the
  // benchmark compared with it.
  const baselines = new Set(selected.flatMap((b) => b.baseline === undefined ? [] : [b.baseline]));
  for (const name of baselines) print(name, await runInChild(name));
  for (const benchmark of selected) {
    if (baselines.has(benchmark.name)) continue;
    print(benchmark.name, await runInChild(benchmark.name));
  }
}

if (import.meta.main) await main(Deno.args);
