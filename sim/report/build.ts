/**
 * Building the report: run the incidents, compute the findings, draw the charts, write the
 * page, `summary.json` and the result tables into a temporary folder next to the target, then
 * replace the target with it (so a reader never sees half a report; on error nothing is
 * left behind).
 *
 * @module
 */
import type { Reference } from "../calibration/references.ts";
import { fullScaleTables } from "../table/mod.ts";
import { dirname, relative, resolve } from "node:path";
import {
  incidentComparisonChart,
  type IncidentComparisonRow,
  plotlyBundleText,
} from "../charts/mod.ts";
import { incidentTitle } from "./prose.ts";
import { writeTables } from "../experiment/mod.ts";
import { createProgress, type Progress, showsProgress } from "../experiment/progress.ts";
import { freshFolder } from "../experiment/output_folder.ts";
import { buildIncidentCharts, writeIncidentCharts } from "./charts.ts";
import { incidentFindings } from "./findings.ts";
import { loadIncidents } from "./incidents.ts";
import { type Language, StatedNumbers } from "./numbers.ts";
import type { ReportOptions } from "./options.ts";
import { renderPage } from "./page.ts";
import { pick } from "./prose.ts";
import {
  metastabilityChart,
  type MetastabilityFindings,
  metastabilityFindings,
  metastabilitySection,
} from "./metastability_section.ts";
import { metastabilityPrimer, primerPhasePortrait } from "./metastability_primer.ts";
import { runIncidents } from "./run.ts";
import {
  computeSensitivity,
  type IncidentSensitivity,
  sensitivityChart,
  sensitivityTableRows,
  writeSensitivityTable,
} from "./sensitivity.ts";
import {
  executiveSummary,
  type IncidentReport,
  incidentSection,
  methodSection,
  type RunSettings,
} from "./sections.ts";

/** What `buildReport` wrote. */
export interface BuiltReport {
  /** The report folder. */
  out: string;
  /** Incidents covered. */
  incidents: string[];
  /** Replications run. */
  replicationsRun: number;
  /** Chart files written (stems). */
  charts: string[];
  /**
   * Wall-clock seconds per phase (sensitivity: the tornado runs; metastability: the fluid maps
   * and their simulator spot checks; 0 when skipped).
   */
  seconds: { simulation: number; sensitivity: number; metastability: number; report: number };
}

/**
 * How the metastability block of each incident is computed: fluid-map points per axis and
 * simulator spot checks (one replication each, at the incident's report scale). `--quick` leaves
 * the block out: the Cashback map alone (three tiers, a reloading client class, 72 h) costs
 * ~2 s per cell, which would double the preview's minute.
 */
export const METASTABILITY_SETTINGS = { points: 8, spotChecks: 2 } as const;

/** Writes a progress line on stderr (only to a terminal, and not when quiet). */
function progressLogger(quiet: boolean): (message: string) => void {
  const active = showsProgress(quiet);
  const encoder = new TextEncoder();
  return (message) => {
    if (active) Deno.stderr.writeSync(encoder.encode(`clickday report: ${message}\n`));
  };
}

