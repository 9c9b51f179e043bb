/**
 * The report's metastability block for one incident: "how close to the cliff was the
 * as-built design, and which alternative moved it away". The fluid model maps the incident's
 * scenario over the capacity of its weakest tier × an arrival multiplier (`scenarioMap`), the
 * simulator spot-checks a few cells at a reduced scale (`spotChecks`), each design of the
 * scenario is placed by its own fluid verdict at the forecast demand, and the block says how
 * much demand the as-built capacity could take, how much capacity the forecast needed, and
 * which designs were healthy — with the map chart (interactive, and static SVG for print), in
 * Italian or English.
 *
 * Two steps so the report can time and cache the work: {@link metastabilityFindings}
 * (computation, synchronous) and {@link metastabilitySection} (HTML; the report passes the chart
 * it wrote to `charts/` with the other incident charts).
 *
 * @module
 */
import { type Chart, metastabilityMapChart } from "../charts/mod.ts";
import {
  ARRIVAL_MULTIPLIER,
  defaultAxes,
  designJson,
  type MapAxis,
  type MapPlan,
  type MetastabilityMapRow,
  planFromMap,
  scenarioFluidEvaluator,
  scenarioMap,
  spotChecks,
  spotCheckSample,
  type SurgeOutcome,
  valueAt,
} from "../fluid/mod.ts";
import type { Language } from "./numbers.ts";
import { escapeHtml } from "./page.ts";
import { pick } from "./prose.ts";

/** Options of {@link metastabilityFindings}. */
export interface MetastabilityOptions {
  /** Values per axis (default 12 servers × 16 multipliers). */
  points?: number;
  /** Simulator spot checks (default 4). */
  spotChecks?: number;
  /**
   * Spot checks' demand-and-capacity factor (default 0.1; pass the incident's
   * `run_plan.scale`, chosen so that its small tiers keep their server counts).
   */
  scale?: number;
  /** Spot checks' replications (default 2). */
  replications?: number;
  /** Integrate and simulate up to this time, seconds (default the scenario's horizon). */
  horizon?: number;
}

/** One design of the scenario placed on the map. */
export interface DesignPlacement {
  /** Design name. */
  design: string;
  /** Its value of the x parameter. */
  x: number | null;
  /** Its fluid verdict at the forecast demand. */
  verdict: SurgeOutcome;
  /** Its recovery time, seconds (recovers), else null. */
  recoverySeconds: number | null;
}

/** What the block says, computed. */
export interface MetastabilityFindings {
  /** Scenario name. */
  scenario: string;
  /** The axes. */
  x: MapAxis;
  /** The axes. */
  y: MapAxis;
  /** Fluid cells and simulator spot checks. */
  rows: MetastabilityMapRow[];
  /** The planner's reading around the as-built design. */
  plan: MapPlan;
  /** Every design placed by its own fluid verdict. */
  designs: DesignPlacement[];
  /** Features the fluid model leaves out (the spot checks include them). */
  unsupported: string[];
}

/**
 * Maps an incident's scenario (raw JSON, as in `data/scenarios/`), spot-checks it and places
 * its designs. Seconds to minutes, depending on the scenario.
 */
export function metastabilityFindings(
  raw: Record<string, unknown>,
  options: MetastabilityOptions = {},
): MetastabilityFindings {
  const json = designJson(raw);
  const { x, y } = defaultAxes(json, options.points ?? 12);
  const evaluation = { horizon: options.horizon };
  const map = scenarioMap({ json, x, y, ...evaluation });
  const asBuiltX = valueAt(json, x.name) ?? NaN;
  const at = scenarioFluidEvaluator(json, evaluation)({ [x.name]: asBuiltX, [y.name]: 1 });
  const plan = planFromMap(map.rows, {
    x: asBuiltX,
    y: 1,
    verdict: at.verdict,
    recoverySeconds: at.recoverySeconds ?? null,
  });
  const designs = Object.keys((raw.designs ?? {}) as Record<string, unknown>).map((design) => {
    const own = designJson(raw, design);
    const verdict = scenarioFluidEvaluator(own, evaluation)({ [ARRIVAL_MULTIPLIER]: 1 });
    return {
      design,
      x: valueAt(own, x.name) ?? null,
      verdict: verdict.verdict,
      recoverySeconds: verdict.recoverySeconds ?? null,
    };
  });
  const count = options.spotChecks ?? 4;
  const checks = count === 0 ? [] : spotChecks(
    json,
    { x, y },
    spotCheckSample(map.rows, count),
    { scale: options.scale ?? 0.1, replications: options.replications ?? 2, ...evaluation },
  );
  return {
    scenario: String(raw.name ?? ""),
    x,
    y,
    rows: [...map.rows, ...checks],
    plan,
    designs,
    unsupported: map.unsupported,
  };
}

