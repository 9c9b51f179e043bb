/**
 * Chart language (Italian or English), the words charts share, and locale-aware number
 * formatting (12.000 in Italian, 12,000 in English) through `Intl.NumberFormat`.
 *
 * @module
 */
import { metricInfo } from "../table/metrics.ts";

/** Chart language: Italian (default, for Italian policymakers) or English. */
export type Lang = "it" | "en";

/** The languages charts can be written in. */
export const LANGS: readonly Lang[] = ["it", "en"];

/** Default chart language. */
export const DEFAULT_LANG: Lang = "it";

/** A string in both chart languages. */
export interface Bilingual {
  /** Italian text. */
  it: string;
  /** English text. */
  en: string;
}

/** Checks a `lang` option and returns it (default Italian); throws on anything else. */
export function checkLang(lang: unknown): Lang {
  if (lang === undefined) return DEFAULT_LANG;
  if (lang === "it" || lang === "en") return lang;
  throw new RangeError(`lang: ${JSON.stringify(lang)} is not a chart language; use "it" or "en"`);
}

/** Picks the text for a language. */
export function pick(lang: Lang, text: Bilingual): string {
  return text[lang];
}

const LOCALES: Record<Lang, string> = { it: "it-IT", en: "en-GB" };

/** BCP 47 locale used to format numbers for a chart language. */
export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let cached = formatters.get(key);
  if (!cached) {
    // Grouping always (Italian CLDR data would otherwise print 4-digit numbers ungrouped,
    // unlike the chart axes): 1.234 and 12.000 in Italian, 1,234 and 12,000 in English.
    cached = new Intl.NumberFormat(localeOf(lang), { useGrouping: "always", ...options });
    formatters.set(key, cached);
  }
  return cached;
}

/** Formats a number with at most `maximumFractionDigits` decimals (default 0) for the locale. */
export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return formatter(lang, { maximumFractionDigits }).format(value);
}

/** Formats a number to 3 significant digits for the locale (12,087 → "12,100" / "12.100"). */
export function formatSignificant(value: number, lang: Lang, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 10 ** digits) {
    const rounded = Number(value.toPrecision(digits));
    return formatter(lang, { maximumFractionDigits: 0 }).format(rounded);
  }
  return formatter(lang, { maximumSignificantDigits: digits }).format(value);
}

