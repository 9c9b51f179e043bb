/**
 * Metastability map: a grid over two parameters (e.g. capacity × surge height), each cell
 * coloured by what a surge does to the service there — stays healthy, recovers (binned by how
 * long after the surge it takes), or stays degraded — with optional simulator spot checks drawn
 * as markers on the same cells. Reads plain rows (`MetastabilityMapChartRow`, the shape
 * `metastabilityMap` in `sim/fluid` produces, plus rows with `source: "simulator"`).
 *
 * @module
 */
import { Chart } from "./chart.ts";
import { checkLang, formatDuration, formatSignificant, type Lang, pick } from "./labels.ts";
import { OKABE_ITO } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import { baseVegaLiteSpec, SPEC_HEIGHT, SPEC_WIDTH } from "./vega_lite_spec.ts";

/** What a surge does to the service at one grid point. */
export type MetastabilityVerdict = "healthy" | "recovers" | "stays-degraded";

/** One cell (or one simulator spot check) of a metastability map. */
export interface MetastabilityMapChartRow {
  /** Name of the x parameter, e.g. `"servers"`. */
  x_name: string;
  /** Value of the x parameter, in its unit. */
  x: number;
  /** Name of the y parameter, e.g. `"surge_multiplier"`. */
  y_name: string;
  /** Value of the y parameter, in its unit. */
  y: number;
  /** The verdict. */
  verdict: MetastabilityVerdict;
  /** Seconds from the end of the surge until the service is healthy again (`recovers`), else null. */
  recovery_seconds: number | null;
  /** Who computed the verdict: the fluid model (cells) or the simulator (markers). */
  source: "fluid" | "simulator";
}

/** Options for `metastabilityMapChart`. */
export interface MetastabilityMapChartOptions {
  /** Chart language (default Italian, the report's, like every builder of sim/charts). */
  lang?: Lang;
  /** X axis label (default the x parameter's name in words). */
  xLabel?: string;
  /** X unit, shown in brackets after the label (default none). */
  xUnit?: string;
  /** Y axis label (default the y parameter's name in words). */
  yLabel?: string;
  /** Y unit (default none). */
  yUnit?: string;
}

/** Recovery-time bins (upper ends, seconds) between "healthy" and "stays degraded". */
const RECOVERY_BINS = [60, 600, 3600, Infinity];

const CLASS_COLORS = [
  OKABE_ITO.bluishGreen,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.vermillion,
];

function classLabels(lang: Lang): string[] {
  return [
    pick(lang, { it: "Resta sano", en: "Stays healthy" }),
    pick(lang, { it: "Si riprende entro 1 min", en: "Recovers within 1 min" }),
    pick(lang, { it: "Si riprende entro 10 min", en: "Recovers within 10 min" }),
    pick(lang, { it: "Si riprende entro 1 h", en: "Recovers within 1 h" }),
    pick(lang, { it: "Si riprende dopo oltre 1 h", en: "Recovers after more than 1 h" }),
    pick(lang, { it: "Resta degradato", en: "Stays degraded" }),
  ];
}

/** Index of a row's colour class: 0 healthy, 1–4 recovery bins, 5 stays degraded. */
function classOf(row: MetastabilityMapChartRow): number {
  if (row.verdict === "healthy") return 0;
  if (row.verdict === "stays-degraded") return 5;
  const seconds = row.recovery_seconds ?? Infinity;
  return 1 + RECOVERY_BINS.findIndex((limit) => seconds <= limit);
}

