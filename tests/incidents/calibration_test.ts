/**
 * The incident calibration records (`data/calibration/*.json`): every number has a tag and a
 * source, reported figures are quoted and cite a reference, assumptions have a plausible range
 * that contains the value, derived values recompute from their formulas, and `data/sources.md`
 * lists every reported figure and assumption. (The references themselves:
 * `references_test.ts`; the quotes against the source articles: `seed_quotes_test.ts`.)
 */
import assert from "node:assert/strict";
import { errorFunction } from "simple-statistics";
import {
  type Calibration,
  calibrationProblems,
  evaluateFormula,
  listIncidents,
  quoteOccursIn,
  readCalibration,
  readReferences,
} from "../../sim/calibration/mod.ts";
import {
  documentedIncidents,
  GENERATED_MARKER,
  generatedSources,
  normalizeMarkdown,
} from "./sources_tables.ts";

const root = new URL("../../", import.meta.url);
const calibrationUrl = (incident: string) => new URL(`data/calibration/${incident}.json`, root);

const calibrations: Calibration[] = listIncidents().map((incident) =>
  readCalibration(calibrationUrl(incident))
);

Deno.test("quotes may join fragments with ...", () => {
  assert.ok(quoteOccursIn("a ... c", "A b C"));
  assert.ok(!quoteOccursIn("c ... a", "A b C"));
});

Deno.test("the formula evaluator handles precedence, parentheses, functions and errors", () => {
  assert.equal(evaluateFormula("1 + 2 * 3", {}), 7);
  assert.equal(evaluateFormula("(1 + 2) * 3", {}), 9);
  assert.equal(evaluateFormula("-a / (b - 1)", { a: 6, b: 4 }), -2);
  assert.equal(evaluateFormula("a - b - c", { a: 10, b: 3, c: 2 }), 5);
  assert.ok(Math.abs(evaluateFormula("ln(exp(2))", {}) - 2) < 1e-12);
  assert.equal(evaluateFormula("max(1, min(5, 3))", {}), 3);
  assert.throws(() => evaluateFormula("a + 1", {}), /unknown name a/);
  assert.throws(() => evaluateFormula("(1 + 2", {}), /expected "\)"/);
  assert.throws(() => evaluateFormula("1 + 2)", {}), /unexpected text/);
});

Deno.test("the shape checker catches a missing source, a value outside its range, a wrong formula and a reported figure without a reference", () => {
  const broken: Calibration = {
    incident: "x",
    title: "x",
    time_origin: "2020-01-01T00:00:00Z",
    summary: "x",
    parameters: [
      { parameter: "a", value: 2, unit: "1", tag: "reported", source: "", calibrates: "x" },
      {
        parameter: "b",
        value: 5,
        unit: "1",
        tag: "assumption",
        source: "judgement",
        range: [0, 4],
        reasoning: "r",
        if_wrong: "w",
        calibrates: "x",
      },
      {
        parameter: "c",
        value: 11,
        unit: "1",
        tag: "derived",
        source: "f",
        formula: "a * b",
        calibrates: "x",
      },
      {
        parameter: "d",
        value: 3,
        unit: "1",
        tag: "reported",
        source: "a newspaper",
        quote: "tre",
        calibrates: "x",
      },
    ],
    observables: [],
  };
  const problems = calibrationProblems(broken).join("\n");
  assert.match(problems, /a: source is missing/);
  assert.match(problems, /a: reported figure without quote/);
  assert.match(problems, /b: value 5 is outside its range \[0, 4\]/);
  assert.match(problems, /c: value 11 but formula a \* b gives 10/);
  assert.match(problems, /d: source "a newspaper" does not start with a reference/);
});

for (const calibration of calibrations) {
  Deno.test(`${calibration.incident}: calibration record is complete and consistent`, () => {
    assert.deepEqual(calibrationProblems(calibration), []);
    assert.ok(calibration.parameters.length > 0, "no parameters");
    assert.ok(calibration.observables.length > 0, "no observables");
    assert.ok(!Number.isNaN(Date.parse(calibration.time_origin)), "time_origin is not a date");
    const horizon = calibration.parameters.find((entry) => entry.parameter === "horizon_seconds");
    assert.ok(horizon, "no horizon_seconds parameter");
  });

  Deno.test(`${calibration.incident}: data/sources.md lists every reported figure and assumption`, () => {
    const sources = Deno.readTextFileSync(new URL("data/sources.md", root));
    const section = sources.split(/^## /m).find((part) =>
      part.split("\n")[0].includes(`\`${calibration.incident}\``)
    );
    assert.ok(
      section,
      `data/sources.md has no section whose heading names \`${calibration.incident}\``,
    );
    for (const entry of calibration.parameters) {
      if (entry.tag === "derived") continue;
      assert.ok(
        section.includes(`\`${entry.parameter}\``),
        `${entry.parameter} (${entry.tag}) is not in the ${calibration.incident} section`,
      );
    }
  });
}

Deno.test("bonus-mobilita-2020: the capped-share spend distribution gives the reported mean award", () => {
  const calibration = calibrations.find((entry) => entry.incident === "bonus-mobilita-2020")!;
  const value = (name: string) =>
    calibration.parameters.find((entry) => entry.parameter === name)!.value;
  const share = value("subsidy_share");
  const cap = value("award_cap_euro");
  const sd = value("spend_log_sd");
  const mu = Math.log(value("median_spend_euro"));
  // E[min(share·X, cap)] for X log-normal(mu, sd), in closed form.
  const phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));
  const z = (Math.log(cap / share) - mu) / sd;
  const mean = share * Math.exp(mu + sd * sd / 2) * phi(z - sd) + cap * (1 - phi(z));
  const reported = value("mean_award_euro");
  assert.ok(Math.abs(mean - reported) < 0.01 * reported, `mean award ${mean} vs ${reported}`);
});

Deno.test("data/sources.md's generated tables match the calibration records", () => {
  const text = Deno.readTextFileSync(new URL("data/sources.md", root));
  const parts = text.split(GENERATED_MARKER);
  assert.equal(parts.length, 2, "data/sources.md has no (or several) generated markers");
  assert.equal(
    normalizeMarkdown(parts[1]),
    normalizeMarkdown(
      generatedSources(
        documentedIncidents(root),
        readReferences(new URL("data/references.json", root)),
      ),
    ),
    "data/sources.md is stale: run tests/incidents/sources_tables.ts, then deno fmt",
  );
});
