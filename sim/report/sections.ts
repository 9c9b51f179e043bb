/**
 * The report's sections: executive summary, one section per incident, method and
 * assumptions. Every number in the prose goes through `StatedNumbers`.
 *
 * @module
 */
import { citedReferences, type Reference } from "../calibration/references.ts";
import { sourceHtml } from "./citations.ts";
import { disagreements, relativeDifferences } from "./convergence.ts";
import type { DesignFinding, IncidentFindings, Interval } from "./findings.ts";
import type { Incident } from "./incidents.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { escapeHtml, type ReportSection } from "./page.ts";
import {
  designDescription,
  designLabel,
  formatEntry,
  incidentTitle,
  metricLabel,
  pick,
  whatHappened,
} from "./prose.ts";
import type { IncidentChartKind, ReportChart } from "./charts.ts";
import { metricInfo } from "../table/mod.ts";
import {
  type IncidentSensitivity,
  SENSITIVITY_SETTINGS,
  sensitivityParagraph,
} from "./sensitivity.ts";

/** Everything known about one incident when the page is written. */
export interface IncidentReport {
  /** The incident (calibration, descriptor, scale). */
  incident: Incident;
  /** Findings from the tables. */
  findings: IncidentFindings;
  /** Charts, embeddable. */
  charts: Partial<Record<IncidentChartKind, ReportChart>>;
  /** One-at-a-time sensitivity of the conclusion (absent with `--no-sensitivity`). */
  sensitivity?: IncidentSensitivity;
  /** The metastability block's HTML (`metastability_section.ts`; absent with `--no-metastability`). */
  metastabilityHtml?: string;
  /** The bibliography (`data/references.json`) by id, to render `ref:` sources. */
  references: ReadonlyMap<string, Reference>;
}

/** The run's settings, for the method section. */
export interface RunSettings {
  /** Replications per design. */
  replications: number;
  /** Quick run. */
  quick: boolean;
  /** Worker threads. */
  workers: number;
  /** Whether the sensitivity (tornado) runs were made. */
  sensitivity: boolean;
  /** Whether the metastability maps were asked for (`--quick` leaves them out regardless). */
  metastability: boolean;
  /** Relative links from the report folder to the notebooks, by file name. */
  notebookLinks: { name: string; href: string }[];
}

/** Id of the executive summary element (tests read its numbers). */
export const EXECUTIVE_SUMMARY_ID = "executive-summary";

const esc = escapeHtml;

/**
 * A text of the incident's calibration record (written in English) in the report's language:
 * its translation from `data/translations/<incident>.it.json`, or the English text when there is
 * none (an incident added without translations: `translationProblems` lists what is missing).
 */
function recordText(report: IncidentReport, english: string, language: Language): string {
  if (language === "en" || english === "") return english;
  return report.incident.italian.get(english) ?? english;
}

/** A reported figure's words: the original quote in «», or the relayed wording, translated. */
function quoteHtml(
  report: IncidentReport,
  entry: { quote?: string; relayed?: string },
  language: Language,
): string {
  if (entry.quote !== undefined) return `«${esc(entry.quote)}»`;
  return esc(recordText(report, entry.relayed ?? "", language));
}

/** An entry's source note as HTML: citations linked, the note in the report's language. */
function sourceOf(report: IncidentReport, source: string, language: Language): string {
  return sourceHtml(
    source,
    report.references,
    language,
    (note) => recordText(report, note, language),
  );
}

function sharePoints(
  numbers: StatedNumbers,
  key: string,
  interval: Interval,
  language: Language,
): string {
  const sign = interval.mean > 0 ? "+" : "";
  const text = `${sign}${numbers.number(key, interval.mean * 100, "percentage points", 1)}`;
  const unit = pick(language, " punti percentuali", " percentage points");
  if (!Number.isFinite(interval.low)) return text + unit;
  return `${text}${unit} (${pick(language, "IC 95%", "95% CI")} ${
    numbers.number(`${key}.ci_low`, interval.low * 100, "percentage points", 1)
  } … ${numbers.number(`${key}.ci_high`, interval.high * 100, "percentage points", 1)})`;
}

function shareWithInterval(
  numbers: StatedNumbers,
  key: string,
  interval: Interval,
  language: Language,
): string {
  const digits = interval.mean < 0.1 ? 1 : 0;
  const text = numbers.percent(key, interval.mean, digits);
  if (!Number.isFinite(interval.low)) return text;
  return `${text} (${pick(language, "IC 95%", "95% CI")} ${
    numbers.percent(`${key}.ci_low`, Math.max(0, interval.low), digits)
  }–${numbers.percent(`${key}.ci_high`, Math.min(1, interval.high), digits)})`;
}

