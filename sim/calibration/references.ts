/**
 * The project's bibliography (`data/references.json`, CSL-JSON) and the reference keys that cite
 * it (`ref:<id>` in the `source` fields of the calibration records and scenario files), plus the
 * check that a short original-language quote shows the figure it is quoted for (Italian number
 * formats: `53 milioni`, `1.000`, `324mila`, `4 ore`, `alle 12:00`). Pure helpers (plus one file
 * read).
 *
 * @module
 */

/** A CSL-JSON date: `date-parts` (year, month, day; the tail may be missing) or a literal. */
export interface CslDate {
  /** `[[year, month?, day?]]`. */
  "date-parts"?: number[][];
  /** True when the date is approximate. */
  circa?: boolean;
  /** Free text when there is no date (`n.d.`). */
  literal?: string;
}

/** A CSL-JSON person. */
export interface CslName {
  /** Surname. */
  family: string;
  /** Given names. */
  given?: string;
}

/** One item of `data/references.json` (the subset of CSL-JSON the project uses). */
export interface Reference {
  /** Readable key, cited as `ref:<id>`. */
  id: string;
  /** CSL type: `article-newspaper`, `webpage`, `post-weblog`, `legal_case`, `software`… */
  type: string;
  /** Headline or title (in brackets when supplied by the project). */
  title: string;
  /** The outlet or site. */
  "container-title"?: string;
  /** Who publishes it (software, official documents). */
  publisher?: string;
  /** The issuing authority (decisions). */
  authority?: string;
  /** Authors, when known. */
  author?: CslName[];
  /** Publication date. */
  issued: CslDate;
  /** Address of the page. */
  URL?: string;
  /** When the page was read. */
  accessed: CslDate;
  /** Language code (`it`, `en`). */
  language: string;
  /** Medium (`video`). */
  medium?: string;
  /** Version (software). */
  version?: string;
  /** Provenance notes: reprints, approximate dates, titles taken from the address. */
  note?: string;
}

/** The CSL types used in `data/references.json`. */
export const REFERENCE_TYPES: readonly string[] = [
  "article-newspaper",
  "webpage",
  "post-weblog",
  "legal_case",
  "speech",
  "interview",
  "software",
  "report",
  "legislation",
];

/** A reference id: lower-case words, digits and hyphens. */
export const REFERENCE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reference keys inside a text: `ref:<id>`. */
const REFERENCE_KEY = /\bref:([a-z0-9]+(?:-[a-z0-9]+)*)/g;

/**
 * The reference ids a text cites (`ref:<id>`), in order of appearance, each once.
 *
 * @example
 * ```ts
 * citedReferences("ref:a-1, ref:b (note) [cal:x]"); // ["a-1", "b"]
 * ```
 */
export function citedReferences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(REFERENCE_KEY)) {
    if (!found.includes(match[1])) found.push(match[1]);
  }
  return found;
}

/** True when a `source` starts with a reference key (what a reported figure needs). */
export function startsWithReference(source: string): boolean {
  return /^ref:[a-z0-9]/.test(source);
}

/** Reads the bibliography (no validation; see {@link referenceProblems}). */
export function readReferences(url: URL): Reference[] {
  return JSON.parse(Deno.readTextFileSync(url)) as Reference[];
}

const nonEmpty = (value: unknown): value is string =>
  typeof value === "string" && value.trim() !== "";

/** True when `date` has date-parts starting with a plausible year. */
export function hasDateParts(date: CslDate | undefined): boolean {
  const parts = date?.["date-parts"]?.[0];
  return Array.isArray(parts) && parts.length >= 1 && parts.length <= 3 &&
    parts.every(Number.isInteger) && parts[0] >= 1900 && parts[0] <= 2100 &&
    (parts[1] === undefined || (parts[1] >= 1 && parts[1] <= 12)) &&
    (parts[2] === undefined || (parts[2] >= 1 && parts[2] <= 31));
}

/**
 * Every problem of one reference as `id: what is wrong`. `complete` (the default) asks for what a
 * cited reference needs: id, type, title, publisher or container, a dated `issued`, an http(s)
 * URL, `accessed` and language; without it only id, type, title, `accessed`, language and an
 * `issued` (dated or literal) are required.
 */
export function referenceProblems(reference: Reference, complete = true): string[] {
  const problems: string[] = [];
  const id = reference.id ?? "(no id)";
  if (!REFERENCE_ID.test(reference.id ?? "")) {
    problems.push(`${id}: id is not lower-case-hyphenated`);
  }
  if (!REFERENCE_TYPES.includes(reference.type)) {
    problems.push(`${id}: type "${reference.type}" is not one of ${REFERENCE_TYPES.join(", ")}`);
  }
  if (!nonEmpty(reference.title)) problems.push(`${id}: title is missing`);
  if (!hasDateParts(reference.accessed)) problems.push(`${id}: accessed is not a date`);
  if (!nonEmpty(reference.language)) problems.push(`${id}: language is missing`);
  if (!hasDateParts(reference.issued) && !nonEmpty(reference.issued?.literal)) {
    problems.push(`${id}: issued is neither a date nor a literal`);
  }
  if (reference.URL !== undefined && !/^https?:\/\/[^\s]+$/.test(reference.URL)) {
    problems.push(`${id}: URL "${reference.URL}" is not an http(s) address`);
  }
  if (complete) {
    if (!nonEmpty(reference["container-title"]) && !nonEmpty(reference.publisher)) {
      problems.push(`${id}: neither container-title nor publisher`);
    }
    if (!hasDateParts(reference.issued)) problems.push(`${id}: issued has no date`);
    if (!nonEmpty(reference.URL)) problems.push(`${id}: URL is missing`);
  }
  return problems;
}

