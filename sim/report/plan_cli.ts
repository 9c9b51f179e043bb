/**
 * `deno task plan <scenario>`: the metastability map of a scenario over two parameters by the
 * fluid model, where the as-built design sits on it, the smallest change that keeps it
 * healthy (with a margin), simulator spot checks of a sample of cells and of the
 * recommendation, printed as a table; with `--out`, the chart (HTML and SVG) under `out/`.
 *
 * Lives in `sim/report` because it draws charts and runs the simulator, which `sim/fluid`
 * may not import; the map and the planner's reading are `sim/fluid`'s pure functions.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { writeFileAtomic } from "../experiment/atomic_write.ts";
import { runCommand } from "../experiment/exit_codes.ts";
import { parseFlags, wantsHelp } from "../experiment/flags.ts";
import { basename, dirname, join } from "node:path";
import { MANIFEST_FILE } from "../experiment/manifest.ts";
import {
  checkOutputPath,
  freshFolder,
  inspectFolder,
  refuseForeign,
  safeFileName,
} from "../experiment/output_folder.ts";
import { UsageError } from "../experiment/usage_error.ts";
import { readScenarioJson } from "../scenario/mod.ts";
import { metastabilityMapChart } from "../charts/mod.ts";
import {
  ARRIVAL_MULTIPLIER,
  designJson,
  mapPointScenario,
  scenarioFluidEvaluator,
  scenarioMap,
} from "../fluid/mod.ts";
import {
  asBuiltValue,
  axisValues,
  defaultAxes,
  type MapPlan,
  planFromMap,
  withValue,
} from "../fluid/planner.ts";
import { spotChecks, spotCheckSample } from "../fluid/spot_check.ts";
import type { MapAxis, MetastabilityMapRow } from "../fluid/metastability_map.ts";
import type { SurgeOutcome } from "../fluid/surge_verdict.ts";
import { PLAN_WORDS, planTable } from "./plan_table.ts";
import { confirm, type PlanConfirmation } from "./plan_confirmation.ts";
import type { SearchedParameter } from "../fluid/plan_search.ts";
import {
  costSearch,
  costSearchLines,
  type CostSearchOutcome,
  parseCostSearch,
} from "./plan_cost_search.ts";

const USAGE = `usage: deno task plan <scenario> [flags]
  <scenario>            an incident name (data/scenarios/<name>.json) or a scenario file path
  --design NAME         design to start from (default base)
  --x PATH[=SPEC]       x parameter: a path in the scenario (named items by name or [i]), e.g.
                        service.tiers.sia_wallet.servers, demand.client.timeout_seconds;
                        SPEC "lo:hi:n" or "a,b,c" (default: half to 4× as built, 12 values;
                        the as-built value is always added)
  --x2, --x3 PATH[=SPEC] more parameters searched with --x (each needs a --cost)
  --cost PATH=EURO,…    euro per unit of each searched parameter (e.g. per server for the
                        horizon): find the cheapest setting the fluid model accepts at the
                        margin, print its cost, have the simulator confirm it
  --budget EURO         say whether that setting fits this budget (needs --cost)
  --y PATH[=SPEC]       y parameter (default arrival_multiplier=0.5:2:16: every arrival rate ×)
  --horizon S           integrate up to S seconds (default the scenario's horizon)
  --margin M            the recommended x must hold for every y up to M (default as-built y)
  --accept WHAT         healthy | recovers: verdicts that count as acceptable (default healthy)
  --target S            also accept a design degraded for at most S seconds before it recovers
  --spot-checks N       simulator spot checks of N map cells, 0–40 (default 4)
  --scale K             spot checks' demand-and-capacity factor in (0, 1] (default: the
                        incident's scale in data/incidents/, else 0.05)
  --replications R      spot checks' replications, 1–20 (default 2)
  --lang it|en          language of the table and the chart (default en)
  --out DIR             write metastability-<scenario>.html and .svg under DIR (under out/;
                        characters of the name other than A-Z a-z 0-9 . _ - become _); DIR
                        must be new, empty or a folder this command wrote (its manifest.json)
  --json                print the map rows and the plan as JSON instead of the table`;

const FLAGS = {
  design: { kind: "string", meaning: "a design name" },
  x: { kind: "string", meaning: "PATH or PATH=SPEC" },
  x2: { kind: "string", meaning: "PATH or PATH=SPEC" },
  x3: { kind: "string", meaning: "PATH or PATH=SPEC" },
  cost: { kind: "string", meaning: "PATH=EURO[,PATH=EURO…]" },
  budget: { kind: "number", min: 0, meaning: "euro" },
  y: { kind: "string", meaning: "PATH or PATH=SPEC" },
  horizon: { kind: "number", min: 0, exclusiveMin: true, meaning: "seconds" },
  margin: { kind: "number", min: 0, exclusiveMin: true },
  accept: { kind: "string", meaning: "healthy or recovers" },
  target: { kind: "number", min: 0, exclusiveMin: true, meaning: "seconds" },
  "spot-checks": { kind: "integer", min: 0, max: 40 },
  scale: { kind: "number", min: 0, max: 1, exclusiveMin: true },
  replications: { kind: "integer", min: 1, max: 20 },
  lang: { kind: "string", meaning: "it or en" },
  out: { kind: "string", meaning: "a folder under out/" },
  json: { kind: "boolean" },
} as const;

/** The command line, checked. */
export interface PlanCommand {
  /** Scenario file path. */
  path: string;
  /** The design's JSON. */
  json: Record<string, unknown>;
  /** Scenario name for file names. */
  name: string;
  /** Axes. */
  x: MapAxis;
  /** Axes. */
  y: MapAxis;
  /** As-built values of the axes' parameters. */
  asBuilt: { x: number; y: number };
  /** Integration horizon, seconds, when given. */
  horizon?: number;
  /** Margin on y. */
  margin?: number;
  /** Acceptable verdicts. */
  accept: SurgeOutcome[];
  /** Recovery target, seconds: "recovers" within it is acceptable too. */
  target?: number;
  /** Spot checks. */
  spotChecks: number;
  /** Spot checks' scale. */
  scale: number;
  /** Spot checks' replications. */
  replications: number;
  /** Language. */
  lang: "it" | "en";
  /** Output folder, when given. */
  out?: string;
  /** JSON output. */
  asJson: boolean;
  /** The cost search (`--cost`), when asked for. */
  search?: { parameters: SearchedParameter[]; budget?: number };
}

