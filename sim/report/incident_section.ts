/**
 * One incident's section of the report: what happened, the timeline, the reported figures and
 * their sources, the simulated mechanism, the designs compared, how close to the cliff, and
 * which assumptions move the conclusion.
 *
 * @module
 */
import { calibrationCaution } from "./calibration_check_section.ts";
import { citedReferences } from "../calibration/references.ts";
import { sourceHtml } from "./citations.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { columnDisplay, columnUnit, columnValue } from "./column_display.ts";
import type { ReportSection } from "./page.ts";
import {
  designDescription,
  designLabel,
  formatEntryWithUnit,
  incidentTitle,
  metricLabel,
  pick,
  whatHappened,
} from "./prose.ts";
import type { IncidentChartKind } from "./charts.ts";
import { sensitivityParagraph } from "./sensitivity.ts";
import {
  clockTime,
  esc,
  type IncidentReport,
  intervalCell,
  quoteHtml,
  ratioText,
  recordText,
  type RunSettings,
  SHARE_METRICS,
  sourceOf,
} from "./section_parts.ts";

/** Extra columns of the design table, when the tables hold them. */
const OPTIONAL_METRICS = [
  "funded",
  "denied_budget",
  "denied_closed",
  "failed_technical",
  "budget_exhausted_at_s",
  "fairness_jain",
  "fairness_gini",
];

/** Names of reported durations (not moments): a cap, a duration, a timeout, a delay… */
const DURATION_NAME = /_(cap|duration|timeout|delay|window|length|limit)_seconds$/;

/**
 * A reported figure that is a moment of the incident, for its timeline: in seconds from the
 * time origin, named `…_seconds`, and not a duration (`session_cap_seconds`, a 20-minute
 * session limit, is no event at 08:20).
 */
export function isTimelineEvent(
  entry: { tag?: string; unit: string; parameter?: string },
): boolean {
  const name = entry.parameter ?? "";
  return entry.tag === "reported" && entry.unit === "s" && /_seconds$/.test(name) &&
    !DURATION_NAME.test(name);
}

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

  const timeline = record.parameters.filter(isTimelineEvent).sort((a, b) => a.value - b.value);
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
          esc(
            formatEntryWithUnit(
              numbers,
              `${key}.reported.${entry.parameter}.table`,
              entry,
              language,
            ),
          )
        }</td><td>${quoteHtml(report, entry, language)}</td><td class="source">${
          sourceOf(report, entry.source, language)
        }</td></tr>`
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
  parts.push(calibrationCaution(incident, language, numbers));
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
  const extra = OPTIONAL_METRICS.filter((metric) =>
    findings.metrics.includes(metric) &&
    // applications outside the window exist only under some rules: no column of zeros
    (metric !== "denied_closed" ||
      findings.designs.some((design) => (design.estimates[metric]?.mean ?? 0) > 0))
  );
  const table = (columns: string[], withHeadline: boolean) => {
    const displays = new Map(columns.map((metric) => {
      const largest = findings.designs.reduce(
        (most, design) => Math.max(most, Math.abs(design.estimates[metric]?.mean ?? 0)),
        0,
      );
      return [metric, columnDisplay(metric, Number.isFinite(largest) ? largest : 0, origin)];
    }));
    const header = [
      pick(language, "variante", "design"),
      ...(withHeadline
        ? [
          metricLabel(findings.headlineMetric, language),
          pick(language, "differenza appaiata", "paired difference"),
        ]
        : []),
      ...columns.map((metric) => {
        const unit = columnUnit(metric, displays.get(metric)!, language);
        return unit !== undefined && !SHARE_METRICS.has(metric)
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
            (key, value) => columnValue(numbers, key, value, displays.get(metric)!, language),
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
    const study = incident.convergence;
    if (study !== undefined && report.sensitivity.scale < study.chosen_k) {
      parts.push(
        `<p class="source">${
          pick(
            language,
            "Attenzione: per il tempo di calcolo queste simulazioni usano una scala ridotta alla quale le metriche principali non concordano ancora con la piena scala (tabelle di convergenza e della sensibilità nel metodo); il grafico indica quali ipotesi contano, non quanto valgono a piena scala.",
            "Caution: for computing time these runs use a reduced scale at which the headline metrics do not yet agree with full scale (convergence and sensitivity tables in the method); the chart shows which assumptions matter, not how much they are worth at full scale.",
          )
        }</p>`,
      );
    }
    parts.push(chartBlock(report, ["sensitivity"]));
  }
  return { id: incident.name, heading: title, html: parts.join("\n") };
}
