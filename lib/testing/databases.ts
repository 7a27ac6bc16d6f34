// Real databases for integration tests: a fresh SQLite file, and a fresh PostgreSQL database
// when one is reachable (PG_TEST_URL, else 127.0.0.1:5432 as user postgres). Each is created
// for the test file and removed after it.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, providerOfDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

export type ProviderName = "sqlite" | "postgresql";
export type TestDatabase = { name: ProviderName; url: string; db: Db; drop: () => Promise<void> };

const adminUrl = () => process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let pgProbe: Promise<string | null> | undefined;
/** null when PostgreSQL is usable, else the reason it is not. */
export function postgresUnavailable(): Promise<string | null> {
  pgProbe ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return null;
    } catch (error) {
      return (
        `PostgreSQL at ${adminUrl().replace(/\/\/[^@]*@/, "//")} is not reachable (${(error as Error).message}); ` +
        "set PG_TEST_URL to run the PostgreSQL tier"
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgProbe;
}

async function createSqlite(migrated: boolean): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  const db = await createDb(url);
  if (migrated) await migrate(db, providerOfDb(db));
  return {
    name: "sqlite",
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function createPostgres(migrated: boolean): Promise<TestDatabase> {
  const name = `deskbridge_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = await createDb(url.toString());
  if (migrated) await migrate(db, providerOfDb(db));
  return {
    name: "postgresql",
    url: url.toString(),
    db,
    drop: async () => {
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export const createDatabase = (name: ProviderName, migrated = true) =>
  name === "sqlite" ? createSqlite(migrated) : createPostgres(migrated);

/** The providers to run a suite against; PostgreSQL carries the reason when it is skipped. */
export async function providersUnderTest(): Promise<{ name: ProviderName; skip: string | null }[]> {
  const reason = await postgresUnavailable();
  if (reason) console.warn(`[integration] skipping PostgreSQL: ${reason}`);
  return [
    { name: "sqlite", skip: null },
    { name: "postgresql", skip: reason },
  ];
}
