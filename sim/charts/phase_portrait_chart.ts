/**
 * Phase portrait of a single tier with timeouts and retries: the drift field in the
 * (queue length, orbit size) plane as arrows, the equilibria (healthy, degraded, saddle), the
 * separatrix that divides the healthy from the degraded basin, a few trajectories and,
 * optionally, the exact CTMC's stationary probability as a grey background. Reads plain rows
 * (`PhasePortraitChartRow`, the shape `phasePortraitRows` in `sim/fluid` produces), so it
 * depends on no model code.
 *
 * @module
 */
import { Chart } from "./chart.ts";
import { checkLang, formatSignificant, type Lang, pick } from "./labels.ts";
import { OKABE_ITO } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import { baseVegaLiteSpec, SPEC_HEIGHT, SPEC_WIDTH } from "./vega_lite_spec.ts";

/** What a phase-portrait row draws. */
export type PhasePortraitElement =
  | "drift"
  | "equilibrium"
  | "separatrix"
  | "trajectory"
  | "stationary";

/** One row of a phase-portrait table (tidy: one point of one element per row). */
export interface PhasePortraitChartRow {
  /** The element the row belongs to. */
  element: PhasePortraitElement;
  /**
   * Which one: an equilibrium's kind (`healthy`, `degraded`, `saddle`, `unstable`), a
   * separatrix branch or trajectory name; `""` for drift and stationary rows.
   */
  series: string;
  /** Position along a line (separatrix, trajectory), 0-based; 0 otherwise. */
  point: number;
  /** q, requests in the tier (waiting or in service). */
  queue: number;
  /** o, clients waiting to retry. */
  orbit: number;
  /** dq/dt, requests per second (drift rows; null otherwise). */
  queue_drift: number | null;
  /** do/dt, clients per second (drift rows; null otherwise). */
  orbit_drift: number | null;
  /** Seconds along the line (trajectories forward; separatrix backward); null otherwise. */
  time: number | null;
  /** CTMC stationary probability of the grid cell around (queue, orbit) (stationary rows). */
  probability: number | null;
}

/** Options for `phasePortraitChart`. */
export interface PhasePortraitChartOptions {
  /** Chart language (default Italian, the report's, like every builder of sim/charts). */
  lang?: Lang;
  /** Headline (default: one stating how many stable states there are). */
  title?: string;
}

const KIND_COLORS: Record<string, string> = {
  healthy: OKABE_ITO.bluishGreen,
  degraded: OKABE_ITO.vermillion,
  saddle: "#FFFFFF",
  unstable: "#FFFFFF",
};

const KIND_WORDS: Record<string, { it: string; en: string }> = {
  healthy: { it: "sano", en: "healthy" },
  degraded: { it: "degradato", en: "degraded" },
  saddle: { it: "sella", en: "saddle" },
  unstable: { it: "instabile", en: "unstable" },
};

function kindWord(kind: string, lang: Lang): string {
  return KIND_WORDS[kind] ? pick(lang, KIND_WORDS[kind]) : kind;
}

function lines(rows: readonly PhasePortraitChartRow[], element: PhasePortraitElement) {
  const groups = new Map<string, PhasePortraitChartRow[]>();
  for (const row of rows) {
    if (row.element !== element) continue;
    const group = groups.get(row.series) ?? [];
    group.push(row);
    groups.set(row.series, group);
  }
  for (const group of groups.values()) group.sort((a, b) => a.point - b.point);
  return groups;
}

/**
 * The phase portrait chart. Arrows show the direction of the drift (equal length; their
 * shade, the speed on a log scale); filled dots the stable equilibria, open ones the saddle.
 * The caption states the stable states and, when there are two, the saddle the separatrix
 * passes through.
 * @throws RangeError when there are no drift rows or a value is not finite.
 */
