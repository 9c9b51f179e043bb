/**
 * SQL over an experiment's tables with DuckDB (`@duckdb/node-api`, a native addon): every
 * `<table>.parquet` of the folder is a view named after the table (`summaries`, `series`,
 * `outcomes`, `estimates`, `differences`).
 *
 * DuckDB's native code is outside Deno's permissions, so it is confined by its own settings
 * before the user's SQL runs: external access off except the folder's table files
 * (`allowed_paths`), no extension installed or loaded, the configuration locked (SQL cannot
 * turn any of it back on); and only `SELECT` (and `EXPLAIN`) statements run, so nothing is
 * written (`COPY … TO`, `ATTACH`, `INSTALL`, `LOAD`, `CREATE`… are refused before running).
 * A query still running after the time limit is interrupted.
 *
 * DuckDB is imported lazily: only the `query` task has `--allow-ffi`.
 *
 * @module
 */
import { join } from "node:path";
import { TABLE_NAMES } from "./table_columns.ts";
import { RunStoppedError, UsageError } from "./usage_error.ts";

/** Longest SQL text accepted, characters. */
export const MAX_SQL_LENGTH = 100_000;
/** Default time limit of a query, seconds. */
export const DEFAULT_QUERY_TIMEOUT_SECONDS = 300;

/** DuckDB statement types allowed (its `StatementType`: SELECT = 1, EXPLAIN = 4). */
const ALLOWED_STATEMENTS = new Map([[1, "SELECT"], [4, "EXPLAIN"]]);
/** Names of DuckDB's statement types, for messages. */
const STATEMENT_NAMES: Record<number, string> = {
  2: "INSERT",
  3: "UPDATE",
  5: "DELETE",
  6: "PREPARE",
  7: "CREATE",
  8: "EXECUTE",
  9: "ALTER",
  10: "TRANSACTION",
  11: "COPY",
  12: "ANALYZE",
  13: "SET",
  14: "CREATE FUNCTION",
  15: "DROP",
  16: "EXPORT",
  17: "PRAGMA",
  18: "VACUUM",
  19: "CALL",
  20: "SET",
  21: "LOAD or INSTALL",
  23: "EXTENSION",
  25: "ATTACH",
  26: "DETACH",
  28: "COPY DATABASE",
  29: "UPDATE EXTENSIONS",
  30: "MERGE INTO",
};

/** Options of {@link queryTables}. */
export interface QueryOptions {
  /** Interrupt the query after this many seconds (default 300). */
  timeoutSeconds?: number;
  /** Receives each row as it is read (then `queryTables` returns no rows). */
  onRow?: (row: Record<string, unknown>) => void;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The real paths of the folder's table files (regular files only, never links). */
function tableFiles(dir: string): Map<string, string> {
  let real: string;
  try {
    real = Deno.realPathSync(dir);
    if (!Deno.statSync(real).isDirectory) throw new Error("not a folder");
  } catch (error) {
    throw new UsageError(`query: ${dir}: not a results folder (${(error as Error).message})`);
  }
  const files = new Map<string, string>();
  for (const table of TABLE_NAMES) {
    const path = join(real, `${table}.parquet`);
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(path);
    } catch {
      continue;
    }
    if (!info.isFile) {
      throw new UsageError(`query: ${path} is not a regular file (a link?); refused`);
    }
    files.set(table, path);
  }
  if (files.size === 0) {
    throw new UsageError(
      `query: ${dir} holds no result tables (${TABLE_NAMES.map((t) => `${t}.parquet`).join(", ")})`,
    );
  }
  return files;
}

/**
 * A row of DuckDB's JSON conversion with the values of the big-integer `columns` (strings there)
 * as numbers when they are safe integers (exactly representable).
 */
export function withSafeIntegers(
  row: Record<string, unknown>,
  columns: readonly string[],
): Record<string, unknown> {
  for (const column of columns) {
    const value = row[column];
    if (typeof value !== "string") continue;
    const number = Number(value);
    if (Number.isSafeInteger(number) && String(number) === value) row[column] = number;
  }
  return row;
}

