/**
 * Incidents are data (`data/incidents/<incident>.json`, `sim/calibration/incident_descriptor.ts`):
 * the committed JSON Schema is the one generated from the zod schema and every descriptor
 * validates against it (ajv); one loader reads and checks them, and a missing or wrong field is
 * an error naming the file and the field; discovery refuses a calibration record without a
 * descriptor and a descriptor without a scenario; the measures (what each observable reads) take
 * the right numbers on a hand-made run; no module of `sim/` names an incident; and a sixth
 * incident made of data files alone is discovered next to the five.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import {
  calibrationProblems,
  describeMeasure,
  descriptorMeasures,
  estimateObservables,
  INCIDENT_SCHEMA_PATH,
  incidentCalibration,
  IncidentDescriptorError,
  incidentJsonSchemaText,
  listIncidents,
  loadIncident,
  measureReadsUntil,
  type MeasureSpec,
  type ObservedRun,
  probePlan,
  takeMeasure,
} from "../../sim/calibration/mod.ts";
import { designNames, parseScenario, resolveDesign } from "../../sim/model/mod.ts";
import {
  copyData,
  EXAMPLE_CALIBRATION,
  EXAMPLE_DESCRIPTOR,
  EXAMPLE_INCIDENT,
  writeExampleIncident,
} from "./example_incident.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const DATA_FOLDERS = ["scenarios", "calibration", "incidents", "convergence", "references.json"];

/** Runs `fn` with a fresh temporary folder, removed afterwards. */
function inTemporaryRoot(fn: (root: string) => void): void {
  const root = Deno.makeTempDirSync({ prefix: "clickday-incidents-" });
  try {
    fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** Writes the example incident with its descriptor replaced by `edit(copy)`. */
function writeEdited(root: string, edit: (descriptor: Record<string, unknown>) => void): void {
  writeExampleIncident(root);
  const descriptor = structuredClone(EXAMPLE_DESCRIPTOR) as Record<string, unknown>;
  edit(descriptor);
  Deno.writeTextFileSync(
    `${root}/data/incidents/${EXAMPLE_INCIDENT}.json`,
    JSON.stringify(descriptor, null, 2),
  );
}

/** The problems `loadIncident` throws for the example incident under `root`. */
function loadProblems(root: string): string {
  try {
    loadIncident(EXAMPLE_INCIDENT, root);
  } catch (error) {
    assert.ok(error instanceof IncidentDescriptorError, String(error));
    return error.message;
  }
  return assert.fail("the descriptor was accepted");
}

Deno.test("the committed incident JSON Schema is the one generated from the zod schema", () => {
  assert.deepEqual(
    JSON.parse(Deno.readTextFileSync(`${ROOT}/${INCIDENT_SCHEMA_PATH}`)),
    JSON.parse(incidentJsonSchemaText()),
    "regenerate with: deno run --allow-write=data sim/calibration/incident_descriptor.ts && " +
      "deno fmt data/schema",
  );
});

Deno.test("every descriptor points at the committed schema and validates against it (ajv)", () => {
  const schema = JSON.parse(Deno.readTextFileSync(`${ROOT}/${INCIDENT_SCHEMA_PATH}`));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  assert.equal(validate({ incident: "x" }), false, "the schema accepts anything");
  assert.equal(validate(EXAMPLE_DESCRIPTOR), true, JSON.stringify(validate.errors));
  for (const incident of listIncidents()) {
    const raw = JSON.parse(Deno.readTextFileSync(`${ROOT}/data/incidents/${incident}.json`));
    assert.equal(raw.$schema, "../schema/incident.schema.json", incident);
    assert.ok(validate(raw), `${incident}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  }
});

Deno.test("every incident has a descriptor that agrees with its scenario and calibration", () => {
  const incidents = listIncidents();
  assert.ok(incidents.length >= 5, `${incidents}`);
  for (const incident of incidents) {
    const descriptor = loadIncident(incident);
    assert.equal(descriptor.incident, incident);
    assert.equal(descriptor.time_origin, incidentCalibration(incident).time_origin);
    assert.deepEqual(
      Object.keys(descriptor.observables).sort(),
      incidentCalibration(incident).observables.map((entry) => entry.observable).sort(),
    );
  }
});

Deno.test("a missing or wrong descriptor field is an error naming the file and the field", () => {
  const file = `data/incidents/${EXAMPLE_INCIDENT}.json`;
  const cases: [string, (descriptor: Record<string, unknown>) => void, RegExp][] = [
    [
      "missing sensitivity scale",
      (d) => delete (d.run_plan as Record<string, unknown>).sensitivity_scale,
      /run_plan\.sensitivity_scale: missing/,
    ],
    [
      "missing designs",
      (d) => delete d.designs,
      /designs: missing/,
    ],
    [
      "a typo",
      (d) => (d.run_plan as Record<string, unknown>).replicatons = 3,
      /run_plan: Unrecognized key: "replicatons"/,
    ],
    [
      "unknown measure kind",
      (d) => {
        const observables = d.observables as Record<string, { measure: unknown }>;
        observables.vouchers_funded.measure = { kind: "median" };
      },
      /observables\.vouchers_funded\.measure\.kind/,
    ],
    [
      "a forgotten observable",
      (d) => delete (d.observables as Record<string, unknown>).exhaustion_hours_after_opening,
      /observables\.exhaustion_hours_after_opening: missing \(an observable of the calibration/,
    ],
    [
      "a forgotten design",
      (d) => delete (d.designs as Record<string, unknown>).lottery,
      /designs\.lottery: missing \(a design of data\/scenarios\/bonus-esempio-2099\.json\)/,
    ],
    [
      "a tier the scenario lacks",
      (d) => {
        const observables = d.observables as Record<string, { measure: unknown }>;
        observables.exhaustion_hours_after_opening.measure = {
          kind: "degraded_span",
          tier: "wallet",
          block_seconds: 600,
          below: 0.9,
          unit: "h",
          why: "a test",
        };
      },
      /observables\.exhaustion_hours_after_opening\.measure\.tier: "wallet" is not a tier/,
    ],
    [
      "a unit that is not the record's",
      (d) => {
        const observables = d.observables as Record<string, { measure: { unit: string } }>;
        observables.exhaustion_hours_after_opening.measure.unit = "s";
      },
      /measure\.unit: "s" but the calibration record's unit is "h"/,
    ],
    [
      "a metric outside the catalogue",
      (d) => {
        const observables = d.observables as Record<string, { measure: unknown }>;
        observables.vouchers_funded.measure = { kind: "summary", metric: "happiness" };
      },
      /measure\.metric: "happiness" is not a metric of the catalogue/,
    ],
    [
      "a placeholder that is no parameter",
      (d) => (d.report as { title: { en: string } }).title.en = "Bonus of {moon_phase}",
      /report\.title\.en: \{moon_phase\} is not a parameter/,
    ],
    [
      "another time origin",
      (d) => d.time_origin = "2099-03-01T09:00:00+01:00",
      /time_origin: "2099-03-01T09:00:00\+01:00" but data\/calibration\/bonus-esempio-2099\.json/,
    ],
    [
      "a sensitivity metric without words",
      (d) => d.sensitivity = { metric: "vouchers_funded", label: null },
      /sensitivity\.label: required/,
    ],
    [
      "the as-built as the alternative",
      (d) => (d.alternative as Record<string, unknown>).design = "base",
      /alternative\.design: "base" is not an alternative design/,
    ],
  ];
  for (const [what, edit, message] of cases) {
    inTemporaryRoot((root) => {
      writeEdited(root, edit);
      const problems = loadProblems(root);
      assert.ok(problems.startsWith(`${file}: `), `${what}: ${problems}`);
      assert.match(problems, message, what);
    });
  }
});

Deno.test("discovery refuses a calibration record without a descriptor and a descriptor without a scenario", () => {
  inTemporaryRoot((root) => {
    writeExampleIncident(root);
    Deno.removeSync(`${root}/data/incidents/${EXAMPLE_INCIDENT}.json`);
    assert.throws(
      () => listIncidents(root),
      /data\/calibration\/bonus-esempio-2099\.json has no descriptor data\/incidents\/bonus-esempio-2099\.json/,
    );
  });
  inTemporaryRoot((root) => {
    writeExampleIncident(root);
    Deno.removeSync(`${root}/data/scenarios/${EXAMPLE_INCIDENT}.json`);
    assert.throws(
      () => listIncidents(root),
      /bonus-esempio-2099: no scenario data\/scenarios\/bonus-esempio-2099\.json/,
    );
  });
  inTemporaryRoot((root) => {
    assert.deepEqual(listIncidents(root), [], "an empty folder has no incidents");
    assert.throws(
      () => loadIncident("nowhere", root),
      /data\/incidents\/nowhere\.json: no such file/,
    );
  });
});

/** A hand-made run: 4 bins of 60 s at scale 0.5. */
function fakeRun(): ObservedRun {
  const width = 60;
  const series = (metric: string, values: number[]) =>
    values.map((value, bin) => ({
      scenario: "x",
      design: "base",
      replication: 0,
      metric,
      bin_start: bin * width,
      bin_width: width,
      value,
    }));
  const summary = (metric: string, value: number) => ({
    scenario: "x",
    design: "base",
    replication: 0,
    metric,
    value,
  });
  return {
    result: {
      summaries: [
        summary("funded", 50),
        summary("citizens", 200),
        summary("budget_exhausted_at_s", 7_200),
        summary("technical_failure_share", 0.25),
      ],
      series: [
        ...series("offered_first_per_s", [1, 2, 3, 0]),
        ...series("offered_retry_per_s", [0, 1, 5, 0]),
        ...series("budget_remaining_euro", [100, 80, 40, 0]),
        ...series("tier_up:portal", [1, 1, 0.5, 1]),
      ],
      outcomes: [],
    } as unknown as ObservedRun["result"],
    probe: {
      binWidthSeconds: width,
      journeysCompleted: Float64Array.from([6, 12, 0, 3]),
      citizensStarting: Float64Array.from([10, 10, 10, 10]),
      citizensFirstSuccess: Float64Array.from([4, 4, 0, 1]),
      activeInWindow: [30],
      tiers: {
        portal: {
          arrivals: Float64Array.from([10, 10, 10, 10]),
          timely: Float64Array.from([10, 4, 10, 2]),
        },
      },
    },
    scale: 0.5,
    horizonSeconds: 240,
  };
}

Deno.test("each kind of measure reads the run as its description says", () => {
  const run = fakeRun();
  const cases: [MeasureSpec, number][] = [
    [{ kind: "count", of: "journeys", window: [60, null] }, 30],
    [{ kind: "count", of: "offered", window: [0, 120] }, (1 + 3) * 60 / 0.5],
    [{ kind: "peak_rate", of: "offered", window: [0, null] }, 16],
    [{ kind: "peak_rate", of: "journeys", window: [0, 120] }, 12 / 60 / 0.5],
    [{ kind: "active_citizens", window: [60, 180] }, 60],
    [{ kind: "summary", metric: "funded" }, 100],
    [{ kind: "summary", metric: "technical_failure_share" }, 0.25],
    [{ kind: "elapsed", metric: "budget_exhausted_at_s", since_seconds: 3_600, unit: "h" }, 1],
    [{ kind: "series_at", metric: "budget_remaining_euro", at_seconds: 130 }, 80],
    [{
      kind: "ratio",
      numerator: { kind: "summary", metric: "funded" },
      denominator: { kind: "summary", metric: "citizens" },
    }, 0.25],
    [
      { kind: "degraded_span", tier: "portal", block_seconds: 60, below: 0.5, unit: "s", why: "t" },
      180,
    ],
    [
      { kind: "first_failure", tier: "portal", block_seconds: 60, below: 0.5, unit: "s", why: "t" },
      60,
    ],
    [{
      kind: "sustained_shortfall",
      from_seconds: 60,
      block_seconds: 60,
      sustain_seconds: 120,
      below: 0.5,
      unit: "s",
      why: "t",
    }, 120],
  ];
  const plan = probePlan(cases.map(([measure]) => measure));
  assert.deepEqual(plan, { activeWindows: [[60, 180]], tiers: ["portal"] });
  for (const [measure, expected] of cases) {
    const value = takeMeasure(measure, run, plan);
    assert.ok(
      Math.abs(value - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
      `${describeMeasure(measure)}: ${value}, expected ${expected}`,
    );
  }
  assert.equal(measureReadsUntil({ kind: "count", of: "journeys", window: [0, 86_400] }), 86_400);
  assert.equal(measureReadsUntil({ kind: "summary", metric: "funded" }), Infinity);
  assert.equal(
    describeMeasure({ kind: "count", of: "journeys", window: [0, 86_400] }),
    "journeys completed in [0 s, 86,400 s) ÷ k",
  );
});

Deno.test("the probe records exactly what the descriptors' measures read", () => {
  const cashback = probePlan(descriptorMeasures(loadIncident("cashback-io-2020")));
  assert.deepEqual(cashback, { activeWindows: [[86_400, 172_800]], tiers: ["sia_wallet"] });
  const terme = probePlan(descriptorMeasures(loadIncident("bonus-terme-2021")));
  assert.deepEqual(terme, { activeWindows: [], tiers: ["platform"] });
});

Deno.test("no module of sim/ names an incident: what the code knows of one is in data/", () => {
  const names = listIncidents();
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of Deno.readDirSync(folder)) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.name.endsWith(".ts")) {
        // comments may give an incident as an example; code may not
        const code = Deno.readTextFileSync(path).replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/^\s*\/\/.*$/gm, "");
        for (const name of names) {
          if (code.includes(name)) found.push(`${path.slice(ROOT.length + 1)}: ${name}`);
        }
      }
    }
  };
  walk(`${ROOT}/sim`);
  assert.deepEqual(found, []);
});

Deno.test("a sixth incident made of data files alone is discovered, loaded and measured", () => {
  inTemporaryRoot((root) => {
    copyData(ROOT, root, DATA_FOLDERS);
    writeExampleIncident(root);
    const incidents = listIncidents(root);
    assert.deepEqual(incidents, [...listIncidents(), EXAMPLE_INCIDENT].sort());
    const descriptor = loadIncident(EXAMPLE_INCIDENT, root);
    assert.equal(descriptor.run_plan.scale, 0.5);
    assert.deepEqual(calibrationProblems(incidentCalibration(EXAMPLE_INCIDENT, root)), []);
    const scenario = parseScenario(
      JSON.parse(Deno.readTextFileSync(`${root}/data/scenarios/${EXAMPLE_INCIDENT}.json`)),
    );
    assert.deepEqual(designNames(scenario), Object.keys(EXAMPLE_DESCRIPTOR.designs));
    for (const design of designNames(scenario)) resolveDesign(scenario, design);
    const estimates = estimateObservables(EXAMPLE_INCIDENT, {
      root,
      scale: descriptor.run_plan.scale,
      replications: 1,
      design: "portal-x4",
    });
    assert.deepEqual(
      estimates.map((estimate) => estimate.observable),
      EXAMPLE_CALIBRATION.observables.map((entry) => entry.observable),
    );
    for (const estimate of estimates) {
      assert.ok(estimate.values.every(Number.isFinite), JSON.stringify(estimate));
    }
  });
});

Deno.test("the README's example descriptor is the example incident's", () => {
  const readme = Deno.readTextFileSync(`${ROOT}/README.md`);
  const block = /### Adding a click day[\s\S]*?```jsonc\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'README.md has no jsonc example under "Adding a click day"');
  const json = block[1].replace(/\/\/.*$/gm, "");
  assert.deepEqual(JSON.parse(json), EXAMPLE_DESCRIPTOR);
});
