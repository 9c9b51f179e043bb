/**
 * What an observable's measure ({@link MeasureSpec}) reads of a run: in words, for test names,
 * messages and `data/sources.md` ({@link describeMeasure}), and up to which moment
 * ({@link measureReadsUntil}); plus the two facts about measures both this and the measuring
 * itself (`observables.ts`) need: where a window ends and which metrics are divided by k.
 *
 * @module
 */
import { metricInfo, SIZE_DEPENDENT_KINDS } from "../table/mod.ts";
import type { CountSource, MeasureSpec, Window } from "./incident_descriptor.ts";

/** End of a measure's window, seconds after the origin (Infinity: the run's end). */
export function windowEnd(window: Window): number {
  return window[1] ?? Infinity;
}

/** True when a catalogue metric grows with the size of the system (measured ÷ k). */
export function sizeDependent(metric: string): boolean {
  const info = metricInfo(metric);
  if (!info) throw new Error(`metric "${metric}" is not in the metric catalogue`);
  return SIZE_DEPENDENT_KINDS.includes(info.kind);
}

const seconds = (value: number) => `${value.toLocaleString("en-US")} s`;
const windowText = (window: Window) =>
  window[1] === null
    ? (window[0] === 0 ? "over the run" : `from ${seconds(window[0])} to the end`)
    : `in [${seconds(window[0])}, ${seconds(window[1])})`;
const percent = (value: number) => `${Number((value * 100).toPrecision(6))}%`;
const SOURCE_WORDS: Readonly<Record<CountSource, string>> = {
  journeys: "journeys completed",
  offered: "requests offered (first attempts + retries + reloads)",
  citizens_starting: "citizens issuing their first request",
  citizens_first_success: "citizens whose first successful request falls",
};

/**
 * What a measure reads, in words (for test names, messages and `data/sources.md`), e.g.
 * `journeys completed in [0 s, 86,400 s) ÷ k`.
 */
export function describeMeasure(measure: MeasureSpec): string {
  switch (measure.kind) {
    case "count":
      return `${SOURCE_WORDS[measure.of]} ${windowText(measure.window)} ÷ k`;
    case "peak_rate":
      return `max over bins of ${SOURCE_WORDS[measure.of]} per second ${
        windowText(measure.window)
      } ÷ k`;
    case "active_citizens":
      return `distinct citizens with a request ${windowText(measure.window)} ÷ k`;
    case "summary":
      return `${measure.metric}${sizeDependent(measure.metric) ? " ÷ k" : " (scale-free)"}`;
    case "elapsed":
      return `(${measure.metric} − ${seconds(measure.since_seconds)}) in ${measure.unit} ` +
        "(scale-free)";
    case "series_at":
      return `${measure.metric} in the bin of ${seconds(measure.at_seconds)}${
        sizeDependent(measure.metric) ? " ÷ k" : " (scale-free)"
      }`;
    case "ratio":
      return `(${describeMeasure(measure.numerator)}) ÷ (${describeMeasure(measure.denominator)})`;
    case "degraded_span":
      return `span in ${measure.unit} from the first to the last ${
        seconds(measure.block_seconds)
      } block whose ${measure.tier} requests served within the client timeout are < ${
        percent(measure.below)
      } of those arriving (scale-free)`;
    case "first_failure":
      return `first moment, in ${measure.unit}, the ${measure.tier} tier is down (tier_up < 1) ` +
        `or a ${seconds(measure.block_seconds)} block serves < ${
          percent(measure.below)
        } of its ${measure.tier} requests within the client timeout (scale-free)`;
    case "sustained_shortfall":
      return `first ${seconds(measure.block_seconds)} block from ${
        seconds(measure.from_seconds)
      } where journeys completed < ${percent(measure.below)} of citizens starting, for ${
        seconds(measure.sustain_seconds)
      }, in ${measure.unit} (scale-free)`;
  }
}

/**
 * The seconds after the origin up to which a measure reads the run (Infinity: the whole run, or
 * the run's end matters): a run cut later gives the same value, since a simulation is causal.
 */
export function measureReadsUntil(measure: MeasureSpec): number {
  switch (measure.kind) {
    case "count":
    case "peak_rate":
    case "active_citizens":
      return windowEnd(measure.window);
    case "ratio":
      return Math.max(
        measureReadsUntil(measure.numerator),
        measureReadsUntil(measure.denominator),
      );
    default:
      return Infinity;
  }
}
