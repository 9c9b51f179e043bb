/**
 * Writing and reading experiment tables: each table as `<name>.parquet` (written with
 * hyparquet-writer, read with hyparquet) and `<name>.csv`, every file written atomically.
 *
 * @module
 */
import { parquetWriteBuffer } from "npm:hyparquet-writer@0.17.0";
import { parquetReadObjects } from "npm:hyparquet@1.31.5";
import { temporaryName, writeFileAtomic } from "./atomic_write.ts";
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

/** Rows per chunk written by {@link writeCsvFile}. */
const CSV_CHUNK_ROWS = 10_000;

/**
 * Writes rows as a CSV file (the bytes of {@link tableToCsv}) chunk by chunk, so a table of
 * millions of rows never becomes one string; through a temporary file renamed into place.
 */
export async function writeCsvFile(
  path: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly ColumnSpec[],
): Promise<void> {
  const temporary = temporaryName(path);
  const encoder = new TextEncoder();
  const file = await Deno.open(temporary, { write: true, create: true, truncate: true });
  try {
    const writeAll = async (text: string) => {
      const bytes = encoder.encode(text);
      let offset = 0;
      while (offset < bytes.length) offset += await file.write(bytes.subarray(offset));
    };
    await writeAll(columns.map((column) => column.name).join(",") + "\n");
    for (let start = 0; start < rows.length; start += CSV_CHUNK_ROWS) {
      let chunk = "";
      const end = Math.min(rows.length, start + CSV_CHUNK_ROWS);
      for (let index = start; index < end; index++) {
        const row = rows[index];
        chunk += columns.map((column) => csvField(row[column.name])).join(",") + "\n";
      }
      await writeAll(chunk);
    }
  } catch (error) {
    file.close();
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
  file.close();
  await Deno.rename(temporary, path);
}

/**
 * Writes every table of `tables` into `dir` as `<table>.parquet` and `<table>.csv`
 * (creating `dir`), each file atomically; `only` restricts which tables are written.
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
    await writeCsvFile(`${dir}/${name}.csv`, rows, TABLE_COLUMNS[name]);
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
