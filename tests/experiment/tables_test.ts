/** Table files: Parquet and CSV written atomically, read back exactly; lossless run files. */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type ExperimentTables,
  readTables,
  runExperiment,
  writeTables,
} from "../../sim/experiment/mod.ts";
import { decodeRun, encodeRun } from "../../sim/experiment/run_store.ts";
import { toyExperiment } from "./fixtures/helpers.ts";

Deno.test("tables written as Parquet read back equal, and CSV has a header per table", async () => {
  const dir = await Deno.makeTempDir({ prefix: "experiment-tables-" });
  try {
    const { tables } = await runExperiment({
      experiment: toyExperiment(),
      workers: 0,
      quiet: true,
    });
    const withNaN: ExperimentTables = {
      ...tables,
      estimates: [...tables.estimates, { ...tables.estimates[0], ci_low: NaN, ci_high: NaN, n: 1 }],
    };
    await writeTables(dir, withNaN);
    assert.deepEqual(await readTables(dir), withNaN);
    const csv = await Deno.readTextFile(`${dir}/summaries.csv`);
    assert.equal(csv.split("\n")[0], "scenario,design,grid_point,replication,metric,value");
    // grid_point labels contain commas and quotes: the CSV field is quoted.
    assert.match(csv.split("\n")[1], /^toy-mm1,base,"\{""arrivalRate"":0\.6\}",0,/);
    const names = [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
    assert.ok(names.every((name) => !name.endsWith(".partial")), names.join(", "));
    assert.equal(names.length, 10);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run files keep every double bit for bit, NaN, infinities and -0 included", () => {
  fc.assert(
    fc.property(fc.array(fc.double()), (values) => {
      const result = {
        key: { scenarioIndex: 0, designIndex: 1, gridIndex: 2, replication: 3 },
        tables: {
          summaries: values.map((value, i) => ({
            scenario: "s",
            design: "d",
            replication: 3,
            grid_point: "{}",
            metric: `m${i}`,
            value,
          })),
          series: [],
          outcomes: [],
        },
      };
      const decoded = decodeRun(encodeRun(result));
      decoded.tables.summaries.forEach((row, i) => assert.ok(Object.is(row.value, values[i])));
      assert.deepEqual(decoded.key, result.key);
    }),
  );
});
