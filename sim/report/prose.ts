/**
 * Words of the report in Italian and English: incident titles and what happened (templates of
 * the incident descriptors, `report.title` and `report.happened` in
 * `data/incidents/<incident>.json`, with the reported figures filled in from the calibration
 * records), design names, metric names. Every number reaches the text through `StatedNumbers`.
 *
 * @module
 */
import type { CalibrationEntry, CalibrationRecord, Incident } from "./incidents.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { metricInfo } from "../table/mod.ts";
import { singularUnit, unitWords } from "./unit_words.ts";

/** Picks the text of the language. */
export function pick(language: Language, it: string, en: string): string {
  return language === "it" ? it : en;
}

/** Formats a calibration entry's value by its unit, recording it. */
export function formatEntry(
  numbers: StatedNumbers,
  key: string,
  entry: Pick<CalibrationEntry, "value" | "unit">,
): string {
  const { value, unit } = entry;
  if (unit === "euro") return numbers.euro(key, value);
  if (unit === "s") return numbers.duration(key, value);
  if (unit === "h") return numbers.duration(key, value * 3600);
  if (unit === "1" && value > 0 && value <= 1) return numbers.percent(key, value);
  const digits = Number.isInteger(value) ? 0 : undefined;
  if (Math.abs(value) >= 1e6) {
    return `${numbers.number(key, value / 1e6, `million ${unit}`, 2)} ${
      numbers.locale === "it-IT" ? "milioni" : "million"
    }`;
  }
  return numbers.number(key, value, unit, digits);
}

/**
 * A calibration entry's value with its unit in words, as a table cell shows it: units the
 * number already carries (euro, durations, percentages) are not repeated, a pure number
 * (unit `1`) has none, and millions read "1,5 milioni di cittadini" / "1.5 million citizens".
 */
export function formatEntryWithUnit(
  numbers: StatedNumbers,
  key: string,
  entry: Pick<CalibrationEntry, "value" | "unit">,
  language: Language,
): string {
  const { value, unit } = entry;
  const words = unitWords(unit, language);
  if (unit === "euro" || unit === "s" || unit === "h" || unit === "1") {
    return formatEntry(numbers, key, entry);
  }
  if (unit.startsWith("1 = ")) return `${formatEntry(numbers, key, entry)} (${words})`;
  if (Math.abs(value) >= 1e6) {
    const millions = numbers.number(key, value / 1e6, `million ${unit}`, 2);
    const one = Math.abs(value) === 1e6;
    return language === "it"
      ? `${millions} ${one ? "milione" : "milioni"} di ${words}`
      : `${millions} million ${words}`;
  }
  return `${formatEntry(numbers, key, entry)} ${value === 1 ? singularUnit(words) : words}`;
}

/** Records every number written in a free text (e.g. a title) so summary.json holds it. */
export function stateNumbersIn(numbers: StatedNumbers, key: string, text: string): string {
  let index = 0;
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    numbers.text(`${key}.${index++}`, Number(match[0].replace(/,/g, "")), "as written", match[0]);
  }
  return text;
}

/**
 * Fills `{parameter}` and `{year}` in a template from a calibration record and the time origin.
 * Numbers written in the template itself (e.g. clock times) are recorded as written, so
 * summary.json holds every number of the text.
 *
 * @throws Error naming the placeholder when it is not a parameter of the record (the
 * descriptor's loader checks this first).
 */
export function fillTemplate(
  template: string,
  record: CalibrationRecord,
  timeOrigin: string,
  numbers: StatedNumbers,
  keyPrefix: string,
): string {
  const placeholder = /\{([a-z0-9_]+)\}/g;
  stateNumbersIn(
    numbers,
    `${keyPrefix}.as_written`,
    template.split(placeholder).filter((_part, index) => index % 2 === 0).join(" "),
  );
  return template.replace(placeholder, (_whole, name: string) => {
    if (name === "year") {
      const year = Number(timeOrigin.slice(0, 4));
      return numbers.plain(`${keyPrefix}.year`, year, "year");
    }
    const entry = record.parameters.find((parameter) => parameter.parameter === name);
    if (!entry) {
      throw new Error(`${record.incident}: {${name}} is not a parameter of the calibration record`);
    }
    return formatEntry(numbers, `${keyPrefix}.${name}`, entry);
  });
}

/** The parts of an incident its words come from. */
type Described = Pick<Incident, "name" | "calibration" | "descriptor">;

/** Title of an incident in the language (its descriptor's `report.title`). */
export function incidentTitle(
  incident: Described,
  language: Language,
  numbers: StatedNumbers,
): string {
  return fillTemplate(
    incident.descriptor.report.title[language],
    incident.calibration,
    incident.descriptor.time_origin,
    numbers,
    `${incident.name}.title`,
  );
}

/** "What happened" of an incident in the language (its descriptor's `report.happened`). */
export function whatHappened(
  incident: Described,
  language: Language,
  numbers: StatedNumbers,
): string {
  return fillTemplate(
    incident.descriptor.report.happened[language],
    incident.calibration,
    incident.descriptor.time_origin,
    numbers,
    `${incident.name}.reported`,
  );
}

/** What a design of an incident is, in the language (its descriptor's `designs`). */
export function designDescription(
  incident: Described,
  design: string,
  language: Language,
): string {
  const words = incident.descriptor.designs[design];
  if (!words) {
    throw new Error(
      `${incident.name}: design "${design}" has no description in data/incidents/` +
        `${incident.name}.json (designs.${design})`,
    );
  }
  return words[language];
}

/** Name of a design for the reader (`base` is the as-built system). */
export function designLabel(design: string, language: Language): string {
  return design === "base" ? pick(language, "assetto reale", "as built") : design;
}

/** Label of a metric in the language (the catalogue's, or the headline's own). */
export function metricLabel(metric: string, language: Language): string {
  if (metric === "citizen_success_share") {
    return pick(language, "Quota di cittadini riusciti", "Share of citizens who succeeded");
  }
  const info = metricInfo(metric);
  return info ? info[language] : metric;
}
