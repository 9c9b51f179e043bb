/**
 * A property-based fuzzer (fast-check) over every command line of `deno task sim`, the
 * experiment schema and the scenario loader (schema-agnostic: it mutates the JSON of the files
 * in `data/scenarios/` at random paths). Every case runs in the harness (`fuzz_harness.ts`), a
 * subprocess with the sim task's permissions rooted in a scratch folder, and must end with
 * exit code 0 and a sane result, or exit code 2 and a message naming what is wrong — never a
 * stack trace, never a bug (exit 1), never longer than the time limit or more memory than the
 * harness has, never a file outside the case's output folder, never a partial output folder.
 *
 * `deno task test` runs it for about 40 s with a fixed seed (`fuzz_test.ts`); `deno task soak`
 * runs it for longer with a fresh seed (`soak.ts`).
 *
 * @module
 */
import fc from "fast-check";
import { join } from "node:path";

/** The project folder. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const HARNESS = new URL("./fuzz_harness.ts", import.meta.url).pathname;
/** A case taking longer than this is a hang (the harness is killed), milliseconds. */
const HANG_MS = 30_000;
/** A case answered after more than this is too slow, milliseconds. */
const SLOW_MS = 15_000;

/** A harness answer. */
interface Answer {
  id: number;
  code: number;
  json: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The harness subprocess: one case at a time, restarted when it dies or hangs. */
class Harness {
  #child: Deno.ChildProcess | undefined;
  #lines: AsyncIterator<string> | undefined;
  #id = 0;
  readonly cwd: string;

  constructor(cwd: string) {
    this.cwd = cwd;
  }

  #start(): void {
    this.#child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--config",
        `${ROOT}/deno.json`,
        "--allow-read",
        "--allow-write=out",
        "--v8-flags=--max-old-space-size=1536",
        HARNESS,
      ],
      cwd: this.cwd,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
      env: { NO_COLOR: "1" },
    }).spawn();
    this.#lines = this.#child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(
      lineSplitter(),
    )[Symbol.asyncIterator]();
  }

  /** Runs one command line; throws when the harness hangs or dies on it. */
  async run(args: string[]): Promise<Answer> {
    if (!this.#child) this.#start();
    const id = ++this.#id;
    const writer = this.#child!.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify({ id, args }) + "\n"));
    writer.releaseLock();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hang = new Promise<"hang">((settle) => timer = setTimeout(() => settle("hang"), HANG_MS));
    try {
      for (;;) {
        const next = await Promise.race([this.#lines!.next(), hang]);
        if (next === "hang") {
          this.stop();
          throw new Error(`hang: no answer after ${HANG_MS} ms`);
        }
        if (next.done) {
          this.stop();
          throw new Error("the harness died (a crash, or out of memory)");
        }
        if (!next.value.startsWith("{")) continue;
        const answer = JSON.parse(next.value) as Answer;
        if (answer.id === id) return answer;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the harness. */
  stop(): void {
    try {
      this.#child?.kill("SIGKILL");
    } catch {
      // already gone
    }
    this.#child?.stdin.close().catch(() => {});
    this.#child?.status.catch(() => {});
    this.#child = undefined;
  }
}

function lineSplitter(): TransformStream<string, string> {
  let buffered = "";
  return new TransformStream({
    transform(chunk, controller) {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        controller.enqueue(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    },
  });
}

/** Every file under `dir` (relative path → size and modification time), links not followed. */
function snapshot(
  dir: string,
  skip: (relative: string) => boolean = () => false,
): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string, relative: string) => {
    for (const entry of Deno.readDirSync(path)) {
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip(childRelative)) continue;
      const child = join(path, entry.name);
      const info = Deno.lstatSync(child);
      if (info.isDirectory) walk(child, childRelative);
      else files.set(childRelative, `${info.size}:${info.mtime?.getTime()}`);
    }
  };
  walk(dir, "");
  return files;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

// ---------------------------------------------------------------- value arbitraries

const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -1e-9,
  1e-300,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e12,
  1e15,
  3,
  60,
];
const EDGE_TEXTS = [
  "0",
  "-1",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e308",
  "1e999",
  "9007199254740993",
  "1.5",
  "",
  " ",
  "abc",
  "１",
  "\u202e",
  "--",
  "-",
  "0x10",
  "1/0",
  "2/1",
  "1/2",
  "2/2",
  "null",
  "true",
  "é✓",
];

/** One of `values`, uniformly (fc.constantFrom without spreading the list into arguments). */
function oneOf<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.integer({ min: 0, max: values.length - 1 }).map((index) => values[index]);
}

const edgeNumber = oneOf(EDGE_NUMBERS);
const edgeText = oneOf(EDGE_TEXTS);
const text = fc.oneof(
  edgeText,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
);

/** A JSON value of any type, with the edge numbers and deep nesting among them. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: edgeNumber },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 400 }).map((depth) => nest(depth)) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => Array(n).fill(1)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

function nest(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
  return value;
}

/** One change at a path of a JSON document. */
type Mutation = {
  at: number;
  kind: "number" | "replace" | "delete" | "unknown-field";
  value: unknown;
};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      at: fc.nat(),
      kind: fc.constant("number" as const),
      value: fc.oneof(edgeNumber, fc.double(), fc.integer()),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("replace" as const, "delete" as const, "unknown-field" as const),
      value: anyJson,
    }),
  },
);

