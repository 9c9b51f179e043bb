/**
 * The report's sensitivity analysis: for each incident, which assumptions move its conclusion
 * (the calibration layer's default tornado metric) when each is set, one at a time, at the
 * low and at the high end of its plausible range — computed on Deno Workers
 * (`tornadoOnWorkers`), drawn as a tornado chart, stated in a sentence (every number through
 * `StatedNumbers`) and written as a table.
 *
 * What each incident's tornado uses is data, in its descriptor (`data/incidents/<incident>.json`):
 * the metric (`sensitivity.metric`, with its words in `sensitivity.label` when the metric
 * catalogue has none), the scale (`run_plan.sensitivity_scale`) and an optional pre-screen scale
 * (`run_plan.prescreen_scale`).
 *
 * To fit the report's time budget (measured on 2 cores, see `SENSITIVITY_SETTINGS`): one
 * replication per point (common random numbers keep the comparison paired); runs stop after
 * the end of the window the metric's measure reads (`metricWindowEnd`: a simulation is causal,
 * so nothing before the cut changes); by default, where the run plan names a pre-screen scale,
 * a pre-screen of every assumption at that scale picks the assumptions rerun at the tornado's
 * scale; with `--quick`, every assumption is run once at half the smaller of the quick report's
 * scale and the incident's sensitivity scale (a first look).
 *
 * @module
 */
import {
  type IncidentDescriptor,
  measureReadsUntil,
  tornadoAssumptions,
  tornadoOnWorkers,
  type TornadoProgress,
  type TornadoRequest,
  type TornadoRow,
} from "../calibration/mod.ts";
import { type Chart, tornadoChart } from "../charts/mod.ts";
import { type ColumnSpec, tableToCsv, tableToParquet } from "../experiment/mod.ts";
import { metricInfo } from "../table/mod.ts";
import type { CalibrationRecord, Incident } from "./incidents.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { escapeHtml } from "./page.ts";
import { pick, stateNumbersIn } from "./prose.ts";
import { singularUnit, unitWords } from "./unit_words.ts";

/** How the report computes the tornado data, by run mode. */
export interface SensitivitySettings {
  /** Replications per point (one scenario variant). */
  replications: number;
  /**
   * Pre-screen, for the incidents whose run plan names a `prescreen_scale` (those whose
   * full tornado is too slow for the report): every assumption at that scale, then only the
   * `keep` largest swings rerun at the tornado scale. Absent: every assumption at once.
   */
  prescreen?: { keep: number };
  /** Run at the report's own scale of the incident when that is smaller than the tornado's. */
  atReportScale: boolean;
  /** Factor applied to that scale (1: none). */
  scaleFactor: number;
  /** Assumptions per worker chunk (each chunk reruns the baseline once). */
  chunkSize: number;
}

/**
 * Settings of the default and the `--quick` run, measured 24 Nov 2026 on 2 busy cores (5
 * incidents, 107 swept assumptions; the largest incident's tornado would take ~4 min alone, see
 * its descriptor's `run_plan.prescreen_why`): the pre-screen and 8 assumptions rerun per
 * pre-screened incident keep the default within ~2 min; `--quick` runs every assumption once at
 * half the quick report's scale.
 */
export const SENSITIVITY_SETTINGS: Readonly<Record<"full" | "quick", SensitivitySettings>> = {
  full: {
    replications: 1,
    prescreen: { keep: 8 },
    atReportScale: false,
    scaleFactor: 1,
    chunkSize: 4,
  },
  quick: { replications: 1, atReportScale: true, scaleFactor: 0.5, chunkSize: 8 },
};

/**
 * End of the simulated window a tornado metric reads, seconds from the scenario origin, when
 * the metric is an observable whose measure reads a window that ends before the run does (runs
 * are cut there plus {@link WINDOW_MARGIN_SECONDS}; the test
 * `tests/incidents/sensitivity_workers_test.ts` checks the cut leaves the metric unchanged);
 * undefined when the metric reads the whole horizon.
 */
export function metricWindowEnd(
  descriptor: IncidentDescriptor,
  metric: string,
): number | undefined {
  const observable = descriptor.observables[metric];
  if (observable === undefined) return undefined;
  const end = measureReadsUntil(observable.measure);
  return Number.isFinite(end) ? end : undefined;
}

