/**
 * The report's HTML page: one self-contained file (styles and scripts inlined, no network
 * request) with a print stylesheet so printing to PDF from a browser gives a clean document.
 *
 * @module
 */
import type { Language } from "./numbers.ts";

/** One section of the report. */
export interface ReportSection {
  /** Anchor id, e.g. `"cashback-io-2020"`. */
  id: string;
  /** Section heading (plain text). */
  heading: string;
  /** Section body (trusted HTML built by the report modules). */
  html: string;
}

/** Everything the page needs. */
export interface PageContent {
  /** Language of the page (`lang` attribute, labels). */
  language: Language;
  /** Title of the report. */
  title: string;
  /** Subtitle line (date, version, replications). */
  subtitle: string;
  /** Sections in reading order; a table of contents is built from them. */
  sections: ReportSection[];
  /** Inline scripts (e.g. the plotly bundle, once) placed before the sections. */
  headScripts?: string[];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

const STYLE = `
:root { --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --accent: #0072B2; --bg-note: #f4f6f8; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; line-height: 1.5; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
h3 { margin-top: 1.6rem; } .subtitle { color: var(--muted); margin: 0 0 1.5rem; }
nav.toc { background: var(--bg-note); padding: .75rem 1rem; border-radius: 6px; }
nav.toc ol { margin: .25rem 0 0 1.2rem; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.25rem 0; page-break-inside: avoid; break-inside: avoid; }
figure img, figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .35rem; }
.finding { background: var(--bg-note); border-left: 4px solid var(--accent); padding: .6rem .9rem; margin: 1rem 0; }
.source { color: var(--muted); font-size: .85rem; }
.table-scroll { overflow-x: auto; } table.compact { font-size: .85rem; }
ul.designs li { margin-bottom: .25rem; }
.interactive { display: block; } .static-chart { display: none; }
code { overflow-wrap: anywhere; }
.chart, .interactive, .js-plotly-plot { max-width: 100%; overflow-x: auto; }
@media screen and (max-width: 700px) {
  body { padding: 1rem .75rem 3rem; }
  table { display: block; overflow-x: auto; max-width: 100%; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  .interactive { display: none !important; } .static-chart { display: block !important; }
  h2 { page-break-before: always; break-before: page; } h2.first { page-break-before: avoid; break-before: avoid; }
  a { color: inherit; text-decoration: none; }
  .table-scroll { overflow: visible; } table.compact { font-size: 8.5pt; }
  table, figure, .finding { page-break-inside: avoid; break-inside: avoid; }
}`;

/** Renders the complete HTML document. */
export function renderPage(content: PageContent): string {
  const tocLabel = content.language === "it" ? "Indice" : "Contents";
  const toc = content.sections.map((section) =>
    `<li><a href="#${escapeHtml(section.id)}">${escapeHtml(section.heading)}</a></li>`
  ).join("");
  const body = content.sections.map((section, index) =>
    `<section id="${escapeHtml(section.id)}"><h2${index === 0 ? ' class="first"' : ""}>${
      escapeHtml(section.heading)
    }</h2>\n${section.html}</section>`
  ).join("\n");
  const scripts = (content.headScripts ?? []).map((script) =>
    `<script>${script.replaceAll("</script", "<\\/script")}</script>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="${content.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>${escapeHtml(content.title)}</title>
<style>${STYLE}</style>
${scripts}
</head>
<body>
<header><h1>${escapeHtml(content.title)}</h1><p class="subtitle">${
    escapeHtml(content.subtitle)
  }</p></header>
<nav class="toc"><strong>${tocLabel}</strong><ol>${toc}</ol></nav>
${body}
</body>
</html>
`;
}
