/**
 * Chart 2 — queue length and busy servers per tier over time, with the intervals when a tier
 * was down shaded (`tier_up` below 0.5: down for most of the bin, on average over runs).
 *
 * @module
 */
import type { SeriesRow } from "../table/types.ts";
import { Chart } from "./chart.ts";
import {
  axisTitle,
  checkLang,
  formatDuration,
  formatSignificant,
  type Lang,
  metricLabel,
  pick,
  unitLabel,
  WORDS,
} from "./labels.ts";
import { categoryColor, OKABE_ITO } from "./palette.ts";
import {
  type BinPoint,
  meanSeries,
  type RunSelection,
  selectRuns,
  tiersOf,
} from "./select_rows.ts";
import {
  type TimeInterval,
  type TimePanel,
  timeSeriesFigure,
  type TimeTrace,
} from "./time_series_figure.ts";

/** Options for `queueChart`. */
export interface QueueChartOptions extends RunSelection {
  /** Chart language (default Italian). */
  lang?: Lang;
}

/** Intervals (seconds) where a tier_up series is below 0.5, adjacent bins merged. */
export function downIntervals(tierUp: readonly BinPoint[]): { start: number; end: number }[] {
  const intervals: { start: number; end: number }[] = [];
  for (const point of tierUp) {
    if (point.value >= 0.5) continue;
    const last = intervals.at(-1);
    if (last && Math.abs(last.end - point.start) < 1e-9) last.end = point.start + point.width;
    else intervals.push({ start: point.start, end: point.start + point.width });
  }
  return intervals;
}

/** Expected downtime (seconds) of a tier_up series: Σ (1 − up) × bin width. */
export function downtimeSeconds(tierUp: readonly BinPoint[]): number {
  return tierUp.reduce((total, point) => total + (1 - point.value) * point.width, 0);
}

/**
 * Queues and busy servers per tier from `SeriesRow`s (`queue_length:<tier>` in requests,
 * `busy_servers:<tier>` and `servers:<tier>` in servers, `tier_up:<tier>` 1/0, and
 * `waiting_room_length` in citizens when there is a waiting room). The caption
 * gives the longest queue and each tier's downtime.
 */
export function queueChart(series: readonly SeriesRow[], options: QueueChartOptions = {}): Chart {
  const lang = checkLang(options.lang);
  const rows = selectRuns(series, options, "series");
  const tiers = [
    ...new Set([
      ...tiersOf(rows, "queue_length"),
      ...tiersOf(rows, "busy_servers"),
      ...tiersOf(rows, "tier_up"),
    ]),
  ];
  if (tiers.length === 0) {
    throw new RangeError(
      "series: no queue_length:<tier> or busy_servers:<tier> rows for the chosen run",
    );
  }
  const queueTraces: TimeTrace[] = [];
  const serverTraces: TimeTrace[] = [];
  const shaded: TimeInterval[] = [];
  const downtimes: { tier: string; seconds: number; outages: number }[] = [];
  let longest: { tier: string; point: BinPoint } | undefined;
  tiers.forEach((tier, index) => {
    const color = categoryColor(index);
    const queue = meanSeries(rows, `queue_length:${tier}`);
    if (queue.length > 0) queueTraces.push({ label: tier, color, points: queue, style: "line" });
    for (const point of queue) {
      if (!longest || point.value > longest.point.value) longest = { tier, point };
    }
    const busy = meanSeries(rows, `busy_servers:${tier}`);
    if (busy.length > 0) serverTraces.push({ label: tier, color, points: busy, style: "line" });
    const servers = meanSeries(rows, `servers:${tier}`);
    if (servers.length > 0) {
      serverTraces.push({
        label: `${tier} — ${pick(lang, { it: "server disponibili", en: "servers available" })}`,
        color,
        points: servers,
        style: "dashed",
      });
    }
    const up = meanSeries(rows, `tier_up:${tier}`);
    const intervals = downIntervals(up);
    for (const interval of intervals) {
      shaded.push({ ...interval, label: `${pick(lang, WORDS.downtime)}: ${tier}` });
    }
    const seconds = downtimeSeconds(up);
    if (seconds > 0) downtimes.push({ tier, seconds, outages: intervals.length });
  });

  const panels: TimePanel[] = [];
  if (queueTraces.length > 0) {
    panels.push({
      yTitle: axisTitle(
        pick(lang, { it: "Coda", en: "Queue" }),
        unitLabel("requests", lang),
      ),
      traces: queueTraces,
    });
  }
  if (serverTraces.length > 0) {
    panels.push({
      yTitle: axisTitle(
        pick(lang, { it: "Server occupati", en: "Busy servers" }),
        unitLabel("servers", lang),
      ),
      traces: serverTraces,
    });
  }
  const waitingRoom = meanSeries(rows, "waiting_room_length");
  if (waitingRoom.length > 0) {
    panels.push({
      yTitle: axisTitle(
        pick(lang, { it: "Sala d'attesa", en: "Waiting room" }),
        unitLabel("citizens", lang),
      ),
      traces: [{
        label: metricLabel("waiting_room_length", lang),
        color: OKABE_ITO.reddishPurple,
        points: waitingRoom,
        style: "line" as const,
      }],
    });
  }
  const queueText = longest
    ? pick(lang, {
      it:
        `La coda più lunga è stata di ${formatSignificant(longest.point.value, lang)} richieste ` +
        `sul livello ${longest.tier}, ${
          formatDuration(longest.point.start, lang)
        } dopo l'apertura.`,
      en: `The longest queue was ${formatSignificant(longest.point.value, lang)} requests ` +
        `at the ${longest.tier} tier, ${formatDuration(longest.point.start, lang)} after opening.`,
    })
    : "";
  const downText = downtimes.map((down) =>
    pick(lang, {
      it: ` Il livello ${down.tier} è rimasto fermo per ${formatDuration(down.seconds, lang)} ` +
        `(${down.outages} ${down.outages === 1 ? "interruzione" : "interruzioni"}, in grigio).`,
      en: ` The ${down.tier} tier was down for ${formatDuration(down.seconds, lang)} ` +
        `(${down.outages} ${down.outages === 1 ? "outage" : "outages"}, shaded).`,
    })
  ).join("");
  const worst = downtimes.reduce<typeof downtimes[number] | undefined>(
    (best, down) => !best || down.seconds > best.seconds ? down : best,
    undefined,
  );
  const title = worst
    ? pick(lang, {
      it: `Il livello ${worst.tier} è rimasto fermo per ${formatDuration(worst.seconds, lang)}`,
      en: `The ${worst.tier} tier was down for ${formatDuration(worst.seconds, lang)}`,
    })
    : longest
    ? pick(lang, {
      it: `Code fino a ${formatSignificant(longest.point.value, lang)} richieste (${longest.tier})`,
      en: `Queues reached ${
        formatSignificant(longest.point.value, lang)
      } requests (${longest.tier})`,
    })
    : pick(lang, { it: "Server occupati per livello", en: "Busy servers per tier" });
  return new Chart(timeSeriesFigure({
    title,
    caption: (queueText + downText).trim(),
    lang,
    panels,
    shaded,
    shadedLabel: pick(lang, WORDS.downtime),
  }));
}