const ITALIAN_WORDS: Record<number, string[]> = {
  1: ["un", "uno", "una"],
  2: ["due"],
  3: ["tre"],
  4: ["quattro"],
  5: ["cinque"],
  6: ["sei"],
  7: ["sette"],
  8: ["otto"],
  9: ["nove"],
  10: ["dieci"],
  20: ["venti"],
  30: ["trenta"],
  500_000: ["mezzo milione"],
  1_000_000: ["un milione"],
  1_500_000: ["un milione e mezzo"],
};

/** A number in Italian notation with up to `decimals` digits after the comma ("." for thousands). */
function italian(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return (value < 0 ? "-" : "") + grouped + (fraction ? `,${fraction}` : "");
}

/** Italian renderings of a number: `1.234`, `1234`, `2,3`, `2,30`, and words for a few. */
function numberForms(value: number): string[] {
  const forms: string[] = [];
  if (Number.isInteger(value)) {
    forms.push(italian(value, 0), String(value));
  } else {
    for (let decimals = 1; decimals <= 3; decimals++) {
      if (Math.abs(Number(value.toFixed(decimals)) - value) < 1e-9) {
        forms.push(italian(value, decimals));
      }
    }
  }
  for (const word of ITALIAN_WORDS[value] ?? []) forms.push(word);
  return forms;
}

/** Local wall-clock hour and minute of `seconds` after an ISO time origin (its own offset). */
function clockTime(timeOrigin: string, seconds: number): { hour: number; minute: number } {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(timeOrigin);
  const offsetMinutes = offset
    ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  const local = new Date(Date.parse(timeOrigin) + (seconds + offsetMinutes * 60) * 1000);
  return { hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

/**
 * The ways an Italian source may write `value` (in `unit`): plain and grouped digits, `mila` and
 * `milioni`, a few words (`dieci`, `mezzo milione`), percentages of shares, durations of seconds
 * or hours (`4 minuti`, `mezz'ora`, `24 ore`) and, given the record's time origin, the clock time
 * a number of seconds falls on (`12:00`, `9.30`, `alle 11`).
 */
export function italianFigureForms(value: number, unit: string, timeOrigin?: string): string[] {
  const forms = numberForms(value);
  if (Math.abs(value) >= 1000) {
    for (const thousands of numberForms(value / 1000)) {
      if (/^\d/.test(thousands)) forms.push(`${thousands}mila`, `${thousands} mila`);
    }
  }
  if (Math.abs(value) >= 1_000_000) {
    for (const millions of numberForms(value / 1_000_000)) {
      if (/^\d/.test(millions)) forms.push(`${millions} milioni`, `${millions} milione`);
    }
  }
  if (unit === "1" && value > 0 && value < 1) {
    for (const percent of numberForms(Math.round(value * 1e6) / 1e4)) {
      if (/^\d/.test(percent)) forms.push(`${percent}%`, `${percent} %`, `${percent} per cento`);
    }
  }
  const durations = (amount: number, units: string[]) => {
    if (!Number.isInteger(amount)) return;
    for (const word of numberForms(amount)) for (const name of units) forms.push(`${word} ${name}`);
  };
  if (unit === "s") {
    durations(value / 60, ["minuti", "minuto"]);
    durations(value / 3600, ["ore", "ora"]);
    if (value === 1800) forms.push("mezz'ora", "mezzora");
    if (timeOrigin) {
      const { hour, minute } = clockTime(timeOrigin, value);
      const mm = String(minute).padStart(2, "0");
      forms.push(`${hour}:${mm}`, `${hour}.${mm}`, `${String(hour).padStart(2, "0")}:${mm}`);
      if (minute === 0) {
        for (const word of ["ore", "le", "alle", "dalle", "delle"]) forms.push(`${word} ${hour}`);
      }
    }
  }
  if (unit === "h") durations(value, ["ore", "ora"]);
  return [...new Set(forms.map((form) => form.toLowerCase()))];
}

const isDigit = (char: string | undefined) => char !== undefined && /\d/.test(char);
const isLetter = (char: string | undefined) => char !== undefined && /[a-zà-ÿ]/i.test(char);

/** True when `form` occurs in `text` as a whole number or word (not inside a longer one). */
function occursAlone(text: string, form: string): boolean {
  let from = 0;
  while (true) {
    const at = text.indexOf(form, from);
    if (at < 0) return false;
    const before = text[at - 1];
    const after = text[at + form.length];
    const first = form[0];
    const last = form[form.length - 1];
    const beforeOk = isDigit(first)
      ? !isDigit(before) && !(/[.,]/.test(before ?? "") && isDigit(text[at - 2]))
      : !isLetter(before);
    const tail = text.slice(at + form.length);
    const afterOk = isDigit(last)
      ? !isDigit(after) && (!/^[.,]\d/.test(tail) || /^,0+(?!\d)/.test(tail))
      : !isLetter(after);
    if (beforeOk && afterOk) return true;
    from = at + 1;
  }
}

/**
 * True when `quote` shows `value` (in `unit`) in one of its Italian forms
 * ({@link italianFigureForms}), after lower-casing and unifying apostrophes.
 *
 * @example
 * ```ts
 * quoteShowsFigure("finanziata con un totale pari a 53 milioni di euro", 53_000_000, "euro"); // true
 * quoteShowsFigure("accessibile solo per 4 minuti", 240, "s"); // true
 * ```
 */
export function quoteShowsFigure(
  quote: string,
  value: number,
  unit: string,
  timeOrigin?: string,
): boolean {
  const text = quote.toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, " ");
  return italianFigureForms(value, unit, timeOrigin).some((form) => occursAlone(text, form));
}
