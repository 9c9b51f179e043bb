/**
 * `deno task validate`: runs every validation case at full size and prints a table (case,
 * theory, simulated mean, 99.9% CI, relative half-width, pass), or with `--json` the rows as a
 * JSON array of `{case, metric, theory, mean, ci_low, ci_high, pass, ...}`. Options:
 * `--size=<fraction>` (default 1), `--seed=<integer>` (default 1), `--only=<text>` (cases whose
 * name contains the text). Exits 1 if any row fails.
 *
 * @module
 */
import { VALIDATION_CASES } from "./cases.ts";
import { evaluate, type ValidationRow } from "./replicate.ts";

function option(name: string, fallback: number): number {
  const argument = Deno.args.find((a) => a.startsWith(`--${name}=`));
  if (argument === undefined) return fallback;
  const value = Number(argument.slice(name.length + 3));
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`--${name} must be a positive number, got ${argument}`);
  }
  return value;
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(5) : x.toExponential(4);
}

function printTable(rows: ValidationRow[]): void {
  const header = ["case", "metric", "theory", "mean", "ci_low", "ci_high", "rel_hw", "pass"];
  const lines = rows.map((r) => [
    r.case,
    r.metric,
    formatNumber(r.theory),
    formatNumber(r.mean),
    formatNumber(r.ci_low),
    formatNumber(r.ci_high),
    `${(100 * r.relative_half_width).toFixed(2)}%`,
    r.pass ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) =>
    lines.reduce((widest, l) => Math.max(widest, l[i].length), h.length)
  );
  const format = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

if (import.meta.main) {
  const size = option("size", 1);
  const seed = option("seed", 1);
  const json = Deno.args.includes("--json");
  const rows: ValidationRow[] = [];
  const started = performance.now();
  const only = Deno.args.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const cases = VALIDATION_CASES.filter((c) => only === undefined || c.name.includes(only));
  for (const validationCase of cases) {
    const caseStarted = performance.now();
    for (const result of validationCase.run(size, seed)) rows.push(evaluate(result, size));
    if (!json) {
      console.error(
        `${validationCase.name}: ${((performance.now() - caseStarted) / 1000).toFixed(1)} s`,
      );
    }
  }
  if (json) console.log(JSON.stringify(rows, null, 2));
  else {
    printTable(rows);
    const failed = rows.filter((r) => !r.pass).length;
    console.log(
      `\n${rows.length - failed}/${rows.length} pass (99.9% Student-t CI over replications, ` +
        `half-width ≤ ${(100 * rows[0].allowed_relative_half_width).toFixed(1)}% of theory) ` +
        `in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  if (rows.some((r) => !r.pass)) Deno.exit(1);
}
