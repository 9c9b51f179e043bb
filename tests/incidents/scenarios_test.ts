/**
 * The incident scenario files (`data/scenarios/<incident>.json`): each validates with the
 * scenario module (base and every design), has an as-built base and at least two named
 * alternatives, every numeric field (designs included) carries a source or an assumption, and
 * every number that cites its calibration record (`[cal:name]`, `[= formula]`) agrees with it.
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { listProvenance, unsourcedNumbers } from "../../sim/scenario/mod.ts";
import {
  designNames,
  parseScenario,
  resolveDesign,
  scenarioJsonSchema,
} from "../../sim/model/mod.ts";
import { evaluateFormula, listIncidents, readCalibration } from "../../sim/calibration/mod.ts";

const root = new URL("../../", import.meta.url);

/** Relative agreement required between a scenario number and its calibration value. */
const AGREEMENT = 0.01;

const CALIBRATION_REFERENCE = /\[cal:([a-z0-9_]+)\]/g;
const FORMULA_REFERENCE = /\[= ([^\]]+)\]/g;

function readScenario(incident: string): unknown {
  return JSON.parse(Deno.readTextFileSync(new URL(`data/scenarios/${incident}.json`, root)));
}

function agrees(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= AGREEMENT * Math.max(Math.abs(expected), 1e-12) ||
    (Number.isInteger(actual) && Math.abs(actual - expected) <= 0.5);
}

/** The calibration values of an incident by parameter name. */
function calibrationValues(incident: string): Record<string, number> {
  const calibration = readCalibration(new URL(`data/calibration/${incident}.json`, root));
  return Object.fromEntries(calibration.parameters.map((entry) => [entry.parameter, entry.value]));
}

for (const incident of listIncidents()) {
  Deno.test(`${incident}: validates with the scenario module, base and every design`, () => {
    const raw = readScenario(incident);
    const scenario = parseScenario(raw);
    assert.equal(scenario.name, incident);
    const designs = designNames(scenario);
    assert.ok(designs.length >= 3, `needs the as-built base and ≥2 alternatives: ${designs}`);
    for (const design of designs) resolveDesign(scenario, design);
  });

  Deno.test(`${incident}: every numeric field carries a source or an assumption`, () => {
    const raw = readScenario(incident);
    const bare = unsourcedNumbers(raw).map((entry) => `${entry.path} = ${entry.value}`);
    assert.deepEqual(bare, [], `numbers without provenance:\n${bare.join("\n")}`);
  });

  Deno.test(`${incident}: numbers citing the calibration record agree with it`, () => {
    const raw = readScenario(incident);
    const values = calibrationValues(incident);
    let cited = 0;
    for (const entry of listProvenance(raw)) {
      const text = entry.source ?? entry.assumption ?? "";
      for (const match of text.matchAll(CALIBRATION_REFERENCE)) {
        cited++;
        const name = match[1];
        assert.ok(name in values, `${entry.path}: [cal:${name}] is not in the calibration`);
        assert.ok(
          agrees(entry.value, values[name]),
          `${entry.path} = ${entry.value} but calibration ${name} = ${values[name]}`,
        );
      }
      for (const match of text.matchAll(FORMULA_REFERENCE)) {
        cited++;
        const expected = evaluateFormula(match[1], values);
        assert.ok(
          agrees(entry.value, expected),
          `${entry.path} = ${entry.value} but ${match[1]} = ${expected}`,
        );
      }
    }
    assert.ok(cited > 0, "no number cites the calibration record");
  });

  Deno.test(`${incident}: the horizon comes from the calibration record`, () => {
    const raw = readScenario(incident);
    const values = calibrationValues(incident);
    const horizon = listProvenance(raw).find((entry) => entry.path === "horizon_seconds");
    assert.ok(horizon, "no horizon_seconds");
    assert.equal(horizon.value, values.horizon_seconds);
  });
}

Deno.test("every incident scenario points at the committed JSON Schema", () => {
  for (const incident of listIncidents()) {
    const raw = readScenario(incident) as { $schema?: string };
    assert.equal(raw.$schema, "../schema/scenario.schema.json", incident);
    const schemaUrl = new URL(raw.$schema, new URL(`data/scenarios/${incident}.json`, root));
    assert.ok(Deno.statSync(schemaUrl).isFile, `${incident}: ${raw.$schema} does not exist`);
  }
});

Deno.test("every incident scenario validates against the scenario JSON Schema (ajv)", () => {
  // The schema as the scenario module generates it (the committed copy is kept in step with it
  // by tests/scenario); an independent validator guards against zod-only leniency.
  const schema = scenarioJsonSchema();
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  assert.equal(validate({ name: "x", horizon_seconds: -1 }), false, "the schema accepts anything");
  for (const incident of listIncidents()) {
    const valid = validate(readScenario(incident));
    assert.ok(valid, `${incident}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  }
});