function scenarioPath(argument: string | undefined): string {
  const incidents = [...Deno.readDirSync("data/scenarios")]
    .filter((entry) => entry.name.endsWith(".json"))
    .map((entry) => entry.name.slice(0, -5)).sort();
  if (argument === undefined) {
    throw UsageError.field("<scenario>", "", `an incident (${incidents.join(", ")}) or a file`);
  }
  if (incidents.includes(argument)) return `data/scenarios/${argument}.json`;
  if (Deno.permissions.querySync({ name: "read", path: argument }).state !== "granted") {
    throw UsageError.field(
      "<scenario>",
      argument,
      "an incident or a .json scenario file inside the project folder (the plan task reads " +
        "only the project: copy the file into it)",
    );
  }
  if (argument.endsWith(".json") && existsSync(argument)) return argument;
  throw UsageError.field(
    "<scenario>",
    argument,
    `an incident (${incidents.join(", ")}) or an existing .json scenario file`,
  );
}

/**
 * The scale an incident's descriptor runs it at (`data/incidents/<name>.json`, `run_plan.scale`:
 * chosen so that small tiers keep their server counts), when the scenario is an incident.
 */
function incidentScale(argument: string | undefined): number | undefined {
  const path = `data/incidents/${argument}.json`;
  if (argument === undefined || !/^[a-z0-9-]+$/.test(argument) || !existsSync(path)) return;
  const descriptor = JSON.parse(Deno.readTextFileSync(path)) as { run_plan?: { scale?: unknown } };
  const scale = descriptor.run_plan?.scale;
  return typeof scale === "number" && scale > 0 && scale <= 1 ? scale : undefined;
}

