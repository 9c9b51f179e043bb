/**
 * Reading and checking the incident calibration records in `data/calibration/*.json`
 * (format in `data/calibration/README.md`). Pure helpers (plus one file read).
 *
 * @module
 */
import { citedReferences, startsWithReference } from "./references.ts";

/** How a number was obtained. */
export type Tag = "reported" | "derived" | "assumption";

/** One input number of an incident's scenario, with its provenance. */
export interface CalibrationParameter {
  /** snake_case name, unique in the file. */
  parameter: string;
  /** The number, in `unit`. */
  value: number;
  /** Unit of `value` (e.g. `requests/s`, `s`, `euro`). */
  unit: string;
  /** Reported, derived or assumption. */
  tag: Tag;
  /**
   * Reference keys (`ref:<id>`, ids of `data/references.json`) with an optional note, or the
   * basis of an assumption. A reported figure's source starts with the key of the document its
   * quote comes from.
   */
  source: string;
  /** Short original-language quote (reported figures). */
  quote?: string;
  /** English wording of the figure when no original-language quote was kept. */
  relayed?: string;
  /** How the figure follows from the quote when the quote does not show it literally. */
  figure_note?: string;
  /** Arithmetic over other parameter names (derived figures). */
  formula?: string;
  /** Relative tolerance of the recomputation (default {@link DEFAULT_TOLERANCE}). */
  tolerance?: number;
  /** Plausible range [low, high] (assumptions). */
  range?: [number, number];
  /** How a sensitivity runner should sweep `range`. */
  scale?: "linear" | "log";
  /** Why this value (assumptions). */
  reasoning?: string;
  /** What changes if the value is wrong (assumptions). */
  if_wrong?: string;
  /** What in the model it sets. */
  calibrates: string;
}

/** A reported number the as-built design must reproduce without taking it as an input. */
export interface CalibrationObservable {
  /** snake_case name. */
  observable: string;
  /** The reported or derived number, in `unit`. */
  value: number;
  /** Unit of `value`. */
  unit: string;
  /** Reported or derived. */
  tag: "reported" | "derived";
  /** Where it comes from (reference keys, as for parameters). */
  source: string;
  /** Short original-language quote. */
  quote?: string;
  /** English wording of the figure when no original-language quote was kept. */
  relayed?: string;
  /** How the figure follows from the quote when the quote does not show it literally. */
  figure_note?: string;
  /** Formula over parameter names (derived observables). */
  formula?: string;
  /** Band [low, high] a simulated as-built run must fall in. */
  accept: [number, number];
  /** Why that band. */
  justification: string;
  /** How to measure it on a simulation run. */
  measure: string;
}

/** A non-numeric modelling choice (a rule, a topology, an interpretation). */
export interface StructuralAssumption {
  /** snake_case name. */
  assumption: string;
  /** The choice made. */
  choice: string;
  /** Other readings a design could take. */
  alternatives: string[];
  /** Where the evidence is. */
  source: string;
  /** Why this choice. */
  reasoning: string;
  /** What changes if it is wrong. */
  if_wrong: string;
}

/** One incident's calibration record. */
export interface Calibration {
  /** File stem, same as the scenario file's. */
  incident: string;
  /** Human title. */
  title: string;
  /** ISO date-time of t = 0 s. */
  time_origin: string;
  /** What happened and how the model reads it. */
  summary: string;
  /** Every input number. */
  parameters: CalibrationParameter[];
  /** Numbers the as-built design should reproduce. */
  observables: CalibrationObservable[];
  /** Non-numeric choices. */
  structural_assumptions?: StructuralAssumption[];
}

/** Relative tolerance of a derived value's recomputation when the entry gives none. */
export const DEFAULT_TOLERANCE = 0.01;

/** Reads one calibration file (no validation; see {@link calibrationProblems}). */
export function readCalibration(url: URL): Calibration {
  return JSON.parse(Deno.readTextFileSync(url)) as Calibration;
}

