/**
 * The generated part of `data/sources.md`: per incident, its designs, reported figures, derived
 * figures, assumptions (with ranges), structural assumptions and observables, rendered from
 * `data/calibration/<incident>.json`, then the references they cite (`data/references.json`). The
 * hand-written introduction stays above the `<!-- generated -->` marker.
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
  INCIDENTS,
  readCalibration,
  readReferences,
  type Reference,
} from "../../sim/calibration/mod.ts";
import { citationMarkdown } from "../../sim/report/citations.ts";

/** The line after which `data/sources.md` is generated. */
export const GENERATED_MARKER = "<!-- generated from data/calibration: do not edit below -->";

/** One design of a scenario file and what it changes. */
export interface DesignNote {
  /** Design name as in the scenario file. */
  name: string;
  /** What the design is. */
  text: string;
}

/** The designs of each incident, in the order of the scenario file. */
export const DESIGN_NOTES: Record<string, DesignNote[]> = {
  "cashback-io-2020": [
    {
      name: "base (as-built)",
      text: "the system as it plausibly was: SIA wallet at 60 → 140 → 600 wallet operations/s " +
        "(steps at 06:00 on 8 and 9 Dec), bounded wallet queue, fixed-delay retries, reloads and " +
        "come-backs, and a 20% 'hammering' class that retries and refreshes every few seconds",
    },
    {
      name: "wallet-provisioned",
      text: "the wallet chain at its day-3 capacity from the start (what load-testing for the " +
        "launch would have bought)",
    },
    {
      name: "backoff-jitter-drop",
      text: "exponential backoff with full jitter and a retry budget, no duplicate reloads, and " +
        "wallet/issuer tiers that drop requests whose client has gone",
    },
    {
      name: "waiting-room",
      text: "a virtual waiting room admitting 20 citizens/s (what the day-1 wallet can serve)",
    },
    {
      name: "autoscaled-wallet",
      text: "the SIA wallet autoscaled at 70% utilisation between its day-1 and day-3 sizes, " +
        "15 min to provision (instead of the manual steps)",
    },
    {
      name: "staggered-enrolment",
      text: "enrolment windows by birth month, one cohort every 6 h, each open 24 h",
    },
  ],
  "bonus-terme-2021": [
    {
      name: "base (as-built)",
      text: "citizens' flash crowd at 12:00 on 8 Nov on a platform tested for ~5,000 concurrent " +
        "users; crash and restart, suspension 12:30 → 12:00 next day; operators' FCFS data entry " +
        "at ~17 bookings/s on 9 Nov against a 53 M€ budget of 200 € vouchers",
    },
    {
      name: "platform-x10",
      text: "ten times the platform (sized for the public, not only the spas)",
    },
    {
      name: "spas-only-gate",
      text: "citizens stopped before the platform (accredited-spa login at the edge): only " +
        "operators arrive, from 12:00 on 8 Nov, no suspension",
    },
    {
      name: "backoff-jitter-drop",
      text: "client backoff with jitter and a platform that drops abandoned requests",
    },
    { name: "lottery", text: "a 4-h entry window after the reopening, then a draw" },
  ],
  "bonus-mobilita-2020": [
    {
      name: "base (as-built)",
      text: "virtual waiting room admitting 13.3/s from 09:30 with random order for the " +
        "pre-opening crowd and 20-min tokens; SPID with PosteID degraded 11:00–19:00; portal down " +
        "08:59–09:30; 215 M€ FCFS budget of capped-share grants (60%, ≤500 €)",
    },
    { name: "spid-healthy", text: "counterfactual without the PosteID failure" },
    { name: "admission-x2", text: "twice the admission rate out of the waiting room" },
    {
      name: "no-session-cap",
      text: "no 20-min token (no 'gioco dell'Oca') and FIFO order for the pre-opening crowd",
    },
    {
      name: "lottery",
      text: "registrations for 24 h (to 09:00 on 4 Nov), then a draw among the registered",
    },
    {
      name: "staggered-birth-month",
      text:
        "one birth-month cohort every 2 h from 09:30, each window 4 h, 1/12 of the budget each " +
        "(unspent shares roll over)",
    },
  ],
  "inps-bonus600-2020": [
    {
      name: "base (as-built)",
      text: "portal completing ~112 applications/s for the bonus against a morning wave of " +
        "~162/s; timeouts, reloads and come-backs; closure 13:00–17:00 (no budget: an entitlement)",
    },
    { name: "portal-x3", text: "three times the portal" },
    {
      name: "portal-x3-open",
      text: "three times the portal and no 13:00–17:00 closure (a portal that holds needs no " +
        "shutdown)",
    },
    {
      name: "backoff-jitter-drop",
      text: "client backoff with jitter; the portal drops requests whose client has gone",
    },
    {
      name: "no-click-day-message",
      text: "INPS says from the start that there is no chronological order: day-1 demand 30% of " +
        "the as-built",
    },
    {
      name: "waiting-room",
      text: "a virtual waiting room admitting ~101 citizens/s (90% of what the portal completes)",
    },
    {
      name: "staggered-birth-month",
      text: "one birth-month cohort every 2 h from midnight, each window 2 h",
    },
  ],
  "decreto-flussi-2023": [
    {
      name: "base (as-built)",
      text:
        "pre-filled forms sent from 09:00:00, exponential surge (peak ~274/s, τ ≈ 438 s) on a " +
        "platform of ~300 submissions/s; 39,030 quotas in strict chronological order",
    },
    {
      name: "portal-x5",
      text: "five times the platform: waits vanish, allocation still by seconds",
    },
    {
      name: "portal-minimum",
      text: "the least capacity compatible with 50,576 in 4 minutes: queueing decides the order",
    },
    {
      name: "lottery",
      text: "a one-hour sending window, then a draw for the 39,030 quotas",
    },
  ],
};

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
export function incidentSection(calibration: Calibration): string {
  const out: string[] = [];
  const id = calibration.incident;
  out.push(`## ${calibration.title} — \`${id}\``, "");
  out.push(`Time origin (t = 0 s): ${calibration.time_origin}. ${calibration.summary}`, "");
  out.push(`### Designs in \`data/scenarios/${id}.json\``, "");
  for (const design of DESIGN_NOTES[id] ?? []) out.push(`- **${design.name}**: ${design.text}`);
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
  out.push("| observable | value | accept | unit | source | measure | why this band |");
  out.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const o of calibration.observables) {
    out.push(
      `| \`${o.observable}\` | ${formatNumber(o.value)} | ${formatNumber(o.accept[0])} – ` +
        `${formatNumber(o.accept[1])} | ${cell(o.unit)} | ${cell(o.source)} | ${
          cell(o.measure)
        } | ` +
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
export function generatedSources(calibrations: Calibration[], references: Reference[]): string {
  return [...calibrations.map(incidentSection), referencesSection(calibrations, references)]
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
  const calibrations = INCIDENTS.map((incident) =>
    readCalibration(new URL(`data/calibration/${incident}.json`, root))
  );
  const references = readReferences(new URL("data/references.json", root));
  Deno.writeTextFileSync(
    path,
    `${head}${GENERATED_MARKER}\n\n${generatedSources(calibrations, references)}`,
  );
  console.log("wrote data/sources.md (run deno fmt data/sources.md)");
}
