/**
 * The table of `data/sources.md` "Reproducing the observables": for every incident and every
 * observable of its calibration record, the reported figure and accept band, the simulated mean
 * with its 95% Student-t interval, and whether the mean lies inside the band. The runs are the ones
 * `tests/incidents/observables_test.ts` makes: `estimateObservables` on the as-built design (base)
 * at the descriptor's `run_plan.scale`, replications 0 … `run_plan.replications` − 1, each
 * observable measured as `data/incidents/<incident>.json` says and converted to full scale.
 *
 * Print the table (all incidents, or the ones named) with
 * `deno run --allow-read=. tests/incidents/observables_table.ts [incident …]`;
 * replace the table in `data/sources.md` (every incident only) with
 * `deno run --allow-read=. --allow-write=data/sources.md tests/incidents/observables_table.ts --write`
 * then `deno fmt data/sources.md`. All incidents take a few minutes (Cashback is the slow one).
 *
 * @module
 */
import {
  estimateObservables,
  incidentCalibration,
  listIncidents,
  loadIncident,
} from "../../sim/calibration/mod.ts";

/** The heading of `data/sources.md` whose first table this script writes. */
export const TABLE_HEADING = "## Reproducing the observables";

/** As `tests/incidents/observables_test.ts` prints numbers. */
const format = (value: number) =>
  Math.abs(value) >= 1000 ? Math.round(value).toLocaleString("en") : value.toPrecision(3);

/** The "reported [band]" cell of an observable: its figure and accept band. */
export function reportedCell(entry: { value: number; accept: number[] }): string {
  return `${format(entry.value)} [${entry.accept.map(format).join(", ")}]`;
}

/** The markdown rows (header included) of the given incidents, in the order given. */
export function observablesTable(incidents: string[]): string[] {
  const lines = [
    "| incident | observable | reported [band] | simulated mean [95% CI] | reproduced |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const incident of incidents) {
    const plan = loadIncident(incident).run_plan;
    const calibration = incidentCalibration(incident);
    const estimates = estimateObservables(incident, {
      scale: plan.scale,
      replications: plan.replications,
    });
    for (const entry of calibration.observables) {
      const { interval } = estimates.find((e) => e.observable === entry.observable)!;
      const inside = entry.accept[0] <= interval.mean && interval.mean <= entry.accept[1];
      lines.push(
        `| \`${incident}\` | \`${entry.observable}\` | ${reportedCell(entry)} | ` +
          `${format(interval.mean)} [${format(interval.low)}, ${format(interval.high)}] | ` +
          `${inside ? "yes" : "**no**"} |`,
      );
    }
    console.error(`${incident}: done (k = ${plan.scale}, ${plan.replications} replications)`);
  }
  return lines;
}

/** `text` with the first table after {@link TABLE_HEADING} replaced by `table`. */
export function replaceTable(text: string, table: string[]): string {
  const lines = text.split("\n");
  const heading = lines.indexOf(TABLE_HEADING);
  if (heading < 0) throw new Error(`data/sources.md has no "${TABLE_HEADING}" heading`);
  const start = lines.findIndex((line, index) => index > heading && line.startsWith("|"));
  if (start < 0) throw new Error(`data/sources.md has no table under "${TABLE_HEADING}"`);
  let end = start;
  while (end < lines.length && lines[end].startsWith("|")) end++;
  return [...lines.slice(0, start), ...table, ...lines.slice(end)].join("\n");
}

if (import.meta.main) {
  const write = Deno.args.includes("--write");
  const named = Deno.args.filter((arg) => arg !== "--write");
  const known = listIncidents();
  const unknown = named.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown incident(s) ${unknown.join(", ")}; there are ${known.join(", ")}`);
    Deno.exit(2);
  }
  if (write && named.length > 0) {
    console.error("--write regenerates the whole table: name no incidents with it");
    Deno.exit(2);
  }
  const table = observablesTable(named.length > 0 ? named : known);
  if (write) {
    const path = new URL("../../data/sources.md", import.meta.url);
    Deno.writeTextFileSync(path, replaceTable(Deno.readTextFileSync(path), table));
    console.log("wrote data/sources.md (run deno fmt data/sources.md)");
  } else {
    console.log(table.join("\n"));
  }
}