type Token = { kind: "number"; value: number } | { kind: "name"; name: string } | {
  kind: "symbol";
  symbol: string;
};

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let index = 0;
  while (index < formula.length) {
    if (/^\s*$/.test(formula.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(formula);
    if (!match) throw new Error(`formula "${formula}": unexpected text at ${index}`);
    if (match[1] !== undefined) tokens.push({ kind: "number", value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: "name", name: match[2] });
    else tokens.push({ kind: "symbol", symbol: match[3] });
    index = pattern.lastIndex;
  }
  return tokens;
}

const FUNCTIONS: Record<string, (args: number[]) => number> = {
  ln: (args) => Math.log(args[0]),
  exp: (args) => Math.exp(args[0]),
  min: (args) => args.reduce((least, value) => Math.min(least, value), Infinity),
  max: (args) => args.reduce((most, value) => Math.max(most, value), -Infinity),
  pow: (args) => Math.pow(args[0], args[1]),
};

/**
 * Evaluates an arithmetic formula (`+ - * /`, parentheses, numbers, `ln exp min max pow`, names
 * looked up in `values`). Hand-written (a 60-line recursive-descent parser) rather than a
 * dependency: the grammar is tiny and `eval` is not an option.
 *
 * @example
 * ```ts
 * evaluateFormula("a / (b - 1)", { a: 6, b: 4 }); // 2
 * ```
 */
export function evaluateFormula(formula: string, values: Record<string, number>): number {
  const tokens = tokenize(formula);
  let position = 0;
  const peekSymbol = () => {
    const token = tokens[position];
    return token?.kind === "symbol" ? token.symbol : undefined;
  };
  const expect = (symbol: string) => {
    if (peekSymbol() !== symbol) {
      throw new Error(`formula "${formula}": expected "${symbol}" at token ${position}`);
    }
    position++;
  };
  const primary = (): number => {
    const token = tokens[position++];
    if (!token) throw new Error(`formula "${formula}": ends too early`);
    if (token.kind === "number") return token.value;
    if (token.kind === "name") {
      if (peekSymbol() === "(") {
        const fn = FUNCTIONS[token.name];
        if (!fn) throw new Error(`formula "${formula}": unknown function ${token.name}`);
        position++;
        const args = [expression()];
        while (peekSymbol() === ",") {
          position++;
          args.push(expression());
        }
        expect(")");
        return fn(args);
      }
      if (!(token.name in values)) {
        throw new Error(`formula "${formula}": unknown name ${token.name}`);
      }
      return values[token.name];
    }
    if (token.symbol === "(") {
      const inner = expression();
      expect(")");
      return inner;
    }
    if (token.symbol === "-") return -primary();
    throw new Error(`formula "${formula}": unexpected "${token.symbol}"`);
  };
  const term = (): number => {
    let result = primary();
    while (peekSymbol() === "*" || peekSymbol() === "/") {
      const symbol = tokens[position++] as { symbol: string };
      const right = primary();
      result = symbol.symbol === "*" ? result * right : result / right;
    }
    return result;
  };
  const expression = (): number => {
    let result = term();
    while (peekSymbol() === "+" || peekSymbol() === "-") {
      const symbol = tokens[position++] as { symbol: string };
      const right = term();
      result = symbol.symbol === "+" ? result + right : result - right;
    }
    return result;
  };
  const result = expression();
  if (position !== tokens.length) {
    throw new Error(`formula "${formula}": unexpected text after token ${position}`);
  }
  return result;
}

/** Lower-cases and unifies apostrophes, quotes and spaces so a quote can be found in a text. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * True when every fragment of `quote` (split at `...` / `…`) occurs in `text`, in order,
 * after {@link normalizeText}.
 */
export function quoteOccursIn(quote: string, text: string): boolean {
  const haystack = normalizeText(text);
  let from = 0;
  for (const fragment of quote.split(/\.\.\.|…/).map(normalizeText).filter((f) => f !== "")) {
    const at = haystack.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return true;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

const nonEmpty = (value: unknown): value is string =>
  typeof value === "string" && value.trim() !== "";

/**
 * Every problem of a calibration record's shape, as `name: what is wrong` lines (empty when
 * the record is sound): tags and sources present, reported figures quoted or relayed,
 * assumptions with a range containing the value and a reason, derived values recomputing from
 * their formulas, observables with a band containing the value.
 */
export function calibrationProblems(calibration: Calibration): string[] {
  const problems: string[] = [];
  const values: Record<string, number> = {};
  const names = new Set<string>();
  for (const entry of calibration.parameters ?? []) {
    const name = entry.parameter;
    if (!/^[a-z][a-z0-9_]*$/.test(name ?? "")) problems.push(`${name}: name is not snake_case`);
    if (names.has(name)) problems.push(`${name}: duplicate parameter`);
    names.add(name);
    if (!isFiniteNumber(entry.value)) problems.push(`${name}: value ${entry.value} is not finite`);
    else values[name] = entry.value;
  }
  const checkCommon = (
    name: string,
    entry: CalibrationParameter | CalibrationObservable,
    tags: readonly string[],
  ) => {
    if (!tags.includes(entry.tag)) {
      problems.push(`${name}: tag "${entry.tag}" is not one of ${tags.join(", ")}`);
    }
    if (!nonEmpty(entry.unit)) problems.push(`${name}: unit is missing`);
    if (!nonEmpty(entry.source)) problems.push(`${name}: source is missing`);
    if (entry.tag === "reported") {
      if (!nonEmpty(entry.quote) && !nonEmpty(entry.relayed)) {
        problems.push(`${name}: reported figure without quote or relayed text`);
      }
      if (!startsWithReference(entry.source ?? "")) {
        problems.push(
          `${name}: source "${entry.source}" does not start with a reference (ref:<id>)`,
        );
      }
    }
    if (entry.tag === "derived") {
      if (!nonEmpty(entry.formula)) {
        problems.push(`${name}: derived without formula`);
      } else {
        try {
          const computed = evaluateFormula(entry.formula, values);
          const tolerance = "tolerance" in entry && entry.tolerance !== undefined
            ? entry.tolerance
            : DEFAULT_TOLERANCE;
          const scale = Math.max(Math.abs(entry.value), Number.MIN_VALUE);
          if (!(Math.abs(computed - entry.value) <= tolerance * scale)) {
            problems.push(
              `${name}: value ${entry.value} but formula ${entry.formula} gives ${computed}`,
            );
          }
        } catch (error) {
          problems.push(`${name}: ${(error as Error).message}`);
        }
      }
    }
  };
  for (const entry of calibration.parameters ?? []) {
    const name = entry.parameter;
    checkCommon(name, entry, ["reported", "derived", "assumption"]);
    if (!nonEmpty(entry.calibrates)) problems.push(`${name}: calibrates is missing`);
    if (entry.tag === "assumption") {
      const range = entry.range;
      if (!Array.isArray(range) || range.length !== 2 || !range.every(isFiniteNumber)) {
        problems.push(`${name}: assumption without a [low, high] range`);
      } else if (!(range[0] <= entry.value && entry.value <= range[1])) {
        problems.push(`${name}: value ${entry.value} is outside its range [${range.join(", ")}]`);
      } else if (entry.scale === "log" && range[0] <= 0) {
        problems.push(`${name}: log-scale range must be positive`);
      }
      if (entry.scale !== undefined && entry.scale !== "linear" && entry.scale !== "log") {
        problems.push(`${name}: scale "${entry.scale}" is not linear or log`);
      }
      if (!nonEmpty(entry.reasoning)) problems.push(`${name}: assumption without reasoning`);
      if (!nonEmpty(entry.if_wrong)) problems.push(`${name}: assumption without if_wrong`);
    }
  }
  for (const entry of calibration.observables ?? []) {
    const name = `observable ${entry.observable}`;
    checkCommon(name, entry, ["reported", "derived"]);
    if (!isFiniteNumber(entry.value)) problems.push(`${name}: value is not finite`);
    const band = entry.accept;
    if (!Array.isArray(band) || band.length !== 2 || !band.every(isFiniteNumber)) {
      problems.push(`${name}: accept is not a [low, high] band`);
    } else if (!(band[0] <= entry.value && entry.value <= band[1])) {
      problems.push(`${name}: value ${entry.value} outside accept [${band.join(", ")}]`);
    }
    if (!nonEmpty(entry.justification)) problems.push(`${name}: justification is missing`);
    if (!nonEmpty(entry.measure)) problems.push(`${name}: measure is missing`);
  }
  for (const entry of calibration.structural_assumptions ?? []) {
    for (const field of ["assumption", "choice", "source", "reasoning", "if_wrong"] as const) {
      if (!nonEmpty(entry[field])) {
        problems.push(`structural ${entry.assumption}: ${field} missing`);
      }
    }
  }
  return problems;
}

/**
 * Every quote (parameter or observable) with the reference it comes from: the first key of the
 * entry's `source`.
 */
export function referenceQuotes(
  calibration: Calibration,
): { name: string; reference: string; quote: string }[] {
  const found: { name: string; reference: string; quote: string }[] = [];
  const entries: (CalibrationParameter | CalibrationObservable)[] = [
    ...calibration.parameters,
    ...calibration.observables,
  ];
  for (const entry of entries) {
    const reference = citedReferences(entry.source)[0];
    const name = "parameter" in entry ? entry.parameter : entry.observable;
    if (reference && entry.quote) found.push({ name, reference, quote: entry.quote });
  }
  return found;
}
