/**
 * Cohort assignment for staggered access: birth month, fiscal-code letter group, region.
 *
 * @module
 */

/** The twenty Italian regions, in ISTAT order; a region's cohort is its index here. */
export const ITALIAN_REGIONS = [
  "Piemonte",
  "Valle d'Aosta",
  "Lombardia",
  "Trentino-Alto Adige",
  "Veneto",
  "Friuli-Venezia Giulia",
  "Liguria",
  "Emilia-Romagna",
  "Toscana",
  "Umbria",
  "Marche",
  "Lazio",
  "Abruzzo",
  "Molise",
  "Campania",
  "Puglia",
  "Basilicata",
  "Calabria",
  "Sicilia",
  "Sardegna",
] as const;

/** An Italian region name. */
export type ItalianRegion = typeof ITALIAN_REGIONS[number];

/** Cohort 0…11 of a birth month 1…12 (January = 0). */
export function birthMonthCohort(month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`birth month must be an integer in [1, 12], got ${month}`);
  }
  return month - 1;
}

/** Cohort of a region name (its index in {@link ITALIAN_REGIONS}). */
export function regionCohort(region: string): number {
  const index = (ITALIAN_REGIONS as readonly string[]).indexOf(region);
  if (index < 0) {
    throw new RangeError(
      `unknown region ${JSON.stringify(region)}; allowed: ${ITALIAN_REGIONS.join(", ")}`,
    );
  }
  return index;
}

/**
 * Builds a lookup from the first letter of a fiscal code (the surname's first consonant) to
 * a cohort, given the letter groups, e.g. `["ABC", "DEFG", "HIJKL", ...]`. Every letter A–Z
 * must appear in exactly one group.
 *
 * @returns a function from a letter (either case) to its cohort number
 */
export function fiscalCodeLetterCohorts(groups: string[]): (letter: string) => number {
  const table = new Int8Array(26).fill(-1);
  groups.forEach((group, cohort) => {
    for (const character of group.toUpperCase()) {
      const code = character.charCodeAt(0) - 65;
      if (code < 0 || code >= 26) {
        throw new RangeError(`fiscal-code letter groups[${cohort}] has a non-letter ${character}`);
      }
      if (table[code] >= 0) {
        throw new RangeError(`fiscal-code letter ${character} is in more than one group`);
      }
      table[code] = cohort;
    }
  });
  const missing = [...Array(26).keys()].filter((code) => table[code] < 0)
    .map((code) => String.fromCharCode(65 + code));
  if (missing.length > 0) {
    throw new RangeError(`fiscal-code letter groups miss the letters ${missing.join("")}`);
  }
  return (letter: string): number => {
    const code = letter.toUpperCase().charCodeAt(0) - 65;
    if (!(code >= 0 && code < 26)) {
      throw new RangeError(`fiscal-code letter must be A–Z, got ${JSON.stringify(letter)}`);
    }
    return table[code];
  };
}
