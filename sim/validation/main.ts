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
}

class UsageError extends Error {}

function numberOption(args: string[], name: string, fallback: number, minimum: number): number {
  const argument = args.find((a) => a.startsWith(`--${name}=`));
  if (argument === undefined) return fallback;
  const value = Number(argument.slice(name.length + 3));
  if (!(Number.isFinite(value) && value >= minimum)) {
    throw new UsageError(`--${name} must be a number ≥ ${minimum}, got ${argument}`);
  }
  return value;
}

function parseOptions(args: string[]): Options {
  const known = ["--quick", "--scenarios", "--engine", "--json", "--help"];
  const valued = ["--only=", "--size=", "--seed=", "--workers="];
  for (const a of args) {
    if (!known.includes(a) && !valued.some((prefix) => a.startsWith(prefix))) {
      throw new UsageError(`unknown option ${a}`);
    }
  }
  const scenariosOnly = args.includes("--scenarios");
  const engineOnly = args.includes("--engine");
  const workers = numberOption(args, "workers", 0, 0);
  if (!Number.isInteger(workers)) throw new UsageError(`--workers must be an integer`);
  return {
    quick: args.includes("--quick"),
    scenarios: !engineOnly || scenariosOnly,
    engine: !scenariosOnly || engineOnly,
    only: args.find((a) => a.startsWith("--only="))?.slice("--only=".length),
    size: numberOption(args, "size", args.includes("--quick") ? 0.1 : 1, Number.MIN_VALUE),
    seed: numberOption(args, "seed", 1, 0),
    workers,
    json: args.includes("--json"),
  };
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
    if (!options.json) console.error(`scenario ${plan.case.name}: ${seconds(started)}`);
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
    if (!options.json) {
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
    if (!options.json) console.error(`engine ${validationCase.name}: ${seconds(started)}`);
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
    console.error(`${error.message}\n\n${USAGE}`);
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
