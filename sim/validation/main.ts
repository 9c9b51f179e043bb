/**
 * `deno task validate`: the simulator against queueing theory, as tables.
 *
 * 1. **Scenario cases** (`scenario_cases.ts`): every file of `data/validation/` run as analysts
 *    run scenarios, through the experiment layer, and compared with `sim/analytic` using the
 *    run's own 95% intervals (pass rule in `scenario_validation.ts`).
 * 2. **Metastability cases** (`metastability_cases.ts`): spike scenarios judged recovered or stuck
 *    from their post-surge goodput interval, against the retry-storm criterion λ(R + 1) vs cμ.
 * 3. **Engine checks** (`engine_cases.ts`): hand-written models on the engine's parts
 *    (`sim/validation/engine_models/`), each against theory with a 99.9% interval (`replicate.ts`).
 *
 * Run `deno task validate --help` for the options. Exits 1 if any exact check fails, 2 on a
 * usage error.
 *
 * @module
 */
import { VALIDATION_CASES } from "./engine_cases.ts";
import { evaluate, type ValidationRow } from "./replicate.ts";
import {
  METASTABILITY_CASES,
  type MetastabilityRow,
  metastabilityTable,
  runMetastabilityCase,
} from "./metastability_cases.ts";
import { SCENARIO_CASES } from "./scenario_cases.ts";
import { parseFlags } from "../experiment/flags.ts";
import { coreCount } from "../experiment/limits.ts";
import { showsProgress } from "../experiment/progress.ts";
import { UsageError } from "../experiment/usage_error.ts";
import {
  alignColumns,
  formatNumber,
  scenarioLegend,
  scenarioSummary,
  scenarioTable,
} from "./scenario_table.ts";
import {
  type CasePlan,
  familySize,
  planCase,
  runCase,
  type ScenarioRow,
  type ValidationSize,
} from "./scenario_validation.ts";

const USAGE = `deno task validate [options]

Runs the simulator against queueing theory and prints the tables (exit 1 if a check fails).

  scenario cases   data/validation/*.json through the experiment layer (as deno task sim),
                   each compared with sim/analytic using the run's own 95% intervals
  engine checks    hand-written models on the engine (sim/validation/engine_models), 99.9% intervals

Options:
  --quick            the tests' sizes: scenario cases quick, engine checks at 0.1 (default: full)
  --scenarios        only the scenario cases
  --engine           only the engine checks
  --only=TEXT        only cases whose name contains TEXT
  --size=FRACTION    engine checks at this fraction of their full size (default 1, 0.1 quick)
  --seed=N           base seed of the engine checks (default 1)
  --workers=N        worker threads for the scenario cases (default 0: this thread)
  --json             print {"scenario_cases", "metastability_cases", "engine_checks"} instead of tables
  --quiet            no progress on stderr (there is none when stderr is not a terminal)
  --help             this text`;

/** The command line, parsed. */
interface Options {
  quick: boolean;
  scenarios: boolean;
  engine: boolean;
  only?: string;
  size: number;
  seed: number;
  workers: number;
  json: boolean;
  /** Print each case's time on stderr as it finishes. */
  progress: boolean;
}

/** Upper bound of `--size` (100× the full size: hours of engine checks, no more). */
const MAX_SIZE = 100;

function parseOptions(args: readonly string[]): Options {
  const cores = coreCount();
  const { values, positionals } = parseFlags(args, {
    quick: { kind: "boolean" },
    scenarios: { kind: "boolean" },
    engine: { kind: "boolean" },
    json: { kind: "boolean" },
    quiet: { kind: "boolean" },
    help: { kind: "boolean" },
    only: { kind: "string", meaning: "part of a case's name" },
    size: {
      kind: "number",
      min: 0,
      exclusiveMin: true,
      max: MAX_SIZE,
      meaning: "a fraction of the engine checks' full size",
    },
    seed: {
      kind: "integer",
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      meaning: "the engine checks' base seed",
    },
    workers: {
      kind: "integer",
      min: 0,
      max: cores,
      meaning: `0 = in this thread; at most the ${cores} cores of this machine`,
    },
  });
  if (positionals.length > 0) {
    throw UsageError.field("argument", positionals[0], "flags only (see --help)");
  }
  const scenarios = values.engine !== true || values.scenarios === true;
  const engine = values.scenarios !== true || values.engine === true;
  const quick = values.quick === true;
  return {
    quick,
    scenarios,
    engine,
    only: onlyOption(values.only as string | undefined, { scenarios, engine }),
    size: (values.size as number | undefined) ?? (quick ? 0.1 : 1),
    seed: (values.seed as number | undefined) ?? 1,
    workers: (values.workers as number | undefined) ?? 0,
    json: values.json === true,
    progress: showsProgress(values.quiet === true || values.json === true),
  };
}

