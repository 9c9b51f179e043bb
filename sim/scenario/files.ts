/**
 * Reading scenario files: JSON text to raw JSON with trace CSVs inlined, and validation of raw
 * JSON against a schema with errors that name the field, the value and what is allowed.
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";
import { jsonDepthWithin, readBoundedTextFile } from "./bounded_read.ts";
import { formatIssues, ScenarioError } from "./errors.ts";

/** Largest scenario file read, bytes. */
export const LARGEST_SCENARIO_BYTES = 64 * 1024 * 1024;
/** Deepest nesting of a scenario file's JSON. */
export const DEEPEST_NESTING = 64;

/**
 * Validates `raw` with `schema`, throwing {@link ScenarioError} with one line per bad field
 * (paths prefixed by `prefix`).
 */
export function parseWith<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  prefix: PropertyKey[],
  context: string,
): z.output<T> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ScenarioError(formatIssues(result.error.issues, prefix), context);
  return result.data;
}

/** A decimal number as a CSV cell may write it (no hex, no empty cell, no "Infinity"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a `time,rate` CSV (seconds, citizens/s) into points: two decimal numbers per line;
 * blank lines and `#` comments are skipped; a first line of names (no digits, e.g.
 * `time,rate`) is a header.
 *
 * @throws ScenarioError on a malformed line, naming it.
 */
export function parseTraceCsv(text: string, label = "trace"): [number, number][] {
  const points: [number, number][] = [];
  let first = true;
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const isFirst = first;
    first = false;
    const cells = trimmed.split(",").map((cell) => cell.trim());
    if (cells.length !== 2 || !cells.every((cell) => DECIMAL.test(cell))) {
      if (isFirst && !/\d/.test(trimmed)) return; // a header of names
      throw new ScenarioError([
        `${label} line ${index + 1}: "${trimmed}" is not "time,rate" (two decimal numbers)`,
      ]);
    }
    const time = Number(cells[0]);
    const rate = Number(cells[1]);
    if (!Number.isFinite(time) || !Number.isFinite(rate)) {
      throw new ScenarioError([`${label} line ${index + 1}: "${trimmed}" is out of range`]);
    }
    if (time < 0 || rate < 0) {
      throw new ScenarioError([`${label} line ${index + 1}: "${trimmed}" has a negative number`]);
    }
    points.push([time, rate]);
  });
  return points;
}

/** Replaces every `{ kind: "trace", csv }` profile by inline points, reading the CSV. */
export function inlineTraces(node: unknown, readText: (path: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineTraces(item, readText));
  if (typeof node !== "object" || node === null) return node;
  const record = node as Record<string, unknown>;
  if (record.kind === "trace" && typeof record.csv === "string" && record.points === undefined) {
    return { ...record, points: parseTraceCsv(readText(record.csv), record.csv) };
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, inlineTraces(value, readText)]),
  );
}

/**
 * Reads a scenario file into raw JSON, with every trace profile's `csv` read into `points`
 * (CSV paths are resolved against the scenario file's folder, then the working directory).
 *
 * @throws ScenarioError on an unreadable or too large file, bad JSON, too deep nesting or a
 *   bad trace CSV.
 */
export function readScenarioJson(path: string): unknown {
  let text: string;
  try {
    text = readBoundedTextFile(path, LARGEST_SCENARIO_BYTES);
  } catch (error) {
    throw new ScenarioError([`${path}: cannot be read (${(error as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError([`${path}: is not valid JSON (${(error as Error).message})`]);
  }
  if (jsonDepthWithin(raw, DEEPEST_NESTING) > DEEPEST_NESTING) {
    throw new ScenarioError([`${path}: JSON nested deeper than ${DEEPEST_NESTING} levels`]);
  }
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "./";
  const readText = (csv: string) => {
    let reason = "";
    for (const candidate of csv.startsWith("/") ? [csv] : [folder + csv, csv]) {
      try {
        return readBoundedTextFile(candidate, LARGEST_SCENARIO_BYTES);
      } catch (error) {
        reason ||= (error as Error).message; // the scenario folder's file first
      }
    }
    throw new ScenarioError([`trace csv: "${csv}" cannot be read (${reason})`]);
  };
  return inlineTraces(raw, readText);
}
