/**
 * Translations of a calibration record's English prose (`data/translations/<incident>.<lang>.json`):
 * the record's title, summary, relayed figures, reasoning and "if wrong" of each assumption,
 * structural choices and source notes are written once, in English, in
 * `data/calibration/<incident>.json`; a translation file maps each of those texts, keyed by its
 * exact English wording, to the same text in another language, so that a report in that language
 * shows no English. A key that no longer matches a text of the record (the English was edited) is
 * reported by {@link translationProblems}, and so is a text of the record left untranslated.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import type { Calibration } from "./calibration_record.ts";
import { PROJECT_ROOT, rootUrl } from "./incident_descriptor.ts";

/** Folder of the translation files, relative to the project root. */
export const TRANSLATIONS_FOLDER = "data/translations";

/** The languages a record's prose is translated into (English is the records' own). */
export const TRANSLATED_LANGUAGES = ["it"] as const;

/** A language a translation file is written in. */
export type TranslatedLanguage = typeof TRANSLATED_LANGUAGES[number];

/** A translation file: English text → translated text. */
export const ProseTranslationsSchema = z.object({
  /** The incident (file stem of its calibration record). */
  incident: z.string().min(1),
  /** Language of the translations. */
  language: z.enum(TRANSLATED_LANGUAGES),
  /** What the file is, in its own language. */
  about: z.string(),
  /** Exact English text → its translation (non-empty). */
  entries: z.record(z.string().min(1), z.string().min(1)),
}).strict();

/** A translation file, checked. */
export type ProseTranslations = z.infer<typeof ProseTranslationsSchema>;

/**
 * The translations of an incident's prose into `language` (an empty map when the incident has
 * no translation file).
 *
 * @throws Error naming the file and the field when the file is not a valid translation file.
 */
export function loadProseTranslations(
  incident: string,
  language: TranslatedLanguage,
  root: URL | string = PROJECT_ROOT,
): ReadonlyMap<string, string> {
  const file = new URL(`${TRANSLATIONS_FOLDER}/${incident}.${language}.json`, rootUrl(root));
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Map();
    throw error;
  }
  const parsed = ProseTranslationsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${TRANSLATIONS_FOLDER}/${incident}.${language}.json: ${issue.path.join(".") || "(file)"}: ` +
        issue.message,
    );
  }
  if (parsed.data.incident !== incident || parsed.data.language !== language) {
    throw new Error(
      `${TRANSLATIONS_FOLDER}/${incident}.${language}.json: incident/language: got ` +
        `${parsed.data.incident}/${parsed.data.language}; expected ${incident}/${language}`,
    );
  }
  return new Map(Object.entries(parsed.data.entries));
}

/** A source note as the report shows it: without `[cal:…]` and `[=…]` annotations. */
export function displayedSource(source: string): string {
  return source.replace(/\s*\[cal:[^\]]*\]/g, "").replace(/\s*\[=[^\]]*\]/g, "");
}

/** True when a source note has words besides its `ref:` keys (so it needs translating). */
function sourceHasWords(source: string): boolean {
  const rest = displayedSource(source).replace(/ref:[a-z0-9]+(?:-[a-z0-9]+)*/g, "");
  return /[A-Za-z]{3}/.test(rest);
}

/**
 * Every English text of a calibration record that a report shows: title, summary, relayed
 * figures, figure notes, reasoning and "if wrong" of the entries, structural choices and
 * alternatives, and the source notes that have words besides their reference keys.
 */
export function recordProse(record: Calibration): string[] {
  const texts = new Set<string>();
  const add = (text: string | undefined) => {
    if (text !== undefined && text.trim() !== "") texts.add(text);
  };
  add(record.title);
  add(record.summary);
  for (const entry of [...record.parameters, ...record.observables]) {
    const fields = entry as {
      relayed?: string;
      reasoning?: string;
      if_wrong?: string;
      figure_note?: string;
      source?: string;
    };
    add(fields.relayed);
    add(fields.reasoning);
    add(fields.if_wrong);
    add(fields.figure_note);
    if (fields.source !== undefined && sourceHasWords(fields.source)) {
      add(displayedSource(fields.source));
    }
  }
  for (const entry of record.structural_assumptions ?? []) {
    add(entry.choice);
    add(entry.reasoning);
    add(entry.if_wrong);
    for (const alternative of entry.alternatives ?? []) add(alternative);
    if (entry.source !== undefined && sourceHasWords(entry.source)) {
      add(displayedSource(entry.source));
    }
  }
  return [...texts];
}

/**
 * What is wrong with a record's translations: texts of the record with no translation, and
 * translations whose English key is no longer a text of the record. Empty when complete.
 */
export function translationProblems(
  record: Calibration,
  translations: ReadonlyMap<string, string>,
): string[] {
  const prose = recordProse(record);
  const known = new Set(prose);
  const problems: string[] = [];
  for (const text of prose) {
    if (!translations.has(text)) problems.push(`untranslated: ${JSON.stringify(text)}`);
  }
  for (const key of translations.keys()) {
    if (!known.has(key)) problems.push(`no longer in the record: ${JSON.stringify(key)}`);
  }
  return problems;
}
