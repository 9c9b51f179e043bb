/**
 * The planner's text output (`deno task plan`): the map as a table — one symbol per cell,
 * simulator spot checks beside the fluid verdict, the as-built cell in brackets — and the
 * planner's reading underneath, in Italian or English.
 *
 * @module
 */
import type { MapPlan, MetastabilityMapRow, SurgeOutcome } from "../fluid/mod.ts";
import type { PlanCommand, PlanConfirmation } from "./plan_cli.ts";

/** The words of the table, per language. */
export const PLAN_WORDS = {
  en: {
    legend: ". healthy   r recovers   X stays degraded   [ ] as built   lower-case: simulator",
    asBuilt: "as built",
    minimalX: "smallest x acceptable for every y up to",
    maximalY: "largest y acceptable at the as-built x",
    nearest: "nearest acceptable cell",
    none: "none on the grid",
    agree: "simulator spot checks agreeing with the fluid model",
    change: "change",
    recovers: "recovers after",
    verdicts: { healthy: "healthy", recovers: "recovers", "stays-degraded": "stays degraded" },
    wrote: "wrote",
    seconds: "map computed in",
    confirmed: "simulator confirms",
    notConfirmed: "simulator does not confirm, up to",
    scale: "scale",
    replications: "replications",
  },
  it: {
    legend:
      ". sano   r si riprende   X resta degradato   [ ] come costruito   minuscole: simulatore",
    asBuilt: "come costruito",
    minimalX: "x minima accettabile per ogni y fino a",
    maximalY: "y massima accettabile alla x come costruita",
    nearest: "cella accettabile più vicina",
    none: "nessuna nella griglia",
    agree: "controlli del simulatore concordi col modello fluido",
    change: "variazione",
    recovers: "si riprende dopo",
    verdicts: { healthy: "sano", recovers: "si riprende", "stays-degraded": "resta degradato" },
    wrote: "scritto",
    seconds: "mappa calcolata in",
    confirmed: "il simulatore conferma",
    notConfirmed: "il simulatore non conferma, fino a",
    scale: "scala",
    replications: "repliche",
  },
} as const;

const SYMBOL: Record<SurgeOutcome, string> = {
  healthy: ".",
  recovers: "r",
  "stays-degraded": "X",
};

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** The map as a text table, y descending, with the plan underneath. */
export function planTable(
  command: PlanCommand,
  rows: readonly MetastabilityMapRow[],
  plan: MapPlan,
  confirmation: PlanConfirmation | null = null,
): string {
  const words = PLAN_WORDS[command.lang];
  const fluid = new Map(rows.filter((r) => r.source === "fluid").map((r) => [`${r.x}|${r.y}`, r]));
  const sim = new Map(
    rows.filter((r) => r.source === "simulator").map((r) => [`${r.x}|${r.y}`, r]),
  );
  const xs = command.x.values;
  const ys = [...command.y.values].reverse();
  const nearestX = xs.reduce((a, b) =>
    Math.abs(b - plan.asBuilt.x) < Math.abs(a - plan.asBuilt.x) ? b : a
  );
  const nearestY = ys.reduce((a, b) =>
    Math.abs(b - plan.asBuilt.y) < Math.abs(a - plan.asBuilt.y) ? b : a
  );
  const width = xs.reduce((most, x) => Math.max(most, format(x).length + 1), 4);
  const label = ys.reduce((most, y) => Math.max(most, format(y).length + 1), 8);
  const lines = [`${command.name}: x = ${command.x.name}, y = ${command.y.name}`, words.legend, ""];
  for (const y of ys) {
    let line = format(y).padStart(label) + " ";
    for (const x of xs) {
      const key = `${x}|${y}`;
      const cell = fluid.get(key);
      const check = sim.get(key);
      let symbol = cell ? SYMBOL[cell.verdict] : "?";
      if (check) {
        symbol += SYMBOL[check.verdict].toLowerCase() === "."
          ? "·"
          : SYMBOL[check.verdict].toLowerCase();
      }
      if (x === nearestX && y === nearestY) symbol = `[${symbol}]`;
      line += symbol.padStart(width);
    }
    lines.push(line);
  }
  lines.push(" ".repeat(label + 1) + xs.map((x) => format(x).padStart(width)).join(""));
  const verdict = (v: SurgeOutcome, seconds: number | null) =>
    v === "recovers" && seconds !== null
      ? `${words.recovers} ${Math.round(seconds)} s`
      : words.verdicts[v];
  lines.push("");
  lines.push(
    `${words.asBuilt}: x = ${format(plan.asBuilt.x)}, y = ${format(plan.asBuilt.y)} → ` +
      verdict(plan.asBuilt.verdict, plan.asBuilt.recoverySeconds),
  );
  const margin = command.margin ?? plan.asBuilt.y;
  lines.push(
    `${words.minimalX} y = ${format(margin)}: ` +
      (plan.minimalX === null
        ? words.none
        : `x = ${format(plan.minimalX)} (${words.change} ${
          plan.minimalX - plan.asBuilt.x >= 0 ? "+" : ""
        }${format(plan.minimalX - plan.asBuilt.x)})`),
  );
  lines.push(
    `${words.maximalY}: ${plan.maximalY === null ? words.none : `y = ${format(plan.maximalY)}`}`,
  );
  lines.push(
    `${words.nearest}: ` +
      (plan.nearest === null
        ? words.none
        : `x = ${format(plan.nearest.x)}, y = ${format(plan.nearest.y)} (${
          verdict(plan.nearest.verdict, plan.nearest.recovery_seconds)
        })`),
  );
  if (confirmation) {
    const steps = confirmation.tried.map((row) =>
      `x = ${format(row.x)}: ${words.verdicts[row.verdict]}`
    )
      .join(", ");
    lines.push(
      `${confirmation.confirmed ? words.confirmed : words.notConfirmed} x = ${
        format(confirmation.x)
      }` +
        ` (${words.change} ${confirmation.x - plan.asBuilt.x >= 0 ? "+" : ""}` +
        `${format(confirmation.x - plan.asBuilt.x)}; ${words.scale} ${command.scale}, ` +
        `${command.replications} ${words.replications}; ${steps})`,
    );
  }
  const checks = [...sim.values()];
  if (checks.length > 0) {
    const agree = checks.filter((c) => fluid.get(`${c.x}|${c.y}`)?.verdict === c.verdict).length;
    lines.push(`${words.agree}: ${agree}/${checks.length}`);
  }
  return lines.join("\n");
}
