/**
 * The metric catalogue for readers: every metric name the result tables can hold, with its
 * unit, kind (whether it scales with the system) and label in English or Italian.
 *
 * @module
 */
import {
  type MetricKind,
  SERIES_METRICS,
  SIZE_DEPENDENT_KINDS,
  SUMMARY_METRICS,
} from "../table/mod.ts";
import type { MetricInfo } from "../table/mod.ts";
import type { AnalysisLang } from "./format.ts";

/** One catalogue entry as `metrics()` lists it. */
export interface MetricEntry {
  /** Name in the tables (per-tier metrics take `:<tier>` after it). */
  name: string;
  /** `"series"` (per time bin) or `"summary"` (per replication: estimates, differences). */
  table: "series" | "summary";
  /** What it says, in the asked language. */
  description: string;
  /** Unit, e.g. `"requests/s"`. */
  unit: string;
  /** Kind of quantity. */
  kind: MetricKind;
  /** Whether full-scale conversion divides it by the scale (rates, counts, levels, money). */
  scales: boolean;
  /** Measured per tier (`name:tier`). */
  perTier: boolean;
}

/**
 * The metric catalogue: series metrics, then summary metrics, each with its description.
 *
 * @example
 * ```ts
 * import { metrics } from "./catalogue.ts";
 * metrics().find((m) => m.name === "goodput_per_s")?.scales; // true
 * ```
 */
export function metrics(
  options: { lang?: AnalysisLang; table?: "series" | "summary" } = {},
): MetricEntry[] {
  const lang = options.lang ?? "en";
  const entries = (table: "series" | "summary", catalogue: Record<string, MetricInfo>) =>
    Object.entries(catalogue).map(([name, info]) => ({
      name,
      table,
      description: info[lang],
      unit: info.unit,
      kind: info.kind,
      scales: SIZE_DEPENDENT_KINDS.includes(info.kind),
      perTier: info.perTier === true,
    }));
  return [
    ...(options.table === "summary" ? [] : entries("series", SERIES_METRICS)),
    ...(options.table === "series" ? [] : entries("summary", SUMMARY_METRICS)),
  ];
}
