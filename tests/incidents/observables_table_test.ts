/**
 * The table of `data/sources.md` "Reproducing the observables" (written by
 * `tests/incidents/observables_table.ts`, which runs the simulations) lists every observable of
 * every calibration record once, with the record's current figure and band: a row left over
 * from an older record, or one missing, means the table needs regenerating. The simulated
 * columns are not rerun here (`observables_test.ts` does that).
 */
import assert from "node:assert/strict";
import { incidentCalibration, listIncidents } from "../../sim/calibration/mod.ts";
import { replaceTable, reportedCell, TABLE_HEADING } from "./observables_table.ts";

const sources = Deno.readTextFileSync(new URL("../../data/sources.md", import.meta.url));

/** The cells of the table's data rows (header and rule left out). */
function tableRows(text: string): string[][] {
  const lines = text.split("\n");
  const heading = lines.indexOf(TABLE_HEADING);
  const start = lines.findIndex((line, index) => index > heading && line.startsWith("|"));
  const rows: string[][] = [];
  for (let index = start + 2; index < lines.length && lines[index].startsWith("|"); index++) {
    rows.push(lines[index].split("|").slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

Deno.test("data/sources.md lists every observable once, with its record's figure and band (else rerun tests/incidents/observables_table.ts --write)", () => {
  const expected = listIncidents().flatMap((incident) =>
    incidentCalibration(incident).observables.map((entry) => [
      `\`${incident}\``,
      `\`${entry.observable}\``,
      reportedCell(entry),
    ])
  );
  assert.deepEqual(tableRows(sources).map((cells) => cells.slice(0, 3)), expected);
});

Deno.test("the table writer replaces only the first table under its heading", () => {
  const text = [
    "intro",
    "| a |",
    TABLE_HEADING,
    "",
    "words",
    "",
    "| old |",
    "| --- |",
    "| row |",
    "",
    "| other |",
  ].join("\n");
  assert.equal(
    replaceTable(text, ["| new |", "| --- |"]),
    ["intro", "| a |", TABLE_HEADING, "", "words", "", "| new |", "| --- |", "", "| other |"]
      .join("\n"),
  );
  assert.throws(() => replaceTable("no heading", []), /no "## Reproducing the observables"/);
});
