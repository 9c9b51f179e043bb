/**
 * The generated part of `data/sources.md`: per incident, its designs and run plan (from its
 * descriptor, `data/incidents/<incident>.json`), reported figures, derived figures, assumptions
 * (with ranges), structural assumptions and observables (from `data/calibration/<incident>.json`,
 * with how the descriptor measures each), then the references they cite
 * (`data/references.json`). The hand-written introduction stays above the `<!-- generated -->`
 * marker.
 *
 * Regenerate with
 * `deno run --allow-read=. --allow-write=data/sources.md tests/incidents/sources_tables.ts`
 * then `deno fmt data/sources.md`.
 *
 * @module
 */
import {
  type Calibration,
  citedReferences,
  describeMeasure,
  type IncidentDescriptor,
  listIncidents,
  loadIncident,
  readCalibration,
  readReferences,
  type Reference,
} from "../../sim/calibration/mod.ts";
import { citationMarkdown } from "../../sim/report/citations.ts";

/** The line after which `data/sources.md` is generated. */
export const GENERATED_MARKER = "<!-- generated from data/calibration: do not edit below -->";

/** One incident as the generated part shows it: its calibration record and its descriptor. */
export interface DocumentedIncident {
  /** `data/calibration/<incident>.json`. */
  calibration: Calibration;
  /** `data/incidents/<incident>.json`. */
  descriptor: IncidentDescriptor;
}

/** Every incident of the project (`listIncidents`), with its record and its descriptor. */
export function documentedIncidents(root: URL): DocumentedIncident[] {
  return listIncidents(root).map((incident) => ({
    calibration: readCalibration(new URL(`data/calibration/${incident}.json`, root)),
    descriptor: loadIncident(incident, root),
  }));
}

/** A number as the tables show it: thousands separators, up to 6 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  if (Math.abs(value) >= 1000) {
    return Number(value.toPrecision(6)).toLocaleString("en-US", { maximumFractionDigits: 6 });
  }
  return String(Number(value.toPrecision(6)));
}

const cell = (text: string | undefined) => (text ?? "").replaceAll("|", "\\|").replace(/\n/g, " ");

/** The generated markdown section of one incident. */
export function incidentSection({ calibration, descriptor }: DocumentedIncident): string {
  const out: string[] = [];
  const id = calibration.incident;
  out.push(`## ${calibration.title} — \`${id}\``, "");
  out.push(`Time origin (t = 0 s): ${descriptor.time_origin}. ${calibration.summary}`, "");
  out.push(`### Designs in \`data/scenarios/${id}.json\``, "");
  for (const [name, words] of Object.entries(descriptor.designs)) {
    out.push(`- **${name === "base" ? "base (as-built)" : name}**: ${words.en}`);
  }
  const plan = descriptor.run_plan;
  out.push("", `### Run plan (\`data/incidents/${id}.json\`)`, "");
  out.push(
    `- calibration checks: k = ${plan.scale}, ${plan.replications} replications. ${plan.why}`,
    `- sensitivity (tornado): k = ${plan.sensitivity_scale}, metric \`${descriptor.sensitivity.metric}\`. ${plan.sensitivity_why}`,
  );
  if (plan.prescreen_scale !== null) {
    out.push(`- pre-screen: k = ${plan.prescreen_scale}. ${plan.prescreen_why}`);
  }
  out.push(
    `- alternative serving nearly everyone: \`${descriptor.alternative.design}\` (${descriptor.alternative.not_served_means} below ${descriptor.alternative.below}, upper bound of its 95% interval).`,
  );
  out.push("", "### Reported figures", "");
  out.push("| parameter | value | unit | quote (original language) | source | calibrates |");
  out.push("| --- | --- | --- | --- | --- | --- |");
  for (const p of calibration.parameters.filter((entry) => entry.tag === "reported")) {
    const quote = (p.quote ? `«${p.quote}»` : `(relayed) ${p.relayed ?? ""}`) +
      (p.figure_note ? ` — ${p.figure_note}` : "");
    out.push(
      `| \`${p.parameter}\` | ${formatNumber(p.value)} | ${cell(p.unit)} | ${cell(quote)} | ` +
        `${cell(p.source)} | ${cell(p.calibrates)} |`,
    );
  }
  out.push("", "### Derived figures", "");
  out.push("| parameter | value | unit | formula | calibrates |");
  out.push("| --- | --- | --- | --- | --- |");
  for (const p of calibration.parameters.filter((entry) => entry.tag === "derived")) {
    out.push(
      `| \`${p.parameter}\` | ${formatNumber(p.value)} | ${cell(p.unit)} | ` +
        `\`${cell(p.formula)}\` | ${cell(p.calibrates)} |`,
    );
  }
  out.push("", "### Assumptions (with plausible ranges for the sensitivity sweep)", "");
  out.push("| parameter | value | range | unit | basis | reasoning | if wrong |");
  out.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const p of calibration.parameters.filter((entry) => entry.tag === "assumption")) {
    const [low, high] = p.range ?? [NaN, NaN];
    const range = `${formatNumber(low)} – ${formatNumber(high)}${
      p.scale === "log" ? " (log)" : ""
    }`;
    out.push(
      `| \`${p.parameter}\` | ${formatNumber(p.value)} | ${range} | ${cell(p.unit)} | ` +
        `${cell(p.source)} | ${cell(p.reasoning)} | ${cell(p.if_wrong)} |`,
    );
  }
  if (calibration.structural_assumptions?.length) {
    out.push("", "### Structural assumptions", "");
    out.push("| assumption | choice | alternatives | basis | if wrong |");
    out.push("| --- | --- | --- | --- | --- |");
    for (const s of calibration.structural_assumptions) {
      out.push(
        `| \`${s.assumption}\` | ${cell(s.choice)} | ${cell(s.alternatives.join("; ") || "—")} | ` +
          `${cell(s.source)} | ${cell(s.if_wrong)} |`,
      );
    }
  }
  out.push(
    "",
    "### Observables (the as-built design must reproduce them without taking them as inputs)",
    "",
  );
  out.push(
    "| observable | value | accept | unit | source | measure | measured as (data/incidents) | " +
      "why this band |",
  );
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const o of calibration.observables) {
    const measured = descriptor.observables[o.observable];
    out.push(
      `| \`${o.observable}\` | ${formatNumber(o.value)} | ${formatNumber(o.accept[0])} – ` +
        `${formatNumber(o.accept[1])} | ${cell(o.unit)} | ${cell(o.source)} | ${
          cell(o.measure)
        } | ${cell(measured ? describeMeasure(measured.measure) : "(no measure)")} | ` +
        `${cell(o.justification)} |`,
    );
  }
  out.push("");
  return out.join("\n");
}

