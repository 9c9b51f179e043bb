/**
 * The citation formatter (`sim/report/citations.ts`): "outlet, date, «headline»" in Italian and
 * English, approximate and missing dates, the outlet fallbacks, and every cited reference of the
 * bibliography renders.
 */
import assert from "node:assert/strict";
import type { Reference } from "../../sim/calibration/mod.ts";
import { readReferences } from "../../sim/calibration/mod.ts";
import { citationMarkdown, formatCitation, formatCslDate } from "../../sim/report/citations.ts";

const article: Reference = {
  id: "sole24ore-2020-04-01-inps-tilt",
  type: "article-newspaper",
  title: "Il sito dell’Inps va in tilt. Da oggi accesso scaglionato",
  "container-title": "Il Sole 24 Ore – Quotidiano del Lavoro",
  issued: { "date-parts": [[2020, 4, 1]] },
  URL: "http://quotidianolavoro.ilsole24ore.com/art/x.php",
  accessed: { "date-parts": [[2026, 11, 24]] },
  language: "it",
};

Deno.test("a citation is outlet, date, «headline», in Italian or English", () => {
  assert.equal(
    formatCitation(article, "it"),
    "Il Sole 24 Ore – Quotidiano del Lavoro, 1 aprile 2020, " +
      "«Il sito dell’Inps va in tilt. Da oggi accesso scaglionato»",
  );
  assert.equal(
    formatCitation(article, "en"),
    "Il Sole 24 Ore – Quotidiano del Lavoro, 1 April 2020, " +
      "«Il sito dell’Inps va in tilt. Da oggi accesso scaglionato»",
  );
});

Deno.test("dates: partial, approximate and missing", () => {
  assert.equal(
    formatCslDate({ "date-parts": [[2020, 11]], circa: true }, "it"),
    "ca. novembre 2020",
  );
  assert.equal(
    formatCslDate({ "date-parts": [[2020, 11]], circa: true }, "en"),
    "c. November 2020",
  );
  assert.equal(formatCslDate({ "date-parts": [[2021]] }, "en"), "2021");
  assert.equal(formatCslDate({ literal: "n.d." }, "it"), "s.d.");
  assert.equal(formatCslDate(undefined, "en"), "n.d.");
});

Deno.test("the outlet falls back to the publisher, then says it is unknown", () => {
  const software: Reference = {
    ...article,
    "container-title": undefined,
    publisher: "PagoPA S.p.A.",
    title: "io-backend: README",
    issued: { "date-parts": [[2023, 6, 27]] },
  };
  assert.equal(formatCitation(software, "en"), "PagoPA S.p.A., 27 June 2023, «io-backend: README»");
  const unknown: Reference = { ...article, "container-title": undefined, URL: undefined };
  assert.match(formatCitation(unknown, "it"), /^testata non identificata, 1 aprile 2020, «/);
  assert.equal(citationMarkdown(unknown, "it"), formatCitation(unknown, "it"));
});

Deno.test("markdown links to the page and escapes brackets of supplied titles", () => {
  const supplied: Reference = { ...article, title: "[Hearing of the INPS president]" };
  assert.equal(
    citationMarkdown(supplied, "en"),
    "[Il Sole 24 Ore – Quotidiano del Lavoro, 1 April 2020, «\\[Hearing of the INPS president\\]»]" +
      "(http://quotidianolavoro.ilsole24ore.com/art/x.php)",
  );
});

Deno.test("every reference of the bibliography renders in both languages", () => {
  const references = readReferences(new URL("../../data/references.json", import.meta.url));
  for (const reference of references) {
    for (const language of ["it", "en"] as const) {
      const text = formatCitation(reference, language);
      assert.ok(text.endsWith(`«${reference.title}»`), `${reference.id}: ${text}`);
      assert.ok(!text.includes("undefined"), `${reference.id}: ${text}`);
    }
  }
});