/** Margin kept after a metric's window when cutting the horizon, seconds. */
export const WINDOW_MARGIN_SECONDS = 3_600;

/** One incident's tornado data and how it was computed. */
export interface IncidentSensitivity {
  /** Incident (file stem). */
  incident: string;
  /** Metric compared (observable name or summary metric). */
  metric: string;
  /** The metric in words (the descriptor's `sensitivity.label`, else the catalogue's). */
  metricLabel: Record<Language, string>;
  /** End of the window the metric reads, seconds (absent: the whole horizon). */
  windowEndSeconds?: number;
  /** Unit of the metric (`"1"` for shares, `"s"`, `"journeys"`…). */
  metricUnit: string;
  /** Rows sorted by swing, largest first. */
  rows: TornadoRow[];
  /** Scale factor k of the runs, in (0, 1]. */
  scale: number;
  /** Replications per point. */
  replications: number;
  /** Horizon the runs were cut at, seconds (absent: the scenario's own). */
  horizonSeconds?: number;
  /** Assumptions pre-screened (absent: every assumption was run at `scale`). */
  screened?: number;
  /** The pre-screen's rows, sorted by swing (absent without a pre-screen). */
  prescreenRows?: TornadoRow[];
  /** Scale factor of the pre-screen runs, in (0, 1]. */
  prescreenScale?: number;
}

/** The metric an incident's tornado uses (its descriptor's `sensitivity.metric`). */
export function tornadoMetric(descriptor: IncidentDescriptor): string {
  return descriptor.sensitivity.metric;
}

/** The scale `tornado()` runs an incident at (its descriptor's `run_plan.sensitivity_scale`). */
export function tornadoScale(descriptor: IncidentDescriptor): number {
  return descriptor.run_plan.sensitivity_scale;
}

/** Unit of a tornado metric: the calibration record's observable, else the metric catalogue. */
export function metricUnitOf(metric: string, record: CalibrationRecord): string {
  const observable = record.observables.find((entry) => entry.observable === metric);
  return observable?.unit ?? metricInfo(metric)?.unit ?? "";
}

/**
 * An incident's tornado metric in words, both languages: the descriptor's `sensitivity.label`,
 * else the metric catalogue's (the descriptor's loader requires one of the two).
 */
export function tornadoMetricLabel(descriptor: IncidentDescriptor): Record<Language, string> {
  const label = descriptor.sensitivity.label;
  if (label !== null) return label;
  const info = metricInfo(descriptor.sensitivity.metric);
  if (!info) {
    throw new Error(
      `${descriptor.incident}: sensitivity.label is null and "${descriptor.sensitivity.metric}" ` +
        "is not in the metric catalogue",
    );
  }
  return { it: info.it, en: info.en };
}

/** Options of {@link computeSensitivity}. */
export interface ComputeSensitivityOptions {
  /** `--quick`: every assumption once at the quick report's scale. */
  quick: boolean;
  /** Worker threads. */
  workers: number;
  /** Called as chunks finish (runs done of the current pass, total of that pass). */
  onProgress?: (progress: TornadoProgress & { pass: "prescreen" | "tornado" }) => void;
}