async function notebookLinks(root: string, out: string): Promise<RunSettings["notebookLinks"]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${root}/notebooks`)) {
      if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
    }
  } catch {
    return [];
  }
  return names.sort().map((name) => ({
    name: `notebooks/${name}`,
    href: relative(resolve(out), resolve(root, "notebooks", name)).split("\\").join("/"),
  }));
}

/** Title of the report. */
export function reportTitle(language: Language): string {
  return pick(
    language,
    "Click day: cosa è successo, perché, cosa avrebbe funzionato",
    "Click days: what happened, why, and what would have worked",
  );
}

/**
 * Builds the whole report into `options.out` (replacing it). `root` is the project folder
 * (incident descriptors, scenarios, calibration records, convergence studies, references,
 * notebooks).
 */
export async function buildReport(options: ReportOptions, root = "."): Promise<BuiltReport> {
  const log = progressLogger(options.quiet);
  const language = options.language;
  const started = performance.now();
  const incidents = await loadIncidents(
    options.full ? "full" : options.quick ? "quick" : "default",
    root,
  );
  if (incidents.length === 0) {
    throw new Error(`no incident scenarios found in ${root}/data/scenarios (with calibration)`);
  }
  log(
    `${incidents.length} incidents, ${
      incidents.reduce((sum, incident) => sum + incident.designs.length, 0)
    } designs, ${options.replications} replications each${options.quick ? " (quick)" : ""}`,
  );
  const workers = Math.max(1, navigator.hardwareConcurrency || 1);
  const result = await runIncidents(incidents, {
    replications: options.replications,
    workers,
    quiet: options.quiet,
  });
  const simulated = performance.now();
  // Rates, counts, levels and money in real units: each incident's tables divided by its scale.
  const tables = fullScaleTables(
    result.tables,
    (name) => incidents.find((incident) => incident.name === name)?.factor ?? 1,
  );
  let sensitivities: IncidentSensitivity[] = [];
  if (options.sensitivity) {
    log(`sensitivity: one assumption at a time${options.quick ? " (quick: report scale)" : ""}`);
    const bars = new Map<string, Progress>();
    const doneByPass = new Map<string, number>();
    sensitivities = await computeSensitivity(incidents, {
      quick: options.quick,
      workers,
      onProgress: ({ runsDone, runsTotal, pass }) => {
        let bar = bars.get(pass);
        if (!bar) {
          bar = createProgress(pass === "prescreen" ? "pre-screen" : "sensitivity", options.quiet);
          bars.set(pass, bar);
        }
        bar.setTotal(runsTotal);
        bar.advance(runsDone - (doneByPass.get(pass) ?? 0));
        doneByPass.set(pass, runsDone);
        if (runsDone >= runsTotal) bar.finish();
      },
    });
  }
  const analysed = performance.now();
  const cliffs = new Map<string, MetastabilityFindings>();
  if (options.metastability && !options.quick) {
    const settings = METASTABILITY_SETTINGS;
    const bar = createProgress("metastability", options.quiet);
    bar.setTotal(incidents.length);
    for (const incident of incidents) {
      cliffs.set(
        incident.name,
        metastabilityFindings(incident.scenario, {
          points: settings.points,
          spotChecks: settings.spotChecks,
          replications: 1,
          scale: incident.factor,
          horizon: incident.horizonSeconds > 0 ? incident.horizonSeconds : undefined,
        }),
      );
      bar.advance(1);
    }
    bar.finish();
  }
  const mapped = performance.now();

  const parent = dirname(resolve(options.out));
  await Deno.mkdir(parent, { recursive: true });
  const temporary = await freshFolder(parent, ".report-"); // an ordinary folder: the report
  try {
    const bibliography = JSON.parse(
      await Deno.readTextFile(`${root}/data/references.json`).catch(() => "[]"),
    ) as Reference[];
    const references = new Map(bibliography.map((reference) => [reference.id, reference]));
    const numbers = new StatedNumbers(language);
    const reports: IncidentReport[] = [];
    const chartNames: string[] = [];
    for (const incident of incidents) {
      log(`charts for ${incident.name}`);
      const designs = result.plan.designs[
        result.plan.scenarios.findIndex((scenario) => scenario.name === incident.name)
      ] ?? incident.designs;
      const findings = incidentFindings(tables, incident.name, designs);
      const sensitivity = sensitivities.find((entry) => entry.incident === incident.name);
      const built = buildIncidentCharts(
        tables,
        incident.name,
        findings.best?.design,
        language,
        incident.descriptor.report.budget_unit,
      );
      const tornado = sensitivity
        ? sensitivityChart(sensitivity, incident.calibration, language)
        : undefined;
      if (tornado) built.sensitivity = tornado;
      const cliff = cliffs.get(incident.name);
      if (cliff) built.metastability = metastabilityChart(cliff, language);
      const charts = await writeIncidentCharts(built, incident.name, `${temporary}/charts`);
      for (const chart of Object.values(charts)) chartNames.push(chart!.name);
      reports.push({
        incident: { ...incident, designs },
        findings,
        charts,
        references,
        sensitivity,
        metastabilityHtml: cliff
          ? await metastabilitySection(cliff, language, charts.metastability?.html)
          : undefined,
      });
    }
    const comparisonRows: IncidentComparisonRow[] = [];
    const titles = new StatedNumbers(language);
    for (const { incident, findings } of reports) {
      const title = incidentTitle(incident, language, titles);
      const add = (role: "as-built" | "best", design: string, metric = "citizen_success_share") => {
        const finding = findings.designs.find((finding) => finding.design === design);
        const interval = finding?.estimates[metric];
        if (interval && Number.isFinite(interval.mean)) {
          comparisonRows.push({ incident: title, role, design, ...interval });
        }
      };
      add("as-built", "base");
      if (findings.best) add("best", findings.best.design);
    }
    const comparison = comparisonRows.length === 0 ? undefined : await writeIncidentCharts(
      { "incident-comparison": incidentComparisonChart(comparisonRows, { lang: language }) },
      "incidents",
      `${temporary}/charts`,
    );
    const comparisonChart = comparison?.["incident-comparison"];
    if (comparisonChart) chartNames.push(comparisonChart.name);
    const primerCharts = await writeIncidentCharts(
      { "phase-portrait": primerPhasePortrait(language) },
      "metastable-failure",
      `${temporary}/charts`,
    );
    const primerChart = primerCharts["phase-portrait"]!;
    chartNames.push(primerChart.name);
    const settings: RunSettings = {
      replications: options.replications,
      quick: options.quick,
      workers,
      sensitivity: options.sensitivity,
      metastability: options.metastability,
      notebookLinks: await notebookLinks(root, options.out),
    };
    log("page");
    const sections = [
      executiveSummary(reports, settings, language, numbers, comparisonChart?.html),
      ...reports.map((report) => incidentSection(report, settings, language, numbers)),
      metastabilityPrimer(language, numbers, primerChart.html),
      methodSection(reports, settings, language, numbers),
    ];
    const html = renderPage({
      language,
      title: reportTitle(language),
      subtitle: pick(
        language,
        `clickday · scenari documentati simulati in scala ridotta, risultati a piena scala · ${options.replications} repliche per variante${
          options.quick ? " · esecuzione rapida" : ""
        }`,
        `clickday · documented scenarios simulated scaled down, results at full scale · ${options.replications} replications per design${
          options.quick ? " · quick run" : ""
        }`,
      ),
      sections,
      headScripts: [await plotlyBundleText()],
    });
    await Deno.writeTextFile(`${temporary}/index.html`, html);
    const summary = {
      title: reportTitle(language),
      language,
      quick: options.quick,
      replications: options.replications,
      incidents: reports.map(({ incident, findings }) => ({
        name: incident.name,
        scale_factor: incident.factor,
        horizon_seconds: incident.horizonSeconds,
        bin_width_seconds: incident.binWidthSeconds,
        designs: incident.designs,
        headline_metric: findings.headlineMetric,
        best_design: findings.best?.design ?? null,
      })),
      sensitivity: sensitivities.map((entry) => ({
        incident: entry.incident,
        metric: entry.metric,
        metric_unit: entry.metricUnit,
        scale_factor: entry.scale,
        replications: entry.replications,
        horizon_seconds: entry.horizonSeconds ?? null,
        prescreened_assumptions: entry.screened ?? null,
        prescreen_scale_factor: entry.prescreenScale ?? null,
        rows: entry.rows,
        prescreen_rows: entry.prescreenRows ?? [],
      })),
      metastability: [...cliffs.values()].map((cliff) => ({
        incident: cliff.scenario,
        x: cliff.x.name,
        y: cliff.y.name,
        as_built: cliff.plan.asBuilt,
        minimal_x: cliff.plan.minimalX,
        maximal_y: cliff.plan.maximalY,
        designs: cliff.designs,
        spot_checks: cliff.rows.filter((row) => row.source === "simulator"),
        fluid_leaves_out: cliff.unsupported,
      })),
      stated: numbers.stated,
    };
    await Deno.writeTextFile(`${temporary}/summary.json`, JSON.stringify(summary, null, 2) + "\n");
    log("tables");
    await writeTables(`${temporary}/tables`, tables);
    if (options.sensitivity) {
      await writeSensitivityTable(
        `${temporary}/tables`,
        sensitivityTableRows(
          sensitivities,
          new Map(incidents.map((incident) => [incident.name, incident.calibration])),
        ),
      );
    }
    await Deno.chmod(temporary, 0o755).catch(() => {});
    await Deno.remove(options.out, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    await Deno.rename(temporary, options.out);
    log(`written to ${options.out}`);
    return {
      out: options.out,
      incidents: incidents.map((incident) => incident.name),
      replicationsRun: result.replicationsRun,
      charts: chartNames,
      seconds: {
        simulation: (simulated - started) / 1000,
        sensitivity: (analysed - simulated) / 1000,
        metastability: (mapped - analysed) / 1000,
        report: (performance.now() - mapped) / 1000,
      },
    };
  } catch (error) {
    await Deno.remove(temporary, { recursive: true }).catch(() => {});
    throw error;
  }
}
