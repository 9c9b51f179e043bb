/**
 * The report's account of the calibration re-checks (`calibration_check.ts`): a method table
 * with, per incident, the scale it was calibrated at and how many reported observables fall
 * in their bands at the scale the report runs and at full scale; and, in an incident's own
 * section, a caution naming any observable outside its band at the report's scale.
 *
 * @module
 */
import { outsideBand } from "./calibration_check.ts";
import type { CalibrationCheck, ObservableCheck } from "./convergence.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { pick } from "./prose.ts";
import { esc, type IncidentReport } from "./section_parts.ts";

type ReportedIncident = IncidentReport["incident"];

/**
 * "enrolments_8dec_morning 213,500 [202,500–224,500] against 250,000–600,000": an observable
 * outside its band, in its own unit (durations in h/min; other units are the record's, named by
 * the observable and left out so the text stays in one language).
 */
function outsideText(
  entry: ObservableCheck,
  key: string,
  language: Language,
  numbers: StatedNumbers,
): string {
  const value = (name: string, x: number) =>
    entry.unit === "s" || entry.unit === "h"
      ? numbers.duration(`${key}.${name}`, entry.unit === "h" ? x * 3600 : x)
      : numbers.number(`${key}.${name}`, x, entry.unit, Math.abs(x) >= 100 ? 0 : undefined);
  return `<code>${esc(entry.observable)}</code> ${value("mean", entry.mean)} [${
    value("ci_low", entry.ci_low)
  }–${value("ci_high", entry.ci_high)}] ${pick(language, "contro", "against")} ${
    value("band_low", entry.accept[0])
  }–${value("band_high", entry.accept[1])}`;
}

/** The check at exactly `k`, if the study has one. */
function checkAt(incident: ReportedIncident, k: number): CalibrationCheck | undefined {
  return incident.convergence?.calibration_checks?.find((check) => check.k === k);
}

/** "8 of 9 in band" at one k, with the observables outside named. */
function checkCell(
  incident: ReportedIncident,
  check: CalibrationCheck,
  language: Language,
  numbers: StatedNumbers,
): string {
  const key = `method.calibration.${incident.name}.${check.k}`;
  const judged = check.observables.filter((entry) => entry.inside !== null);
  const outside = outsideBand(check);
  const scale = numbers.number(`${key}.k`, 1 / check.k, "1/k", 1);
  const inside = numbers.plain(`${key}.inside`, judged.length - outside.length, "observables");
  const total = numbers.plain(`${key}.judged`, judged.length, "observables");
  const head = pick(
    language,
    `1:${scale}: ${inside} su ${total} nella fascia`,
    `1:${scale}: ${inside} of ${total} in band`,
  );
  if (outside.length === 0) return `${head} ✓`;
  return `${head} ✗ (${
    outside.map((entry) => outsideText(entry, `${key}.${entry.observable}`, language, numbers))
      .join("; ")
  })`;
}

/**
 * The method's table of calibration re-checks: per incident the calibration scale, the
 * report's scale and each check (report's scale, full scale) with the observables outside.
 */
export function calibrationCheckMethod(
  reports: readonly IncidentReport[],
  language: Language,
  numbers: StatedNumbers,
  preview = false,
): string {
  const rows = reports.map(({ incident }) => {
    const checks = incident.convergence?.calibration_checks ?? [];
    const atReport = checkAt(incident, incident.factor);
    const cells = checks.map((check) => checkCell(incident, check, language, numbers));
    if (atReport === undefined && preview) {
      cells.unshift(pick(
        language,
        "anteprima (--quick) a un'altra scala, non ricontrollata",
        "a preview (--quick) at another scale, not re-checked",
      ));
    } else if (atReport === undefined) {
      cells.unshift(pick(
        language,
        `non ricontrollata alla scala del rapporto (<code>deno task convergence --incident ${
          esc(incident.name)
        } --observables-at ${incident.factor}</code>)`,
        `not re-checked at the report's scale (<code>deno task convergence --incident ${
          esc(incident.name)
        } --observables-at ${incident.factor}</code>)`,
      ));
    }
    return `<tr><td>${esc(incident.name)}</td><td class="num">${
      numbers.number(`method.calibration.${incident.name}.used_k`, 1 / incident.factor, "1/k", 1)
    }</td><td>${cells.join("<br>")}</td></tr>`;
  });
  return `<h3>${
    pick(language, "La calibrazione alla scala del rapporto", "Calibration where the report runs")
  }</h3><p>${
    pick(
      language,
      "Le grandezze riportate di ogni incidente (fascia di accettazione nel registro di calibrazione) sono state adattate alla scala di calibrazione; un sistema ridotto può comportarsi diversamente, quindi sono rimisurate sull'assetto reale alla scala usata dal rapporto e a piena scala (<code>deno task convergence --observables-at</code>, 3 repliche, valori a piena scala, media e intervallo al 95%). Una grandezza fuori dalla sua fascia alla scala del rapporto è nominata qui e nella sezione del suo incidente.",
      "Each incident's reported observables (acceptance bands in its calibration record) were fitted at its calibration scale; a shrunken system can behave differently, so they are measured again on the as-built design at the scale the report uses and at full scale (<code>deno task convergence --observables-at</code>, 3 replications, full-scale values, mean and 95% interval). An observable outside its band at the report's scale is named here and in its incident's section.",
    )
  }</p><table><thead><tr><th>${pick(language, "incidente", "incident")}</th><th class="num">${
    pick(language, "1/k usato", "1/k used")
  }</th><th>${
    pick(language, "grandezze riportate, per scala", "reported observables, by scale")
  }</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * The caution in an incident's section when, at the scale its runs use, some reported
 * observables fall outside their bands ("" when none do or there is no check there).
 */
export function calibrationCaution(
  incident: ReportedIncident,
  language: Language,
  numbers: StatedNumbers,
): string {
  const check = checkAt(incident, incident.factor);
  if (check === undefined) return "";
  const outside = outsideBand(check);
  if (outside.length === 0) return "";
  const key = `${incident.name}.calibration_caution`;
  const names = outside.map((entry) =>
    outsideText(entry, `${key}.${entry.observable}`, language, numbers)
  ).join("; ");
  const full = checkAt(incident, 1);
  const atFull = full === undefined ? undefined : outsideBand(full).length === 0;
  const fullText = atFull === undefined ? "" : atFull
    ? pick(
      language,
      " A piena scala tutte le grandezze riportate sono nelle loro fasce: lo scarto viene dalla riduzione, non dalla calibrazione.",
      " At full scale every reported observable is inside its band: the gap comes from the shrinking, not from the calibration.",
    )
    : pick(
      language,
      " Anche a piena scala alcune grandezze restano fuori fascia (tabella nel metodo).",
      " At full scale some observables are outside their bands too (table in the method).",
    );
  return `<p class="source">${
    pick(
      language,
      `Attenzione: alla scala di queste simulazioni il modello riproduce meno bene ciò che è stato riportato: ${names}.${fullText}`,
      `Caution: at the scale of these runs the model reproduces what was reported less well: ${names}.${fullText}`,
    )
  }</p>`;
}