/** Rethrows a RangeError or ScenarioError as a UsageError naming `flag`. */
function asUsage<T>(flag: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && error.name === "ScenarioError")) {
      throw new UsageError(`${flag}: ${error.message}`);
    }
    throw error;
  }
}

function axisFrom(
  flag: string,
  text: string | undefined,
  fallback: MapAxis,
  json: Record<string, unknown>,
): { axis: MapAxis; asBuilt: number } {
  if (text === undefined) {
    return { axis: fallback, asBuilt: asBuiltValue(json, fallback.name) ?? NaN };
  }
  const [path, spec] = text.split("=", 2);
  const asBuilt = asUsage(flag, () => asBuiltValue(json, path.trim()));
  if (asBuilt === null) {
    throw UsageError.field(
      flag,
      path,
      `a path to a number the scenario sets (it sets none there), e.g. ` +
        `service.tiers.<tier>.servers, ` +
        `demand.client.timeout_seconds, demand.client.retry.max_attempts, or ${ARRIVAL_MULTIPLIER}`,
    );
  }
  const integer = Number.isInteger(asBuilt) && path !== ARRIVAL_MULTIPLIER;
  const values = spec === undefined
    ? asUsage(flag, () =>
      axisValues(
        `${integer ? Math.max(1, Math.round(asBuilt / 2)) : asBuilt / 2}:${asBuilt * 4}:12`,
        integer,
      ))
    : asUsage(flag, () => axisValues(spec, integer));
  // The as-built value is always on the grid, so the planner can read its cell.
  return { axis: { name: path.trim(), values: withValue(values, asBuilt) }, asBuilt };
}

/**
 * Parses and checks the command line.
 * @throws UsageError naming the flag, the value and what is allowed.
 */
export function parsePlanArguments(args: readonly string[]): PlanCommand {
  const { values, positionals } = parseFlags(args, FLAGS, USAGE);
  if (positionals.length > 1) {
    throw UsageError.field("<scenario>", positionals.join(" "), "one scenario");
  }
  const path = scenarioPath(positionals[0]);
  let raw: unknown;
  try {
    raw = readScenarioJson(path); // bounded, and with its trace CSVs read
  } catch (error) {
    throw new UsageError(`<scenario>: ${(error as Error).message}`);
  }
  const design = (values.design as string | undefined) ?? "base";
  const json = asUsage("--design", () => designJson(raw, design));
  asUsage("<scenario>", () => mapPointScenario(json, {})); // the scenario as built is valid
  const fallback = asUsage("<scenario>", () => defaultAxes(json));
  const x = axisFrom("--x", values.x as string | undefined, fallback.x, json);
  const y = axisFrom("--y", values.y as string | undefined, fallback.y, json);
  if (x.axis.name === y.axis.name) {
    throw UsageError.field("--y", y.axis.name, "a parameter other than --x's");
  }
  const lang = (values.lang as string | undefined) ?? "en";
  if (lang !== "it" && lang !== "en") throw UsageError.field("--lang", lang, "it, en");
  const accept = (values.accept as string | undefined) ?? "healthy";
  if (accept !== "healthy" && accept !== "recovers") {
    throw UsageError.field("--accept", accept, "healthy, recovers");
  }
  const horizon = values.horizon as number | undefined;
  const horizonOf = (json.horizon_seconds as number | { value: number }) ?? 0;
  const scenarioHorizon = typeof horizonOf === "number" ? horizonOf : horizonOf.value;
  if (horizon !== undefined && horizon > scenarioHorizon) {
    throw UsageError.field("--horizon", horizon, `seconds ≤ the scenario's ${scenarioHorizon}`);
  }
  const margin = values.margin as number | undefined;
  const largestY = y.axis.values.reduce((a, b) => Math.max(a, b), -Infinity);
  if (margin !== undefined && margin > largestY) {
    throw UsageError.field(
      "--margin",
      margin,
      `at most the largest --y value, ${largestY} (widen --y to plan for more)`,
    );
  }
  // Check the corners now: a value the scenario language rejects fails before any run.
  for (const xv of [x.axis.values[0], x.axis.values.at(-1)!]) {
    for (const yv of [y.axis.values[0], y.axis.values.at(-1)!]) {
      asUsage("--x/--y", () => mapPointScenario(json, { [x.axis.name]: xv, [y.axis.name]: yv }));
    }
  }
  const search = parseCostSearch(
    values,
    x.axis,
    y.axis.name,
    (flag, text) => axisFrom(flag, text, x.axis, json).axis,
  );
  const out = values.out as string | undefined;
  if (out !== undefined) checkPlanFolder(out);
  return {
    path,
    json,
    name: String(json.name ?? "scenario"),
    x: x.axis,
    y: y.axis,
    asBuilt: { x: x.asBuilt, y: y.asBuilt },
    horizon,
    margin,
    accept: accept === "healthy" ? ["healthy"] : ["healthy", "recovers"],
    target: values.target as number | undefined,
    spotChecks: (values["spot-checks"] as number | undefined) ?? 4,
    scale: (values.scale as number | undefined) ?? incidentScale(positionals[0]) ?? 0.05,
    replications: (values.replications as number | undefined) ?? 2,
    lang,
    out,
    asJson: values.json === true,
    search,
  };
}

