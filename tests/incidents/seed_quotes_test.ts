/**
 * Optional developer check, not part of what the project guarantees to its users: the quotes
 * taken from the five Italian articles the project was first built from occur in them verbatim.
 * The articles are not part of the project and nothing in it needs them; a developer who has their
 * text files at hand names their folder in the environment variable `CLICKDAY_SEEDS_DIR` and gets
 * the check; everyone else sees it skipped, which is expected and needs no action. The other
 * quotes (of the articles the project cites by address) are not checked against their pages;
 * `references_test.ts` checks only that each quote shows its figure. This file is the only place
 * that maps a reference key to an article's file name (`references_test.ts` keeps every other
 * file free of them).
 */
import assert from "node:assert/strict";
import {
  type Calibration,
  listIncidents,
  quoteOccursIn,
  readCalibration,
  readReferences,
  referenceQuotes,
} from "../../sim/calibration/mod.ts";

const root = new URL("../../", import.meta.url);

/** Reference id of each source article → its file name in the folder of articles. */
export const SEED_ARTICLES: Record<string, string> = {
  "punto-informatico-2021-11-09-bonus-terme": "000_348fb0dbf1a9fbc4.txt",
  "positanonews-2020-12-07-crash-back": "001_441991a5f130e7cd.txt",
  "quifinanza-2020-12-08-app-io-tilt": "002_9be6acf66fbbe09d.txt",
  "news-2020-12-08-cashback-cosa-non-va": "003_2fa17501531dfe5b.txt",
  "nextquotidiano-2020-12-07-app-io": "004_5bd7b3c1c4b3a183.txt",
};

/** The folder of articles named by `CLICKDAY_SEEDS_DIR`, if it exists (developers only). */
function seedsDirectory(): URL | undefined {
  let folder: string | undefined;
  try {
    folder = Deno.env.get("CLICKDAY_SEEDS_DIR");
  } catch {
    return undefined; // no permission to read the environment: skip
  }
  if (!folder) return undefined;
  const url = new URL(folder.endsWith("/") ? folder : `${folder}/`, `file://${Deno.cwd()}/`);
  try {
    return Deno.statSync(url).isDirectory ? url : undefined;
  } catch {
    return undefined;
  }
}

const directory = seedsDirectory();
const calibrations: Calibration[] = listIncidents().map((incident) =>
  readCalibration(new URL(`data/calibration/${incident}.json`, root))
);

Deno.test("the source articles are references of the bibliography, and every one is quoted", () => {
  const ids = new Set(readReferences(new URL("data/references.json", root)).map((r) => r.id));
  for (const id of Object.keys(SEED_ARTICLES)) assert.ok(ids.has(id), `${id} is not a reference`);
  const quoted = new Set(
    calibrations.flatMap(referenceQuotes).map((quote) => quote.reference).filter((id) =>
      id in SEED_ARTICLES
    ),
  );
  assert.deepEqual([...quoted].toSorted(), Object.keys(SEED_ARTICLES).toSorted());
});

for (const calibration of calibrations) {
  Deno.test(`${calibration.incident}: quotes occur verbatim in the source articles (optional developer check, skipped where the articles are not at hand)`, () => {
    if (!directory) {
      console.log(
        "optional developer check skipped: the source articles are not part of the project " +
          "(expected; nothing to do)",
      );
      return;
    }
    for (const { name, reference, quote } of referenceQuotes(calibration)) {
      const file = SEED_ARTICLES[reference];
      if (!file) continue;
      const text = Deno.readTextFileSync(new URL(file, directory));
      assert.ok(
        quoteOccursIn(quote, text),
        `${name}: "${quote}" not found in ${reference} (${file})`,
      );
    }
  });
}
