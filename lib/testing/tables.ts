// Every table of a Deskbridge database, generically: fill each with a row (parents first, foreign
// keys pointing at those rows) and dump them all, to check that backups and upgrades keep every row.
import { providerOfDb, type Db } from "@/lib/db/client";

type Column = { name: string; type: string };
type ForeignKey = { column: string; parent: string; parentColumn: string };
type Table = { name: string; columns: Column[]; foreignKeys: ForeignKey[] };

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function tableNames(db: Db): Promise<string[]> {
  const rows =
    providerOfDb(db) === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name::text AS name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          // Plain tables only: a search index (FTS5) and its shadow tables are kept by triggers.
          `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows.map((r) => r.name).sort();
}

async function describeTable(db: Db, name: string): Promise<Table> {
  if (providerOfDb(db) === "postgresql") {
    const columns = await db.$queryRawUnsafe<{ name: string; type: string }[]>(
      `SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      name,
    );
    const foreignKeys = await db.$queryRawUnsafe<ForeignKey[]>(
      `SELECT kcu.column_name::text AS "column", ccu.table_name::text AS parent, ccu.column_name::text AS "parentColumn"
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' AND tc.table_name = $1`,
      name,
    );
    return { name, columns, foreignKeys };
  }
  const columns = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info(${q(name)})`);
  const keys = await db.$queryRawUnsafe<{ from: string; table: string; to: string }[]>(
    `PRAGMA foreign_key_list(${q(name)})`,
  );
  return {
    name,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    foreignKeys: keys.map((k) => ({ column: k.from, parent: k.table, parentColumn: k.to })),
  };
}

/** Parents before children (a table's reference to itself does not count). */
function ordered(tables: Table[]): Table[] {
  const done = new Set<string>();
  const out: Table[] = [];
  const visit = (t: Table, path: string[]) => {
    if (done.has(t.name)) return;
    if (path.includes(t.name)) throw new Error(`foreign key cycle: ${[...path, t.name].join(" → ")}`);
    for (const fk of t.foreignKeys) {
      const parent = tables.find((p) => p.name === fk.parent);
      if (parent && parent.name !== t.name) visit(parent, [...path, t.name]);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, []);
  return out;
}

function literal(column: Column, table: string, postgres: boolean, n: number): string {
  const type = column.type.toLowerCase();
  if (type.includes("int") || type.includes("serial")) return String(900_000 + n);
  if (type.includes("bool")) return postgres ? "true" : "1";
  if (type.includes("time") || type.includes("date")) return `'2026-0${n}-02T03:04:05.678Z'`;
  if (type.includes("real") || type.includes("double") || type.includes("numeric")) return "12.5";
  return `'upgrade ${table}.${column.name} ${n}'`;
}

/**
 * Inserts `rows` rows into every table except the migration bookkeeping (values built from each
 * column's type; foreign keys point at the rows inserted into their parent).
 */
export async function fillEveryTable(db: Db, rows = 2): Promise<string[]> {
  const postgres = providerOfDb(db) === "postgresql";
  const names = (await tableNames(db)).filter((n) => !n.startsWith("_"));
  const tables = ordered(await Promise.all(names.map((n) => describeTable(db, n))));
  const inserted = new Map<string, Map<string, string>[]>();
  for (const table of tables) {
    const values: Map<string, string>[] = [];
    for (let n = 1; n <= rows; n++) {
      const row = new Map(table.columns.map((c) => [c.name, literal(c, table.name, postgres, n)]));
      for (const fk of table.foreignKeys) {
        const parentRow = fk.parent === table.name ? row : inserted.get(fk.parent)?.[n - 1];
        const value = parentRow?.get(fk.parentColumn);
        if (value !== undefined) row.set(fk.column, value);
      }
      const columns = [...row.keys()].map(q).join(", ");
      await db.$executeRawUnsafe(`INSERT INTO ${q(table.name)} (${columns}) VALUES (${[...row.values()].join(", ")})`);
      values.push(row);
    }
    inserted.set(table.name, values);
  }
  return tables.map((t) => t.name);
}

const plain = (value: unknown): unknown => {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
};

/** Every row of every table, each table's rows sorted, as plain JSON values. */
export async function dumpTables(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const name of await tableNames(db)) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${q(name)}`);
    dump[name] = rows
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return dump;
}