function duration(seconds: number, language: Language): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  const hours = Math.round(seconds / 360) / 10;
  return `${hours.toLocaleString(language === "it" ? "it-IT" : "en-GB")} h`;
}

function verdictText(verdict: SurgeOutcome, seconds: number | null, language: Language): string {
  if (verdict === "healthy") return pick(language, "sano", "healthy");
  if (verdict === "stays-degraded") {
    return pick(language, "resta degradato fino alla fine", "stays degraded to the end");
  }
  return seconds === null ? pick(language, "si riprende", "recovers") : pick(
    language,
    `si riprende dopo ${duration(seconds, language)}`,
    `recovers after ${duration(seconds, language)}`,
  );
}

/** The verdict as the predicate of "the service …". */
function verdictPredicate(verdict: SurgeOutcome, seconds: number | null, language: Language) {
  return verdict === "healthy"
    ? pick(language, "resta sano", "stays healthy")
    : verdictText(verdict, seconds, language);
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * What the simulator's spot checks say about the fluid map: how many agree with the fluid
 * verdict of their cell, and where they do not (the simulator has the last word: it includes
 * what the fluid model leaves out). Empty without spot checks.
 */
export function spotCheckAgreement(
  findings: MetastabilityFindings,
  tier: string,
  language: Language,
): string {
  const checks = findings.rows.filter((row) => row.source === "simulator");
  if (checks.length === 0) return "";
  const number = (value: number) => value.toLocaleString(language === "it" ? "it-IT" : "en-GB");
  const disagreements: string[] = [];
  for (const check of checks) {
    const fluid = findings.rows.find((row) =>
      row.source === "fluid" && row.x === check.x && row.y === check.y
    );
    if (fluid === undefined || fluid.verdict === check.verdict) continue;
    disagreements.push(pick(
      language,
      `con ${number(check.x)} server e ${number(check.y)}× la domanda il simulatore trova che ` +
        `${verdictPredicate(check.verdict, check.recovery_seconds, language)}, il modello ` +
        `fluido che ${verdictPredicate(fluid.verdict, fluid.recovery_seconds, language)}`,
      `with ${number(check.x)} servers and ${number(check.y)}× the demand the simulator finds ` +
        `that it ${verdictPredicate(check.verdict, check.recovery_seconds, language)}, the ` +
        `fluid model that it ${verdictPredicate(fluid.verdict, fluid.recovery_seconds, language)}`,
    ));
  }
  const agreeing = checks.length - disagreements.length;
  const head = pick(
    language,
    `Controlli del simulatore (${tier}): ${agreeing} su ${checks.length} concordano con il ` +
      "modello fluido",
    `Simulator spot checks (${tier}): ${agreeing} of ${checks.length} agree with the fluid model`,
  );
  return disagreements.length === 0 ? `${head}.` : `${head}; ${disagreements.join("; ")}. ${
    pick(
      language,
      "Dove non concordano vale il simulatore, che include anche i meccanismi tralasciati dal modello fluido.",
      "Where they disagree the simulator prevails: it includes the mechanisms the fluid model leaves out.",
    )
  }`;
}

/** The map chart of the findings. */
export function metastabilityChart(findings: MetastabilityFindings, language: Language): Chart {
  const tier = findings.x.name.split(".")[2] ?? findings.x.name;
  return metastabilityMapChart(findings.rows, {
    lang: language,
    xLabel: pick(language, `server di ${tier}`, `${tier} servers`),
    yLabel: pick(language, "moltiplicatore degli arrivi", "arrival multiplier"),
    yUnit: "×",
  });
}

/**
 * The block's HTML (trusted; every text escaped): the finding, the designs, the map chart
 * (plotly for the screen — plotly.js must be inlined once in the page — and the SVG for
 * print) and what the fluid model leaves out.
 */
export async function metastabilitySection(
  findings: MetastabilityFindings,
  language: Language,
  chartHtml?: string,
): Promise<string> {
  const { plan } = findings;
  const tier = findings.x.name.split(".")[2] ?? findings.x.name;
  const number = (value: number) => value.toLocaleString(language === "it" ? "it-IT" : "en-GB");
  const parts: string[] = [
    `<h3>${pick(language, "Quanto vicino al precipizio", "How close to the cliff")}</h3>`,
  ];
  const asBuilt = verdictPredicate(plan.asBuilt.verdict, plan.asBuilt.recoverySeconds, language);
  const nextY = findings.y.values.find((value) => value > (plan.maximalY ?? Infinity));
  let finding = pick(
    language,
    `Secondo il modello fluido, con ${number(plan.asBuilt.x)} server su ${tier} e la domanda ` +
      `prevista il servizio ${asBuilt}.`,
    `By the fluid model, with ${number(plan.asBuilt.x)} ${tier} servers and the forecast ` +
      `demand the service ${asBuilt}.`,
  );
  finding += " " + (plan.minimalX === null
    ? pick(
      language,
      `Nessuna capacità fino a ${number(findings.x.values.at(-1)!)} server lo rende sano.`,
      `No capacity up to ${number(findings.x.values.at(-1)!)} servers makes it healthy.`,
    )
    : plan.minimalX <= plan.asBuilt.x
    ? pick(
      language,
      `Regge fino a ${number(plan.maximalY ?? 1)}× la domanda prevista` +
        (nextY === undefined ? "." : `; a ${number(nextY)}× non più.`),
      `It holds up to ${number(plan.maximalY ?? 1)}× the forecast demand` +
        (nextY === undefined ? "." : `; at ${number(nextY)}× it no longer does.`),
    )
    : pick(
      language,
      `Servivano almeno ${number(plan.minimalX)} server (+${
        number(plan.minimalX - plan.asBuilt.x)
      }) per restare sano.`,
      `It needed at least ${number(plan.minimalX)} servers (+${
        number(plan.minimalX - plan.asBuilt.x)
      }) to stay healthy.`,
    ));
  parts.push(`<p class="finding">${escapeHtml(finding)}</p>`);
  const agreement = spotCheckAgreement(findings, tier, language);
  if (agreement !== "") parts.push(`<p>${escapeHtml(agreement)}</p>`);
  if (findings.designs.length > 0) {
    const rows = findings.designs.map((d) =>
      `<tr><td>${escapeHtml(d.design)}</td><td>${d.x === null ? "" : escapeHtml(number(d.x))}` +
      `</td><td>${escapeHtml(verdictText(d.verdict, d.recoverySeconds, language))}</td></tr>`
    );
    parts.push(
      `<table><thead><tr><th>${pick(language, "alternativa", "alternative")}</th><th>${
        escapeHtml(pick(language, `server di ${tier}`, `${tier} servers`))
      }</th><th>${pick(language, "verdetto (modello fluido)", "verdict (fluid model)")}</th>` +
        `</tr></thead><tbody>${rows.join("")}</tbody></table>`,
    );
  }
  if (chartHtml !== undefined) parts.push(chartHtml);
  else {
    const chart = metastabilityChart(findings, language);
    const name = `${findings.scenario}-metastability`;
    const fragment = await chart.toHTMLFragment({
      id: `chart-${name}`.replace(/[^A-Za-z0-9_-]/g, "-"),
      inlinePlotly: false,
    });
    const svg = await chart.toSVG();
    parts.push(
      `<div class="chart" data-chart="${escapeHtml(name)}">\n<div class="interactive">${fragment}` +
        `</div>\n<figure class="static-chart"><img alt="${escapeHtml(chart.title)}" ` +
        `src="data:image/svg+xml;base64,${base64(svg)}"></figure>\n</div>`,
    );
  }
  if (findings.unsupported.length > 0) {
    parts.push(
      `<p>${
        escapeHtml(pick(
          language,
          `Il modello fluido tralascia ${findings.unsupported.length} meccanismi dello scenario ` +
            "(i controlli del simulatore, i cerchi sul grafico, li includono).",
          `The fluid model leaves out: ${findings.unsupported.join("; ")} (the simulator ` +
            "spot checks, the circles on the chart, include them).",
        ))
      }</p>`,
    );
  }
  return parts.join("\n");
}
