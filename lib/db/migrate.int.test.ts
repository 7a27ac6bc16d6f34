// Migration runner against real databases: first apply, re-runs, status, concurrent starts, SQLite pragmas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, providerOfDb, type Db } from "@/lib/db/client";
import { listMigrations, migrate, migrationStatus } from "@/lib/db/migrate";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const TABLES = [
  "User",
  "Customer",
  "CustomerEmail",
  "CustomerPhone",
  "CustomerLabel",
  "ExternalId",
  "Order",
  "ShipmentEvent",
  "Setting",
];

async function tableNames(db: Db): Promise<string[]> {
  const rows =
    providerOfDb(db) === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  return rows.map((r) => r.name);
}

async function recordedMigrations(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT "name" FROM "_deskbridge_migrations" ORDER BY "name"`,
  );
  return rows.map((r) => r.name);
}

const providers = await providersUnderTest();
const postgres = providers.find((p) => p.name === "postgresql")!;

for (const provider of providers) {
  describe.skipIf(provider.skip)(`migrations on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name, false);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("finds the committed migrations, starting with 0001_init", () => {
      expect(listMigrations(provider.name)[0]?.name).toBe("0001_init");
    });

    it("applies 0001_init to a fresh database and creates the tables", async () => {
      const before = await migrationStatus(t.db, provider.name);
      expect(before.applied).toEqual([]);
      expect(before.pending).toContain("0001_init");

      const applied = await migrate(t.db, provider.name);
      expect(applied[0]).toBe("0001_init");
      expect(applied).toEqual(listMigrations(provider.name).map((m) => m.name));
      expect(await tableNames(t.db)).toEqual(expect.arrayContaining(TABLES));
      expect(await t.db.customer.count()).toBe(0);
    });

    it("applies nothing when run again", async () => {
      expect(await migrate(t.db, provider.name)).toEqual([]);
      expect(await recordedMigrations(t.db)).toEqual(listMigrations(provider.name).map((m) => m.name));
    });

    it("reports no pending and no modified migrations afterwards", async () => {
      const status = await migrationStatus(t.db, provider.name);
      expect(status.applied).toContain("0001_init");
      expect(status.pending).toEqual([]);
      expect(status.modified).toEqual([]);
    });
  });
}

describe.skipIf(postgres.skip)("concurrent starts on postgresql", () => {
  let t: TestDatabase;
  const others: Db[] = [];
  beforeAll(async () => {
    t = await createDatabase("postgresql", false);
  });
  afterAll(async () => {
    for (const db of others) await db.$disconnect();
    await t?.drop();
  });

  it("two instances migrating a fresh database together both succeed and apply it once", async () => {
    const a = await createDb(t.url);
    const b = await createDb(t.url);
    others.push(a, b);
    // allSettled, so that neither is still mid-transaction when the clients disconnect.
    const results = await Promise.allSettled([migrate(a, "postgresql"), migrate(b, "postgresql")]);
    const errors = results.flatMap((r) =>
      r.status === "rejected" ? [String((r.reason as Error)?.message ?? r.reason)] : [],
    );
    expect(errors, "both instances should start").toEqual([]);
    // Exactly one of them applied the migrations; the other found them done.
    const applied = results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
    expect(applied.sort()).toEqual(
      listMigrations("postgresql")
        .map((m) => m.name)
        .sort(),
    );
    expect(await recordedMigrations(t.db)).toEqual(listMigrations("postgresql").map((m) => m.name));
    expect(await tableNames(t.db)).toEqual(expect.arrayContaining(TABLES));
  });
});

describe("SQLite connection settings", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase("sqlite");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("uses WAL journal mode", async () => {
    const [row] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(String(row.journal_mode).toLowerCase()).toBe("wal");
  });

  it("enforces foreign keys", async () => {
    const [row] = await t.db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>("PRAGMA foreign_keys");
    expect(Number(row.foreign_keys)).toBe(1);
    await expect(
      t.db.$executeRawUnsafe(
        `INSERT INTO "CustomerEmail" ("customerId", "position", "email") VALUES (987654, 0, 'orphan@example.com')`,
      ),
    ).rejects.toThrow();
  });
});
