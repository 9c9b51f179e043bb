/**
 * Sensitivity support: rebuilding a scenario from its calibration reproduces the file, and
 * every assumption at either end of its plausible range still gives a valid scenario (base and
 * designs), with the numbers that depend on it moved.
 */
import assert from "node:assert/strict";
import { listProvenance } from "../../sim/scenario/mod.ts";
import { parseScenario } from "../../sim/model/mod.ts";
import { listIncidents, readCalibration } from "../../sim/calibration/mod.ts";
import {
  calibrationValues,
  rebuildScenario,
  sensitivityRanges,
} from "../../sim/calibration/mod.ts";

const root = new URL("../../", import.meta.url);
const read = (path: string): unknown => JSON.parse(Deno.readTextFileSync(new URL(path, root)));

const numbersByPath = (raw: unknown) =>
  new Map(listProvenance(raw).map((entry) => [entry.path, entry.value]));

for (const incident of listIncidents()) {
  Deno.test(`${incident}: rebuilding from the calibration reproduces the scenario file`, () => {
    const calibration = readCalibration(new URL(`data/calibration/${incident}.json`, root));
    const raw = read(`data/scenarios/${incident}.json`);
    const rebuilt = numbersByPath(rebuildScenario(raw, calibrationValues(calibration)));
    for (const [path, value] of numbersByPath(raw)) {
      const again = rebuilt.get(path)!;
      assert.ok(
        Math.abs(again - value) <= 0.01 * Math.abs(value) + 0.5 * Number(Number.isInteger(value)),
        `${path}: file has ${value}, rebuilt ${again}`,
      );
    }
  });

  Deno.test(`${incident}: every assumption at both ends of its range gives a valid scenario`, () => {
    const calibration = readCalibration(new URL(`data/calibration/${incident}.json`, root));
    const raw = read(`data/scenarios/${incident}.json`);
    const base = numbersByPath(rebuildScenario(raw, calibrationValues(calibration)));
    const ranges = sensitivityRanges(calibration);
    assert.ok(ranges.length >= 5, `only ${ranges.length} assumptions to sweep`);
    let moved = 0;
    for (const range of ranges) {
      for (const end of [range.low, range.high]) {
        const values = calibrationValues(calibration, { [range.parameter]: end });
        const rebuilt = rebuildScenario(raw, values);
        try {
          parseScenario(rebuilt);
        } catch (error) {
          assert.fail(`${range.parameter} = ${end}: ${(error as Error).message}`);
        }
        const changed = [...numbersByPath(rebuilt)].some(([path, value]) =>
          value !== base.get(path)
        );
        if (changed) moved++;
      }
    }
    assert.ok(moved > 0, "no assumption moves any scenario number");
  });
}

Deno.test("calibrationValues rejects overrides of non-assumptions and recomputes derived values", () => {
  const calibration = readCalibration(new URL("data/calibration/cashback-io-2020.json", root));
  assert.throws(
    () => calibrationValues(calibration, { peak_operations_max: 1 }),
    /not an assumption/,
  );
  const values = calibrationValues(calibration, {
    sia_wallet_capacity_day2: 400,
    citizens_day2: 1_000_000,
  });
  assert.equal(values.sia_wallet_servers_day2, 400 * values.sia_wallet_service_seconds);
  assert.equal(values.citizens_total, values.citizens_day1 + 1_000_000 + values.citizens_day3);
  assert.notEqual(values.citizens_total, calibrationValues(calibration).citizens_total);
});