/** Applies mutations to a copy of a JSON document (each at the `at`-th node, modulo). */
export function mutate(document: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(document);
  for (const change of mutations) {
    const slots: { parent: Record<string | number, unknown>; key: string | number }[] = [];
    const walk = (node: unknown) => {
      if (node === null || typeof node !== "object") return;
      for (const key of Object.keys(node)) {
        const index = Array.isArray(node) ? Number(key) : key;
        slots.push({ parent: node as Record<string | number, unknown>, key: index });
        walk((node as Record<string, unknown>)[key]);
      }
    };
    walk(copy);
    const numbers = slots.filter((slot) => typeof slot.parent[slot.key] === "number");
    const candidates = change.kind === "number" && numbers.length > 0 ? numbers : slots;
    if (candidates.length === 0) continue;
    const { parent, key } = candidates[change.at % candidates.length];
    if (change.kind === "replace" || change.kind === "number") parent[key] = change.value;
    else if (change.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else {
      const target = parent[key];
      if (target !== null && typeof target === "object" && !Array.isArray(target)) {
        (target as Record<string, unknown>)[`unknown_${change.at % 7}`] = change.value;
      }
    }
  }
  return copy;
}

// ---------------------------------------------------------------- cases

/** What one fuzz case runs. */
export interface FuzzCase {
  /** Which kind of case (for the report). */
  kind: "command" | "experiment" | "scenario" | "merge";
  /** Files to write in the scratch folder's `inputs/` before running: name → content. */
  files: Record<string, string | Uint8Array>;
  /** The command line (paths under `inputs/` are absolute in the scratch folder). */
  args: string[];
  /** The output folder the case may write (relative to the scratch folder), if any. */
  out?: string;
}

/** Mostly valid values, sometimes an edge one. */
const mostly = (valid: string[], edge: fc.Arbitrary<string> = edgeText) =>
  fc.oneof({ weight: 3, arbitrary: oneOf(valid) }, { weight: 1, arbitrary: edge });

const FLAG_VALUES: Record<string, fc.Arbitrary<string>> = {
  "--design": mostly(["base", "six-servers", "all", "nope"], text),
  "--seed": mostly(["0", "1", "42"]),
  "--reps": mostly(["1", "2", "3", "10000"]),
  "--until": mostly(["50", "200", "1e9"]),
  "--workers": mostly(["0", "1", "2", "1000"]),
  "--shard": mostly(["1/2", "2/2", "0/2", "3/2", "1/1", "1/100000"]),
  "--timeout": mostly(["5", "0.001"]),
  "--out": mostly(
    ["OUT", "OUT", "OUT", "", "/tmp/clickday-fuzz-x", "out", "out/../x", "OUT/../../x", "inputs"],
    text,
  ),
};
const BOOLEAN_FLAGS = ["--json", "--quiet", "--help"];
const JUNK_FLAGS = ["--nope", "-x", "--reps=2", "--out=OUT", "--experiment", "--", "--allow-ffi"];

const flags: fc.Arbitrary<string[]> = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: oneOf(Object.keys(FLAG_VALUES)).chain((flag) =>
        FLAG_VALUES[flag].map((value) => [flag, value])
      ),
    },
    { weight: 2, arbitrary: oneOf(BOOLEAN_FLAGS).map((flag) => [flag]) },
    {
      weight: 1,
      arbitrary: fc.tuple(oneOf(JUNK_FLAGS), text).map((
        [flag, value],
      ) => [flag, value]),
    },
  ),
  { maxLength: 5 },
).map((groups) => groups.flat());

