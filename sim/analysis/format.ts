/**
 * Numbers for prose and tables in notebooks: thousands separators, percentages, clock times.
 * Pure functions; English by default, Italian with `lang: "it"`. Non-finite values print as
 * `"n/a"` (or `"never"` for a time).
 *
 * @module
 */

/** Output language of the analysis helpers. */
export type AnalysisLang = "en" | "it";

const LOCALES: Record<AnalysisLang, string> = { en: "en-US", it: "it-IT" };

/**
 * A number with thousands separators and at most `digits` decimals.
 *
 * @example
 * ```ts
 * import { num } from "./format.ts";
 * num(1234.567, 1); // "1,234.6"
 * ```
 */
export function num(x: number, digits = 0, lang: AnalysisLang = "en"): string {
  return Number.isFinite(x)
    ? x.toLocaleString(LOCALES[lang], { maximumFractionDigits: digits })
    : "n/a";
}

/**
 * A share (0–1) as a percentage with `digits` decimals.
 *
 * @example
 * ```ts
 * import { pct } from "./format.ts";
 * pct(0.1234, 1); // "12.3%"
 * ```
 */
export function pct(share: number, digits = 0, lang: AnalysisLang = "en"): string {
  if (!Number.isFinite(share)) return "n/a";
  const text = (100 * share).toFixed(digits);
  return `${lang === "it" ? text.replace(".", ",") : text}%`;
}

/**
 * Seconds from the time origin as hours and minutes, e.g. `"2 h 05 min"` (`"never"` when not
 * finite).
 *
 * @example
 * ```ts
 * import { hhmm } from "./format.ts";
 * hhmm(7500); // "2 h 05 min"
 * ```
 */
export function hhmm(seconds: number): string {
  if (!Number.isFinite(seconds)) return "never";
  let hours = Math.floor(seconds / 3600);
  let minutes = Math.round((seconds - 3600 * hours) / 60);
  if (minutes === 60) [hours, minutes] = [hours + 1, 0];
  return `${hours} h ${String(minutes).padStart(2, "0")} min`;
}
