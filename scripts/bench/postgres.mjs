// The callback bench on PostgreSQL: the SQLite database the run seeded (customers, integrations,
// rules, templates) copied into a fresh PostgreSQL database that Deskbridge's own migrations
// created, so both servers answer the same calls from the same data.
import pg from "pg";
import Database from "better-sqlite3";
import { env, log } from "./options.mjs";
import { cli } from "./processes.mjs";

export const PG_ADMIN_URL = env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = "deskbridge_bench";

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

/** Creates deskbridge_bench (dropped first), migrates it with the CLI and copies every table. Its URL. */
export async function copyToPostgres(app, sqliteFile) {
  await admin(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${NAME}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${NAME}`;
  cli({ ...app, DATABASE_URL: url.toString() }, ["db", "migrate"]);
  const source = new Database(sqliteFile, { readonly: true });
  const target = new pg.Client({ connectionString: url.toString() });
  await target.connect();
  try {
    // The rows the migrations wrote (the first admin, settings) give way to the copy's.
    await target.query("SET session_replication_role = replica");
    const tables = source
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
          "AND name NOT LIKE '\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'",
      )
      .all()
      .map((r) => r.name);
    let rows = 0;
    for (const table of tables) {
      const columns = (
        await target.query(
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 " +
            "ORDER BY ordinal_position",
          [table],
        )
      ).rows;
      if (!columns.length) continue;
      await target.query(`DELETE FROM "${table}"`);
      const names = columns.map((c) => c.column_name);
      const convert = columns.map((c) =>
        c.data_type === "boolean" ? (v) => (v === null ? null : Boolean(v)) : (v) => v,
      );
      const batch = Math.max(1, Math.floor(30_000 / names.length));
      const all = source
        .prepare(`SELECT ${names.map((n) => `"${n}"`).join(", ")} FROM "${table}"`)
        .raw()
        .all();
      for (let i = 0; i < all.length; i += batch) {
        const chunk = all.slice(i, i + batch);
        const values = [];
        const tuples = chunk.map((row) => {
          const start = values.length;
          for (const [j, v] of row.entries()) values.push(convert[j](v));
          return `(${row.map((_, j) => `$${start + j + 1}`).join(", ")})`;
        });
        await target.query(
          `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
          values,
        );
      }
      rows += all.length;
      if (names.includes("id")) {
        const serial = (await target.query("SELECT pg_get_serial_sequence($1, 'id') AS s", [`"${table}"`])).rows[0].s;
        if (serial)
          await target.query(`SELECT setval($1, COALESCE((SELECT max("id") FROM "${table}"), 0) + 1, false)`, [serial]);
      }
    }
    await target.query("SET session_replication_role = DEFAULT");
    await target.query("ANALYZE");
    log(`bench: copied ${rows.toLocaleString("en")} rows of ${tables.length} tables into PostgreSQL (${NAME})`);
  } finally {
    source.close();
    await target.end();
  }
  return url.toString();
}
