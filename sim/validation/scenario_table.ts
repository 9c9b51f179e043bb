/**
 * The scenario validation rows as a text table: case, metric, theory, simulated mean with its
 * 95% interval over n replications, the bias bound, the relative error and the verdict (PASS;
 * PASS* when the theory is outside the plain 95% interval but inside the family-wise one;
 * FAIL; or `approx.` for an approximation, reported and not judged).
 *
 * @module
 */
import type { CasePlan, ScenarioRow } from "./scenario_validation.ts";

/** A number in 6 significant digits (exponent form when tiny). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6
    ? String(Number(x.toPrecision(6)))
    : x.toExponential(3);
}

/** Pads cells into aligned columns: the first `left` columns left-aligned, the rest right. */
export function alignColumns(header: string[], lines: string[][], left: number): string {
  const widths = header.map((h, i) =>
    lines.reduce((widest, line) => Math.max(widest, line[i].length), h.length)
  );
  const format = (cells: string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const out = [format(header), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const line of lines) out.push(format(line));
  return out.join("\n");
}

/**
 * The rows as a table.
 * @param rows Scenario validation rows.
 * @returns The table text (one line per row, with a header).
 */
export function scenarioTable(rows: readonly ScenarioRow[]): string {
  const header = ["case", "metric", "theory", "mean", "95% CI", "n", "bias", "rel_err", "verdict"];
  const lines = rows.map((r) => [
    r.case,
    r.metric,
    formatNumber(r.theory),
    formatNumber(r.mean),
    `[${formatNumber(r.ci_low)}, ${formatNumber(r.ci_high)}]`,
    String(r.n),
    r.bias > 0 ? formatNumber(r.bias) : "0",
    `${(100 * r.relative_error).toFixed(2)}%`,
    r.pass === null ? "approx." : r.pass ? (r.in_ci95 ? "PASS" : "PASS*") : "FAIL",
  ]);
  return alignColumns(header, lines, 2);
}

/**
 * One-line summary: exact checks passed, how many theory values fall outside the plain 95%
 * interval (about 5% expected by chance) and the approximations reported.
 * @param rows Scenario validation rows.
 * @returns The summary line.
 */
export function scenarioSummary(rows: readonly ScenarioRow[]): string {
  const exact = rows.filter((r) => r.kind === "exact");
  const passed = exact.filter((r) => r.pass).length;
  const outside = exact.filter((r) => !r.in_ci95).length;
  const approximations = rows.length - exact.length;
  return `${passed}/${exact.length} exact checks pass (family-wise 95%: Bonferroni over ` +
    `${exact.length}, plus the horizon's bias bound); ${outside} outside the plain 95% CI ` +
    `(PASS*; about ${(0.05 * exact.length).toFixed(1)} expected by chance); ` +
    `${approximations} approximation${approximations === 1 ? "" : "s"} reported`;
}

/**
 * One line per case: its name, what it checks, the analytic result, the file and the run size.
 * @param plans The cases as run.
 * @returns The legend text.
 */
export function scenarioLegend(plans: readonly CasePlan[]): string {
  return plans.map((plan) =>
    `${plan.case.name}: ${plan.case.title} — ${plan.theory.source}; ${plan.case.file}, ` +
    `${plan.replications} replications to ${formatNumber(plan.endSeconds)} s`
  ).join("\n");
}
