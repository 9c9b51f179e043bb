/**
 * What the report's sections share: the incident report and run-settings types, escaping, the
 * record's English prose in the report's language, quotes and sources, shares with intervals,
 * clock times and interval cells. Every number goes through `StatedNumbers`.
 *
 * @module
 */
import { type Reference } from "../calibration/references.ts";
import { sourceHtml } from "./citations.ts";
import type { DesignFinding, IncidentFindings, Interval } from "./findings.ts";
import type { Incident } from "./incidents.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { escapeHtml } from "./page.ts";
import { pick } from "./prose.ts";
import type { IncidentChartKind, ReportChart } from "./charts.ts";
import { type IncidentSensitivity } from "./sensitivity.ts";

/** Everything known about one incident when the page is written. */
export interface IncidentReport {
  /** The incident (calibration, descriptor, scale). */
  incident: Incident;
  /** Findings from the tables. */
  findings: IncidentFindings;
  /** Charts, embeddable. */
  charts: Partial<Record<IncidentChartKind, ReportChart>>;
  /** One-at-a-time sensitivity of the conclusion (absent with `--no-sensitivity`). */
  sensitivity?: IncidentSensitivity;
  /** The metastability block's HTML (`metastability_section.ts`; absent with `--no-metastability`). */
  metastabilityHtml?: string;
  /** The bibliography (`data/references.json`) by id, to render `ref:` sources. */
  references: ReadonlyMap<string, Reference>;
}

/** The run's settings, for the method section. */
export interface RunSettings {
  /** Replications per design. */
  replications: number;
  /** Quick run. */
  quick: boolean;
  /** Worker threads. */
  workers: number;
  /** Whether the sensitivity (tornado) runs were made. */
  sensitivity: boolean;
  /** Whether the metastability maps were asked for (`--quick` leaves them out regardless). */
  metastability: boolean;
  /** Relative links from the report folder to the notebooks, by file name. */
  notebookLinks: { name: string; href: string }[];
}

export const esc = escapeHtml;

/**
 * A text of the incident's calibration record (written in English) in the report's language:
 * its translation from `data/translations/<incident>.it.json`, or the English text when there is
 * none (an incident added without translations: `translationProblems` lists what is missing).
 */
export function recordText(report: IncidentReport, english: string, language: Language): string {
  if (language === "en" || english === "") return english;
  return report.incident.italian.get(english) ?? english;
}

/** A reported figure's words: the original quote in «», or the relayed wording, translated. */
export function quoteHtml(
  report: IncidentReport,
  entry: { quote?: string; relayed?: string },
  language: Language,
): string {
  if (entry.quote !== undefined) return `«${esc(entry.quote)}»`;
  return esc(recordText(report, entry.relayed ?? "", language));
}

/** An entry's source note as HTML: citations linked, the note in the report's language. */
export function sourceOf(report: IncidentReport, source: string, language: Language): string {
  return sourceHtml(
    source,
    report.references,
    language,
    (note) => recordText(report, note, language),
  );
}

export function sharePoints(
  numbers: StatedNumbers,
  key: string,
  interval: Interval,
  language: Language,
): string {
  const sign = interval.mean > 0 ? "+" : "";
  const text = `${sign}${numbers.number(key, interval.mean * 100, "percentage points", 1)}`;
  const unit = pick(language, " punti percentuali", " percentage points");
  if (!Number.isFinite(interval.low)) return text + unit;
  return `${text}${unit} (${pick(language, "IC 95%", "95% CI")} ${
    numbers.number(`${key}.ci_low`, interval.low * 100, "percentage points", 1)
  } … ${numbers.number(`${key}.ci_high`, interval.high * 100, "percentage points", 1)})`;
}

export function shareWithInterval(
  numbers: StatedNumbers,
  key: string,
  interval: Interval,
  language: Language,
): string {
  const digits = interval.mean < 0.1 ? 1 : 0;
  const text = numbers.percent(key, interval.mean, digits);
  if (!Number.isFinite(interval.low)) return text;
  return `${text} (${pick(language, "IC 95%", "95% CI")} ${
    numbers.percent(`${key}.ci_low`, Math.max(0, interval.low), digits)
  }–${numbers.percent(`${key}.ci_high`, Math.min(1, interval.high), digits)})`;
}

export function headlineNoun(findings: IncidentFindings, language: Language): string {
  switch (findings.headlineMetric) {
    case "funded_share":
      return pick(language, "quota di cittadini finanziati", "share of citizens funded");
    case "technical_failure_share":
      return pick(
        language,
        "quota di cittadini esclusi da un guasto tecnico",
        "share of citizens shut out by a technical failure",
      );
    default:
      return pick(
        language,
        "quota di cittadini che completano la procedura nel periodo simulato",
        "share of citizens who complete the procedure within the simulated period",
      );
  }
}

/** True when a design's paired difference is significantly better than the as-built. */
export function significantlyBetter(findings: IncidentFindings, design: DesignFinding): boolean {
  const difference = design.headlineDifference;
  if (!difference || !Number.isFinite(difference.low)) return false;
  return findings.higherIsBetter ? difference.low > 0 : difference.high < 0;
}

/** A ratio with one decimal below 10 (`1,0`, `4,6`), none above (`67`). */
export function ratioText(numbers: StatedNumbers, key: string, value: number): string {
  const digits = Math.abs(value) >= 10 ? 0 : 1;
  const text = new Intl.NumberFormat(numbers.locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return numbers.text(key, value, "ratio", text);
}

/** Local date-time text of `seconds` after an ISO time origin with offset (e.g. `+01:00`). */
export function clockTime(origin: string, seconds: number, language: Language): string {
  const offsetMatch = /([+-])(\d\d):(\d\d)$/.exec(origin);
  const offsetMinutes = offsetMatch
    ? (offsetMatch[1] === "-" ? -1 : 1) * (Number(offsetMatch[2]) * 60 + Number(offsetMatch[3]))
    : 0;
  const local = new Date(Date.parse(origin) + (seconds + offsetMinutes * 60) * 1000);
  return new Intl.DateTimeFormat(language === "it" ? "it-IT" : "en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }).format(local);
}

/**
 * A table cell: the mean and, below it, its confidence interval, as shares (percentages) or
 * through `formatValue` (default: a plain number), each number recorded under `key`.
 */
export function intervalCell(
  numbers: StatedNumbers,
  key: string,
  interval: Interval | undefined,
  asShare: boolean,
  formatValue?: (key: string, value: number) => string,
): string {
  if (!interval || !Number.isFinite(interval.mean)) return "—";
  const format = (suffix: string, value: number) =>
    asShare
      ? numbers.percent(`${key}${suffix}`, value, Math.abs(value) < 0.1 ? 1 : 0)
      : formatValue
      ? formatValue(`${key}${suffix}`, value)
      : numbers.number(`${key}${suffix}`, value, "value");
  const mean = format("", interval.mean);
  if (!Number.isFinite(interval.low)) return mean;
  return `${mean}<br><span class="source">[${format(".ci_low", interval.low)}; ${
    format(".ci_high", interval.high)
  }]</span>`;
}

export const SHARE_METRICS = new Set([
  "goodput_share",
  "funded_share",
  "technical_failure_share",
  "retry_share",
  "citizen_success_share",
]);