function words(name: string): string {
  const text = name.replaceAll("_", " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function edges(values: readonly number[]): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const result = new Map<number, [number, number]>();
  sorted.forEach((value, index) => {
    const before = index > 0 ? (value - sorted[index - 1]) / 2 : undefined;
    const after = index < sorted.length - 1 ? (sorted[index + 1] - value) / 2 : undefined;
    const low = before ?? after ?? 0.5;
    result.set(value, [value - low, value + (after ?? low)]);
  });
  return result;
}

/**
 * The metastability map chart: one coloured cell per fluid row; simulator rows as circles
 * filled with their own verdict's colour. The caption counts the cells per verdict, gives the
 * longest recovery and how many simulator spot checks agree with the fluid verdict.
 * @throws RangeError when there are no fluid rows, rows mix parameters, or x/y are not finite.
 */
export function metastabilityMapChart(
  rows: readonly MetastabilityMapChartRow[],
  options: MetastabilityMapChartOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  const cells = rows.filter((row) => row.source === "fluid");
  const checks = rows.filter((row) => row.source === "simulator");
  if (cells.length === 0) throw new RangeError("rows: no fluid rows to draw");
  const xNames = [...new Set(rows.map((row) => row.x_name))];
  const yNames = [...new Set(rows.map((row) => row.y_name))];
  if (xNames.length !== 1 || yNames.length !== 1) {
    throw new RangeError(
      `rows: one x and one y parameter per map, got ${xNames.join(", ")} × ${yNames.join(", ")}`,
    );
  }
  for (const row of rows) {
    if (!Number.isFinite(row.x) || !Number.isFinite(row.y)) {
      throw new RangeError(`rows: x and y must be finite, got x=${row.x}, y=${row.y}`);
    }
  }
  const labels = classLabels(lang);
  const xLabel = options.xLabel ?? words(xNames[0]);
  const yLabel = options.yLabel ?? words(yNames[0]);
  const xTitle = options.xUnit ? `${xLabel} (${options.xUnit})` : xLabel;
  const yTitle = options.yUnit ? `${yLabel} (${options.yUnit})` : yLabel;
  const xEdges = edges(cells.map((row) => row.x));
  const yEdges = edges(cells.map((row) => row.y));
  const describe = (row: MetastabilityMapChartRow) =>
    row.verdict === "recovers" && row.recovery_seconds !== null
      ? `${labels[classOf(row)]} (${formatDuration(row.recovery_seconds, lang)})`
      : labels[classOf(row)];

  const counts = [0, 0, 0];
  for (const row of cells) {
    counts[row.verdict === "healthy" ? 0 : row.verdict === "recovers" ? 1 : 2]++;
  }
  const recoveries = cells.filter((row) =>
    row.verdict === "recovers" && row.recovery_seconds !== null
  );
  const longest = recoveries.reduce<MetastabilityMapChartRow | undefined>(
    (top, row) => (!top || row.recovery_seconds! > top.recovery_seconds! ? row : top),
    undefined,
  );
  const at = (row: MetastabilityMapChartRow) =>
    `${xLabel} ${formatSignificant(row.x, lang)}, ${yLabel} ${formatSignificant(row.y, lang)}`;
  const fluidVerdict = new Map(cells.map((row) => [`${row.x}|${row.y}`, row.verdict]));
  const compared = checks.filter((row) => fluidVerdict.has(`${row.x}|${row.y}`));
  const agree =
    compared.filter((row) => fluidVerdict.get(`${row.x}|${row.y}`) === row.verdict).length;
  const total = cells.length;
  const title = counts[2] > 0
    ? pick(lang, {
      it: `Il servizio resta degradato dopo l'ondata in ${counts[2]} casi su ${total}`,
      en: `The service stays degraded after the surge in ${counts[2]} of ${total} cases`,
    })
    : pick(lang, {
      it: `Il servizio si riprende dopo l'ondata in tutti i ${total} casi`,
      en: `The service recovers after the surge in all ${total} cases`,
    });
  const longestText = longest
    ? pick(lang, {
      it: ` Ripresa più lenta: ${formatDuration(longest.recovery_seconds!, lang)} (${
        at(longest)
      }).`,
      en: ` Slowest recovery: ${formatDuration(longest.recovery_seconds!, lang)} (${at(longest)}).`,
    })
    : "";
  const checkText = compared.length > 0
    ? pick(lang, {
      it:
        ` Cerchi: verifiche con il simulatore, d'accordo con il modello fluido in ${agree} casi su ${compared.length}.`,
      en:
        ` Circles: simulator spot checks, agreeing with the fluid model in ${agree} of ${compared.length}.`,
    })
    : "";
  const caption = pick(lang, {
    it: `Modello fluido: resta sano in ${counts[0]} casi, si riprende in ${
      counts[1]
    }, resta degradato in ${counts[2]}.${longestText}${checkText}`,
    en: `Fluid model: stays healthy in ${counts[0]} cases, recovers in ${
      counts[1]
    }, stays degraded in ${counts[2]}.${longestText}${checkText}`,
  });

  const present = [...new Set(rows.map(classOf))].sort((a, b) => a - b);
  const colorScale = {
    domain: present.map((index) => labels[index]),
    range: present.map((index) => CLASS_COLORS[index]),
  };
  const cellValues = cells.map((row) => ({
    x0: xEdges.get(row.x)![0],
    x1: xEdges.get(row.x)![1],
    y0: yEdges.get(row.y)![0],
    y1: yEdges.get(row.y)![1],
    x: row.x,
    y: row.y,
    verdict: labels[classOf(row)],
    detail: describe(row),
  }));
  const xDomain = [
    cellValues.reduce((low, v) => Math.min(low, v.x0), Infinity),
    cellValues.reduce((high, v) => Math.max(high, v.x1), -Infinity),
  ];
  const yDomain = [
    cellValues.reduce((low, v) => Math.min(low, v.y0), Infinity),
    cellValues.reduce((high, v) => Math.max(high, v.y1), -Infinity),
  ];
  const verdictTitle = pick(lang, { it: "Esito", en: "Outcome" });
  const tooltip = [
    { field: "x", type: "quantitative", title: xTitle, format: ",~r" },
    { field: "y", type: "quantitative", title: yTitle, format: ",~r" },
    { field: "detail", type: "nominal", title: verdictTitle },
  ];
  const layers: Record<string, unknown>[] = [{
    data: { values: cellValues },
    mark: { type: "rect", stroke: "white", strokeWidth: cells.length > 400 ? 0 : 0.5 },
    encoding: {
      x: {
        field: "x0",
        type: "quantitative",
        title: xTitle,
        scale: { domain: xDomain, nice: false, zero: false },
      },
      x2: { field: "x1" },
      y: {
        field: "y0",
        type: "quantitative",
        title: yTitle,
        scale: { domain: yDomain, nice: false, zero: false },
      },
      y2: { field: "y1" },
      color: {
        field: "verdict",
        type: "nominal",
        title: verdictTitle,
        scale: colorScale,
        sort: colorScale.domain,
      },
      tooltip,
    },
  }];
  if (checks.length > 0) {
    layers.push({
      data: {
        values: checks.map((row) => ({
          x: row.x,
          y: row.y,
          verdict: labels[classOf(row)],
          detail: `${pick(lang, { it: "Simulatore", en: "Simulator" })}: ${describe(row)}`,
        })),
      },
      mark: {
        type: "point",
        shape: "circle",
        filled: true,
        size: 150,
        opacity: 1,
        stroke: OKABE_ITO.black,
        strokeWidth: 2,
      },
      encoding: {
        x: { field: "x", type: "quantitative" },
        y: { field: "y", type: "quantitative" },
        color: { field: "verdict", type: "nominal", title: verdictTitle, scale: colorScale },
        tooltip,
      },
    });
  }
  const vegaLite = {
    ...baseVegaLiteSpec({ title, caption, lang }),
    width: SPEC_WIDTH,
    height: SPEC_HEIGHT,
    layer: layers,
  };

  // Plotly: a categorical heatmap (z = class index, a stepped colourscale) plus marker traces.
  const xs = [...xEdges.keys()].sort((a, b) => a - b);
  const ys = [...yEdges.keys()].sort((a, b) => a - b);
  const byCell = new Map(cells.map((row) => [`${row.x}|${row.y}`, row]));
  const z = ys.map((y) =>
    xs.map((x) => {
      const row = byCell.get(`${x}|${y}`);
      return row ? classOf(row) : null;
    })
  );
  const text = ys.map((y) =>
    xs.map((x) => {
      const row = byCell.get(`${x}|${y}`);
      return row ? describe(row) : "";
    })
  );
  const colorscale = CLASS_COLORS.flatMap((
    color,
    index,
  ) => [[index / 6, color], [(index + 1) / 6, color]]);
  const data: Record<string, unknown>[] = [{
    type: "heatmap",
    x: xs,
    y: ys,
    z,
    zmin: -0.5,
    zmax: 5.5,
    text,
    colorscale,
    showscale: false,
    hovertemplate: `${xTitle}: %{x:,~r}<br>${yTitle}: %{y:,~r}<br>%{text}<extra></extra>`,
  }];
  for (const index of present) {
    // Legend entries for the classes (the heatmap itself has no categorical legend).
    data.push({
      type: "scatter",
      mode: "markers",
      x: [null],
      y: [null],
      marker: { symbol: "square", size: 12, color: CLASS_COLORS[index] },
      name: labels[index],
      hoverinfo: "skip",
    });
  }
  if (checks.length > 0) {
    data.push({
      type: "scatter",
      mode: "markers",
      x: checks.map((row) => row.x),
      y: checks.map((row) => row.y),
      marker: {
        size: 11,
        color: checks.map((row) => CLASS_COLORS[classOf(row)]),
        line: { color: OKABE_ITO.black, width: 1.5 },
      },
      text: checks.map(describe),
      name: pick(lang, { it: "Verifica con il simulatore", en: "Simulator spot check" }),
      hovertemplate: `${xTitle}: %{x:,~r}<br>${yTitle}: %{y:,~r}<br>%{text}<extra></extra>`,
    });
  }
  const layout = basePlotlyLayout({ title, caption, lang });
  layout.xaxis = { title: { text: xTitle }, tickformat: ",~r" };
  layout.yaxis = { title: { text: yTitle }, tickformat: ",~r" };
  return new Chart({
    title,
    caption,
    lang,
    vegaLite,
    plotly: { data, layout, config: basePlotlyConfig() },
  });
}
