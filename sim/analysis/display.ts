/**
 * Showing results in the Deno Jupyter kernel without helper cells: `show` displays a chart, a
 * table (an array of rows, as a markdown table), markdown text or anything else, and waits for
 * the kernel to flush it; `markdownTable` and `estimatesTable` build the tables as text.
 * Outside a kernel `show` prints plain text to stdout.
 *
 * @module
 */
import { JUPYTER_DISPLAY as DISPLAY } from "../charts/mod.ts";
import { describeMetrics, type EstimateRow } from "../table/mod.ts";
import { type AnalysisLang, num } from "./format.ts";

/** Markdown text that displays as markdown when it is a cell's value or given to `show`. */
export class Markdown {
  /** The markdown source. */
  readonly text: string;
  /** @param text markdown source */
  constructor(text: string) {
    this.text = text;
  }
  /** The Jupyter display bundle. */
  [DISPLAY](): Record<string, string> {
    return { "text/markdown": this.text, "text/plain": this.text };
  }
  /** The markdown source. */
  toString(): string {
    return this.text;
  }
}

/** Markdown for display: `md\`…\`` (a template tag) or `md("…")`. */
export function md(text: string | TemplateStringsArray, ...values: unknown[]): Markdown {
  if (typeof text === "string") return new Markdown(text);
  let joined = text.raw[0];
  for (let i = 0; i < values.length; i++) joined += String(values[i]) + text.raw[i + 1];
  return new Markdown(joined);
}

/** Options of {@link markdownTable}. */
export interface MarkdownTableOptions {
  /** Columns, in order (default: the keys of the first row). */
  columns?: string[];
  /** Decimals of numbers (default 3 significant-looking decimals: 2). */
  digits?: number;
  /** Language of number formatting (default English). */
  lang?: AnalysisLang;
}

function cell(value: unknown, digits: number, lang: AnalysisLang): string {
  if (typeof value === "number") return num(value, digits, lang);
  return String(value ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * Rows as a markdown table (numbers right-aligned and formatted with separators).
 *
 * @example
 * ```ts
 * import { markdownTable } from "./display.ts";
 * markdownTable([{ design: "base", served: 1234.5 }], { digits: 0 });
 * // "| design | served |\n| --- | ---: |\n| base | 1,235 |"
 * ```
 */
export function markdownTable(
  rows: readonly Record<string, unknown>[],
  options: MarkdownTableOptions = {},
): string {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const digits = options.digits ?? 2;
  const lang = options.lang ?? "en";
  const numeric = columns.map((c) =>
    rows.length > 0 && rows.every((r) => typeof r[c] === "number")
  );
  return [
    `| ${columns.join(" | ")} |`,
    `| ${numeric.map((n) => n ? "---:" : "---").join(" | ")} |`,
    ...rows.map((row) => `| ${columns.map((c) => cell(row[c], digits, lang)).join(" | ")} |`),
  ].join("\n");
}

/** Options of {@link estimatesTable}. */
export interface EstimatesTableOptions {
  /** Metrics, one column each (default: every metric in the rows). */
  metrics?: string[];
  /** Designs, one row each (default: every design, in table order). */
  designs?: string[];
  /** Decimals (default 0; shares below 1 get 3). */
  digits?: number;
  /** Show the confidence interval beside the mean (default true). */
  intervals?: boolean;
  /** Language of number formatting (default English). */
  lang?: AnalysisLang;
}

/**
 * Estimate (or difference) rows as a markdown table: one row per design, one column per
 * metric, each cell `mean [ci_low, ci_high]`.
 *
 * @throws Error naming the metric when a wanted metric is not in the rows.
 */
export function estimatesTable(
  rows: readonly EstimateRow[],
  options: EstimatesTableOptions = {},
): string {
  const lang = options.lang ?? "en";
  const metrics = options.metrics ?? [...new Set(rows.map((r) => r.metric))];
  const designs = options.designs ?? [...new Set(rows.map((r) => r.design))];
  for (const metric of metrics) {
    if (!rows.some((r) => r.metric === metric)) {
      const known = describeMetrics([...new Set(rows.map((r) => r.metric))], lang);
      throw new Error(`metric "${metric}" is not in the estimates; they hold:\n${known}`);
    }
  }
  const format = (x: number) => num(x, options.digits ?? (Math.abs(x) < 1 ? 3 : 0), lang);
  const table = designs.map((design) => {
    const out: Record<string, string> = { design };
    for (const metric of metrics) {
      const row = rows.find((r) => r.design === design && r.metric === metric);
      out[metric] = row === undefined
        ? ""
        : options.intervals === false
        ? format(row.mean)
        : `${format(row.mean)} [${format(row.ci_low)}, ${format(row.ci_high)}]`;
    }
    return out;
  });
  return markdownTable(table, { columns: ["design", ...metrics], lang });
}

/** True for an array of plain row objects. */
function isRowArray(item: unknown): item is Record<string, unknown>[] {
  return Array.isArray(item) && item.length > 0 &&
    item.every((row) => row !== null && typeof row === "object" && !Array.isArray(row));
}

/**
 * Displays a chart, a table (an array of rows → markdown table), markdown or anything else in
 * the Jupyter kernel, then waits for the kernel to flush it (0.25 s plus 1 s per million
 * characters): a large output can otherwise reach a headless runner after the cell is marked
 * finished and be dropped from the saved notebook. Outside a kernel: prints text to stdout.
 */
export async function show(item: unknown): Promise<void> {
  const shown = isRowArray(item) ? new Markdown(markdownTable(item)) : item;
  const display = (shown as Record<symbol, unknown> | null)?.[DISPLAY];
  const jupyter = (Deno as unknown as { jupyter?: JupyterApi }).jupyter;
  let bundle: Record<string, unknown> | undefined;
  if (typeof display === "function") bundle = await display.call(shown);
  if (!jupyter) {
    const text = bundle?.["text/markdown"] ?? bundle?.["text/plain"] ?? shown;
    console.log(typeof text === "string" ? text : Deno.inspect(text));
    return;
  }
  if (bundle) await jupyter.display(bundle, { raw: true });
  else await jupyter.display(shown);
  const characters = bundle ? JSON.stringify(bundle).length : 0;
  await new Promise((resolve) => setTimeout(resolve, 250 + characters / 1000));
}

/** The part of `Deno.jupyter` `show` uses. */
interface JupyterApi {
  display(value: unknown, options?: { raw?: boolean }): Promise<void>;
}
