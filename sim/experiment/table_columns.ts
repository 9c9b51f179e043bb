/**
 * Column layout of each experiment table on disk (Parquet and CSV): names, order and types.
 *
 * @module
 */
import type { ExperimentTables } from "./types.ts";

/** Storage type of a column: text, 32-bit integer or double. */
export type ColumnType = "STRING" | "INT32" | "DOUBLE";

/** One column: its name (the row field) and storage type. */
export interface ColumnSpec {
  /** Row field and column name. */
  name: string;
  /** Storage type. */
  type: ColumnType;
}

/** Names of the tables an experiment writes, in file order. */
export const TABLE_NAMES = [
  "summaries",
  "series",
  "outcomes",
  "estimates",
  "differences",
] as const satisfies readonly (keyof ExperimentTables)[];

/** One of the experiment's tables. */
export type TableName = (typeof TABLE_NAMES)[number];

const text = (name: string): ColumnSpec => ({ name, type: "STRING" });
const integer = (name: string): ColumnSpec => ({ name, type: "INT32" });
const double = (name: string): ColumnSpec => ({ name, type: "DOUBLE" });

/** Columns of each table, in file order. */
export const TABLE_COLUMNS: Record<TableName, readonly ColumnSpec[]> = {
  summaries: [
    text("scenario"),
    text("design"),
    text("grid_point"),
    integer("replication"),
    text("metric"),
    double("value"),
  ],
  series: [
    text("scenario"),
    text("design"),
    text("grid_point"),
    integer("replication"),
    double("bin_start"),
    double("bin_width"),
    text("metric"),
    double("value"),
  ],
  outcomes: [
    text("scenario"),
    text("design"),
    text("grid_point"),
    integer("replication"),
    text("outcome"),
    text("group_by"),
    text("group"),
    double("count"),
  ],
  estimates: [
    text("scenario"),
    text("design"),
    text("grid_point"),
    text("metric"),
    integer("n"),
    double("mean"),
    double("ci_low"),
    double("ci_high"),
    double("confidence"),
  ],
  differences: [
    text("scenario"),
    text("design"),
    text("baseline"),
    text("grid_point"),
    text("metric"),
    integer("n"),
    double("mean"),
    double("ci_low"),
    double("ci_high"),
    double("confidence"),
  ],
};
