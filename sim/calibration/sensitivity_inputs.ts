/**
 * One-at-a-time sensitivity support for the incident scenarios: the assumptions' plausible
 * ranges, the calibration values with some assumptions moved (derived values recomputed), and
 * the scenario file rebuilt from those values through its provenance markers (`[cal:name]` takes
 * a calibration value, `[= formula]` recomputes a formula over them). A tornado runner sets each
 * assumption at both ends of its range, rebuilds the scenario and compares the observables.
 *
 * Pure functions (the tornado runner in `sensitivity.ts` uses them).
 *
 * @module
 */
import { type Calibration, evaluateFormula } from "./calibration_record.ts";

/** One assumption's sweep: the as-built value and the ends of its plausible range. */
export interface SensitivityRange {
  /** Calibration parameter name. */
  parameter: string;
  /** As-built value. */
  value: number;
  /** Low end of the plausible range. */
  low: number;
  /** High end of the plausible range. */
  high: number;
  /** How to place intermediate points: linear or logarithmic. */
  scale: "linear" | "log";
  /** Unit of the three numbers. */
  unit: string;
}

/** Fields of a scenario that must stay integers when rebuilt from new values. */
const INTEGER_FIELDS = new Set([
  "servers",
  "concurrency_per_server",
  "max_attempts",
  "budget",
  "population",
  "capacity",
  "in_system_threshold",
  "min_servers",
  "max_servers",
  "adaptive_lifo_threshold",
  "priority",
]);

const CALIBRATION_REFERENCE = /\[cal:([a-z0-9_]+)\]/;
const FORMULA_REFERENCE = /\[= ([^\]]+)\]/;

/** The plausible ranges of every assumption of an incident, in file order. */
export function sensitivityRanges(calibration: Calibration): SensitivityRange[] {
  return calibration.parameters
    .filter((entry) => entry.tag === "assumption" && entry.range)
    .map((entry) => ({
      parameter: entry.parameter,
      value: entry.value,
      low: entry.range![0],
      high: entry.range![1],
      scale: entry.scale ?? "linear",
      unit: entry.unit,
    }));
}

/**
 * The calibration's values by name with `overrides` applied to assumptions and every derived
 * value recomputed from its formula.
 *
 * @throws Error when an override names no assumption or a formula cannot be evaluated.
 */
export function calibrationValues(
  calibration: Calibration,
  overrides: Record<string, number> = {},
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const entry of calibration.parameters) values[entry.parameter] = entry.value;
  for (const [name, value] of Object.entries(overrides)) {
    const entry = calibration.parameters.find((candidate) => candidate.parameter === name);
    if (!entry || entry.tag !== "assumption") {
      throw new Error(`override ${name}: not an assumption of ${calibration.incident}`);
    }
    if (!Number.isFinite(value)) throw new Error(`override ${name}: ${value} is not finite`);
    values[name] = value;
  }
  const derived = calibration.parameters.filter((entry) => entry.tag === "derived");
  // Formulas may cite derived values defined later in the file: iterate to a fixed point.
  for (let pass = 0; pass <= derived.length; pass++) {
    let changed = false;
    for (const entry of derived) {
      const next = evaluateFormula(entry.formula!, values);
      if (next !== values[entry.parameter]) {
        values[entry.parameter] = next;
        changed = true;
      }
    }
    if (!changed) return values;
  }
  throw new Error(`${calibration.incident}: derived formulas do not settle (a cycle?)`);
}

/**
 * A copy of a raw scenario file whose numbers citing the calibration (`[cal:name]`,
 * `[= formula]`) take the given values; other numbers are kept. Integer fields (servers,
 * max_attempts, population…) are rounded.
 */
export function rebuildScenario(raw: unknown, values: Record<string, number>): unknown {
  const walk = (node: unknown, key: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (typeof node !== "object" || node === null) return node;
    const record = node as Record<string, unknown>;
    if (typeof record.value === "number") {
      const text = String(record.source ?? record.assumption ?? "");
      const reference = CALIBRATION_REFERENCE.exec(text)?.[1];
      const formula = FORMULA_REFERENCE.exec(text)?.[1];
      let value = record.value;
      if (reference !== undefined) {
        if (!(reference in values)) throw new Error(`[cal:${reference}] has no value`);
        value = values[reference];
      } else if (formula !== undefined) {
        value = evaluateFormula(formula, values);
      }
      if (INTEGER_FIELDS.has(key)) value = Math.round(value);
      return { ...record, value };
    }
    return Object.fromEntries(
      Object.entries(record).map(([childKey, child]) => [childKey, walk(child, childKey)]),
    );
  };
  return walk(raw, "");
}
