/**
 * Numbers the report states, formatted per locale and recorded for `summary.json`.
 *
 * Every number that appears in the report's prose goes through a {@link StatedNumbers}
 * instance: it is formatted for the reader's language (12.000 in Italian, 12,000 in English)
 * and recorded under a key, so `summary.json` holds every number the report states and a test
 * can check that each number in the executive summary is there.
 *
 * @module
 */

/** The report's languages. */
export type Language = "it" | "en";

/** One recorded number: its key, raw value, unit and the text shown to the reader. */
export interface StatedNumber {
  /** Key, e.g. `"cashback.as-built.peak_offered_per_s"`. */
  key: string;
  /** The raw value. */
  value: number;
  /** Unit, e.g. `"requests/s"`, `"euro"`, `"%"`, `"citizens"`. */
  unit: string;
  /** The text shown in the report, e.g. `"12.000"`. */
  text: string;
}

/** A negative number written with the minus sign (U+2212), as typeset text and charts do. */
export function typographicMinus(text: string): string {
  return text.startsWith("-") ? `\u2212${text.slice(1)}` : text;
}

/** Formats numbers for one language and remembers each one it formats. */
export class StatedNumbers {
  /** Every number stated so far, in order. */
  readonly stated: StatedNumber[] = [];
  readonly #language: Language;

  /** @param language the report's language: decides separators (12.000 vs 12,000). */
  constructor(language: Language) {
    this.#language = language;
  }

  /**
   * Formats `value` with `digits` decimals (default: 0 for |value| ≥ 100, else 2 significant
   * decimals) and records it under `key`.
   */
  number(key: string, value: number, unit: string, digits?: number): string {
    const decimals = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
    const text = typographicMinus(
      new Intl.NumberFormat(this.#locale(), {
        maximumFractionDigits: decimals,
        minimumFractionDigits: 0,
      }).format(value),
    );
    this.stated.push({ key, value, unit, text });
    return text;
  }

  /** Formats a share (0..1) as a percentage, e.g. `0.613` → `"61%"` (`"61 %"` is not used). */
  percent(key: string, share: number, digits = 0): string {
    const text = typographicMinus(
      new Intl.NumberFormat(this.#locale(), {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      }).format(share * 100),
    ) + "%";
    this.stated.push({ key, value: share, unit: "share", text });
    return text;
  }

  /** Formats an amount of euro, e.g. `53000000` → `"53 M€"` / `"€53M"`-style, compactly. */
  euro(key: string, amount: number): string {
    const millions = amount / 1e6;
    const body = typographicMinus(
      Math.abs(millions) >= 1
        ? new Intl.NumberFormat(this.#locale(), { maximumFractionDigits: 1 }).format(millions) +
          " M€"
        : new Intl.NumberFormat(this.#locale(), { maximumFractionDigits: 0 }).format(amount) + " €",
    );
    this.stated.push({ key, value: amount, unit: "euro", text: body });
    return body;
  }

  /** Formats a duration in seconds as hours or minutes, e.g. `14400` → `"4 h"`. */
  duration(key: string, seconds: number): string {
    const format = (value: number) =>
      typographicMinus(
        new Intl.NumberFormat(this.#locale(), { maximumFractionDigits: 1 }).format(value),
      );
    const text = seconds >= 3600
      ? `${format(seconds / 3600)} h`
      : seconds >= 60
      ? `${format(seconds / 60)} min`
      : `${format(seconds)} s`;
    this.stated.push({ key, value: seconds, unit: "seconds", text });
    return text;
  }

  /**
   * Records a number shown verbatim, without grouping or rounding (a year, a day of the
   * month, a count of replications): `2020` stays `"2020"` in every language.
   */
  plain(key: string, value: number, unit: string): string {
    const text = String(value);
    this.stated.push({ key, value, unit, text });
    return text;
  }

  /**
   * Records a number shown as given text (e.g. a clock time `"09:30"` computed elsewhere);
   * `value` is the raw number behind it (seconds after the origin for a clock time).
   */
  text(key: string, value: number, unit: string, text: string): string {
    this.stated.push({ key, value, unit, text });
    return text;
  }

  /** The locale tag of the language (`it-IT` or `en-GB`). */
  get locale(): string {
    return this.#locale();
  }

  #locale(): string {
    return this.#language === "it" ? "it-IT" : "en-GB";
  }
}