/** Computes every incident's tornado rows on workers (the most assumptions first). */
export async function computeSensitivity(
  incidents: readonly Incident[],
  options: ComputeSensitivityOptions,
): Promise<IncidentSensitivity[]> {
  const settings = options.quick ? SENSITIVITY_SETTINGS.quick : SENSITIVITY_SETTINGS.full;
  const byIncident = new Map(incidents.map((incident) => [incident.name, incident]));
  const names = incidents.map((incident) => incident.name)
    .map((name) => ({
      name,
      count: tornadoAssumptions(name, undefined, byIncident.get(name)!.root).length,
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .map((entry) => entry.name);
  const requestOf = (name: string): TornadoRequest => {
    const incident = byIncident.get(name)!;
    const descriptor = incident.descriptor;
    const metric = tornadoMetric(descriptor);
    const windowEnd = metricWindowEnd(descriptor, metric);
    return {
      incident: name,
      root: incident.root,
      metric,
      replications: settings.replications,
      scale: settings.scaleFactor *
        (settings.atReportScale
          ? Math.min(tornadoScale(descriptor), incident.factor)
          : tornadoScale(descriptor)),
      ...(windowEnd === undefined ? {} : { horizonSeconds: windowEnd + WINDOW_MARGIN_SECONDS }),
    };
  };
  let requests = names.map(requestOf);
  const prescreenScales = names.map((name) =>
    byIncident.get(name)!.descriptor.run_plan.prescreen_scale ?? NaN
  );
  // Pre-screened: the incidents whose plan names a pre-screen scale and that have more
  // assumptions than are kept (the others run in full).
  const prescreen = new Map<number, TornadoRow[]>();
  if (settings.prescreen) {
    const { keep } = settings.prescreen;
    const screened = names.flatMap((name, index) =>
      Number.isFinite(prescreenScales[index]) &&
        tornadoAssumptions(name, undefined, byIncident.get(name)!.root).length > keep
        ? [index]
        : []
    );
    const screenedRows = await tornadoOnWorkers(
      screened.map((index) => ({ ...requests[index], scale: prescreenScales[index] })),
      {
        workers: options.workers,
        chunkSize: 8,
        onProgress: (progress) => options.onProgress?.({ ...progress, pass: "prescreen" }),
      },
    );
    screened.forEach((index, position) => prescreen.set(index, screenedRows[position]));
    requests = requests.map((request, index) => {
      const rows = prescreen.get(index);
      return rows
        ? { ...request, assumptions: rows.slice(0, keep).map((row) => row.assumption) }
        : request;
    });
  }
  const rows = await tornadoOnWorkers(requests, {
    workers: options.workers,
    chunkSize: settings.chunkSize,
    onProgress: (progress) => options.onProgress?.({ ...progress, pass: "tornado" }),
  });
  const byName = new Map(names.map((name, index) => [name, index]));
  return incidents.map((incident) => {
    const index = byName.get(incident.name)!;
    const request = requests[index];
    const windowEnd = metricWindowEnd(incident.descriptor, request.metric!);
    return {
      incident: incident.name,
      metric: request.metric!,
      metricLabel: tornadoMetricLabel(incident.descriptor),
      ...(windowEnd === undefined ? {} : { windowEndSeconds: windowEnd }),
      metricUnit: metricUnitOf(request.metric!, incident.calibration),
      rows: rows[index],
      scale: request.scale!,
      replications: settings.replications,
      ...(request.horizonSeconds === undefined ? {} : { horizonSeconds: request.horizonSeconds }),
      ...(prescreen.has(index)
        ? {
          screened: prescreen.get(index)!.length,
          prescreenRows: prescreen.get(index)!,
          prescreenScale: prescreenScales[index],
        }
        : {}),
    };
  });
}

/** Units of an incident's assumptions by name (from its calibration record), in the language. */
function assumptionUnits(record: CalibrationRecord, language: Language): Record<string, string> {
  return Object.fromEntries(
    record.parameters.filter((entry) => entry.parameter !== undefined)
      .map((entry) => [entry.parameter!, unitWords(entry.unit, language)]),
  );
}

/**
 * An assumption as the report names it: its identifier in the calibration record
 * (`sia_wallet_capacity_day1`), the same in both languages and in every table — not English
 * words in an Italian report.
 */
function assumptionText(name: string): string {
  return name;
}

/** The tornado chart of an incident (undefined when no row has finite values). */
export function sensitivityChart(
  sensitivity: IncidentSensitivity,
  record: CalibrationRecord,
  language: Language,
): Chart | undefined {
  const finite = sensitivity.rows.filter((row) =>
    Number.isFinite(row.at_low) && Number.isFinite(row.at_high) && Number.isFinite(row.baseline)
  );
  if (finite.length === 0) return undefined;
  return tornadoChart(sensitivity.rows, {
    lang: language,
    top: 8,
    metricLabel: sensitivity.metricLabel[language],
    metricUnit: unitWords(sensitivity.metricUnit, language),
    assumptionUnits: assumptionUnits(record, language),
    assumptionLabels: Object.fromEntries(
      sensitivity.rows.map((row) => [row.assumption, assumptionText(row.assumption)]),
    ),
  });
}

/** Formats a value by its unit and records it (shares as percentages with 1 decimal below 10%). */
function stateValue(
  numbers: StatedNumbers,
  key: string,
  value: number,
  unit: string,
): string {
  if (unit === "1" && Math.abs(value) <= 1) {
    return numbers.percent(key, value, Math.abs(value) < 0.1 && value !== 0 ? 1 : 0);
  }
  if (unit === "euro") return numbers.euro(key, value);
  if (unit === "s" && Math.abs(value) < 600) {
    // Below 10 min in seconds (173 s, not "2,9 min").
    return `${numbers.number(key, value, "seconds", Math.abs(value) >= 100 ? 0 : 1)} s`;
  }
  if (unit === "s") return numbers.duration(key, value);
  if (unit === "h") return numbers.duration(key, value * 3600);
  const digits = Math.abs(value) >= 100 ? 0 : undefined;
  const text = numbers.number(key, value, unit, digits);
  if (!unit || unit === "1") return text;
  return `${text} ${value === 1 ? singularUnit(unit) : unit}`;
}

/** Id prefix of the sensitivity paragraphs (tests read their numbers). */
export const SENSITIVITY_FINDING_CLASS = "sensitivity-finding";

/**
 * The sentence under an incident's tornado chart: which assumption moves the conclusion most,
 * from what to what, the next two, and how many do not move it at all.
 */
export function sensitivityParagraph(
  sensitivity: IncidentSensitivity,
  record: CalibrationRecord,
  language: Language,
  numbers: StatedNumbers,
): string {
  const key = `${sensitivity.incident}.sensitivity`;
  const units = assumptionUnits(record, language);
  const metricUnit = unitWords(sensitivity.metricUnit, language);
  const metric = sensitivity.metricLabel[language];
  const finite = sensitivity.rows.filter((row) =>
    Number.isFinite(row.at_low) && Number.isFinite(row.at_high)
  );
  const name = (row: TornadoRow, rank: number) =>
    `<code>${
      escapeHtml(stateNumbersIn(numbers, `${key}.${rank}.name`, assumptionText(row.assumption)))
    }</code>`;
  const assumptionAt = (row: TornadoRow, rank: number, end: "low" | "high") =>
    stateValue(
      numbers,
      `${key}.${rank}.${end}_value`,
      end === "low" ? row.low_value : row.high_value,
      units[row.assumption] ?? "",
    );
  const metricAt = (row: TornadoRow, rank: number, end: "low" | "high") =>
    stateValue(
      numbers,
      `${key}.${rank}.at_${end}`,
      end === "low" ? row.at_low : row.at_high,
      metricUnit,
    );
  if (finite.length === 0) {
    return `<p class="${SENSITIVITY_FINDING_CLASS}">${
      pick(
        language,
        `Nessuna ipotesi dà un valore finito di «${escapeHtml(metric)}» a entrambi gli estremi.`,
        `No assumption gives a finite “${escapeHtml(metric)}” at both ends of its range.`,
      )
    }</p>`;
  }
  const baseline = stateValue(
    numbers,
    `${key}.baseline`,
    finite[0].baseline,
    metricUnit,
  );
  const top = finite[0];
  const first = pick(
    language,
    `Con le ipotesi ai valori calibrati, «${escapeHtml(metric.toLowerCase())}» vale ${
      escapeHtml(baseline)
    }. L'ipotesi che la sposta di più è ${name(top, 1)}: da ${
      escapeHtml(metricAt(top, 1, "low"))
    } con ${escapeHtml(assumptionAt(top, 1, "low"))} (estremo basso del suo intervallo) a ${
      escapeHtml(metricAt(top, 1, "high"))
    } con ${escapeHtml(assumptionAt(top, 1, "high"))} (estremo alto).`,
    `With every assumption at its calibrated value, “${escapeHtml(metric.toLowerCase())}” is ${
      escapeHtml(baseline)
    }. The assumption that moves it most is ${name(top, 1)}: from ${
      escapeHtml(metricAt(top, 1, "low"))
    } at ${escapeHtml(assumptionAt(top, 1, "low"))} (the low end of its range) to ${
      escapeHtml(metricAt(top, 1, "high"))
    } at ${escapeHtml(assumptionAt(top, 1, "high"))} (the high end).`,
  );
  const next = finite.slice(1, 3).map((row, index) => {
    const rank = index + 2;
    return `${name(row, rank)} (${escapeHtml(metricAt(row, rank, "low"))} → ${
      escapeHtml(metricAt(row, rank, "high"))
    })`;
  });
  const nextText = next.length === 0 ? "" : " " + pick(
    language,
    `Seguono ${next.join(" e ")}.`,
    `Next come ${next.join(" and ")}.`,
  );
  const swept = numbers.plain(`${key}.assumptions`, sensitivity.rows.length, "assumptions");
  let countText: string;
  if (sensitivity.screened === undefined) {
    const unmoved = sensitivity.rows.filter((row) => row.at_low === row.at_high).length;
    const still = numbers.plain(`${key}.unmoved`, unmoved, "assumptions");
    countText = " " + pick(
      language,
      `Ipotesi variate: ${swept}; ${still} non la ${
        unmoved === 1 ? "sposta" : "spostano"
      } affatto.`,
      `Assumptions swept: ${swept}; ${still} ${unmoved === 1 ? "does" : "do"} not move it at all.`,
    );
  } else {
    const screened = numbers.plain(`${key}.screened`, sensitivity.screened, "assumptions");
    countText = " " + pick(
      language,
      `Ipotesi rieseguite a scala piena di sensibilità: le ${swept} più influenti delle ${screened} del pre-screening.`,
      `Assumptions rerun at the sensitivity scale: the ${swept} most influential of the ${screened} pre-screened.`,
    );
  }
  return `<p class="${SENSITIVITY_FINDING_CLASS}">${first}${nextText}${countText}</p>`;
}

/** Columns of `tables/sensitivity.parquet|csv`. */
export const SENSITIVITY_COLUMNS: readonly ColumnSpec[] = [
  { name: "incident", type: "STRING" },
  { name: "pass", type: "STRING" },
  { name: "rank", type: "INT32" },
  { name: "assumption", type: "STRING" },
  { name: "assumption_unit", type: "STRING" },
  { name: "low_value", type: "DOUBLE" },
  { name: "high_value", type: "DOUBLE" },
  { name: "metric", type: "STRING" },
  { name: "metric_unit", type: "STRING" },
  { name: "at_low", type: "DOUBLE" },
  { name: "at_high", type: "DOUBLE" },
  { name: "baseline", type: "DOUBLE" },
  { name: "swing", type: "DOUBLE" },
  { name: "scale", type: "DOUBLE" },
  { name: "replications", type: "INT32" },
];

/**
 * The sensitivity table's rows: per incident, the pre-screen's rows (`pass` `"prescreen"`, at
 * its own scale) then the tornado's (`pass` `"tornado"`), each ranked by swing.
 */
export function sensitivityTableRows(
  sensitivities: readonly IncidentSensitivity[],
  records: ReadonlyMap<string, CalibrationRecord>,
): Record<string, string | number>[] {
  return sensitivities.flatMap((sensitivity) => {
    const record = records.get(sensitivity.incident);
    const units = record ? assumptionUnits(record, "en") : {};
    const passes: [string, TornadoRow[], number][] = [
      ...(sensitivity.prescreenRows
        ? [["prescreen", sensitivity.prescreenRows, sensitivity.prescreenScale!] as [
          string,
          TornadoRow[],
          number,
        ]]
        : []),
      ["tornado", sensitivity.rows, sensitivity.scale],
    ];
    return passes.flatMap(([pass, rows, scale]) =>
      rows.map((row, index) => ({
        incident: row.incident,
        pass,
        rank: index + 1,
        assumption: row.assumption,
        assumption_unit: units[row.assumption] ?? "",
        low_value: row.low_value,
        high_value: row.high_value,
        metric: row.metric,
        metric_unit: sensitivity.metricUnit,
        at_low: row.at_low,
        at_high: row.at_high,
        baseline: row.baseline,
        swing: Math.abs(row.at_high - row.at_low),
        scale,
        replications: sensitivity.replications,
      }))
    );
  });
}

/** Writes `sensitivity.parquet` and `sensitivity.csv` into `dir` (which must exist). */
export async function writeSensitivityTable(
  dir: string,
  rows: readonly Record<string, string | number>[],
): Promise<void> {
  await Deno.writeFile(`${dir}/sensitivity.parquet`, tableToParquet(rows, SENSITIVITY_COLUMNS));
  await Deno.writeTextFile(`${dir}/sensitivity.csv`, tableToCsv(rows, SENSITIVITY_COLUMNS));
}
