/**
 * The report's primer on metastable failure: one picture of what the incident sections' maps
 * classify. A single tier (one server of 10 requests/s, 60 places, fresh requests at 5/s, clients
 * giving up an attempt after 3 s and retrying after 0.5 s, at most 4 attempts — the example of
 * notebook 06) has two stable states at half load, healthy and degraded, separated by a saddle;
 * the fluid model's drift field and separatrix show them (`sim/fluid`, `phasePortraitChart`).
 * Illustrative, not an incident: its numbers are chosen to show the shape, and say so.
 *
 * @module
 */
import { type Chart, phasePortraitChart } from "../charts/mod.ts";
import { findEquilibria, phasePortraitRows, singleTierModel } from "../fluid/mod.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { escapeHtml, type ReportSection } from "./page.ts";
import { pick } from "./prose.ts";

/** The illustrative tier (notebook 06's): rates per second, times in seconds. */
export const PRIMER_TIER = {
  arrivalRate: 5,
  serviceRate: 10,
  servers: 1,
  queueCapacity: 60,
  timeout: 3,
  retryDelay: 0.5,
  maxAttempts: 4,
} as const;

/** The primer's phase portrait (drift field, equilibria, separatrix) in the report's language. */
export function primerPhasePortrait(language: Language): Chart {
  return phasePortraitChart(phasePortraitRows(singleTierModel({ ...PRIMER_TIER })), {
    lang: language,
  });
}

/** The primer section: what a metastable failure is, with the phase portrait (`chartHtml`). */
export function metastabilityPrimer(
  language: Language,
  numbers: StatedNumbers,
  chartHtml: string,
): ReportSection {
  const equilibria = findEquilibria(singleTierModel({ ...PRIMER_TIER }));
  const healthy = equilibria.find((e) => e.kind === "healthy");
  const degraded = equilibria.find((e) => e.kind === "degraded");
  const goodput = (key: string, value: number | undefined) =>
    numbers.number(`primer.${key}.goodput`, value ?? NaN, "requests/s", 2);
  const text = pick(
    language,
    `Un servizio con timeout e nuovi tentativi può avere due stati stabili con la stessa domanda. ` +
      `Nell'esempio (un server da ${numbers.plain("primer.service_rate", 10, "requests/s")} ` +
      `richieste/s, richieste nuove a ${
        numbers.plain("primer.arrival_rate", 5, "requests/s")
      }/s, ` +
      `cioè metà della capacità; i client abbandonano un tentativo dopo 3 s e riprovano dopo ` +
      `0,5 s, fino a 4 tentativi) lo stato sano serve ${
        goodput("healthy", healthy?.flows.goodput)
      } richieste/s, quello degradato ${goodput("degraded", degraded?.flows.goodput)}: ` +
      `la coda è piena, ogni tentativo scade prima di essere servito e i nuovi tentativi la ` +
      `tengono piena. Un picco che porta lo stato oltre la separatrice lascia il servizio ` +
      `degradato anche dopo la fine del picco: è il guasto metastabile che le mappe delle sezioni ` +
      `precedenti classificano, incidente per incidente, come sano, in ripresa o degradato. ` +
      `Numeri illustrativi, scelti per mostrare la forma (sono quelli del notebook 06).`,
    `A service with timeouts and retries can have two stable states under the same demand. In ` +
      `the example (one server of ${numbers.plain("primer.service_rate", 10, "requests/s")} ` +
      `requests/s, fresh requests at ${numbers.plain("primer.arrival_rate", 5, "requests/s")}/s, ` +
      `half its capacity; clients give up an attempt after 3 s and retry after 0.5 s, up to 4 ` +
      `attempts) the healthy state serves ${
        goodput("healthy", healthy?.flows.goodput)
      } requests/s and the degraded one ${goodput("degraded", degraded?.flows.goodput)}: the ` +
      `queue is full, every attempt times out before it is served, and the retries keep it full. ` +
      `A surge that pushes the state across the separatrix leaves the service degraded after ` +
      `the surge has ended: the metastable failure that the maps of the sections above classify, ` +
      `incident by incident, as healthy, recovering or degraded. Illustrative numbers, chosen to ` +
      `show the shape (they are notebook 06's).`,
  );
  return {
    id: "metastable-failure",
    heading: pick(
      language,
      "Il guasto metastabile in una figura",
      "Metastable failure in one picture",
    ),
    html: `<p>${escapeHtml(text)}</p>\n${chartHtml}`,
  };
}
