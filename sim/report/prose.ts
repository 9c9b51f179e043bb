/**
 * Words of the report in Italian and English: incident titles, what happened (with the
 * reported figures filled in from the calibration records), design descriptions, metric
 * names. Every number reaches the text through `StatedNumbers`.
 *
 * @module
 */
import type { CalibrationEntry, CalibrationRecord } from "./incidents.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { metricInfo } from "../table/mod.ts";

/** Picks the text of the language. */
export function pick(language: Language, it: string, en: string): string {
  return language === "it" ? it : en;
}

/**
 * Short titles and "what happened" sentences of the known incidents. `{name}` is replaced by
 * the calibration parameter `name`, formatted by its unit; `{year}` by the year of the time
 * origin.
 */
export const INCIDENT_TEXT: Readonly<
  Record<string, { title: Record<Language, string>; happened: Record<Language, string> }>
> = {
  "cashback-io-2020": {
    title: {
      it: "Cashback sull'app IO (dicembre {year})",
      en: "Cashback on the IO app (December {year})",
    },
    happened: {
      it: "Al lancio del Cashback il portafoglio dell'app IO ha ricevuto picchi di " +
        "{peak_operations_8dec} operazioni al secondo da {active_users_8dec} di utenti attivi in un " +
        "giorno, e la sezione Portafoglio è rimasta degradata per {degraded_hours_low}–" +
        "{degraded_hours_high}.",
      en: "At the Cashback launch the IO app's wallet received peaks of {peak_operations_8dec} " +
        "operations per second from {active_users_8dec} active users in a day, and the wallet " +
        "section stayed degraded for {degraded_hours_low}–{degraded_hours_high}.",
    },
  },
  "bonus-terme-2021": {
    title: {
      it: "Bonus Terme (novembre {year})",
      en: "Bonus Terme (November {year})",
    },
    happened: {
      it: "La piattaforma, pensata per circa {spas_design} strutture termali, è stata presa " +
        "d'assalto dai cittadini ed è rimasta accessibile solo {collapse_seconds}; riaperta il " +
        "giorno dopo, i {budget_euro} di fondi sono finiti in circa {exhaustion_hours}.",
      en: "The platform, meant for about {spas_design} spas, was stormed by citizens and stayed " +
        "reachable for only {collapse_seconds}; reopened the next day, the {budget_euro} budget " +
        "ran out in about {exhaustion_hours}.",
    },
  },
  "inps-bonus600-2020": {
    title: {
      it: "Bonus INPS da {bonus_amount_euro} (aprile {year})",
      en: "INPS {bonus_amount_euro} bonus (April {year})",
    },
    happened: {
      it: "Per una platea di quasi {eligible_population} di persone il sito INPS ha raccolto " +
        "{applications_0100_0830} domande nella notte, fino a {peak_completion_rate} al " +
        "secondo, poi si è bloccato in mattinata ed è stato chiuso nel pomeriggio.",
      en: "With almost {eligible_population} people eligible, the INPS site took " +
        "{applications_0100_0830} applications overnight, up to {peak_completion_rate} a " +
        "second, then seized up in the morning and was closed in the afternoon.",
    },
  },
  "bonus-mobilita-2020": {
    title: {
      it: "Bonus mobilità (novembre {year})",
      en: "Bonus mobilità (November {year})",
    },
    happened: {
      it: "Al click day la sala d'attesa virtuale ha avuto fino a {queue_1200} persone in coda, " +
        "il sito è andato in tilt all'apertura e SPID ha avuto guasti; i {budget_euro} sono " +
        "finiti in circa {exhaustion_hours}.",
      en: "On the click day the virtual waiting room held up to {queue_1200} people, the site " +
        "went down at the opening and SPID failed; the {budget_euro} budget ran out in about " +
        "{exhaustion_hours}.",
    },
  },
  "decreto-flussi-2023": {
    title: {
      it: "Decreto flussi (dicembre {year})",
      en: "Decreto flussi (December {year})",
    },
    happened: {
      it: "Per {quota} quote sono arrivate {first_4min} domande nei primi minuti; la " +
        "piattaforma ha retto, e l'ordine di arrivo al secondo ha deciso chi entrava.",
      en: "For {quota} quotas, {first_4min} applications arrived in the first minutes; the " +
        "platform held, and the order of arrival to the second decided who got in.",
    },
  },
};

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

/** Records every number written in a free text (e.g. a title) so summary.json holds it. */
export function stateNumbersIn(numbers: StatedNumbers, key: string, text: string): string {
  let index = 0;
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    numbers.text(`${key}.${index++}`, Number(match[0].replace(/,/g, "")), "as written", match[0]);
  }
  return text;
}

/** Fills `{parameter}` and `{year}` in a template from a calibration record. */
export function fillTemplate(
  template: string,
  record: CalibrationRecord,
  numbers: StatedNumbers,
  keyPrefix: string,
): string {
  return template.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) => {
    if (name === "year") {
      const year = Number(record.time_origin.slice(0, 4));
      return numbers.plain(`${keyPrefix}.year`, year, "year");
    }
    const entry = record.parameters.find((parameter) => parameter.parameter === name);
    if (!entry) return whole;
    return formatEntry(numbers, `${keyPrefix}.${name}`, entry);
  });
}

/** Title of an incident in the language (the record's own title when it is not known). */
export function incidentTitle(
  record: CalibrationRecord,
  language: Language,
  numbers: StatedNumbers,
): string {
  const known = INCIDENT_TEXT[record.incident];
  if (known) {
    return fillTemplate(known.title[language], record, numbers, `${record.incident}.title`);
  }
  return stateNumbersIn(numbers, `${record.incident}.title`, record.title);
}

/** "What happened" of an incident (the record's summary when it is not known). */
export function whatHappened(
  record: CalibrationRecord,
  language: Language,
  numbers: StatedNumbers,
): string {
  const known = INCIDENT_TEXT[record.incident];
  if (known) {
    return fillTemplate(
      known.happened[language],
      record,
      numbers,
      `${record.incident}.reported`,
    );
  }
  return stateNumbersIn(numbers, `${record.incident}.summary`, record.summary);
}

/**
 * Design descriptions of an incident from `data/sources.md` ("### Designs in
 * `data/scenarios/<incident>.json`", bullets `- **name**: text`); English.
 */
export function designDescriptions(
  sourcesMarkdown: string,
  incident: string,
): Record<string, string> {
  const heading = `### Designs in \`data/scenarios/${incident}.json\``;
  const start = sourcesMarkdown.indexOf(heading);
  if (start < 0) return {};
  const rest = sourcesMarkdown.slice(start + heading.length);
  const end = rest.search(/\n#{2,3} /);
  const block = end >= 0 ? rest.slice(0, end) : rest;
  const descriptions: Record<string, string> = {};
  const bullets = block.split(/\n- /).slice(1);
  for (const bullet of bullets) {
    const match = /^\*\*([^*]+)\*\*:\s*([\s\S]*)$/.exec(bullet.trim());
    if (!match) continue;
    const text = match[2].replace(/\s*\n\s*/g, " ").trim();
    for (const raw of match[1].split(",")) {
      const name = raw.replace(/\(as-built\)/, "").trim();
      descriptions[name === "base" ? "base" : name] = text;
    }
  }
  return descriptions;
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