/** What a plan run computed. */
export interface PlanResult {
  /** Fluid cells and simulator spot checks. */
  rows: MetastabilityMapRow[];
  /** The planner's reading. */
  plan: MapPlan;
  /** Files written. */
  written: string[];
  /** Seconds the fluid map took. */
  mapSeconds: number;
  /** Features the fluid model left out. */
  unsupported: string[];
  /** The simulator's confirmation of the recommendation (null without spot checks). */
  confirmation: PlanConfirmation | null;
  /** The cost search (`--cost`), when asked for. */
  search?: CostSearchOutcome;
}

/** Contents of a plan folder's `manifest.json` (what makes `--out` recognisably the planner's). */
export const PLAN_MANIFEST = { format: 1, kind: "plan" } as const;

function isPlanManifest(manifest: Record<string, unknown>): boolean {
  return manifest.kind === PLAN_MANIFEST.kind;
}

/**
 * Checks `--out` before anything runs: a folder under `out/` (links resolved, not a link
 * itself) that is missing, empty or a plan folder (its manifest): the planner writes its charts
 * into nothing else, and replaces no file it did not write. Returns the folder's absolute path
 * and whether it is a plan folder already.
 *
 * @throws UsageError naming the folder and why it is refused (it is left untouched).
 */
export function checkPlanFolder(out: string): { path: string; planFolder: boolean } {
  const location = checkOutputPath(out, "--out");
  const contents = inspectFolder(location.path, isPlanManifest);
  if (contents.state === "foreign") {
    refuseForeign("--out", out, `${contents.reason}, not a folder of deno task plan`);
  }
  return { path: location.path, planFolder: contents.state === "own" };
}

/**
 * Writes `files` (name → text) into the plan folder `out`, checked again first. A new folder is
 * built whole beside it (the manifest and the files) and renamed into place; into a plan folder
 * each file is written atomically, and other scenarios' charts stay.
 */
async function writePlanFiles(out: string, files: Record<string, string>): Promise<void> {
  const { path: target, planFolder } = checkPlanFolder(out);
  const manifest = JSON.stringify(PLAN_MANIFEST, null, 2) + "\n";
  if (planFolder) {
    for (const [name, text] of Object.entries(files)) {
      await writeFileAtomic(join(target, name), text);
    }
    return;
  }
  await Deno.mkdir(dirname(target), { recursive: true });
  const staged = await freshFolder(dirname(target), `.${basename(target)}.next-`);
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(staged, name), text);
    }
    await Deno.writeTextFile(join(staged, MANIFEST_FILE), manifest);
    await Deno.rename(staged, target); // over a missing or empty folder only
  } catch (error) {
    await Deno.remove(staged, { recursive: true }).catch(() => {});
    throw error;
  }
}

