/**
 * The report's method section: scale and its evidence (convergence), statistics, validation,
 * sensitivity, notebooks and every assumption of every incident.
 *
 * @module
 */
import { calibrationCheckMethod } from "./calibration_check_section.ts";
import { disagreements, relativeDifferences } from "./convergence.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { unitWords } from "./unit_words.ts";
import type { ReportSection } from "./page.ts";
import { metricLabel, pick } from "./prose.ts";
import { SENSITIVITY_SETTINGS } from "./sensitivity.ts";

import { esc, type IncidentReport, recordText, type RunSettings } from "./section_parts.ts";

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
        "Un incidente a piena scala è grande (milioni di tentativi in poche ore o giorni), quindi ogni incidente è simulato in scala 1:N, cioè a un fattore k = 1/N della dimensione reale: il moltiplicatore degli arrivi, la popolazione, i server di ogni livello (con i passi di capacità e le soglie di coda e di crash), i limiti dell'autoscaling, i tassi di ammissione e i fondi sono moltiplicati per lo stesso fattore k; tempi di servizio, timeout e comportamento dei client restano invariati. Il rapporto tra carico offerto e capacità è così lo stesso in ogni istante, e le quote per cittadino (finanziati, esclusi, amplificazione dei tentativi) non dipendono dalla scala al primo ordine; cambiano le fluttuazioni casuali (meno server in parallelo) e l'arrotondamento dei server, compensato allungando i tempi di servizio in modo che la capacità sia esattamente k volte quella reale. In questo rapporto conteggi, tassi, livelli e costi sono riportati a piena scala (divisi per k, come indica per ogni metrica il catalogo); quote, tempi e latenze non dipendono dalla scala. Con N molto grande (l'esecuzione --quick) alcuni livelli restano con uno o due server e il loro comportamento (code, crash) cambia: i risultati di --quick sono solo un primo sguardo; l'esecuzione normale usa la scala scelta dallo studio di convergenza (sotto), e --full simula tutto a piena scala.",
        "A full-scale incident is big (millions of attempts over hours or days), so each incident is simulated at scale 1:N, a factor k = 1/N of its real size: the arrival multiplier, the population, every tier's servers (with capacity steps, queue and crash thresholds), autoscaler bounds, admission rates and budgets are multiplied by the same factor k; service times, timeouts and client behaviour are unchanged. Offered load over capacity is then the same at every moment, so per-citizen shares (funded, shut out, retry amplification) are scale-free to first order; what changes is the random fluctuation (fewer servers pooled) and the rounding of server counts, compensated by stretching service times so capacity is exactly k times the real one. In this report counts, rates, levels and costs are converted back to full scale (divided by k, as the metric catalogue says for each metric); shares, times and latencies do not depend on the scale. With a very large N (the --quick run) some tiers are left with one or two servers and behave differently (queues, crashes): --quick results are a first look only; the default run uses the scale chosen by the convergence study (below), and --full simulates everything at full scale.",
      )
    }</p>`,
  );
  parts.push(
    `<table><thead><tr><th>${pick(language, "incidente", "incident")}</th><th class="num">${
      pick(language, "scala", "scale")
    }</th><th class="num">${pick(language, "orizzonte", "horizon")}</th><th class="num">${
      pick(language, "intervallo", "bin")
    }</th><th>${pick(language, "varianti", "designs")}</th><th class="num">${
      pick(language, "repliche", "replications")
    }</th></tr></thead><tbody>${
      reports.map(({ incident }) =>
        `<tr><td>${esc(incident.name)}</td><td class="num">1:${
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
  parts.push(calibrationCheckMethod(reports, language, numbers, settings.quick));
  parts.push(
    `<h3>${pick(language, "Statistica", "Statistics")}</h3><p>${
      pick(
        language,
        `Ogni variante è simulata con ${
          numbers.plain("method.replications", settings.replications, "replications")
        } repliche indipendenti; la replica r di ogni variante usa gli stessi flussi casuali (numeri casuali comuni), così le differenze tra varianti sono appaiate e più precise. Gli intervalli sono t di Student al 95% sulle medie delle repliche.${
          settings.quick
            ? " Questa è un'esecuzione rapida (--quick): scale di anteprima (nella tabella sopra) e meno repliche."
            : ""
        }`,
        `Each design is simulated with ${
          numbers.plain("method.replications", settings.replications, "replications")
        } independent replications; replication r of every design uses the same random streams (common random numbers), so differences between designs are paired and sharper. Intervals are 95% Student-t intervals over replication means.${
          settings.quick
            ? " This is a quick run (--quick): preview scales (in the table above) and fewer replications."
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
        "Il simulatore è validato contro la teoria delle code (M/M/c, Erlang, reti di Jackson…): <code>deno task validate</code> stampa la tabella a piena scala, e <code>deno task test</code> la ripete insieme ai controlli dei registri di calibrazione (ogni dato riportato ha una citazione che lo mostra e ogni valore derivato è ricalcolato; che le citazioni compaiano nei loro articoli qui non si verifica, salvo un controllo facoltativo per gli sviluppatori sui cinque articoli da cui il progetto è partito) e al confronto delle varianti reali con i dati osservati (tests/incidents). Il quaderno 05 mostra la validazione passo per passo.",
        "The simulator is validated against queueing theory (M/M/c, Erlang, Jackson networks…): <code>deno task validate</code> prints the full-size table, and <code>deno task test</code> repeats it together with the checks of the calibration records (every reported figure has a quote that shows it and every derived value is recomputed; that the quotes occur in their articles is not checked here, except by an optional developer check on the five articles the project started from) and the comparison of the as-built designs with the observed figures (tests/incidents). Notebook 05 walks through the validation.",
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
        `File generati: charts/*.svg e charts/*.png (grafici per slide e stampa), tables/*.parquet e tables/*.csv (tabelle dei risultati${
          settings.sensitivity ? "; sensitivity.* sono i dati dei grafici a tornado" : ""
        }), summary.json (ogni numero citato in questo rapporto).`,
        `Generated files: charts/*.svg and charts/*.png (charts for slides and print), tables/*.parquet and tables/*.csv (result tables${
          settings.sensitivity ? "; sensitivity.* holds the tornado data" : ""
        }), summary.json (every number this report states).`,
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
          } <span class="source">${
            esc(unitWords(entry.unit, language))
          }</span></td><td class="num">${range}</td><td>${text(entry.reasoning ?? "")}${
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
            `<li><strong><code>${esc(entry.assumption)}</code></strong>: ${text(entry.choice)}${
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
    }</td><td class="num">1:${
      numbers.number(`method.sensitivity.${incident.name}.k`, 1 / sensitivity!.scale, "1/k", 1)
    }</td><td class="num">${
      numbers.plain(
        `method.sensitivity.${incident.name}.assumptions`,
        sensitivity!.screened ?? sensitivity!.rows.length,
        "assumptions",
      )
    }</td><td class="num">${
      sensitivity!.prescreenScale === undefined ? "—" : `1:${
        numbers.number(
          `method.sensitivity.${incident.name}.prescreen_k`,
          1 / sensitivity!.prescreenScale,
          "1/k",
          1,
        )
      }`
    }</td><td>${
      sensitivityScaleAgreement(incident, sensitivity!.scale, language, numbers)
    }</td></tr>`
  );
  parts.push(
    `<table><thead><tr><th>${pick(language, "incidente", "incident")}</th><th>${
      pick(language, "indicatore", "metric")
    }</th><th class="num">${pick(language, "scala", "scale")}</th><th class="num">${
      pick(language, "ipotesi variate", "assumptions swept")
    }</th><th class="num">${
      pick(language, "scala del pre-screening", "pre-screen scale")
    }</th><th>${
      pick(language, "concorda con la piena scala?", "agrees with full scale?")
    }</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
  );
  return parts.join("\n");
}

/**
 * Whether the tornado's scale agrees with full scale by the incident's convergence study: "yes",
 * or "no: from 1:N" (the tornado is then a reading at a scale whose answers differ from full
 * scale, and the incident section says so too).
 */
export function sensitivityScaleAgreement(
  incident: IncidentReport["incident"],
  scale: number,
  language: Language,
  numbers: StatedNumbers,
): string {
  const study = incident.convergence;
  if (study === undefined) return pick(language, "nessuno studio", "no study");
  if (scale >= study.chosen_k) return pick(language, "sì", "yes");
  const from = numbers.number(
    `method.sensitivity.${incident.name}.agreeing_k`,
    1 / study.chosen_k,
    "1/k",
    1,
  );
  return pick(language, `no: concorda da 1:${from}`, `no: agrees from 1:${from}`);
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
      const mark = wrong.length === 0
        ? "✓"
        : `✗ (${wrong.map((metric) => esc(metricLabel(metric, language))).join(", ")})`;
      return `1:${
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
          `${esc(metricLabel(metric, language))} ${difference >= 0 ? "+" : "−"}${
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
        `<br>Per il tempo di calcolo il rapporto usa la scala 1:${
          numbers.number(`method.${incident.name}.used_k`, 1 / incident.factor, "1/k", 1)
        }, che concorda con la piena scala solo da 1:${
          numbers.number(`method.${incident.name}.agreeing_k`, 1 / study.chosen_k, "1/k", 1)
        }: a questa scala le metriche principali distano dalla piena scala ${
          differences.join(", ")
        }. <code>deno task report --full</code> simula tutto a piena scala.`,
        `<br>For computing time the report uses scale 1:${
          numbers.number(`method.${incident.name}.used_k`, 1 / incident.factor, "1/k", 1)
        }, which agrees with full scale only from 1:${
          numbers.number(`method.${incident.name}.agreeing_k`, 1 / study.chosen_k, "1/k", 1)
        }: at this scale the headline metrics are off full scale by ${
          differences.join(", ")
        }. <code>deno task report --full</code> simulates everything at full scale.`,
      );
    }
    return `<tr><td>${esc(incident.name)}</td><td class="num">1:${
      numbers.number(`method.${incident.name}.used_k_table`, 1 / incident.factor, "1/k", 1)
    }</td><td>${cells.join("; ")}${limited}</td></tr>`;
  });
  return `<h3>${pick(language, "Scelta della scala", "How the scale was chosen")}</h3><p>${
    pick(
      language,
      "Per ogni incidente uno studio di convergenza (<code>deno task convergence</code>, dati in <code>data/convergence/</code>) simula l'assetto reale a più scale e riporta le metriche principali a piena scala (quota di cittadini riusciti, riusciti, rinunce, tempo mediano per riuscire, amplificazione dei tentativi, quote finanziate o escluse). Il rapporto usa la scala più piccola che concorda con la piena scala (1:1) entro gli intervalli di confidenza (o entro l'1%), insieme a tutte le scale maggiori; per ogni scala: secondi per replica e ✓ se concorda.",
      "For each incident a convergence study (<code>deno task convergence</code>, data in <code>data/convergence/</code>) simulates the as-built design at several scales and converts the headline metrics to full scale (share of citizens who succeeded, succeeded, gave up, median time to success, retry amplification, shares funded or shut out). The report uses the smallest scale that agrees with full scale (1:1) within the confidence intervals (or within 1%), together with every larger scale; for each scale: seconds per replication and ✓ when it agrees.",
    )
  }</p><table><thead><tr><th>${pick(language, "incidente", "incident")}</th><th class="num">${
    pick(language, "scala usata", "scale used")
  }</th><th>${pick(language, "scale studiate", "scales studied")}</th></tr></thead><tbody>${
    rows.join("")
  }</tbody></table>`;
}
