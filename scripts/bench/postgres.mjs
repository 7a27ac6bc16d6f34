// The callback bench on PostgreSQL: the SQLite database the run seeded (customers, integrations,
// rules, templates) copied into a fresh PostgreSQL database that Deskbridge's own migrations
// created, so both servers answer the same calls from the same data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import Database from "better-sqlite3";
import { env, log } from "./options.mjs";
import { cli } from "./processes.mjs";

export const PG_ADMIN_URL = env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = "deskbridge_bench";
/** The small data set, beside the large one (run.mjs). */
export const SMALL_PG = "deskbridge_bench_small";

async function admin(sql) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** PostgreSQL is there to bench against: null, or why not. */
export async function postgresMissing() {
  try {
    await admin("SELECT 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, "//")} is not reachable (${error.message})`;
  }
}

const csvField = (v) =>
  v === null || v === undefined
    ? ""
    : typeof v === "number" || typeof v === "bigint"
      ? String(v)
      : `"${String(v).replaceAll('"', '""')}"`;

/**
 * One table, through a CSV file that the server reads with COPY (millions of rows in seconds; the
 * bench's server is local, and the file is world-readable in the temporary folder). Its row count.
 */
async function copyTable(source, target, table) {
  const columns = (
    await target.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position",
      [table],
    )
  ).rows.map((c) => c.column_name);
  if (!columns.length) return 0;
  await target.query(`DELETE FROM "${table}"`);
  const list = columns.map((n) => `"${n}"`).join(", ");
  const file = path.join(os.tmpdir(), `deskbridge-bench-${process.pid}-${table}.csv`);
  const out = fs.openSync(file, "w", 0o644);
  let rows = 0;
  try {
    let buffer = "";
    for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate()) {
      buffer += `${row.map(csvField).join(",")}\n`;
      rows++;
      if (buffer.length > 1 << 22) {
        fs.writeSync(out, buffer);
        buffer = "";
      }
    }
    fs.writeSync(out, buffer);
    fs.closeSync(out);
    fs.chmodSync(file, 0o644);
    await target.query(`COPY "${table}" (${list}) FROM '${file}' WITH (FORMAT csv)`);
  } finally {
    fs.rmSync(file, { force: true });
  }
  if (columns.includes("id")) {
    const serial = (await target.query("SELECT pg_get_serial_sequence($1, 'id') AS s", [`"${table}"`])).rows[0].s;
    if (serial)
      await target.query(`SELECT setval($1, COALESCE((SELECT max("id") FROM "${table}"), 0) + 1, false)`, [serial]);
  }
  return rows;
}

/** Creates deskbridge_bench (dropped first), migrates it with the CLI and copies every table. Its URL. */
export async function copyToPostgres(app, sqliteFile, name = NAME) {
  await dropPostgres(name);
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  cli({ ...app, DATABASE_URL: url.toString() }, ["db", "migrate"]);
  const source = new Database(sqliteFile, { readonly: true });
  const target = new pg.Client({ connectionString: url.toString() });
  await target.connect();
  try {
    // The rows the migrations wrote (the first admin, settings) give way to the copy's.
    await target.query("SET session_replication_role = replica");
    const tables = source
      .prepare(
        // Plain tables: PostgreSQL has no FTS5 tables (its trigram indexes are built from the rows).
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' " +
          "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'",
      )
      .all()
      .map((r) => r.name);
    let rows = 0;
    for (const table of tables) rows += await copyTable(source, target, table);
    await target.query("SET session_replication_role = DEFAULT");
    await target.query("ANALYZE");
    log(`bench: copied ${rows.toLocaleString("en")} rows of ${tables.length} tables into PostgreSQL (${name})`);
  } finally {
    source.close();
    await target.end();
  }
  return url.toString();
}

/** A database copyToPostgres made (before it makes it again, or once the run is done with it). */
export async function dropPostgres(name) {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
