import assert from "node:assert/strict";
import fc from "fast-check";
import {
  checkLang,
  formatDuration,
  formatEuro,
  formatNumber,
  formatPercent,
  formatSignificant,
  italianArticle,
  metricLabel,
  percentWithArticle,
  timeUnitFor,
} from "../../sim/charts/labels.ts";
import { wrapText } from "../../sim/charts/plotly_figure.ts";
import { estimateTextWidth } from "../../sim/charts/render_svg.ts";

Deno.test("numbers are formatted per locale: 12.000 in Italian, 12,000 in English", () => {
  assert.equal(formatNumber(12000, "it"), "12.000");
  assert.equal(formatNumber(12000, "en"), "12,000");
  assert.equal(formatNumber(1234, "it"), "1.234", "4-digit numbers are grouped too");
  assert.equal(formatNumber(3.45, "it", 1), "3,5");
  assert.equal(formatSignificant(12087, "en"), "12,100");
  assert.equal(formatSignificant(12087, "it"), "12.100");
  assert.equal(formatSignificant(0.01234, "en"), "0.0123");
  assert.equal(formatPercent(0.61, "en"), "61%");
  assert.match(formatEuro(1_500_000, "it"), /^1\.500\.000\s€$/);
  assert.equal(formatEuro(1_500_000, "en"), "€1,500,000");
});

Deno.test("durations use the most readable unit", () => {
  assert.equal(formatDuration(45, "en"), "45 s");
  assert.equal(formatDuration(1800, "it"), "30 min");
  assert.equal(formatDuration(7500, "en"), "2 h 05 min");
  assert.deepEqual(timeUnitFor(200), { secondsPerUnit: 1, symbol: "s" });
  assert.deepEqual(timeUnitFor(3600), { secondsPerUnit: 60, symbol: "min" });
  assert.deepEqual(timeUnitFor(86400), { secondsPerUnit: 3600, symbol: "h" });
});

Deno.test("Italian percentages take the right article", () => {
  assert.equal(percentWithArticle(0.33, "it"), "il 33%");
  assert.equal(percentWithArticle(0.85, "it"), "l'85%");
  assert.equal(percentWithArticle(0.08, "it"), "l'8%");
  assert.equal(percentWithArticle(0.11, "it"), "l'11%");
  assert.equal(percentWithArticle(0.01, "it"), "l'1%");
  assert.equal(percentWithArticle(0.18, "it"), "il 18%");
  assert.equal(percentWithArticle(0.85, "en"), "85%");
  assert.equal(italianArticle("11.000"), "l'");
  assert.equal(italianArticle("110"), "il");
});

Deno.test("lang accepts it and en only, defaulting to Italian", () => {
  assert.equal(checkLang(undefined), "it");
  assert.equal(checkLang("en"), "en");
  assert.throws(() => checkLang("fr"), /lang: "fr" is not a chart language; use "it" or "en"/);
});

Deno.test("metric labels come from the catalogue, with the tier", () => {
  assert.equal(metricLabel("queue_length:app", "it"), "Lunghezza della coda (app)");
  assert.equal(metricLabel("queue_length:app", "en"), "Queue length (app)");
  assert.equal(metricLabel("not_a_metric", "en"), "not_a_metric");
});

Deno.test("wrapText keeps every word, in order, within the width unless a word is longer", () => {
  fc.assert(
    fc.property(
      fc.array(fc.stringMatching(/^[a-z]{1,15}$/), { maxLength: 40 }),
      fc.integer({ min: 5, max: 100 }),
      (words, width) => {
        const lines = wrapText(words.join(" "), width);
        assert.deepEqual(lines.join(" ").split(" ").filter((word) => word), words);
        for (const line of lines) {
          assert.ok(line.length <= width || !line.includes(" "), `line too long: ${line}`);
        }
      },
    ),
  );
});

Deno.test("text width estimates grow with length and boldness", () => {
  assert.ok(estimateTextWidth("mmmm", 12) > estimateTextWidth("iiii", 12));
  assert.ok(estimateTextWidth("Title", 12, true) > estimateTextWidth("Title", 12));
  assert.equal(estimateTextWidth("", 12), 0);
});