async function loadDuckDb(): Promise<typeof import("npm:@duckdb/node-api@1.5.5-r.5")> {
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
    throw new UsageError(
      'query: DuckDB is a native library and needs --allow-ffi: use `deno task query DIR "SQL"`',
    );
  }
  try {
    return await import("npm:@duckdb/node-api@1.5.5-r.5");
  } catch (error) {
    throw new Error(`query: DuckDB could not be loaded (${(error as Error).message})`);
  }
}

/**
 * Runs `sql` against the tables in `dir` and returns the rows as JSON-safe objects (DuckDB's
 * JSON conversion, except that a 64- or 128-bit integer column's value is a number when it is a
 * safe integer, as `count(*)` always is; larger integers and NaN are strings), or passes each to
 * `options.onRow`.
 *
 * @throws UsageError for a folder without tables, SQL that is not a read-only query, or SQL
 *   DuckDB rejects (its message); RunStoppedError when the time limit interrupts it.
 */
export async function queryTables(
  dir: string,
  sql: string,
  options: QueryOptions = {},
): Promise<Record<string, unknown>[]> {
  if (typeof sql !== "string" || sql.trim() === "" || sql.length > MAX_SQL_LENGTH) {
    throw UsageError.field("SQL", sql, `a query of 1 to ${MAX_SQL_LENGTH} characters`);
  }
  const duckdb = await loadDuckDb();
  const files = tableFiles(dir);
  const instance = await duckdb.DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  const rows: Record<string, unknown>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let interrupted = false;
  try {
    const paths = [...files.values()].map(sqlString).join(", ");
    await connection.run(`SET allowed_paths = [${paths}]`);
    await connection.run("SET enable_external_access = false");
    await connection.run("SET allow_community_extensions = false");
    await connection.run("SET lock_configuration = true");
    for (const [table, path] of files) {
      await connection.run(
        `CREATE VIEW ${table} AS SELECT * FROM read_parquet(${sqlString(path)})`,
      );
    }
    let extracted;
    try {
      extracted = await connection.extractStatements(sql);
      if (extracted.count === 0) throw new Error("no statement");
    } catch (error) {
      throw new UsageError(`query: the SQL does not parse: ${(error as Error).message}`);
    }
    const statements = [];
    for (let index = 0; index < extracted.count; index++) {
      let prepared;
      try {
        prepared = await extracted.prepare(index);
      } catch (error) {
        throw new UsageError(`query: ${(error as Error).message}`);
      }
      const type = prepared.statementType as number;
      if (!ALLOWED_STATEMENTS.has(type)) {
        throw new UsageError(
          `query: statement ${index + 1} is ${STATEMENT_NAMES[type] ?? `of type ${type}`}; ` +
            "allowed: SELECT (or EXPLAIN) over the views " +
            `${[...files.keys()].join(", ")} — a query reads the results and writes nothing`,
        );
      }
      statements.push(prepared);
    }
    const timeout = options.timeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS;
    timer = setTimeout(() => {
      interrupted = true;
      connection.interrupt();
    }, timeout * 1000);
    const emit = options.onRow ?? ((row: Record<string, unknown>) => rows.push(row));
    try {
      for (const statement of statements) {
        const result = await statement.stream();
        const { BIGINT, UBIGINT, HUGEINT, UHUGEINT } = duckdb.DuckDBTypeId;
        const wide = new Set<number>([BIGINT, UBIGINT, HUGEINT, UHUGEINT]);
        const integers = result.columnNames()
          .filter((_name, column) => wide.has(result.columnTypeId(column)));
        for await (const chunk of result.yieldRowObjectJson()) {
          for (const row of chunk) emit(withSafeIntegers(row, integers));
        }
      }
    } catch (error) {
      if (interrupted) {
        throw new RunStoppedError(`query: stopped after the time limit (${timeout} s)`);
      }
      throw new UsageError(`query: ${(error as Error).message}`);
    }
  } finally {
    clearTimeout(timer);
    connection.closeSync();
    instance.closeSync();
  }
  return rows;
}