/**
 * The file name (without extension) of a scenario's chart: `metastability-<name>`, the name
 * made safe as a file name the way `deno task sim` makes an experiment's folder name (a
 * scenario's name is any string: a `/` or `..` in it must not lead out of `--out`).
 */
export function chartFileStem(scenarioName: string): string {
  return `metastability-${safeFileName(scenarioName, "scenario")}`;
}

/** Runs the planner for a parsed command (prints nothing). */
export async function runPlan(command: PlanCommand): Promise<PlanResult> {
  const evaluation = { horizon: command.horizon };
  const map = scenarioMap({ json: command.json, x: command.x, y: command.y, ...evaluation });
  const at = scenarioFluidEvaluator(command.json, evaluation)({
    [command.x.name]: command.asBuilt.x,
    [command.y.name]: command.asBuilt.y,
  });
  const plan = planFromMap(map.rows, {
    x: command.asBuilt.x,
    y: command.asBuilt.y,
    verdict: at.verdict,
    recoverySeconds: at.recoverySeconds ?? null,
  }, { accept: command.accept, yMargin: command.margin, recoveryTarget: command.target });
  const points = command.spotChecks === 0 ? [] : spotCheckSample(map.rows, command.spotChecks);
  const spot = { scale: command.scale, replications: command.replications, ...evaluation };
  const axes = { x: command.x, y: command.y };
  const checks = spotChecks(command.json, axes, points, spot);
  const confirmation = command.spotChecks === 0 ? null : confirm(command, plan, checks, spot);
  const rows = [...map.rows, ...checks];
  if (confirmation) {
    for (const row of confirmation.tried) {
      if (!rows.some((r) => r.source === "simulator" && r.x === row.x && r.y === row.y)) {
        rows.push(row);
      }
    }
  }
  const search = command.search === undefined ? undefined : costSearch({
    json: command.json,
    parameters: command.search.parameters,
    margin: { name: command.y.name, value: command.margin ?? command.asBuilt.y },
    accept: command.accept,
    target: command.target,
    budget: command.search.budget,
    horizon: command.horizon,
    simulator: command.spotChecks === 0 ? undefined : spot,
  });
  const written: string[] = [];
  if (command.out !== undefined) {
    // Everything rendered first: nothing is created unless there is something to write.
    const chart = metastabilityMapChart(rows, { lang: command.lang });
    const html = await chart.toHTML();
    const svg = await chart.toSVG();
    const stem = chartFileStem(command.name);
    await writePlanFiles(command.out, { [`${stem}.html`]: html, [`${stem}.svg`]: svg });
    written.push(`${command.out}/${stem}.html`, `${command.out}/${stem}.svg`);
  }
  return {
    rows,
    plan,
    confirmation,
    written,
    mapSeconds: map.seconds,
    unsupported: map.unsupported,
    search,
  };
}

if (import.meta.main) {
  Deno.exit(
    await runCommand("clickday plan", async () => {
      if (wantsHelp(Deno.args)) {
        console.log(USAGE);
        return 0;
      }
      const command = parsePlanArguments(Deno.args);
      const result = await runPlan(command);
      if (command.asJson) {
        const { plan, confirmation, rows, unsupported, search } = result;
        console.log(JSON.stringify({ plan, confirmation, rows, unsupported, search }, null, 2));
      } else {
        console.log(planTable(command, result.rows, result.plan, result.confirmation));
        if (result.search) console.log(costSearchLines(result.search, command.lang).join("\n"));
        const words = PLAN_WORDS[command.lang];
        console.log(`${words.seconds} ${result.mapSeconds.toFixed(1)} s`);
        if (result.unsupported.length > 0) {
          console.log(
            command.lang === "en"
              ? `left out by the fluid model (the simulator spot checks include them): ${
                result.unsupported.join("; ")
              }`
              : `il modello fluido tralascia ${result.unsupported.length} meccanismi (elenco ` +
                `con --json; i controlli del simulatore li includono)`,
          );
        }
        for (const file of result.written) console.log(`${words.wrote} ${file}`);
      }
      return 0;
    }),
  );
}
export { planTable } from "./plan_table.ts";
export type { PlanConfirmation } from "./plan_confirmation.ts";