function headlineNoun(findings: IncidentFindings, language: Language): string {
  switch (findings.headlineMetric) {
    case "funded_share":
      return pick(language, "quota di cittadini finanziati", "share of citizens funded");
    case "technical_failure_share":
      return pick(
        language,
        "quota di cittadini esclusi da un guasto tecnico",
        "share of citizens shut out by a technical failure",
      );
    default:
      return pick(
        language,
        "quota di cittadini che completano la procedura nel periodo simulato",
        "share of citizens who complete the procedure within the simulated period",
      );
  }
}

/** True when a design's paired difference is significantly better than the as-built. */
export function significantlyBetter(findings: IncidentFindings, design: DesignFinding): boolean {
  const difference = design.headlineDifference;
  if (!difference || !Number.isFinite(difference.low)) return false;
  return findings.higherIsBetter ? difference.low > 0 : difference.high < 0;
}

/** A ratio with one decimal below 10 (`1,0`, `4,6`), none above (`67`). */
function ratioText(numbers: StatedNumbers, key: string, value: number): string {
  const digits = Math.abs(value) >= 10 ? 0 : 1;
  const text = new Intl.NumberFormat(numbers.locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return numbers.text(key, value, "ratio", text);
}

/** The executive summary: per incident what happened, why, what would have worked, at what cost. */
export function executiveSummary(
  reports: readonly IncidentReport[],
  settings: RunSettings,
  language: Language,
  numbers: StatedNumbers,
): ReportSection {
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
      worked += " " + costSentence(numbers, key, base, best, language);
    }
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
    html: `<div id="${EXECUTIVE_SUMMARY_ID}"><p class="finding">${intro}</p>\n${
      paragraphs.join("\n")
    }</div>`,
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

/** Local date-time text of `seconds` after an ISO time origin with offset (e.g. `+01:00`). */
export function clockTime(origin: string, seconds: number, language: Language): string {
  const offsetMatch = /([+-])(\d\d):(\d\d)$/.exec(origin);
  const offsetMinutes = offsetMatch
    ? (offsetMatch[1] === "-" ? -1 : 1) * (Number(offsetMatch[2]) * 60 + Number(offsetMatch[3]))
    : 0;
  const local = new Date(Date.parse(origin) + (seconds + offsetMinutes * 60) * 1000);
  return new Intl.DateTimeFormat(language === "it" ? "it-IT" : "en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }).format(local);
}

function intervalCell(
  numbers: StatedNumbers,
  key: string,
  interval: Interval | undefined,
  asShare: boolean,
): string {
  if (!interval || !Number.isFinite(interval.mean)) return "—";
  const format = (suffix: string, value: number) =>
    asShare
      ? numbers.percent(`${key}${suffix}`, value, Math.abs(value) < 0.1 ? 1 : 0)
      : numbers.number(`${key}${suffix}`, value, "value");
  const mean = format("", interval.mean);
  if (!Number.isFinite(interval.low)) return mean;
  return `${mean}<br><span class="source">[${format(".ci_low", interval.low)}; ${
    format(".ci_high", interval.high)
  }]</span>`;
}

const SHARE_METRICS = new Set([
  "goodput_share",
  "funded_share",
  "technical_failure_share",
  "retry_share",
  "citizen_success_share",
]);

/** Extra columns of the design table, when the tables hold them. */
const OPTIONAL_METRICS = [
  "funded",
  "denied_budget",
  "failed_technical",
  "budget_exhausted_at_s",
  "fairness_jain",
  "fairness_gini",
];

function chartBlock(report: IncidentReport, kinds: IncidentChartKind[]): string {
  return kinds.map((kind) => report.charts[kind]?.html ?? "").join("\n");
}

/** One incident's section. */
export function incidentSection(
  report: IncidentReport,
  settings: RunSettings,
  language: Language,
  numbers: StatedNumbers,
): ReportSection {
  const { incident, findings } = report;
  const record = incident.calibration;
  const key = incident.name;
  const title = incidentTitle(incident, language, numbers);
  const origin = incident.descriptor.time_origin;
  const parts: string[] = [];
  parts.push(`<p class="finding">${esc(whatHappened(incident, language, numbers))}</p>`);
  parts.push(
    `<p>${pick(language, "Sintesi della scheda: ", "Summary of the record: ")}${
      esc(recordText(report, record.summary, language))
    }</p>`,
  );

  const timeline = record.parameters.filter((entry) =>
    entry.tag === "reported" && entry.unit === "s" && /seconds$/.test(entry.parameter ?? "")
  ).sort((a, b) => a.value - b.value);
  parts.push(`<h3>${pick(language, "Cronologia", "Timeline")}</h3>`);
  const originText = clockTime(origin, 0, language);
  const rows = [
    `<tr><td>${esc(originText)}</td><td>${
      pick(
        language,
        "origine del tempo della simulazione (t = 0)",
        "simulation time origin (t = 0)",
      )
    }</td><td></td></tr>`,
    ...timeline.map((entry) => {
      const when = clockTime(origin, entry.value, language);
      numbers.text(`${key}.timeline.${entry.parameter}`, entry.value, "s", when);
      return `<tr><td>${esc(when)}</td><td><code>${esc(entry.parameter ?? "")}</code>: ${
        quoteHtml(report, entry, language)
      }</td><td class="source">${sourceOf(report, entry.source, language)}</td></tr>`;
    }),
  ];
  parts.push(
    `<table><thead><tr><th>${pick(language, "quando", "when")}</th><th>${
      pick(language, "evento", "event")
    }</th><th>${pick(language, "fonte", "source")}</th></tr></thead><tbody>${
      rows.join("")
    }</tbody></table>`,
  );

  parts.push(
    `<h3>${pick(language, "Dati riportati e fonti", "Reported figures and sources")}</h3>`,
  );
  const reported = record.parameters.filter((entry) => entry.tag === "reported");
  parts.push(
    `<table><thead><tr><th>${pick(language, "dato", "figure")}</th><th class="num">${
      pick(language, "valore", "value")
    }</th><th>${pick(language, "citazione", "quote")}</th><th>${
      pick(language, "fonte", "source")
    }</th></tr></thead><tbody>${
      reported.map((entry) =>
        `<tr><td><code>${esc(entry.parameter ?? "")}</code></td><td class="num">${
          esc(formatEntry(numbers, `${key}.reported.${entry.parameter}.table`, entry))
        } <span class="source">${esc(entry.unit)}</span></td><td>${
          quoteHtml(report, entry, language)
        }</td><td class="source">${sourceOf(report, entry.source, language)}</td></tr>`
      ).join("")
    }</tbody></table>`,
  );

  const cited = [
    ...new Set(
      [...record.parameters, ...record.observables].flatMap((entry) =>
        citedReferences(entry.source ?? "")
      ),
    ),
  ].flatMap((id) => {
    const reference = report.references.get(id);
    return reference ? [reference] : [];
  });
  if (cited.length > 0) {
    parts.push(
      `<details><summary>${
        pick(language, "Fonti citate", "References cited")
      } (${cited.length})</summary><ol class="source">${
        cited.map((reference) =>
          `<li>${sourceHtml(`ref:${reference.id}`, report.references, language)}</li>`
        )
          .join("")
      }</ol></details>`,
    );
  }

  parts.push(
    `<h3>${pick(language, "Carico simulato e capacità", "Simulated load versus capacity")}</h3>`,
  );
  const peak = findings.asBuilt.estimates.peak_offered_per_s;
  if (peak && Number.isFinite(peak.mean)) {
    parts.push(
      `<p>${
        pick(
          language,
          `Assetto reale, media di ${
            numbers.number(`${key}.replications`, peak.n, "replications")
          } repliche ${
            incident.factor === 1
              ? "a piena scala"
              : `ridotte di un fattore ${
                numbers.number(`${key}.scale.section`, 1 / incident.factor, "1/k", 1)
              }`
          }, riportate a piena scala: picco del carico offerto ${
            numbers.number(`${key}.peak_offered_per_s`, peak.mean, "requests/s")
          } richieste/s (su intervalli di ${
            numbers.duration(`${key}.bin_width`, incident.binWidthSeconds)
          }), fino a ${
            ratioText(numbers, `${key}.peak_load_ratio.section`, findings.peakLoadRatio)
          } volte la capacità.`,
          `As built, mean of ${
            numbers.number(`${key}.replications`, peak.n, "replications")
          } replications ${
            incident.factor === 1
              ? "at full scale"
              : `scaled down by a factor of ${
                numbers.number(`${key}.scale.section`, 1 / incident.factor, "1/k", 1)
              }`
          }, converted to full scale: peak offered load ${
            numbers.number(`${key}.peak_offered_per_s`, peak.mean, "requests/s")
          } requests/s (over bins of ${
            numbers.duration(`${key}.bin_width`, incident.binWidthSeconds)
          }), up to ${
            ratioText(numbers, `${key}.peak_load_ratio.section`, findings.peakLoadRatio)
          } times the capacity.`,
        )
      }</p>`,
    );
  }
  parts.push(chartBlock(report, ["load", "queues"]));

  parts.push(`<h3>${pick(language, "Chi ha ottenuto il bonus", "Who got the bonus")}</h3>`);
  parts.push(
    `<p>${
      pick(
        language,
        "Esito dei cittadini per decile d'arrivo (1 = i primi ad arrivare), assetto reale",
        "Citizens' outcomes by arrival decile (1 = the first to arrive), as built",
      )
    }${
      findings.best
        ? pick(
          language,
          ` e variante «${esc(findings.best.design)}».`,
          ` and design “${esc(findings.best.design)}”.`,
        )
        : "."
    }</p>`,
  );
  parts.push(chartBlock(report, ["outcomes", "outcomes-best", "budget"]));

  parts.push(`<h3>${pick(language, "Confronto delle varianti", "Design comparison")}</h3>`);
  parts.push(
    `<ul class="designs">${
      findings.designs.map((design) => {
        const description = designDescription(incident, design.design, language);
        return `<li><strong>${esc(designLabel(design.design, language))}</strong>${
          design.design === "base" ? " (base)" : ""
        }: ${esc(description)}</li>`;
      }).join("")
    }</ul>`,
  );
  const main = ["goodput_share", "retry_amplification", "time_to_success_p95_s", "server_hours"]
    .filter((metric) => findings.metrics.includes(metric));
  const extra = OPTIONAL_METRICS.filter((metric) => findings.metrics.includes(metric));
  const table = (columns: string[], withHeadline: boolean) => {
    const header = [
      pick(language, "variante", "design"),
      ...(withHeadline
        ? [
          metricLabel(findings.headlineMetric, language),
          pick(language, "differenza appaiata", "paired difference"),
        ]
        : []),
      ...columns.map((metric) => {
        const unit = metricInfo(metric)?.unit;
        return unit && unit !== "1" && !SHARE_METRICS.has(metric)
          ? `${metricLabel(metric, language)} (${unit})`
          : metricLabel(metric, language);
      }),
    ];
    const body = findings.designs.map((design) => {
      const dkey = `${key}.design.${design.design}`;
      const cells = [
        `<strong>${esc(designLabel(design.design, language))}</strong>`,
        ...(withHeadline
          ? [
            intervalCell(numbers, `${dkey}.${findings.headlineMetric}`, design.headline, true),
            design.headlineDifference
              ? intervalCell(numbers, `${dkey}.difference`, design.headlineDifference, true)
              : "—",
          ]
          : []),
        ...columns.map((metric) =>
          intervalCell(
            numbers,
            `${dkey}.${metric}`,
            design.estimates[metric],
            SHARE_METRICS.has(metric),
          )
        ),
      ];
      return `<tr>${
        cells.map((cell, i) => `<td${i > 0 ? ' class="num"' : ""}>${cell}</td>`).join("")
      }</tr>`;
    });
    return `<div class="table-scroll"><table class="compact"><thead><tr>${
      header.map((cell, i) => `<th${i > 0 ? ' class="num"' : ""}>${esc(cell)}</th>`).join("")
    }</tr></thead><tbody>${body.join("")}</tbody></table></div>`;
  };
  parts.push(table(main, true));
  if (extra.length > 0) parts.push(table(extra, false));
  parts.push(
    `<p class="source">${
      pick(
        language,
        "Medie sulle repliche con intervallo di confidenza al 95% (t di Student) tra parentesi; differenze appaiate con l'assetto reale sotto numeri casuali comuni. Descrizioni delle varianti da data/incidents; «assetto reale» è il sistema com'era (variante base).",
        "Means over replications with the 95% Student-t confidence interval in brackets; paired differences from the as-built design under common random numbers. Design descriptions from data/incidents.",
      )
    }</p>`,
  );
  parts.push(chartBlock(report, ["designs", "differences"]));
  if (report.metastabilityHtml) parts.push(report.metastabilityHtml);
  else if (settings.quick && settings.metastability) {
    parts.push(
      `<p class="source">${
        pick(
          language,
          "Anteprima rapida: la mappa di metastabilità (quanto vicino al precipizio era il sistema) è omessa; eseguire deno task report senza --quick.",
          "Quick preview: the metastability map (how close to the cliff the system was) is left out; run deno task report without --quick.",
        )
      }</p>`,
    );
  }
  if (report.sensitivity) {
    parts.push(
      `<h3>${
        pick(
          language,
          "Quali ipotesi spostano la conclusione",
          "Which assumptions move the conclusion",
        )
      }</h3>`,
    );
    parts.push(sensitivityParagraph(report.sensitivity, record, language, numbers));
    parts.push(chartBlock(report, ["sensitivity"]));
  }
  return { id: incident.name, heading: title, html: parts.join("\n") };
}

/** Method and assumptions: scale, statistics, validation, notebooks, every assumption. */
export function methodSection(
  reports: readonly IncidentReport[],
  settings: RunSettings,
  language: Language,
  numbers: StatedNumbers,
): ReportSection {
  const parts: string[] = [];
  parts.push(`<h3>${pick(language, "Scala delle simulazioni", "Scale of the simulations")}</h3>`);
  parts.push(
    `<p>${
      pick(
        language,
        "Un incidente a piena scala è grande (milioni di tentativi in poche ore o giorni), quindi ogni incidente è simulato in scala 1:k: il moltiplicatore degli arrivi, la popolazione, i server di ogni livello (con i passi di capacità e le soglie di coda e di crash), i limiti dell'autoscaling, i tassi di ammissione e i fondi sono moltiplicati per lo stesso fattore 1/k; tempi di servizio, timeout e comportamento dei client restano invariati. Il rapporto tra carico offerto e capacità è così lo stesso in ogni istante, e le quote per cittadino (finanziati, esclusi, amplificazione dei tentativi) non dipendono dalla scala al primo ordine; cambiano le fluttuazioni casuali (meno server in parallelo) e l'arrotondamento dei server, compensato allungando i tempi di servizio in modo che la capacità sia esattamente 1/k. In questo rapporto conteggi, tassi, livelli e costi sono riportati a piena scala (moltiplicati per k, come indica per ogni metrica il catalogo); quote, tempi e latenze non dipendono dalla scala. Con k molto grande (l'esecuzione --quick) alcuni livelli restano con uno o due server e il loro comportamento (code, crash) cambia: i risultati di --quick sono solo un primo sguardo; l'esecuzione normale usa la scala scelta dallo studio di convergenza (sotto), e --full simula tutto a piena scala.",
        "A full-scale incident is big (millions of attempts over hours or days), so each incident is simulated at scale 1:k: the arrival multiplier, the population, every tier's servers (with capacity steps, queue and crash thresholds), autoscaler bounds, admission rates and budgets are multiplied by the same factor 1/k; service times, timeouts and client behaviour are unchanged. Offered load over capacity is then the same at every moment, so per-citizen shares (funded, shut out, retry amplification) are scale-free to first order; what changes is the random fluctuation (fewer servers pooled) and the rounding of server counts, compensated by stretching service times so capacity is exactly 1/k. In this report counts, rates, levels and costs are converted back to full scale (multiplied by k, as the metric catalogue says for each metric); shares, times and latencies do not depend on the scale. With a very large k (the --quick run) some tiers are left with one or two servers and behave differently (queues, crashes): --quick results are a first look only; the default run uses the scale chosen by the convergence study (below), and --full simulates everything at full scale.",
      )
    }</p>`,
  );
  parts.push(
    `<table><thead><tr><th>${
      pick(language, "incidente", "incident")
    }</th><th class="num">k</th><th class="num">${
      pick(language, "orizzonte", "horizon")
    }</th><th class="num">${pick(language, "intervallo", "bin")}</th><th>${
      pick(language, "varianti", "designs")
    }</th><th class="num">${pick(language, "repliche", "replications")}</th></tr></thead><tbody>${
      reports.map(({ incident }) =>
        `<tr><td>${esc(incident.name)}</td><td class="num">${
          numbers.number(`method.${incident.name}.k`, 1 / incident.factor, "1/k", 1)
        }</td><td class="num">${
          numbers.duration(`method.${incident.name}.horizon`, incident.horizonSeconds)
        }</td><td class="num">${
          numbers.duration(`method.${incident.name}.bin`, incident.binWidthSeconds)
        }</td><td>${
          incident.designs.map((design) => `<code>${esc(design)}</code>`).join(", ")
        }</td><td class="num">${
          numbers.plain(
            `method.${incident.name}.replications`,
            settings.replications,
            "replications",
          )
        }</td></tr>`
      ).join("")
    }</tbody></table>`,
  );
  parts.push(convergenceMethod(reports, language, numbers));
  parts.push(
    `<h3>${pick(language, "Statistica", "Statistics")}</h3><p>${
      pick(
        language,
        `Ogni variante è simulata con ${
          numbers.plain("method.replications", settings.replications, "replications")
        } repliche indipendenti; la replica r di ogni variante usa gli stessi flussi casuali (numeri casuali comuni), così le differenze tra varianti sono appaiate e più precise. Gli intervalli sono t di Student al 95% sulle medie delle repliche.${
          settings.quick
            ? " Questa è un'esecuzione rapida (--quick): scala più piccola e meno repliche."
            : ""
        }`,
        `Each design is simulated with ${
          numbers.plain("method.replications", settings.replications, "replications")
        } independent replications; replication r of every design uses the same random streams (common random numbers), so differences between designs are paired and sharper. Intervals are 95% Student-t intervals over replication means.${
          settings.quick
            ? " This is a quick run (--quick): smaller scale and fewer replications."
            : ""
        }`,
      )
    }</p>`,
  );
  if (settings.sensitivity) parts.push(sensitivityMethod(reports, settings, language, numbers));
  parts.push(
    `<h3>${pick(language, "Validazione", "Validation")}</h3><p>${
      pick(
        language,
        "Il simulatore è validato contro la teoria delle code (M/M/c, Erlang, reti di Jackson…): <code>deno task validate</code> stampa la tabella a piena scala, e <code>deno task test</code> la ripete insieme ai controlli dei registri di calibrazione (ogni citazione verificata nelle fonti, ogni valore derivato ricalcolato) e al confronto delle varianti reali con i dati osservati (tests/incidents). Il quaderno 05 mostra la validazione passo per passo.",
        "The simulator is validated against queueing theory (M/M/c, Erlang, Jackson networks…): <code>deno task validate</code> prints the full-size table, and <code>deno task test</code> repeats it together with the checks of the calibration records (every quote verified in its source, every derived value recomputed) and the comparison of the as-built designs with the observed figures (tests/incidents). Notebook 05 walks through the validation.",
      )
    }</p>`,
  );
  parts.push(
    `<h3>${pick(language, "Quaderni", "Notebooks")}</h3><ul>${
      settings.notebookLinks.map((link) =>
        `<li><a href="${esc(link.href)}">${esc(link.name)}</a></li>`
      ).join("")
    }</ul><p class="source">${
      pick(
        language,
        "File generati: charts/*.svg e charts/*.png (grafici per slide e stampa), tables/*.parquet e tables/*.csv (tabelle dei risultati; sensitivity.* sono i dati dei grafici a tornado), summary.json (ogni numero citato in questo rapporto).",
        "Generated files: charts/*.svg and charts/*.png (charts for slides and print), tables/*.parquet and tables/*.csv (result tables; sensitivity.* holds the tornado data), summary.json (every number this report states).",
      )
    }</p>`,
  );
  parts.push(`<h3>${pick(language, "Ipotesi", "Assumptions")}</h3>`);
  parts.push(
    `<p>${
      pick(
        language,
        "Ogni ipotesi di ogni scenario, con il valore usato, l'intervallo plausibile e la motivazione (dalle schede in data/calibration, tradotte in data/translations). Le ipotesi strutturali seguono.",
        "Every assumption of every scenario, with the value used, the plausible range and the reasoning (from the records in data/calibration). Structural assumptions follow.",
      )
    }</p>`,
  );
  for (const report of reports) {
    const { incident } = report;
    const record = incident.calibration;
    const text = (english: string) => esc(recordText(report, english, language));
    const assumptions = record.parameters.filter((entry) => entry.tag === "assumption");
    parts.push(`<h4>${esc(incident.name)}</h4>`);
    parts.push(
      `<table><thead><tr><th>${pick(language, "ipotesi", "assumption")}</th><th class="num">${
        pick(language, "valore", "value")
      }</th><th class="num">${pick(language, "intervallo", "range")}</th><th>${
        pick(language, "motivazione", "reasoning")
      }</th></tr></thead><tbody>${
        assumptions.map((entry) => {
          const akey = `method.${incident.name}.assumption.${entry.parameter}`;
          const range = entry.range
            ? `${numbers.number(`${akey}.low`, entry.range[0], entry.unit)}–${
              numbers.number(`${akey}.high`, entry.range[1], entry.unit)
            }`
            : "—";
          return `<tr><td><code>${esc(entry.parameter ?? "")}</code></td><td class="num">${
            numbers.number(akey, entry.value, entry.unit)
          } <span class="source">${esc(entry.unit)}</span></td><td class="num">${range}</td><td>${
            text(entry.reasoning ?? "")
          }${
            entry.if_wrong
              ? `<br><span class="source">${pick(language, "Se sbagliata: ", "If wrong: ")}${
                text(entry.if_wrong)
              }</span>`
              : ""
          }</td></tr>`;
        }).join("")
      }</tbody></table>`,
    );
    const structural = record.structural_assumptions ?? [];
    if (structural.length > 0) {
      parts.push(
        `<ul>${
          structural.map((entry) =>
            `<li><strong>${esc(entry.assumption)}</strong>: ${text(entry.choice)}${
              entry.alternatives?.length
                ? ` <span class="source">(${pick(language, "alternative", "alternatives")}: ${
                  entry.alternatives.map(text).join("; ")
                })</span>`
                : ""
            }</li>`
          ).join("")
        }</ul>`,
      );
    }
  }
  return {
    id: "method",
    heading: pick(language, "Metodo e ipotesi", "Method and assumptions"),
    html: parts.join("\n"),
  };
}

/** The method of the sensitivity analysis: what is moved, at which scale, and the reductions. */
function sensitivityMethod(
  reports: readonly IncidentReport[],
  settings: RunSettings,
  language: Language,
  numbers: StatedNumbers,
): string {
  const mode = settings.quick ? SENSITIVITY_SETTINGS.quick : SENSITIVITY_SETTINGS.full;
  const replications = numbers.plain(
    "method.sensitivity.replications",
    mode.replications,
    "replications",
  );
  const parts: string[] = [];
  parts.push(
    `<h3>${pick(language, "Sensibilità alle ipotesi", "Sensitivity to the assumptions")}</h3>`,
  );
  const prescreen = mode.prescreen;
  const prescreenText = prescreen
    ? pick(
      language,
      ` Per contenere i tempi (negli incidenti più grandi una simulazione alla scala della sensibilità dura vari secondi), per gli incidenti che nella tabella sotto hanno una scala di pre-screening questo fa variare ogni ipotesi con i sistemi ancora più ridotti, e solo le ${
        numbers.plain("method.sensitivity.prescreen_keep", prescreen.keep, "assumptions")
      } ipotesi con l'effetto maggiore sono rieseguite alla scala della sensibilità e mostrate nei grafici (i risultati del pre-screening sono in tables/sensitivity.*): un'ipotesi che conta solo a scala più grande può sfuggire.`,
      ` To keep the time down (a run of the largest incidents at the sensitivity scale takes several seconds), for the incidents with a pre-screen scale in the table below a pre-screen moves every assumption with the systems scaled down further, and only the ${
        numbers.plain("method.sensitivity.prescreen_keep", prescreen.keep, "assumptions")
      } assumptions with the largest effect are rerun at the sensitivity scale and charted (the pre-screen's rows are in tables/sensitivity.*): an assumption that matters only at a larger scale can be missed.`,
    )
    : "";
  const quickText = mode.atReportScale
    ? pick(
      language,
      ` In questa esecuzione rapida ogni ipotesi è simulata una volta sola, con i sistemi ridotti di un ulteriore fattore ${
        numbers.number("method.sensitivity.quick_factor", 1 / mode.scaleFactor, "1/k", 1)
      } rispetto alla scala dell'esecuzione rapida (o della sensibilità, se più piccola; tabella sotto): è solo un primo sguardo, e con sistemi così piccoli alcuni effetti sono artefatti dell'arrotondamento dei server.`,
      ` In this quick run every assumption is run once, with the systems scaled down by a further factor of ${
        numbers.number("method.sensitivity.quick_factor", 1 / mode.scaleFactor, "1/k", 1)
      } from the quick run's scale (or the sensitivity scale when smaller; table below): a first look only, and with systems this small some effects are artefacts of rounding the server counts.`,
    )
    : "";
  // One entry per metric whose runs are cut after the window it reads.
  const windows = new Map<string, { label: Record<Language, string>; end: number }>();
  for (const { sensitivity } of reports) {
    if (sensitivity?.windowEndSeconds !== undefined && !windows.has(sensitivity.metric)) {
      windows.set(sensitivity.metric, {
        label: sensitivity.metricLabel,
        end: sensitivity.windowEndSeconds,
      });
    }
  }
  const windowList = [...windows];
  const windowText = windowList.length === 0 ? "" : pick(
    language,
    ` Per accorciare i calcoli, le simulazioni si fermano poco dopo la finestra che l'indicatore legge (${
      windowList.map(([metric, { label, end }]) =>
        `«${esc(label.it.toLowerCase())}»: ${
          numbers.duration(`method.sensitivity.window.${metric}`, end)
        }`
      ).join("; ")
    }): una simulazione è causale, quindi ciò che avviene prima del taglio non cambia.`,
    ` To save time, runs stop shortly after the window the metric reads (${
      windowList.map(([metric, { label, end }]) =>
        `“${esc(label.en.toLowerCase())}”: ${
          numbers.duration(`method.sensitivity.window.${metric}`, end)
        }`
      ).join("; ")
    }): a simulation is causal, so nothing before the cut changes.`,
  );
  parts.push(
    `<p>${
      pick(
        language,
        `Per ogni incidente, ogni ipotesi con un intervallo plausibile nel registro di calibrazione (tranne l'orizzonte e i parametri delle varianti alternative) è posta, una alla volta, all'estremo basso e poi all'estremo alto del suo intervallo, con tutte le altre ai valori calibrati e i valori derivati ricalcolati; lo scenario dell'assetto reale è ricostruito e simulato, e l'indicatore della conclusione è confrontato con il valore calibrato. Le simulazioni usano la scala della sensibilità del piano di ogni incidente (data/incidents, tabella sotto), non quella delle sezioni precedenti, e ${replications} ${
          mode.replications === 1 ? "replica" : "repliche"
        } per punto con gli stessi numeri casuali: la differenza tra i due estremi è appaiata, ma non ha un intervallo di confidenza. Un'analisi una alla volta non vede le interazioni tra ipotesi.${windowText}${prescreenText}${quickText}`,
        `For each incident, every assumption with a plausible range in the calibration record (except the horizon and the parameters of the alternative designs) is set, one at a time, at the low and then at the high end of its range, with every other at its calibrated value and the derived values recomputed; the as-built scenario is rebuilt and simulated, and the metric of the conclusion is compared with its calibrated value. The runs use the sensitivity scale of each incident's run plan (data/incidents, table below), not that of the sections above, and ${replications} ${
          mode.replications === 1 ? "replication" : "replications"
        } per point under common random numbers: the difference between the two ends is paired, but has no confidence interval. A one-at-a-time analysis does not see interactions between assumptions.${windowText}${prescreenText}${quickText}`,
      )
    }</p>`,
  );
  const rows = reports.filter((report) => report.sensitivity).map(({ incident, sensitivity }) =>
    `<tr><td>${esc(incident.name)}</td><td>${
      esc(sensitivity!.metricLabel[language])
    }</td><td class="num">${
      numbers.number(`method.sensitivity.${incident.name}.k`, 1 / sensitivity!.scale, "1/k", 1)
    }</td><td class="num">${
      numbers.plain(
        `method.sensitivity.${incident.name}.assumptions`,
        sensitivity!.screened ?? sensitivity!.rows.length,
        "assumptions",
      )
    }</td><td class="num">${
      sensitivity!.prescreenScale === undefined ? "—" : numbers.number(
        `method.sensitivity.${incident.name}.prescreen_k`,
        1 / sensitivity!.prescreenScale,
        "1/k",
        1,
      )
    }</td></tr>`
  );
  parts.push(
    `<table><thead><tr><th>${pick(language, "incidente", "incident")}</th><th>${
      pick(language, "indicatore", "metric")
    }</th><th class="num">1/k</th><th class="num">${
      pick(language, "ipotesi variate", "assumptions swept")
    }</th><th class="num">${
      pick(language, "pre-screening, 1/k", "pre-screen, 1/k")
    }</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
  );
  return parts.join("\n");
}