/** Every reference id the records cite (sources, quotes' notes, texts), in order of first use. */
export function citedByCalibrations(calibrations: Calibration[]): string[] {
  const ids: string[] = [];
  const texts: string[] = [];
  for (const calibration of calibrations) {
    for (const entry of calibration.parameters) {
      texts.push(entry.source, entry.calibrates, entry.reasoning ?? "");
    }
    for (const entry of calibration.observables) texts.push(entry.source, entry.justification);
    for (const entry of calibration.structural_assumptions ?? []) {
      texts.push(entry.source, entry.reasoning);
    }
  }
  for (const text of texts) {
    for (const id of citedReferences(text)) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The generated list of the references the records cite, sorted by id. */
export function referencesSection(calibrations: Calibration[], references: Reference[]): string {
  const byId = new Map(references.map((reference) => [reference.id, reference]));
  const ids = citedByCalibrations(calibrations).toSorted();
  const out = ["## References cited above", ""];
  out.push(
    `${ids.length} of the ${references.length} documents of \`data/references.json\` (CSL-JSON), ` +
      'as "outlet, date, «headline»" with a link to the page:',
    "",
  );
  for (const id of ids) {
    const reference = byId.get(id);
    out.push(`- \`${id}\`: ${reference ? citationMarkdown(reference, "en") : "(missing)"}`);
  }
  out.push("");
  return out.join("\n");
}

/** The whole generated part (every incident), as written below {@link GENERATED_MARKER}. */
export function generatedSources(
  incidents: DocumentedIncident[],
  references: Reference[],
): string {
  const calibrations = incidents.map((incident) => incident.calibration);
  return [...incidents.map(incidentSection), referencesSection(calibrations, references)]
    .join("\n");
}

/** Collapses what `deno fmt` changes in markdown (padding, wrapping, rule lengths). */
export function normalizeMarkdown(text: string): string {
  return text.replace(/-{3,}/g, "---").replace(/\s+/g, " ").trim();
}

if (import.meta.main) {
  const root = new URL("../../", import.meta.url);
  const path = new URL("data/sources.md", root);
  const current = Deno.readTextFileSync(path);
  const head = current.split(GENERATED_MARKER)[0];
  const references = readReferences(new URL("data/references.json", root));
  Deno.writeTextFileSync(
    path,
    `${head}${GENERATED_MARKER}\n\n${generatedSources(documentedIncidents(root), references)}`,
  );
  console.log("wrote data/sources.md (run deno fmt data/sources.md)");
}