/** A tiny scenario: an M/M/c queue for a few hundred seconds (a run of ~10 ms). */
function smallScenario(): Record<string, unknown> {
  const raw = JSON.parse(Deno.readTextFileSync(`${ROOT}/data/scenarios/mmc.json`));
  delete raw.$schema;
  raw.horizon_seconds = 400;
  raw.warmup_seconds = 50;
  raw.bin_width_seconds = 50;
  return raw;
}

function scenarioFiles(): string[] {
  return [...Deno.readDirSync(`${ROOT}/data/scenarios`)]
    .filter((entry) => entry.name.endsWith(".json"))
    .map((entry) => entry.name)
    .sort();
}

function caseArbitrary(): fc.Arbitrary<FuzzCase> {
  const small = JSON.stringify(smallScenario());
  const commandCase = fc.record({
    scenario: fc.constantFrom(
      "inputs/small.json",
      "inputs/small.json",
      "inputs/missing.json",
      "inputs",
      "inputs/garbage.json",
      "",
    ),
    flags,
  }).map(({ scenario, flags }): FuzzCase => ({
    kind: "command",
    files: { "small.json": small, "garbage.json": new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0xc3]) },
    args: [scenario, ...flags],
  }));
  const experimentCase = fc.record({
    declaration: fc.record({
      name: fc.oneof(fc.constantFrom("fz", "fz/../../x", ".hidden", "a".repeat(300)), text),
      scenarios: fc.oneof(
        fc.constant(["SMALL"]),
        fc.constant([JSON.parse(small)]),
        fc.array(anyJson, { maxLength: 3 }),
      ),
      designs: fc.subarray(["base", "six-servers", "nope"]),
      baseline: fc.constantFrom("base", "six-servers", "nope"),
      grid: fc.oneof(
        fc.record({
          "demand.arrivals.rate_per_second": fc.array(anyJson, { minLength: 1, maxLength: 3 }),
        }),
        fc.record({
          "service.tiers[0].servers": fc.array(edgeNumber, { minLength: 1, maxLength: 3 }),
        }),
        fc.dictionary(
          fc.constantFrom("__proto__", "a..b", "service.tiers[9].x", "x", "seed"),
          fc.array(anyJson, { maxLength: 2 }),
        ),
      ),
      replications: fc.oneof(fc.constantFrom(1, 2), edgeNumber),
      sequential: fc.record({
        metric: fc.constantFrom("citizens", "nope"),
        halfWidth: edgeNumber,
        max: edgeNumber,
      }),
      confidence: fc.oneof(fc.constant(0.9), edgeNumber),
      model: fc.oneof(fc.constantFrom("scenario-model", "toy", "file:///etc/passwd"), text),
      until: edgeNumber,
      runner: fc.constantFrom("data:text/javascript,1", "../x.ts"),
      extra: anyJson,
    }, { requiredKeys: ["name", "scenarios"] }),
    mutations: fc.array(mutation, { maxLength: 2 }),
    flags: fc.array(
      fc.oneof(
        fc.constantFrom("--workers", "--shard", "--out", "--until").chain((flag) =>
          FLAG_VALUES[flag].map((v) => [flag, v])
        ),
        fc.constant(["--quiet"]),
      ),
      { maxLength: 3 },
    ).map((groups) => groups.flat()),
  }).map(({ declaration, mutations, flags }): FuzzCase => {
    const document = mutate(declaration, mutations) as Record<string, unknown>;
    const json = JSON.stringify(document).replaceAll('"SMALL"', JSON.stringify("small.json"));
    return {
      kind: "experiment",
      files: { "small.json": small, "experiment.json": json },
      args: ["--experiment", "inputs/experiment.json", ...flags],
    };
  });
  const scenarioCase = fc.record({
    file: fc.oneof(
      { weight: 2, arbitrary: fc.constant("SMALL") },
      { weight: 3, arbitrary: oneOf(scenarioFiles()) },
    ),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
    bytes: fc.oneof(
      { weight: 7, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 4 }) },
    ),
    flags: fc.constantFrom(["--until", "300"], ["--until", "30"], [
      "--design",
      "all",
      "--until",
      "60",
    ]),
  }).map(({ file, mutations, bytes, flags }): FuzzCase => {
    const document = file === "SMALL"
      ? JSON.parse(small)
      : JSON.parse(Deno.readTextFileSync(`${ROOT}/data/scenarios/${file}`));
    let content: string | Uint8Array = JSON.stringify(mutate(document, mutations));
    if (bytes) {
      const encoded = new TextEncoder().encode(content);
      const at = bytes[0] % encoded.length;
      content = new Uint8Array(
        [...encoded.subarray(0, at), ...bytes, ...encoded.subarray(at)].slice(0),
      );
    }
    return {
      kind: "scenario",
      files: { "mutated.json": content },
      args: ["inputs/mutated.json", "--reps", "1", "--quiet", ...flags, "--out", "OUT"],
    };
  });
  const mergeCase = fc.record({
    dirs: fc.array(
      fc.constantFrom(
        "out/shards/1",
        "out/shards/2",
        "out/shards/1",
        "out/missing",
        "inputs",
        "inputs/small.json",
        "out/shards",
      ),
      { maxLength: 3 },
    ),
    flags: fc.array(FLAG_VALUES["--out"].map((value) => ["--out", value]), { maxLength: 1 }).map((
      g,
    ) => g.flat()),
  }).map(({ dirs, flags }): FuzzCase => ({
    kind: "merge",
    files: {},
    args: ["merge", ...dirs, ...flags],
  }));
  return fc.oneof(
    { weight: 3, arbitrary: commandCase },
    { weight: 3, arbitrary: experimentCase },
    { weight: 4, arbitrary: scenarioCase },
    { weight: 1, arbitrary: mergeCase },
  );
}

