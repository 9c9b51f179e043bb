/**
 * Units as a reader sees them, in the report's language: the units of the calibration records
 * (`data/calibration/*.json`, `unit`), of the incident descriptors and of the metric catalogue
 * are written in English; the Italian report shows each in Italian. Symbols (`s`, `h`, `min`,
 * `euro`, the dimensionless `1`) read the same in both languages.
 *
 * @module
 */
import type { Language } from "./numbers.ts";

/** Units that read the same in every language of the report. */
export const LANGUAGE_NEUTRAL_UNITS: ReadonlySet<string> = new Set(["1", "s", "h", "min", "euro"]);

/** Italian for each English unit used in the project's data and metric catalogue. */
export const UNIT_WORDS_IT: Readonly<Record<string, string>> = {
  "1 (log-scale sd)": "1 (dev. standard in scala logaritmica)",
  "1 = no outage": "1 = nessun disservizio",
  applications: "domande",
  "applications/s": "domande/s",
  attempts: "tentativi",
  bookings: "prenotazioni",
  "bookings/s": "prenotazioni/s",
  cards: "carte",
  citizens: "cittadini",
  "citizens/s": "cittadini/s",
  downloads: "download",
  "downloads/day": "download al giorno",
  journeys: "percorsi completati",
  "journeys/s": "percorsi completati/s",
  "logins/s": "accessi/s",
  operations: "operazioni",
  "operations/citizen": "operazioni per cittadino",
  "operations/s": "operazioni/s",
  operators: "operatori",
  positions: "posti",
  "positions/min": "posti/min",
  purchases: "acquisti",
  requests: "richieste",
  "requests/s": "richieste/s",
  seconds: "secondi",
  servers: "server",
  "server-hours": "ore-server",
  "server-seconds": "secondi-server",
  sessions: "sessioni",
  "sessions/s": "sessioni/s",
  spas: "strutture",
  "submissions/s": "invii/s",
  users: "utenti",
  "verifications/s": "verifiche/s",
  vouchers: "buoni",
};

/** `unit` in the report's language (a unit with no Italian entry is shown as written). */
export function unitWords(unit: string, language: Language): string {
  return language === "it" ? UNIT_WORDS_IT[unit] ?? unit : unit;
}

/** Singular of the plural units (English and Italian) after the number 1. */
const SINGULAR_UNITS: Readonly<Record<string, string>> = {
  applications: "application",
  attempts: "attempt",
  bookings: "booking",
  citizens: "citizen",
  journeys: "journey",
  operations: "operation",
  requests: "request",
  servers: "server",
  sessions: "session",
  domande: "domanda",
  tentativi: "tentativo",
  prenotazioni: "prenotazione",
  cittadini: "cittadino",
  operazioni: "operazione",
  richieste: "richiesta",
  sessioni: "sessione",
};

/** `unit` (English or Italian) as written after the number 1 (a unit with no singular as is). */
export function singularUnit(unit: string): string {
  return SINGULAR_UNITS[unit] ?? unit;
}
