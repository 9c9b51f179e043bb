/**
 * How a column of the design-comparison tables shows its metric to a reader: a time on the
 * incident's clock (`kind: "time"` metrics of the catalogue, seconds after the time origin:
 * "4 Nov, 09:34"), a duration in the unit its largest value reads best in (hours from 2 h,
 * minutes from 2 min, else seconds: "24 h", not "86,270 seconds"), or the number as it is.
 * A column uses one unit throughout, so its rows compare at a glance.
 *
 * @module
 */
import { metricInfo } from "../table/mod.ts";
import type { Language, StatedNumbers } from "./numbers.ts";
import { clockTime } from "./section_parts.ts";
import { unitWords } from "./unit_words.ts";

/** A column's display rule. */
export type ColumnDisplay =
  | { kind: "clock"; origin: string }
  | { kind: "duration"; divisor: number; unit: "h" | "min" | "s" }
  | { kind: "number" };

/** Seconds from which a duration column is shown in hours, and in minutes. */
const HOURS_FROM = 2 * 3600;
const MINUTES_FROM = 2 * 60;

/**
 * The display rule of `metric`'s column, given the largest value it shows (seconds for
 * durations) and the incident's time origin (ISO, with offset).
 */
export function columnDisplay(metric: string, largest: number, origin: string): ColumnDisplay {
  const info = metricInfo(metric);
  if (info?.unit !== "seconds") return { kind: "number" };
  if (info.kind === "time") return { kind: "clock", origin };
  if (largest >= HOURS_FROM) return { kind: "duration", divisor: 3600, unit: "h" };
  if (largest >= MINUTES_FROM) return { kind: "duration", divisor: 60, unit: "min" };
  return { kind: "duration", divisor: 1, unit: "s" };
}

/** The unit words of a column's header, or undefined for none (`(h)`, `(ora locale)`). */
export function columnUnit(
  metric: string,
  display: ColumnDisplay,
  language: Language,
): string | undefined {
  if (display.kind === "clock") return language === "it" ? "ora locale" : "local time";
  if (display.kind === "duration") return display.unit;
  const unit = metricInfo(metric)?.unit;
  return unit && unit !== "1" ? unitWords(unit, language) : undefined;
}

/**
 * Formats one value of the column (a mean or an interval end) and records it under `key`:
 * the raw seconds for a clock time, the value in the column's unit for a duration.
 */
export function columnValue(
  numbers: StatedNumbers,
  key: string,
  value: number,
  display: ColumnDisplay,
  language: Language,
): string {
  if (display.kind === "clock") {
    return numbers.text(key, value, "s", clockTime(display.origin, value, language));
  }
  if (display.kind === "duration") {
    return numbers.number(key, value / display.divisor, display.unit);
  }
  return numbers.number(key, value, "value");
}