// ---------------------------------------------------------------- checks

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** fast-check seed (fixed in `deno task test`). */
  seed: number;
  /** Stop generating cases after this long, milliseconds. */
  timeLimitMs: number;
  /** At most this many cases. */
  numRuns: number;
  /** Receives one line per case (for the soak's log). */
  log?: (line: string) => void;
}

/** What a fuzz run did. */
export interface FuzzSummary {
  /** Cases run. */
  cases: number;
  /** Cases by exit code. */
  codes: Record<number, number>;
  /** Cases by kind. */
  kinds: Record<string, number>;
}

/**
 * Runs the fuzzer in a fresh scratch folder; throws (with the failing case) when any case
 * breaks a rule.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const scratch = await Deno.makeTempDir({ prefix: "clickday-fuzz-" });
  const inputs = join(scratch, "inputs");
  await Deno.mkdir(join(scratch, "out"), { recursive: true });
  await Deno.mkdir(inputs);
  const harness = new Harness(scratch);
  HARNESS_CWD.value = scratch;
  const summary: FuzzSummary = { cases: 0, codes: {}, kinds: {} };
  const data = snapshot(`${ROOT}/data`);
  try {
    // Two finished shards for the merge cases.
    await Deno.writeTextFile(join(inputs, "small.json"), JSON.stringify(smallScenario()));
    for (const shard of ["1", "2"]) {
      const answer = await harness.run([
        "inputs/small.json",
        "--reps",
        "2",
        "--quiet",
        "--shard",
        `${shard}/2`,
        "--out",
        `out/shards/${shard}`,
      ]);
      if (answer.code !== 0) throw new Error(`fuzz setup failed: ${answer.stderr}`);
    }
    let counter = 0;
    const property = fc.asyncProperty(caseArbitrary(), async (fuzzCase) => {
      const id = ++counter;
      const out = `out/c${id}`;
      const args = fuzzCase.args.map((arg) =>
        arg.replaceAll("OUT", out).replace(/^inputs/, inputs)
      );
      await Deno.remove(inputs, { recursive: true }).catch(() => {});
      await Deno.mkdir(inputs);
      for (const [name, content] of Object.entries(fuzzCase.files)) {
        if (typeof content === "string") await Deno.writeTextFile(join(inputs, name), content);
        else await Deno.writeFile(join(inputs, name), content);
      }
      const before = snapshot(scratch, (path) => path.startsWith("inputs"));
      const answer = await harness.run(args);
      const after = snapshot(scratch, (path) => path.startsWith("inputs"));
      summary.cases++;
      summary.codes[answer.code] = (summary.codes[answer.code] ?? 0) + 1;
      summary.kinds[fuzzCase.kind] = (summary.kinds[fuzzCase.kind] ?? 0) + 1;
      options.log?.(
        `${fuzzCase.kind} ${answer.code} ${answer.ms}ms ${JSON.stringify(args).slice(0, 200)} ` +
          answer.stderr.split("\n").slice(0, 2).join(" | ").slice(0, 300),
      );
      checkAnswer(fuzzCase, args, answer, changed(before, after), out);
    });
    await fc.assert(property, {
      seed: options.seed,
      numRuns: options.numRuns,
      endOnFailure: true,
      plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs)],
    } as fc.Parameters<[FuzzCase]>);
  } finally {
    harness.stop();
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
  const dataChanges = changed(data, snapshot(`${ROOT}/data`));
  if (dataChanges.length > 0) throw new Error(`data/ changed: ${dataChanges.join(", ")}`);
  return summary;
}

const STACK_LINE = /^\s+at .*(:\d+:\d+|\(native\))/m;

/** The rules every case's outcome must keep. */
function checkAnswer(
  fuzzCase: FuzzCase,
  args: string[],
  answer: Answer,
  changes: string[],
  out: string,
): void {
  const where = `${fuzzCase.kind} case ${JSON.stringify(args).slice(0, 600)}`;
  const fail = (why: string): never => {
    throw new Error(
      `${why}\n${where}\nexit ${answer.code}, ${answer.ms} ms\nstderr: ${answer.stderr}`,
    );
  };
  const allowed = args.includes("--timeout") ? [0, 2, 3] : [0, 2];
  if (!allowed.includes(answer.code)) fail(`exit code ${answer.code}`);
  if (STACK_LINE.test(answer.stderr)) fail("a stack trace was printed");
  if (answer.ms > SLOW_MS) fail(`took ${answer.ms} ms`);
  if (answer.code === 2 && !/^clickday \w+: \S/m.test(answer.stderr)) {
    fail("exit 2 without a message naming what is wrong");
  }
  if (answer.code === 0 && args.includes("--json") && !args.includes("--help")) {
    if (!answer.json) fail("--json printed something that is not JSON");
  }
  // Files: only the case's output folder (or an experiment's default one) may change.
  const own = (path: string) => path.startsWith(`${out}/`) || path.startsWith("out/experiments/");
  const foreign = changes.filter((path) => !own(path));
  if (foreign.length > 0) fail(`files outside the output folder changed: ${foreign.join(", ")}`);
  const leftovers = changes.filter((path) =>
    /\.partial$|\/\.[^/]*\.(next|old)-?|\/\.tables-/.test(path)
  );
  if (leftovers.length > 0) fail(`temporary files left: ${leftovers.join(", ")}`);
  if (answer.code !== 0 && changes.some((path) => path.startsWith(`${out}/`))) {
    if (
      !(answer.code === 3 &&
        changes.every((path) =>
          path.includes("/runs/") || path.endsWith("manifest.json") || path.endsWith(".lock")
        ))
    ) {
      fail(`a refused or failed case wrote into its output folder: ${changes.join(", ")}`);
    }
  }
  if (answer.code === 0 && changes.some((path) => path.startsWith(`${out}/`))) {
    const manifest = JSON.parse(Deno.readTextFileSync(`${HARNESS_CWD.value}/${out}/manifest.json`));
    if (manifest.complete !== true) fail("exit 0 left an unfinished output folder");
  }
}

/** The scratch folder of the current run (for reading a case's output). */
const HARNESS_CWD = { value: "" };
