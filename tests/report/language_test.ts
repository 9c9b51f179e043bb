/**
 * One language per report. The calibration records are written in English; the Italian report
 * shows them through `data/translations/<incident>.it.json`. Two checks:
 *
 * 1. every English text of every incident's record that the report can show has an Italian
 *    translation, and no translation is left over from an edited English text;
 * 2. every unit the records, the incident descriptors and the metric catalogue use reads in
 *    Italian (a symbol such as s or € reads the same), and the Italian report shows no unit in
 *    English;
 * 3. a report of a small project (decreto flussi: its own run, tornado and metastability map)
 *    written in Italian and in English shares no sentence of five words or more, once
 *    citations (publisher and original headline), original-language quotes («…») and code
 *    (parameter and design names) are set aside: an English template or record text left in
 *    the Italian page, or the reverse, appears in both.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  listIncidents,
  loadProseTranslations,
  readCalibration,
  translationProblems,
} from "../../sim/calibration/mod.ts";
import { LANGUAGE_NEUTRAL_UNITS, UNIT_WORDS_IT } from "../../sim/report/mod.ts";
import { SERIES_METRICS, SUMMARY_METRICS } from "../../sim/table/mod.ts";
import { copyData, copyIncident } from "../incidents/example_incident.ts";
import { reportInProject } from "./report_in_project.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const SMALL_INCIDENT = "decreto-flussi-2023";

Deno.test("every incident's record prose has an Italian translation, none stale", () => {
  const problems: string[] = [];
  for (const incident of listIncidents(ROOT)) {
    const record = readCalibration(new URL(`file://${ROOT}/data/calibration/${incident}.json`));
    for (
      const problem of translationProblems(record, loadProseTranslations(incident, "it", ROOT))
    ) {
      problems.push(`${incident}: ${problem}`);
    }
  }
  assert.deepEqual(problems, []);
});

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&nbsp;": " ",
};

/**
 * The sentences a reader sees (five words or more), without citations, quotes, code, charts
 * and scripts.
 */
export function visibleSentences(html: string): string[] {
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<svg[\s\S]*?<\/svg>/g, " ")
    .replace(/<a\b[\s\S]*?<\/a>/g, " ")
    .replace(/<code>[\s\S]*?<\/code>/g, " ")
    .replace(/<[^>]+>/g, "\n")
    .replace(/&[a-z#0-9]+;/g, (entity) => ENTITIES[entity] ?? " ")
    .replace(/«[^»]*»/g, " ");
  return text.split(/[\n.;:!?()]+/)
    .map((piece) => piece.replace(/\s+/g, " ").trim())
    .filter((piece) => (piece.match(/\p{L}{2,}/gu) ?? []).length >= 5);
}

/** Every `unit` field in a JSON value. */
function unitsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) { for (const item of value) unitsIn(item, into); }
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "unit" && typeof item === "string") into.add(item);
      else unitsIn(item, into);
    }
  }
  return into;
}

Deno.test("every unit the data and the metric catalogue use reads in Italian", () => {
  const units = new Set<string>();
  for (const folder of ["calibration", "incidents"]) {
    for (const entry of Deno.readDirSync(`${ROOT}/data/${folder}`)) {
      if (!entry.name.endsWith(".json")) continue;
      unitsIn(JSON.parse(Deno.readTextFileSync(`${ROOT}/data/${folder}/${entry.name}`)), units);
    }
  }
  for (const catalogue of [SERIES_METRICS, SUMMARY_METRICS]) {
    for (const metric of Object.values(catalogue)) units.add(metric.unit);
  }
  const untranslated = [...units].filter((unit) =>
    !LANGUAGE_NEUTRAL_UNITS.has(unit) && UNIT_WORDS_IT[unit] === undefined
  );
  assert.deepEqual(untranslated, [], "add them to UNIT_WORDS_IT in sim/report/unit_words.ts");
  assert.ok(units.has("citizens") && units.has("requests/s"), "units were read");
});

Deno.test("visibleSentences keeps prose and sets aside quotes, citations and code", () => {
  const sentences = visibleSentences(
    `<p>The service stays degraded to the end of the day. «in coda centinaia di migliaia di ` +
      `utenti» <a href="x">Punto Informatico, 9 novembre 2021, «Bonus terme, piattaforma ko»</a>` +
      `<code>spend_log_sd</code></p><script>var the = "long english words here now";</script>`,
  );
  assert.deepEqual(sentences, ["The service stays degraded to the end of the day"]);
});

async function report(root: string, out: string, language: "it" | "en") {
  await reportInProject(root, out, ["--quiet", "--reps", "2", "--lang", language]);
  return await Deno.readTextFile(`${out}/index.html`);
}

Deno.test({
  name: "the Italian and the English report share no sentence",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const root = await Deno.makeTempDir({ prefix: "clickday-language-" });
    try {
      copyData(ROOT, root, ["references.json"]);
      copyIncident(ROOT, root, SMALL_INCIDENT);
      const italian = await report(root, `${root}/out/it`, "it");
      const english = await report(root, `${root}/out/en`, "en");
      const italianText = visibleSentences(italian).join("\n");
      const englishText = visibleSentences(english).join("\n");
      const inBoth = (
        sentences: string[],
        other: string,
      ) => [...new Set(sentences.filter((sentence) => other.includes(sentence)))];
      assert.deepEqual(
        inBoth(visibleSentences(english), italianText),
        [],
        "English in the Italian report",
      );
      assert.deepEqual(
        inBoth(visibleSentences(italian), englishText),
        [],
        "Italian in the English report",
      );
      const shownUnits = (page: string) =>
        [...page.matchAll(/<span class="source">([^<]*)<\/span><\/td>/g)].map((match) => match[1]);
      const englishUnits = new Set(Object.keys(UNIT_WORDS_IT));
      assert.ok(shownUnits(english).some((unit) => englishUnits.has(unit)), "no unit found");
      assert.deepEqual(
        shownUnits(italian).filter((unit) => englishUnits.has(unit)),
        [],
        "units in English in the Italian report",
      );
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
