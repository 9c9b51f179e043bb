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
 * A number to `digits` significant digits, for quantities of any size in prose: integers and
 * values of 1,000 or more rounded to whole units with thousands separators, tiny values
 * (below 0.001) in exponent notation.
 *
 * @example
 * ```ts
 * import { sig } from "./format.ts";
 * sig(0.012345); // "0.0123"
 * sig(6051.7); // "6,052"
 * sig(0.00001234); // "1.23e-5"
 * ```
 */
export function sig(x: number, digits = 3, lang: AnalysisLang = "en"): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x !== 0 && Math.abs(x) < 1e-3) {
    const text = x.toExponential(digits - 1);
    return lang === "it" ? text.replace(".", ",") : text;
  }
  const rounded = Math.abs(x) >= 1000 || Number.isInteger(x)
    ? Math.round(x)
    : Number(x.toPrecision(digits));
  return rounded.toLocaleString(LOCALES[lang], { maximumFractionDigits: 20 });
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