/** `--only=TEXT`: refused when it is empty or no selected case's name contains it. */
function onlyOption(
  only: string | undefined,
  selected: { scenarios: boolean; engine: boolean },
): string | undefined {
  if (only === undefined) return undefined;
  const names = [
    ...(selected.scenarios ? SCENARIO_CASES.map((c) => c.name) : []),
    ...(selected.scenarios ? METASTABILITY_CASES.map((c) => c.name) : []),
    ...(selected.engine ? VALIDATION_CASES.map((c) => c.name) : []),
  ];
  if (!names.some((name) => name.includes(only))) {
    throw UsageError.field("--only", only, `part of a case's name: ${names.join(", ")}`);
  }
  return only;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function scenarioRows(options: Options): Promise<{ plans: CasePlan[]; rows: ScenarioRow[] }> {
  const size: ValidationSize = options.quick ? "quick" : "full";
  const plans = SCENARIO_CASES
    .filter((c) => options.only === undefined || c.name.includes(options.only))
    .map((c) => planCase(c, size));
  const family = familySize(plans);
  const rows: ScenarioRow[] = [];
  for (const plan of plans) {
    const started = performance.now();
    for (const row of await runCase(plan, family, { workers: options.workers })) rows.push(row);
    if (options.progress) console.error(`scenario ${plan.case.name}: ${seconds(started)}`);
  }
  return { plans, rows };
}

async function metastabilityRows(options: Options): Promise<MetastabilityRow[]> {
  const rows: MetastabilityRow[] = [];
  const cases = METASTABILITY_CASES.filter((c) =>
    options.only === undefined || c.name.includes(options.only)
  );
  for (const metastabilityCase of cases) {
    const started = performance.now();
    rows.push(await runMetastabilityCase(metastabilityCase));
    if (options.progress) {
      console.error(`metastability ${metastabilityCase.name}: ${seconds(started)}`);
    }
  }
  return rows;
}

function engineRows(options: Options): ValidationRow[] {
  const rows: ValidationRow[] = [];
  const cases = VALIDATION_CASES.filter((c) =>
    options.only === undefined || c.name.includes(options.only)
  );
  for (const validationCase of cases) {
    const started = performance.now();
    for (const result of validationCase.run(options.size, options.seed)) {
      rows.push(evaluate(result, options.size));
    }
    if (options.progress) console.error(`engine ${validationCase.name}: ${seconds(started)}`);
  }
  return rows;
}

function engineTable(rows: readonly ValidationRow[]): string {
  const header = ["case", "metric", "theory", "mean", "99.9% CI", "rel_hw", "verdict"];
  const lines = rows.map((r) => [
    r.case,
    r.metric,
    formatNumber(r.theory),
    formatNumber(r.mean),
    `[${formatNumber(r.ci_low)}, ${formatNumber(r.ci_high)}]`,
    `${(100 * r.relative_half_width).toFixed(2)}%`,
    r.pass ? "PASS" : "FAIL",
  ]);
  return alignColumns(header, lines, 2);
}

async function main(args: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`clickday validate: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const { plans, rows: scenarios } = options.scenarios
    ? await scenarioRows(options)
    : { plans: [], rows: [] };
  const metastability = options.scenarios ? await metastabilityRows(options) : [];
  const engine = options.engine ? engineRows(options) : [];
  if (options.json) {
    console.log(JSON.stringify(
      { scenario_cases: scenarios, metastability_cases: metastability, engine_checks: engine },
      null,
      2,
    ));
  } else {
    if (options.scenarios) {
      console.log(`Scenario cases (data/validation, ${options.quick ? "quick" : "full"} size)\n`);
      console.log(scenarioTable(scenarios));
      console.log(`\n${scenarioSummary(scenarios)}\n\n${scenarioLegend(plans)}\n`);
      console.log("Metastability cases (spike scenarios vs the retry-storm criterion)\n");
      console.log(metastabilityTable(metastability));
      const held = metastability.filter((r) => r.pass).length;
      console.log(
        `\n${held}/${metastability.length} verdicts as predicted (goodput/λ after the surge, ` +
          `95% interval over replications: recovers ≥ 0.9, stays degraded ≤ 0.1)\n`,
      );
    }
    if (options.engine) {
      const failed = engine.filter((r) => !r.pass).length;
      console.log("Engine checks (hand-written models on the engine's parts)\n");
      console.log(engineTable(engine));
      console.log(
        `\n${engine.length - failed}/${engine.length} pass (99.9% Student-t CI over ` +
          `replications, half-width within the size's allowance)\n`,
      );
    }
    console.log(`done in ${seconds(started)}`);
  }
  const failed = scenarios.some((r) => r.pass === false) || engine.some((r) => !r.pass) ||
    metastability.some((r) => !r.pass);
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
