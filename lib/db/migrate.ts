// Applies the committed SQL migrations (prisma/migrations/<provider>/NNNN_name/migration.sql)
// in order, each once, inside a transaction. Safe when several app instances start together:
// PostgreSQL serialises them with an advisory lock, SQLite with its write lock. On SQLite, foreign
// keys are off while they run (table rebuilds need that) and a foreign key check guards the commit.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db, Provider } from "@/lib/db/client";
import { normalizeStoredPhones } from "@/lib/phones/backfill";

export type Migration = { name: string; sql: string; checksum: string };

const LOCK_ID = 7_402_118_331; // any constant shared by every Deskbridge instance

export function migrationsDir(): string {
  const override = process.env.DESKBRIDGE_MIGRATIONS_DIR;
  return override ? path.resolve(/*turbopackIgnore: true*/ override) : path.join(process.cwd(), "prisma", "migrations");
}

export function listMigrations(provider: Provider, dir = migrationsDir()): Migration[] {
  const base = path.join(dir, provider);
  if (!fs.existsSync(base)) throw new Error(`no migrations found in ${base}`);
  return fs
    .readdirSync(base)
    .filter((name) => /^\d{4}_[a-z0-9_]+$/.test(name))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(base, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Prisma's generated DDL puts one statement per `;` at the end of a line. */
function statements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
}

async function ensureTable(client: Db) {
  await client.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "_deskbridge_migrations" ` +
      `("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`,
  );
}

async function appliedNames(client: Pick<Db, "$queryRawUnsafe">): Promise<Map<string, string>> {
  const rows = await client.$queryRawUnsafe<{ name: string; checksum: string }[]>(
    `SELECT "name", "checksum" FROM "_deskbridge_migrations"`,
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

export type MigrationStatus = { applied: string[]; pending: string[]; modified: string[] };

export async function migrationStatus(client: Db, provider: Provider): Promise<MigrationStatus> {
  await ensureTable(client);
  const applied = await appliedNames(client);
  const all = listMigrations(provider);
  return {
    applied: all.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: all.filter((m) => !applied.has(m.name)).map((m) => m.name),
    modified: all.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name),
  };
}

type ForeignKeyProblem = { table: string; rowid: number | bigint | null; parent: string; fkid: number | bigint };

/**
 * SQLite only: the rows left pointing at nothing. A table rebuild runs with foreign keys off, so
 * this is the one check that the rebuilt table still holds every row its children point at.
 */
async function danglingReferences(tx: Pick<Db, "$queryRawUnsafe">): Promise<string | null> {
  const problems = await tx.$queryRawUnsafe<ForeignKeyProblem[]>("PRAGMA foreign_key_check");
  if (problems.length === 0) return null;
  const shown = problems
    .slice(0, 5)
    .map((p) => `"${p.table}" row ${p.rowid ?? "?"} → "${p.parent}"`)
    .join(", ");
  return `${problems.length} row(s) would point at nothing: ${shown}${problems.length > 5 ? ", …" : ""}`;
}

/**
 * Data steps SQL cannot do, each run after its migration is in place (on every run: each step
 * finds by itself whether it has work, cheaply). A migrations folder without that migration (an
 * older copy, a test's own folder) skips the step.
 */
const POST_STEPS: { after: string; run: (client: Db) => Promise<unknown> }[] = [
  { after: "_phone_normal_form", run: normalizeStoredPhones },
];

/** Applies pending migrations, then the post-steps; returns the names applied. */
export async function migrate(client: Db, provider: Provider): Promise<string[]> {
  const applied = await migrateSchema(client, provider);
  const names = listMigrations(provider).map((m) => m.name);
  for (const step of POST_STEPS) if (names.some((n) => n.endsWith(step.after))) await step.run(client);
  return applied;
}

async function migrateSchema(client: Db, provider: Provider): Promise<string[]> {
  if (provider !== "sqlite") return applyPending(client, provider);
  // Prisma's table rebuilds (copy, DROP TABLE, rename) turn foreign keys off first, but that
  // pragma is a no-op inside a transaction: with keys on, the DROP would cascade and delete
  // every email, phone, label, external id and order of every customer. So keys go off here,
  // outside the transaction, and PRAGMA foreign_key_check guards the commit instead.
  await client.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    return await applyPending(client, provider);
  } finally {
    await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}

async function applyPending(client: Db, provider: Provider): Promise<string[]> {
  const migrations = listMigrations(provider);
  return client.$transaction(
    async (tx) => {
      // Lock first, then create the bookkeeping table: two instances racing on
      // CREATE TABLE IF NOT EXISTS would otherwise collide in PostgreSQL's catalog.
      if (provider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_ID})`);
      await ensureTable(tx as unknown as Db);
      const applied = await appliedNames(tx);
      const done: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.name)) continue;
        for (const statement of statements(m.sql)) await tx.$executeRawUnsafe(statement);
        if (provider === "sqlite") {
          const problem = await danglingReferences(tx);
          // Thrown inside the transaction: everything this run applied is rolled back.
          if (problem) throw new Error(`migration ${m.name} refused by the foreign key check: ${problem}`);
        }
        const placeholders = provider === "sqlite" ? "?, ?, ?" : "$1, $2, $3";
        await tx.$executeRawUnsafe(
          `INSERT INTO "_deskbridge_migrations" ("name", "checksum", "appliedAt") VALUES (${placeholders})`,
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
        done.push(m.name);
      }
      return done;
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}