/**
 * The evidence for each incident's scale: its convergence study (`data/convergence`), each k
 * studied with the seconds a replication took and whether its headline metrics agree with
 * k = 1 within their confidence intervals.
 */
function convergenceMethod(
  reports: readonly IncidentReport[],
  language: Language,
  numbers: StatedNumbers,
): string {
  const rows = reports.map(({ incident }) => {
    const study = incident.convergence;
    if (study === undefined || study.points.length === 0) {
      return `<tr><td>${esc(incident.name)}</td><td colspan="2">${
        pick(
          language,
          "nessuno studio di convergenza: simulato a piena scala",
          "no convergence study: simulated at full scale",
        )
      }</td></tr>`;
    }
    const reference = study.points[study.points.length - 1];
    const cells = study.points.map((point) => {
      const wrong = disagreements(point, reference);
      const mark = wrong.length === 0 ? "✓" : `✗ (${wrong.map(esc).join(", ")})`;
      return `k = ${
        numbers.number(`method.${incident.name}.study.${point.k}.k`, 1 / point.k, "1/k", 1)
      }: ${
        numbers.number(
          `method.${incident.name}.study.${point.k}.seconds`,
          point.seconds_per_replication,
          "s",
          1,
        )
      } s ${mark}`;
    });
    let limited = "";
    const used = study.points.find((point) => point.k === incident.factor);
    if (incident.factor < study.chosen_k && used !== undefined) {
      const differences = Object.entries(relativeDifferences(used, reference)).map(
        ([metric, difference]) =>
          `${esc(metric)} ${difference >= 0 ? "+" : "−"}${
            numbers.number(
              `method.${incident.name}.distance.${metric}`,
              Math.abs(difference) * 100,
              "%",
              1,
            )
          } %`,
      );
      limited = pick(
        language,
        `<br>Per il tempo di calcolo il rapporto usa k = 1/${
          numbers.number(`method.${incident.name}.used_k`, 1 / incident.factor, "1/k", 1)
        }, che concorda con la piena scala solo da k = 1/${
          numbers.number(`method.${incident.name}.agreeing_k`, 1 / study.chosen_k, "1/k", 1)
        }: a questa scala le metriche principali distano dalla piena scala ${
          differences.join(", ")
        }. <code>deno task report --full</code> simula tutto a piena scala.`,
        `<br>For computing time the report uses k = 1/${
          numbers.number(`method.${incident.name}.used_k`, 1 / incident.factor, "1/k", 1)
        }, which agrees with full scale only from k = 1/${
          numbers.number(`method.${incident.name}.agreeing_k`, 1 / study.chosen_k, "1/k", 1)
        }: at this scale the headline metrics are off full scale by ${
          differences.join(", ")
        }. <code>deno task report --full</code> simulates everything at full scale.`,
      );
    }
    return `<tr><td>${esc(incident.name)}</td><td class="num">${
      numbers.number(`method.${incident.name}.used_k_table`, 1 / incident.factor, "1/k", 1)
    }</td><td>${cells.join("; ")}${limited}</td></tr>`;
  });
  return `<h3>${pick(language, "Scelta della scala", "How the scale was chosen")}</h3><p>${
    pick(
      language,
      "Per ogni incidente uno studio di convergenza (<code>deno task convergence</code>, dati in <code>data/convergence/</code>) simula l'assetto reale a più scale e riporta le metriche principali a piena scala (quota di cittadini riusciti, riusciti, rinunce, tempo mediano per riuscire, amplificazione dei tentativi, quote finanziate o escluse). Il rapporto usa la scala più piccola che concorda con k = 1 entro gli intervalli di confidenza (o entro l'1%), insieme a tutte le scale maggiori; per ogni scala: secondi per replica e ✓ se concorda.",
      "For each incident a convergence study (<code>deno task convergence</code>, data in <code>data/convergence/</code>) simulates the as-built design at several scales and converts the headline metrics to full scale (share of citizens who succeeded, succeeded, gave up, median time to success, retry amplification, shares funded or shut out). The report uses the smallest scale that agrees with k = 1 within the confidence intervals (or within 1%), together with every larger scale; for each scale: seconds per replication and ✓ when it agrees.",
    )
  }</p><table><thead><tr><th>${pick(language, "incidente", "incident")}</th><th class="num">${
    pick(language, "1/k usato", "1/k used")
  }</th><th>${pick(language, "scale studiate", "scales studied")}</th></tr></thead><tbody>${
    rows.join("")
  }</tbody></table>`;
}
