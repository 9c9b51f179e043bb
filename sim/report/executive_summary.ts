/**
 * The report's executive summary: per incident what happened, why, what would have worked and at
 * what cost.
 *
 * @module
 */
import type { DesignFinding } from "./findings.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import type { ReportSection } from "./page.ts";
import { incidentTitle, pick, whatHappened } from "./prose.ts";
import {
  esc,
  headlineNoun,
  type IncidentReport,
  ratioText,
  type RunSettings,
  sharePoints,
  shareWithInterval,
  significantlyBetter,
} from "./section_parts.ts";

/** Id of the executive summary element (tests read its numbers). */
export const EXECUTIVE_SUMMARY_ID = "executive-summary";

/** The executive summary: per incident what happened, why, what would have worked, at what cost. */
export function executiveSummary(
  reports: readonly IncidentReport[],
  settings: RunSettings,
  language: Language,
  numbers: StatedNumbers,
  comparisonChartHtml = "",
): ReportSection {
  const rows: string[] = [];
  const paragraphs = reports.map(({ incident, findings }) => {
    const key = `${incident.name}.summary`;
    const title = incidentTitle(incident, language, numbers);
    const happened = whatHappened(incident, language, numbers);
    const base = findings.asBuilt;
    const why: string[] = [];
    if (findings.downAtPeak) {
      why.push(
        pick(
          language,
          "quando il carico offerto tocca il picco il servizio è già fuori uso",
          "when the offered load peaks the service is already down",
        ),
      );
    } else if (Number.isFinite(findings.peakLoadRatio) && findings.peakLoadRatio < 1) {
      why.push(
        pick(
          language,
          `il carico offerto resta sotto la capacità del servizio (al picco ${
            ratioText(numbers, `${key}.peak_load_ratio`, findings.peakLoadRatio)
          } volte)`,
          `the offered load stays below the service's capacity (${
            ratioText(numbers, `${key}.peak_load_ratio`, findings.peakLoadRatio)
          } times at the peak)`,
        ),
      );
    } else if (Number.isFinite(findings.peakLoadRatio)) {
      why.push(
        pick(
          language,
          `al picco il carico offerto (primi tentativi più ritentativi) è ${
            ratioText(numbers, `${key}.peak_load_ratio`, findings.peakLoadRatio)
          } volte la capacità del servizio`,
          `at the peak the offered load (first attempts plus retries) is ${
            ratioText(numbers, `${key}.peak_load_ratio`, findings.peakLoadRatio)
          } times the service's capacity`,
        ),
      );
    }
    const amplification = base.estimates.retry_amplification;
    if (amplification && Number.isFinite(amplification.mean)) {
      why.push(
        pick(
          language,
          `ogni richiesta riuscita costa in media ${
            ratioText(numbers, `${key}.retry_amplification`, amplification.mean)
          } tentativi`,
          `each successful request costs ${
            ratioText(numbers, `${key}.retry_amplification`, amplification.mean)
          } attempts on average`,
        ),
      );
    }
    const downtime = base.estimates.downtime_seconds;
    if (downtime && downtime.mean > 0) {
      why.push(
        pick(
          language,
          `il servizio è fuori uso (crash, manutenzione o chiusura) per ${
            numbers.duration(`${key}.downtime`, downtime.mean)
          }`,
          `the service is down (crash, maintenance or closure) for ${
            numbers.duration(`${key}.downtime`, downtime.mean)
          }`,
        ),
      );
    }
    const shareText = shareWithInterval(numbers, `${key}.as_built_share`, base.headline, language);
    const whySentence = pick(
      language,
      `Perché: nel modello (${
        incident.factor === 1
          ? "a piena scala"
          : `ridotto di un fattore ${numbers.number(`${key}.scale`, 1 / incident.factor, "1/k", 1)}`
      }) ${why.join(", ")}; ${headlineNoun(findings, language)}: ${shareText}.`,
      `Why: in the model (${
        incident.factor === 1
          ? "at full scale"
          : `scaled down by a factor of ${
            numbers.number(`${key}.scale`, 1 / incident.factor, "1/k", 1)
          }`
      }) ${why.join(", ")}; ${headlineNoun(findings, language)}: ${shareText}.`,
    );
    let worked: string;
    let bestCell = "—";
    let costCell = "—";
    const best = findings.best;
    if (!best) {
      worked = pick(
        language,
        "Lo scenario non dichiara alternative.",
        "The scenario declares no alternative.",
      );
    } else if (!significantlyBetter(findings, best)) {
      worked = pick(
        language,
        `Nessuna delle ${
          numbers.plain(`${key}.alternatives`, findings.designs.length - 1, "designs")
        } alternative migliora la quota in modo statisticamente significativo.`,
        `None of the ${
          numbers.plain(`${key}.alternatives`, findings.designs.length - 1, "designs")
        } alternatives improves the share significantly.`,
      );
    } else {
      const bestShare = shareWithInterval(numbers, `${key}.best_share`, best.headline, language);
      const difference = sharePoints(
        numbers,
        `${key}.best_difference`,
        best.headlineDifference!,
        language,
      );
      worked = pick(
        language,
        `Cosa avrebbe funzionato: «${
          esc(best.design)
        }» porta la quota a ${bestShare}, ${difference} rispetto all'assetto reale.`,
        `What would have worked: “${
          esc(best.design)
        }” brings the share to ${bestShare}, ${difference} against the as-built system.`,
      );
      const cost = costSentence(numbers, key, base, best, language);
      worked += " " + cost;
      bestCell = `«${esc(best.design)}»: ${bestShare}, ${difference}`;
      costCell = cost === "" ? "—" : esc(cost);
    }
    rows.push(
      `<tr><td><a href="#${esc(incident.name)}">${esc(title)}</a></td><td>${esc(happened)}</td>` +
        `<td>${esc(why.join("; "))}; ${esc(headlineNoun(findings, language))}: ${shareText}</td>` +
        `<td>${bestCell}</td><td>${costCell}</td></tr>`,
    );
    return `<p><strong>${esc(title)}.</strong> ${esc(happened)} ${whySentence} ${worked}</p>`;
  });
  const intro = pick(
    language,
    `Per ogni incidente: cosa è successo (dati riportati), perché (meccanismo simulato), cosa ` +
      `avrebbe funzionato e a quale costo. Simulazioni in scala ridotta con ${
        numbers.plain("run.replications", settings.replications, "replications")
      } repliche per variante e numeri casuali comuni; intervalli di confidenza al ${
        numbers.plain("run.confidence", 95, "%")
      }%.`,
    `For each incident: what happened (reported figures), why (simulated mechanism), what would ` +
      `have worked and at what cost. Scaled-down simulations with ${
        numbers.plain("run.replications", settings.replications, "replications")
      } replications per design and common random numbers; ${
        numbers.plain("run.confidence", 95, "%")
      }% confidence intervals.`,
  );
  return {
    id: "summary",
    heading: pick(language, "Sintesi", "Executive summary"),
    html: `<div id="${EXECUTIVE_SUMMARY_ID}"><p class="finding">${intro}</p>\n` +
      `<div class="table-scroll"><table class="compact summary-table"><thead><tr><th>${
        pick(language, "incidente", "incident")
      }</th><th>${
        pick(language, "cosa è successo (riportato)", "what happened (reported)")
      }</th><th>${pick(language, "perché (simulato)", "why (simulated)")}</th><th>${
        pick(
          language,
          "l'alternativa migliore e il suo effetto",
          "the best alternative and its effect",
        )
      }</th><th>${pick(language, "costo", "cost")}</th></tr></thead><tbody>${
        rows.join("")
      }</tbody></table></div>\n${comparisonChartHtml}\n${paragraphs.join("\n")}</div>`,
  };
}

function costSentence(
  numbers: StatedNumbers,
  key: string,
  base: DesignFinding,
  best: DesignFinding,
  language: Language,
): string {
  const baseHours = base.estimates.server_hours?.mean;
  const bestHours = best.estimates.server_hours?.mean;
  const basePeak = base.estimates.peak_servers?.mean;
  const bestPeak = best.estimates.peak_servers?.mean;
  const parts: string[] = [];
  if (baseHours !== undefined && bestHours !== undefined && baseHours > 0) {
    const ratio = ratioText(numbers, `${key}.server_hours_ratio`, bestHours / baseHours);
    parts.push(pick(language, `ore-server ×${ratio}`, `server-hours ×${ratio}`));
  }
  if (basePeak !== undefined && bestPeak !== undefined && basePeak > 0) {
    const ratio = ratioText(numbers, `${key}.peak_servers_ratio`, bestPeak / basePeak);
    parts.push(pick(language, `server al picco ×${ratio}`, `peak servers ×${ratio}`));
  }
  if (parts.length === 0) return "";
  return pick(
    language,
    `Costo: ${parts.join(", ")} rispetto all'assetto reale.`,
    `Cost: ${parts.join(", ")} against the as-built system.`,
  );
}
