/**
 * Calibration re-checked where the scale changes: every incident's convergence study holds its
 * reported observables measured at the scale the report runs and at full scale, against the
 * calibration record and the scenario as they are now (a changed band, a new observable or a
 * changed scenario value makes the stored check stale and fails here); the stored check is what
 * `checkCalibration` computes today (recomputed for the cheapest incident); an observable
 * outside its band at the report's scale is named in the method and in the incident's section.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  incidentCalibration,
  incidentScenarioJson,
  listIncidents,
} from "../../sim/calibration/mod.ts";
import { scenarioFingerprint } from "../../sim/model/mod.ts";
import { checkCalibration } from "../../sim/report/calibration_check.ts";
import {
  calibrationCaution,
  calibrationCheckMethod,
} from "../../sim/report/calibration_check_section.ts";
import type { CalibrationCheck, ConvergenceStudy } from "../../sim/report/convergence.ts";
import { readConvergence } from "../../sim/report/incidents.ts";
import { StatedNumbers } from "../../sim/report/numbers.ts";
import { runConvergenceCommand } from "../../sim/report/convergence_cli.ts";
import { UsageError } from "../../sim/experiment/mod.ts";
import { EXAMPLE_INCIDENT, writeExampleIncident } from "../incidents/example_incident.ts";
import type { IncidentReport } from "../../sim/report/sections.ts";

const studies = new Map<string, ConvergenceStudy>();
for (const incident of listIncidents()) {
  const study = await readConvergence(incident);
  if (study !== undefined) studies.set(incident, study);
}

Deno.test("every incident's calibration is re-checked at the report's scale and at full scale, against its current record", () => {
  for (const incident of listIncidents()) {
    const study = studies.get(incident);
    assert.ok(study, `${incident}: no convergence study (deno task convergence)`);
    const record = incidentCalibration(incident);
    for (const k of new Set([study.report_k, 1])) {
      const check: CalibrationCheck | undefined = study.calibration_checks?.find((entry) =>
        entry.k === k
      );
      assert.ok(
        check,
        `${incident}: no calibration check at k = ${k} ` +
          `(deno task convergence --incident ${incident} --observables-at ${k})`,
      );
      assert.deepEqual(
        check.observables.map((entry) => [entry.observable, entry.reported, entry.accept]),
        record.observables.map((entry) => [entry.observable, entry.value, entry.accept]),
        `${incident}: the check at k = ${k} is stale: the record's observables or bands changed`,
      );
      assert.equal(
        check.scenario_fingerprint,
        scenarioFingerprint(incidentScenarioJson(incident)),
        `${incident}: the check at k = ${k} is stale: the scenario's values changed since it ran`,
      );
      for (const entry of check.observables) {
        if (entry.inside === null) continue;
        assert.equal(
          entry.inside,
          entry.accept[0] <= entry.mean && entry.mean <= entry.accept[1],
          `${incident}/${entry.observable} at k = ${k}: "inside" contradicts the numbers`,
        );
      }
    }
  }
});

Deno.test("the stored calibration check is what the check computes today (cheapest incident)", () => {
  const cost = (study: ConvergenceStudy) =>
    study.points.find((point) => point.k === study.report_k)?.seconds_per_replication ?? Infinity;
  const [incident, study] = [...studies.entries()].reduce((best, entry) =>
    cost(entry[1]) < cost(best[1]) ? entry : best
  );
  const stored = study.calibration_checks!.find((entry) => entry.k === study.report_k)!;
  const now = checkCalibration(incident, { k: stored.k, replications: stored.replications });
  assert.deepEqual(JSON.parse(JSON.stringify(now)), stored, `${incident} at k = ${stored.k}`);
});

const sampleCheck = (inside: boolean): CalibrationCheck => ({
  k: 0.05,
  replications: 3,
  method: "test",
  observables: [
    {
      observable: "enrolments_morning",
      unit: "journeys",
      reported: 400_000,
      accept: [250_000, 600_000],
      mean: inside ? 300_000 : 213_500,
      ci_low: inside ? 290_000 : 202_500,
      ci_high: inside ? 310_000 : 224_500,
      inside,
    },
    {
      observable: "degraded_hours",
      unit: "h",
      reported: 60,
      accept: [36, 72],
      mean: 40,
      ci_low: 39,
      ci_high: 41,
      inside: true,
    },
  ],
});

const incidentWith = (checks: CalibrationCheck[]) =>
  ({
    name: "x",
    factor: 0.05,
    convergence: { chosen_k: 1, points: [], calibration_checks: checks },
  }) as unknown as IncidentReport["incident"];

Deno.test("an observable outside its band at the report's scale is named in the section and the method", () => {
  const full = { ...sampleCheck(true), k: 1 };
  const caution = calibrationCaution(
    incidentWith([sampleCheck(false), full]),
    "en",
    new StatedNumbers("en"),
  );
  assert.match(
    caution,
    /<code>enrolments_morning<\/code> 213,500 \[202,500–224,500\] against 250,000–600,000/,
  );
  assert.match(caution, /At full scale every reported observable is inside its band/);
  const italian = calibrationCaution(
    incidentWith([sampleCheck(false)]),
    "it",
    new StatedNumbers("it"),
  );
  assert.match(italian, /213\.500 \[202\.500–224\.500\] contro 250\.000–600\.000/);
  assert.equal(
    calibrationCaution(incidentWith([sampleCheck(true)]), "en", new StatedNumbers("en")),
    "",
  );

  const method = calibrationCheckMethod(
    [{ incident: incidentWith([sampleCheck(false), full]) } as unknown as IncidentReport],
    "en",
    new StatedNumbers("en"),
  );
  assert.match(method, /1:20: 1 of 2 in band ✗ \(<code>enrolments_morning<\/code>/);
  assert.match(method, /1:1: 2 of 2 in band ✓/);
  const unchecked = calibrationCheckMethod(
    [{ incident: incidentWith([]) } as unknown as IncidentReport],
    "en",
    new StatedNumbers("en"),
  );
  assert.match(unchecked, /not re-checked at the report's scale/);
});

Deno.test("deno task convergence --observables-at adds the checks to an incident's study; bad input is refused before anything runs", async () => {
  const root = await Deno.makeTempDir({ prefix: "clickday-check-" });
  try {
    writeExampleIncident(root);
    const path = `${root}/data/convergence/${EXAMPLE_INCIDENT}.json`;
    const before = Deno.readTextFileSync(path);
    for (const bad of ["0", "1.5", "x", "0.5,"]) {
      await assert.rejects(
        () => runConvergenceCommand(["--observables-at", bad, "--quiet"], root),
        (error: Error) =>
          error instanceof UsageError && /--observables-at/.test(error.message) &&
          /\(0, 1\]/.test(error.message),
        `--observables-at ${bad}`,
      );
    }
    assert.equal(Deno.readTextFileSync(path), before, "nothing written for bad input");
    const code = await runConvergenceCommand(
      ["--incident", EXAMPLE_INCIDENT, "--observables-at", "0.5,1", "--reps", "2", "--quiet"],
      root,
    );
    assert.equal(code, 0);
    const study = JSON.parse(Deno.readTextFileSync(path)) as ConvergenceStudy;
    assert.deepEqual(study.calibration_checks?.map((check) => check.k), [0.5, 1]);
    assert.deepEqual(study.points, (JSON.parse(before) as ConvergenceStudy).points, "study kept");
    for (const check of study.calibration_checks!) {
      assert.equal(check.replications, 2);
      assert.equal(
        check.observables.length,
        incidentCalibration(EXAMPLE_INCIDENT, root).observables.length,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