export function phasePortraitChart(
  rows: readonly PhasePortraitChartRow[],
  options: PhasePortraitChartOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  const drift = rows.filter((row) => row.element === "drift");
  if (drift.length === 0) throw new RangeError("rows: no drift rows to draw");
  for (const row of rows) {
    if (!Number.isFinite(row.queue) || !Number.isFinite(row.orbit)) {
      throw new RangeError(`rows: queue and orbit must be finite, got ${row.queue}, ${row.orbit}`);
    }
  }
  const queues = [...new Set(drift.map((row) => row.queue))].sort((a, b) => a - b);
  const orbits = [...new Set(drift.map((row) => row.orbit))].sort((a, b) => a - b);
  const qSpan = (queues.at(-1)! - queues[0]) || 1;
  const oSpan = (orbits.at(-1)! - orbits[0]) || 1;
  const cellQ = qSpan / Math.max(1, queues.length - 1);
  const cellO = oSpan / Math.max(1, orbits.length - 1);
  const qDomain = [queues[0] - cellQ / 2, queues.at(-1)! + cellQ / 2];
  const oDomain = [orbits[0] - cellO / 2, orbits.at(-1)! + cellO / 2];
  const clip = (row: PhasePortraitChartRow) =>
    row.queue >= qDomain[0] && row.queue <= qDomain[1] && row.orbit >= oDomain[0] &&
    row.orbit <= oDomain[1];

  // Arrows of equal screen length, 70% of a cell, pointing along the drift in screen space.
  const arrows = drift.flatMap((row) => {
    const dq = row.queue_drift ?? 0;
    const dO = row.orbit_drift ?? 0;
    const sx = dq / qSpan;
    const sy = dO / oSpan;
    const norm = Math.hypot(sx, sy);
    if (!(norm > 0) || !Number.isFinite(norm)) return [];
    const ux = sx / norm;
    const uy = sy / norm;
    const half = 0.35 * Math.min(cellQ / qSpan, cellO / oSpan);
    return [{
      q0: row.queue - ux * half * qSpan,
      o0: row.orbit - uy * half * oSpan,
      q1: row.queue + ux * half * qSpan,
      o1: row.orbit + uy * half * oSpan,
      angle: (Math.atan2(ux, uy) * 180) / Math.PI,
      speed: Math.log10(Math.hypot(dq, dO)),
      dq,
      dO,
      queue: row.queue,
      orbit: row.orbit,
    }];
  });
  const equilibria = rows.filter((row) => row.element === "equilibrium");
  const stable = equilibria.filter((row) => row.series === "healthy" || row.series === "degraded");
  const saddle = equilibria.find((row) => row.series === "saddle");
  const separatrix = lines(rows, "separatrix");
  const trajectories = lines(rows, "trajectory");
  const stationary = rows.filter((row) => row.element === "stationary" && clip(row));

  const at = (row: PhasePortraitChartRow) =>
    pick(lang, { it: "coda", en: "queue" }) + ` ${formatSignificant(row.queue, lang)}, ` +
    pick(lang, { it: "orbita", en: "orbit" }) + ` ${formatSignificant(row.orbit, lang)}`;
  const stableText = stable.map((row) => `${kindWord(row.series, lang)} (${at(row)})`).join(
    pick(lang, { it: " e ", en: " and " }),
  );
  const title = options.title ?? (stable.length >= 2
    ? pick(lang, {
      it: "Due stati stabili: oltre la separatrice il servizio resta degradato",
      en: "Two stable states: past the separatrix the service stays degraded",
    })
    : pick(lang, {
      it: "Un solo stato stabile: ogni traiettoria vi ritorna",
      en: "One stable state: every trajectory returns to it",
    }));
  const separatrixText = saddle && separatrix.size > 0
    ? pick(lang, {
      it: ` La separatrice (tratteggiata) passa per la sella (${
        at(saddle)
      }): uno stato al di là non torna sano da solo.`,
      en: ` The separatrix (dashed) passes through the saddle (${
        at(saddle)
      }): a state beyond it does not recover on its own.`,
    })
    : "";
  const stationaryText = stationary.length > 0
    ? pick(lang, {
      it: " In grigio: probabilità stazionaria della catena di Markov esatta.",
      en: " Grey background: the exact Markov chain's stationary probability.",
    })
    : "";
  const caption = pick(lang, {
    it:
      `Frecce: direzione della deriva del modello fluido (più scure dove è più veloce). Stati stabili: ${
        stableText || "nessuno"
      }.${separatrixText}${stationaryText}`,
    en: `Arrows: direction of the fluid model's drift (darker where faster). Stable states: ${
      stableText || "none"
    }.${separatrixText}${stationaryText}`,
  });
  const qTitle = pick(lang, {
    it: "Coda (richieste nel servizio)",
    en: "Queue (requests in the tier)",
  });
  const oTitle = pick(lang, {
    it: "Orbita (client in attesa di riprovare)",
    en: "Orbit (clients waiting to retry)",
  });
  const kindTitle = pick(lang, { it: "Equilibrio", en: "Equilibrium" });
  const channel = (domain: number[]) => (field: string, title?: string) => ({
    field,
    type: "quantitative",
    scale: { domain, nice: false, zero: false },
    ...(title ? { title } : {}),
  });
  const x = channel(qDomain);
  const y = channel(oDomain);
  const layers: Record<string, unknown>[] = [];
  if (stationary.length > 0) {
    const floor = stationary.reduce((high, row) => Math.max(high, row.probability ?? 0), 0) * 1e-12;
    layers.push({
      data: {
        values: stationary.map((row) => ({
          q0: row.queue - cellQ / 2,
          q1: row.queue + cellQ / 2,
          o0: row.orbit - cellO / 2,
          o1: row.orbit + cellO / 2,
          logp: Math.log10(Math.max(row.probability ?? 0, floor)),
        })),
      },
      mark: { type: "rect", opacity: 0.6 },
      encoding: {
        x: x("q0", qTitle),
        x2: { field: "q1" },
        y: y("o0", oTitle),
        y2: { field: "o1" },
        color: { field: "logp", type: "quantitative", scale: { scheme: "greys" }, legend: null },
      },
    });
  }
  layers.push({
    data: { values: arrows },
    mark: { type: "rule", strokeWidth: 1 },
    encoding: {
      x: x("q0", qTitle),
      x2: { field: "q1" },
      y: y("o0", oTitle),
      y2: { field: "o1" },
      color: { field: "speed", type: "quantitative", scale: { scheme: "blues" }, legend: null },
    },
  }, {
    data: { values: arrows },
    mark: { type: "point", shape: "triangle", filled: true, size: 18 },
    encoding: {
      x: x("q1"),
      y: y("o1"),
      angle: { field: "angle", type: "quantitative", scale: null },
      color: { field: "speed", type: "quantitative", scale: { scheme: "blues" }, legend: null },
    },
  });
  const lineValues = (groups: Map<string, PhasePortraitChartRow[]>) =>
    [...groups].flatMap(([series, points]) =>
      points.filter(clip).map((row) => ({
        series,
        point: row.point,
        queue: row.queue,
        orbit: row.orbit,
      }))
    );
  const lineLayer = (groups: Map<string, PhasePortraitChartRow[]>, mark: object) => ({
    data: { values: lineValues(groups) },
    mark: { type: "line", clip: true, ...mark },
    encoding: {
      x: x("queue"),
      y: y("orbit"),
      detail: { field: "series", type: "nominal" },
      order: { field: "point", type: "quantitative" },
    },
  });
  if (trajectories.size > 0) {
    layers.push(lineLayer(trajectories, { strokeWidth: 1.5, color: OKABE_ITO.orange }));
  }
  if (separatrix.size > 0) {
    layers.push(
      lineLayer(separatrix, { strokeWidth: 2.5, strokeDash: [6, 3], color: OKABE_ITO.black }),
    );
  }
  if (equilibria.length > 0) {
    const kinds = [...new Set(equilibria.map((row) => row.series))];
    layers.push({
      data: {
        values: equilibria.map((row) => ({
          queue: row.queue,
          orbit: row.orbit,
          kind: kindWord(row.series, lang),
        })),
      },
      mark: {
        type: "point",
        filled: true,
        size: 140,
        stroke: OKABE_ITO.black,
        strokeWidth: 1.5,
        opacity: 1,
      },
      encoding: {
        x: x("queue"),
        y: y("orbit"),
        fill: {
          field: "kind",
          type: "nominal",
          title: kindTitle,
          scale: {
            domain: kinds.map((kind) => kindWord(kind, lang)),
            range: kinds.map((kind) => KIND_COLORS[kind] ?? OKABE_ITO.skyBlue),
          },
        },
        tooltip: [
          { field: "kind", type: "nominal", title: kindTitle },
          { field: "queue", type: "quantitative", title: qTitle, format: ",.4~r" },
          { field: "orbit", type: "quantitative", title: oTitle, format: ",.4~r" },
        ],
      },
    });
  }
  const vegaLite = {
    ...baseVegaLiteSpec({ title, caption, lang }),
    width: SPEC_WIDTH,
    height: SPEC_HEIGHT,
    layer: layers,
    resolve: { scale: { color: "independent" } },
  };

  const data: Record<string, unknown>[] = [];
  if (stationary.length > 0) {
    const lookup = new Map(
      stationary.map((row) => [`${row.queue}|${row.orbit}`, row.probability ?? 0]),
    );
    const sq = [...new Set(stationary.map((row) => row.queue))].sort((a, b) => a - b);
    const so = [...new Set(stationary.map((row) => row.orbit))].sort((a, b) => a - b);
    data.push({
      type: "heatmap",
      x: sq,
      y: so,
      z: so.map((o) =>
        sq.map((q) => {
          const p = lookup.get(`${q}|${o}`) ?? 0;
          return p > 0 ? Math.log10(p) : null;
        })
      ),
      colorscale: "Greys",
      reversescale: true,
      showscale: false,
      opacity: 0.5,
      name: pick(lang, {
        it: "Probabilità stazionaria (log10)",
        en: "Stationary probability (log10)",
      }),
      hovertemplate: "log10 p = %{z:.1f}<extra></extra>",
    });
  }
  const segmentX: (number | null)[] = [];
  const segmentY: (number | null)[] = [];
  for (const arrow of arrows) {
    segmentX.push(arrow.q0, arrow.q1, null), segmentY.push(arrow.o0, arrow.o1, null);
  }
  data.push({
    type: "scatter",
    mode: "lines",
    x: segmentX,
    y: segmentY,
    line: { color: OKABE_ITO.blue, width: 1 },
    opacity: 0.6,
    hoverinfo: "skip",
    showlegend: false,
  }, {
    type: "scatter",
    mode: "markers",
    x: arrows.map((arrow) => arrow.q1),
    y: arrows.map((arrow) => arrow.o1),
    marker: {
      symbol: "triangle-up",
      size: 6,
      angle: arrows.map((arrow) => arrow.angle),
      color: OKABE_ITO.blue,
    },
    opacity: 0.6,
    customdata: arrows.map((arrow) => [arrow.queue, arrow.orbit, arrow.dq, arrow.dO]),
    hovertemplate:
      "q %{customdata[0]:,.3~r}, o %{customdata[1]:,.3~r}<br>dq/dt %{customdata[2]:,.3~r}/s, " +
      "do/dt %{customdata[3]:,.3~r}/s<extra></extra>",
    name: pick(lang, { it: "Deriva", en: "Drift" }),
  });
  const lineTraces = (
    groups: Map<string, PhasePortraitChartRow[]>,
    line: object,
    name?: string,
  ) =>
    [...groups].map(([series, points], index) => ({
      type: "scatter",
      mode: "lines",
      x: points.map((row) => row.queue),
      y: points.map((row) => row.orbit),
      line,
      name: name ?? series,
      legendgroup: name ?? series,
      showlegend: name === undefined || index === 0,
    }));
  const lineData = [
    lineTraces(trajectories, { color: OKABE_ITO.orange, width: 1.5 }),
    lineTraces(
      separatrix,
      { color: OKABE_ITO.black, width: 2.5, dash: "dash" },
      pick(lang, { it: "Separatrice", en: "Separatrix" }),
    ),
  ];
  for (const traces of lineData) for (const trace of traces) data.push(trace);
  for (const row of equilibria) {
    data.push({
      type: "scatter",
      mode: "markers",
      x: [row.queue],
      y: [row.orbit],
      marker: {
        size: 13,
        color: KIND_COLORS[row.series] ?? OKABE_ITO.skyBlue,
        line: { color: OKABE_ITO.black, width: 1.5 },
      },
      name: `${kindTitle}: ${kindWord(row.series, lang)}`,
    });
  }
  const layout = basePlotlyLayout({ title, caption, lang });
  layout.xaxis = { title: { text: qTitle }, range: qDomain, zeroline: false };
  layout.yaxis = { title: { text: oTitle }, range: oDomain, zeroline: false };
  return new Chart({
    title,
    caption,
    lang,
    vegaLite,
    plotly: { data, layout, config: basePlotlyConfig() },
  });
}
