/**
 * Citations of the bibliography (`data/references.json`) as the report and the tables show them:
 * «Outlet, date, «headline»», in Italian or English, and a `source` field rendered for the
 * report page (each `ref:` key as a linked citation). Pure functions.
 *
 * @module
 */
import type { CslDate, Reference } from "../calibration/references.ts";

/** Language of a rendered citation. */
export type CitationLanguage = "it" | "en";

const MONTHS: Record<CitationLanguage, string[]> = {
  it: [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

const WORDS: Record<CitationLanguage, { circa: string; undated: string; unknownOutlet: string }> = {
  it: { circa: "ca.", undated: "s.d.", unknownOutlet: "testata non identificata" },
  en: { circa: "c.", undated: "n.d.", unknownOutlet: "unidentified outlet" },
};

/**
 * A CSL date as text: `1 aprile 2020` / `1 April 2020`, `novembre 2020`, `2021`, with `ca.` /
 * `c.` before approximate dates and `s.d.` / `n.d.` when there is none.
 *
 * @example
 * ```ts
 * formatCslDate({ "date-parts": [[2020, 4, 1]] }, "it"); // "1 aprile 2020"
 * formatCslDate({ "date-parts": [[2020, 11]], circa: true }, "en"); // "c. November 2020"
 * ```
 */
export function formatCslDate(date: CslDate | undefined, language: CitationLanguage): string {
  const parts = date?.["date-parts"]?.[0];
  if (!parts || parts.length === 0) return WORDS[language].undated;
  const [year, month, day] = parts;
  const words: string[] = [];
  if (day !== undefined) words.push(String(day));
  if (month !== undefined) words.push(MONTHS[language][month - 1]);
  words.push(String(year));
  const text = words.join(" ");
  return date?.circa ? `${WORDS[language].circa} ${text}` : text;
}

/**
 * One reference as «Outlet, date, «headline»» (the outlet is the container title, else the
 * publisher or authority).
 *
 * @example
 * ```ts
 * formatCitation({
 *   id: "x", type: "article-newspaper", title: "Il sito dell’Inps va in tilt",
 *   "container-title": "Il Sole 24 Ore", issued: { "date-parts": [[2020, 4, 1]] },
 *   accessed: { "date-parts": [[2026, 11, 24]] }, language: "it",
 * }, "it"); // "Il Sole 24 Ore, 1 aprile 2020, «Il sito dell’Inps va in tilt»"
 * ```
 */
export function formatCitation(reference: Reference, language: CitationLanguage): string {
  const outlet = reference["container-title"] ?? reference.publisher ?? reference.authority ??
    WORDS[language].unknownOutlet;
  return `${outlet}, ${formatCslDate(reference.issued, language)}, «${reference.title}»`;
}

/** {@link formatCitation} as a markdown link to the page (plain text when there is no URL). */
export function citationMarkdown(reference: Reference, language: CitationLanguage): string {
  const text = formatCitation(reference, language).replace(/([[\]])/g, "\\$1");
  return reference.URL ? `[${text}](${reference.URL})` : text;
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/**
 * A `source` field as HTML: each `ref:<id>` key becomes its citation linked to the page; a key
 * not in `references` stays as written; the rest of the text (notes, `[cal:…]` markers dropped)
 * is kept, escaped. `translate` maps the displayed note (annotations dropped) to the report's
 * language before the keys are rendered (the record's notes are English;
 * `data/translations/<incident>.<lang>.json` holds their translations).
 *
 * @example
 * ```ts
 * const references = new Map([["a", {
 *   id: "a", type: "webpage", title: "T", publisher: "P", URL: "https://example.org",
 *   issued: { "date-parts": [[2020, 4, 1]] }, accessed: { "date-parts": [[2026, 11, 24]] },
 *   language: "en",
 * }]]);
 * sourceHtml("ref:a (p. 2)", references, "en");
 * // '<a href="https://example.org">P, 1 April 2020, «T»</a> (p. 2)'
 * ```
 */
export function sourceHtml(
  source: string,
  references: ReadonlyMap<string, Reference>,
  language: CitationLanguage,
  translate: (note: string) => string = (note) => note,
): string {
  const text = translate(
    source.replace(/\s*\[cal:[^\]]*\]/g, "").replace(/\s*\[=[^\]]*\]/g, ""),
  );
  let html = "";
  let last = 0;
  for (const match of text.matchAll(/ref:([a-z0-9]+(?:-[a-z0-9]+)*)/g)) {
    html += escapeHtml(text.slice(last, match.index));
    const reference = references.get(match[1]);
    if (reference === undefined) html += escapeHtml(match[0]);
    else {
      const citation = escapeHtml(formatCitation(reference, language));
      html += reference.URL ? `<a href="${escapeHtml(reference.URL)}">${citation}</a>` : citation;
    }
    last = match.index! + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}
