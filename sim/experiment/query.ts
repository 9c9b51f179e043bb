/**
 * SQL over an experiment's tables with DuckDB (`@duckdb/node-api`, a native addon): every
 * `<table>.parquet` in the folder is a view named after the table (`summaries`, `series`,
 * `outcomes`, `estimates`, `differences`).
 *
 * DuckDB is imported lazily, so the rest of the experiment layer needs no FFI permission;
 * a query needs `--allow-ffi` (and reads the files natively, outside Deno's permissions).
 *
 * @module
 */
import { TABLE_NAMES } from "./table_columns.ts";

/** Quotes a string as an SQL literal. */
function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Runs `sql` against the tables in `dir` and returns the rows as JSON-safe objects
 * (DuckDB's JSON conversion: big integers and NaN become strings).
 */
export async function queryTables(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  let duckdb: typeof import("@duckdb/node-api");
  try {
    duckdb = await import("@duckdb/node-api");
  } catch (error) {
    throw new Error(
      `query: DuckDB could not be loaded (${(error as Error).message}); it needs ` +
        `--allow-ffi (e.g. deno run --allow-read=. --allow-ffi sim/cli.ts query DIR "SQL")`,
    );
  }
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    for (const table of TABLE_NAMES) {
      const path = `${dir}/${table}.parquet`;
      try {
        await Deno.stat(path);
      } catch {
        continue;
      }
      await connection.run(
        `CREATE VIEW ${table} AS SELECT * FROM read_parquet(${sqlString(path)})`,
      );
    }
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