/** Formats a share in [0, 1] as a percentage ("61%"); `digits` decimals (default 0). */
export function formatPercent(share: number, lang: Lang, digits = 0): string {
  if (!Number.isFinite(share)) return String(share);
  return formatter(lang, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/** Formats euro without cents ("1.500.000 €" / "€1,500,000"). */
export function formatEuro(euro: number, lang: Lang): string {
  if (!Number.isFinite(euro)) return String(euro);
  return formatter(lang, { style: "currency", currency: "EUR", maximumFractionDigits: 0 })
    .format(euro);
}

/** Formats a ratio as a multiple with one decimal ("3,4×" / "3.4×"). */
export function formatTimes(ratio: number, lang: Lang): string {
  return `${formatNumber(ratio, lang, 1)}×`;
}

/** Formats a duration in seconds in the most readable unit ("45 s", "12 min", "2 h 05 min"). */
export function formatDuration(seconds: number, lang: Lang): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? "−" : "";
  const absolute = Math.abs(seconds);
  if (absolute < 120) return `${sign}${formatSignificant(absolute, lang, 2)} s`;
  if (absolute < 7200) return `${sign}${formatNumber(absolute / 60, lang, 0)} min`;
  const totalMinutes = Math.round(absolute / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = String(totalMinutes % 60).padStart(2, "0");
  return `${sign}${formatNumber(hours, lang)} h ${minutes} min`;
}

/** Unit of a time axis: seconds, minutes or hours, with the divisor from seconds. */
export interface TimeUnit {
  /** Seconds per unit (1, 60 or 3600). */
  secondsPerUnit: number;
  /** Unit symbol ("s", "min", "h"). */
  symbol: string;
}

/** Picks the time unit for an axis spanning `spanSeconds` (seconds up to 5 min, then minutes, hours past 5 h). */
export function timeUnitFor(spanSeconds: number): TimeUnit {
  if (spanSeconds > 5 * 3600) return { secondsPerUnit: 3600, symbol: "h" };
  if (spanSeconds > 300) return { secondsPerUnit: 60, symbol: "min" };
  return { secondsPerUnit: 1, symbol: "s" };
}

const UNIT_WORDS: Record<string, Bilingual> = {
  "requests/s": { it: "richieste/s", en: "requests/s" },
  requests: { it: "richieste", en: "requests" },
  servers: { it: "server", en: "servers" },
  seconds: { it: "s", en: "s" },
  euro: { it: "€", en: "€" },
  citizens: { it: "cittadini", en: "citizens" },
  "server-seconds": { it: "server·s", en: "server·s" },
  "server-hours": { it: "ore-server", en: "server-hours" },
  "1": { it: "quota", en: "share" },
};

/** A metric unit in the chart language (`"requests/s"` → `"richieste/s"`); unknown units pass through. */
export function unitLabel(unit: string, lang: Lang): string {
  const words = UNIT_WORDS[unit];
  return words ? words[lang] : unit;
}

/** Axis title with its unit: `"Latency p95 (s)"`. */
export function axisTitle(label: string, unit: string): string {
  return `${label} (${unit})`;
}

/**
 * A metric's plain-language label from the catalogue, with the tier for per-tier names
 * (`"queue_length:app"` → `"Lunghezza della coda (app)"`); unknown names pass through.
 */
export function metricLabel(metric: string, lang: Lang): string {
  const info = metricInfo(metric);
  if (!info) return metric;
  const tier = metric.includes(":") ? metric.slice(metric.indexOf(":") + 1) : undefined;
  return tier ? `${info[lang]} (${tier})` : info[lang];
}

/** A metric's unit in the chart language (`""` for unknown metrics). */
export function metricUnit(metric: string, lang: Lang): string {
  const info = metricInfo(metric);
  return info ? unitLabel(info.unit, lang) : "";
}

/** Words shared by several charts. */
export const WORDS = {
  timeSinceOpening: { it: "Tempo dall'apertura", en: "Time since opening" },
  rate: { it: "Richieste al secondo", en: "Requests per second" },
  downtime: { it: "Livello fermo", en: "Tier down" },
  share: { it: "Quota dei cittadini", en: "Share of citizens" },
  design: { it: "Configurazione", en: "Design" },
  difference: { it: "Differenza dal riferimento", en: "Difference from the baseline" },
  confidence: { it: "intervallo di confidenza", en: "confidence interval" },
  pass: { it: "superato", en: "pass" },
  fail: { it: "non superato", en: "fail" },
  documentedBand: { it: "Intervallo documentato", en: "Documented range" },
} as const satisfies Record<string, Bilingual>;

const OUTCOME_WORDS: Record<string, Bilingual> = {
  funded: { it: "Finanziati", en: "Funded" },
  denied_budget: { it: "Esclusi: fondi esauriti", en: "Denied: budget ran out" },
  denied_closed: { it: "Esclusi: domanda fuori finestra", en: "Denied: outside the window" },
  failed_technical: { it: "Esclusi per guasto tecnico", en: "Failed technically" },
  succeeded: { it: "Riusciti", en: "Succeeded" },
  gave_up: { it: "Rinunciatari", en: "Gave up" },
  still_trying: { it: "Ancora in tentativo", en: "Still trying" },
};

/** An `OutcomeRow.outcome` in plain language; unknown outcomes pass through. */
export function outcomeLabel(outcome: string, lang: Lang): string {
  return OUTCOME_WORDS[outcome]?.[lang] ?? outcome;
}

const GROUP_BY_WORDS: Record<string, Bilingual> = {
  arrival_decile: { it: "Decile di arrivo (1 = primi)", en: "Arrival decile (1 = earliest)" },
  persistence: { it: "Persistenza", en: "Persistence" },
};

/** An `OutcomeRow.group_by` in plain language; unknown groupings pass through. */
export function groupByLabel(groupBy: string, lang: Lang): string {
  return GROUP_BY_WORDS[groupBy]?.[lang] ?? groupBy;
}

/** Vega number-format locale (d3-format) for a chart language. */
export function vegaNumberLocale(lang: Lang): {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
} {
  return lang === "it"
    ? { decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0€"] }
    : { decimal: ".", thousands: ",", grouping: [3], currency: ["€", ""] };
}

/** Plotly `layout.separators` (decimal then thousands) for a chart language. */
export function plotlySeparators(lang: Lang): string {
  return lang === "it" ? ",." : ".,";
}

/**
 * A metric's value in plain language with its unit: shares as percentages ("61%"), euro as
 * currency, seconds as durations, anything else to 3 significant digits with the unit.
 */
export function formatMetricValue(metric: string, value: number, lang: Lang): string {
  const info = metricInfo(metric);
  if (!info) return formatSignificant(value, lang);
  if (info.unit === "1" && info.kind === "ratio" && Math.abs(value) <= 1.5) {
    return formatPercent(value, lang);
  }
  if (info.unit === "euro") return formatEuro(value, lang);
  if (info.unit === "seconds") return formatDuration(value, lang);
  if (info.unit === "1") return formatSignificant(value, lang);
  return `${formatSignificant(value, lang)} ${unitLabel(info.unit, lang)}`;
}

/**
 * A difference of a metric with its sign: shares in percentage points ("+36 punti" /
 * "+36 points"), anything else as `formatMetricValue` with a sign.
 */
export function formatMetricDifference(metric: string, difference: number, lang: Lang): string {
  const sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
  const info = metricInfo(metric);
  if (info && info.unit === "1" && info.kind === "ratio") {
    const points = formatSignificant(Math.abs(difference) * 100, lang, 2);
    const one = points === "1";
    const word = lang === "it" ? (one ? "punto" : "punti") : (one ? "point" : "points");
    return `${sign}${points} ${word}`;
  }
  return `${sign}${formatMetricValue(metric, Math.abs(difference), lang)}`;
}

/** True for metrics shown as percentages (dimensionless shares). */
export function isShareMetric(metric: string): boolean {
  const info = metricInfo(metric);
  return info !== undefined && info.unit === "1" && info.kind === "ratio";
}

/**
 * Italian definite article for a number as read aloud: "l'" before numbers read with a
 * vowel (uno, otto, undici, ottanta…, "l'85%"), "il" otherwise ("il 33%").
 */
export function italianArticle(formattedNumber: string): "il" | "l'" {
  const digits = formattedNumber.replace(/[^0-9,]/g, "").split(",")[0];
  const integer = digits.replace(/^0+(?=\d)/, "");
  if (integer.startsWith("8")) return "l'";
  if (integer === "1" || integer === "11") return "l'";
  if (integer.startsWith("11") && (integer.length === 5 || integer.length === 8)) return "l'";
  return "il";
}

/** A percentage with its Italian article ("il 33%", "l'85%"); in English just the number. */
export function percentWithArticle(share: number, lang: Lang): string {
  const text = formatPercent(share, lang);
  if (lang === "en") return text;
  const article = italianArticle(text);
  return article === "l'" ? `l'${text}` : `il ${text}`;
}
