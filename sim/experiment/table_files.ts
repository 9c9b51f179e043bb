/**
 * Writing and reading experiment tables: each table as `<name>.parquet` (written with
 * hyparquet-writer, read with hyparquet) and `<name>.csv`, every file written atomically.
 *
 * @module
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { parquetReadObjects } from "hyparquet";
import { writeFileAtomic } from "./atomic_write.ts";
import { type ColumnSpec, TABLE_COLUMNS, TABLE_NAMES, type TableName } from "./table_columns.ts";
import type { ExperimentTables } from "./types.ts";

type Row = Readonly<Record<string, unknown>>;

/** Encodes rows as a Parquet file (uncompressed-size row groups, deterministic bytes). */
export function tableToParquet(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly ColumnSpec[],
): Uint8Array {
  const columnData = columns.map((column) => {
    const data = column.type === "STRING"
      ? rows.map((row) => String(row[column.name]))
      : column.type === "INT32"
      ? Int32Array.from(rows, (row) => row[column.name] as number)
      : Float64Array.from(rows, (row) => row[column.name] as number);
    return { name: column.name, data, type: column.type, nullable: false };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: "clickday" }));
}

function csvField(value: unknown): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Encodes rows as CSV (RFC 4180, header line, numbers in shortest round-trip form). */
export function tableToCsv(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly ColumnSpec[],
): string {
  const lines = [columns.map((column) => column.name).join(",")];
  for (const row of rows) {
    lines.push(columns.map((column) => csvField(row[column.name])).join(","));
  }
  return lines.join("\n") + "\n";
}

/**
 * Writes every table of `tables` into `dir` as `<table>.parquet` and `<table>.csv`
 * (creating `dir`); `only` restricts which tables are written.
 */
export async function writeTables(
  dir: string,
  tables: ExperimentTables,
  only: readonly TableName[] = TABLE_NAMES,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (const name of only) {
    const rows = tables[name] as unknown as Row[];
    await writeFileAtomic(`${dir}/${name}.parquet`, tableToParquet(rows, TABLE_COLUMNS[name]));
    await writeFileAtomic(`${dir}/${name}.csv`, tableToCsv(rows, TABLE_COLUMNS[name]));
  }
}

/**
 * Reads the tables written by `writeTables` from `dir` (the Parquet files). A missing
 * table reads as empty.
 */
export async function readTables(dir: string): Promise<ExperimentTables> {
  const tables = {} as Record<TableName, Row[]>;
  for (const name of TABLE_NAMES) {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(`${dir}/${name}.parquet`);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        tables[name] = [];
        continue;
      }
      throw error;
    }
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    tables[name] = await parquetReadObjects({ file: file as ArrayBuffer });
  }
  return tables as unknown as ExperimentTables;
}
