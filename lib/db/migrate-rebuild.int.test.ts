// A schema change that SQLite can only make by rebuilding a table (copy to a new table, drop the
// old one, rename) must keep every row that points at that table. The migration is written the
// way an operator writes one (`scripts/prisma.mjs migration`, on a copy of the schema and the
// migrations) and applied by the real `deskbridge db migrate` to a populated database, on SQLite
// and on PostgreSQL. A migration that would leave a dangling reference is refused whole.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-rebuild-"));
const migrationsDir = path.join(work, "migrations");
const schemaFile = path.join(work, "schema.prisma");
const CUSTOMERS = 12;

/** `deskbridge …` as an operator runs it, against the given database and migrations. */
function deskbridge(url: string, dir: string, ...args: string[]) {
  return run(process.execPath, [path.join(ROOT, "bin", "deskbridge.mjs"), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DESKBRIDGE_MIGRATIONS_DIR: dir,
      DESKBRIDGE_DATA_DIR: path.join(work, "data"),
    },
  });
}

async function populate(db: Db) {
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = await db.customer.create({
      data: {
        uname: `rebuild-${i}`,
        realname: `客户 ${i}`,
        remark: i % 2 ? `remark ${i}` : "",
        emails: {
          create: [
            { email: `c${i}@example.com`, position: 0 },
            { email: `c${i}.b@example.com`, position: 1 },
          ],
        },
        phones: { create: [{ phone: `+8613900000${String(i).padStart(3, "0")}`, position: 0 }] },
        labels: { create: [{ label: "wholesale" }, { label: `tier-${i % 3}` }] },
        externalIds: { create: [{ kind: "sobot-partner", value: `P-${i}` }] },
        orders: { create: [{ orderNo: `R-${i}`, title: "Order", amountCents: 100 * i }] },
      },
    });
    await db.call.create({
      data: {
        vendor: "sobot",
        kind: "crm",
        method: "POST",
        path: "/x",
        outcome: "ok",
        status: 200,
        customerId: customer.id,
      },
    });
  }
}

/** Everything that hangs off the customers, as comparable text (raw SQL: the client's types may lag). */
async function snapshot(db: Db) {
  const q = async (sql: string) =>
    (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql)).map((r) =>
      JSON.stringify(r, (_, v) => (typeof v === "bigint" ? Number(v) : v)),
    );
  return {
    customers: await q(`SELECT "id", "uname", "realname", "remark" FROM "Customer" ORDER BY "id"`),
    emails: await q(`SELECT "customerId", "position", "email" FROM "CustomerEmail" ORDER BY "customerId", "position"`),
    phones: await q(`SELECT "customerId", "phone" FROM "CustomerPhone" ORDER BY "customerId", "phone"`),
    labels: await q(`SELECT "customerId", "label" FROM "CustomerLabel" ORDER BY "customerId", "label"`),
    externalIds: await q(`SELECT "customerId", "kind", "value" FROM "ExternalId" ORDER BY "customerId", "value"`),
    orders: await q(`SELECT "customerId", "orderNo" FROM "Order" ORDER BY "orderNo"`),
    callLinks: await q(`SELECT "customerId" FROM "Call" ORDER BY "id"`),
  };
}

beforeAll(async () => {
  // A copy of the committed schema and migrations, with one Customer column made optional.
  fs.cpSync(path.join(ROOT, "prisma", "migrations"), migrationsDir, { recursive: true });
  const schema = fs.readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
  const changed = schema.replace(/^(\s*remark\s+)String\s+@default\(""\)/m, "$1String?");
  expect(changed, "the schema still has Customer.remark as a required String").not.toBe(schema);
  fs.writeFileSync(schemaFile, changed);
  await run(process.execPath, [path.join(ROOT, "scripts", "prisma.mjs"), "migration", "remark_optional"], {
    cwd: ROOT,
    env: { ...process.env, DESKBRIDGE_SCHEMA: schemaFile, DESKBRIDGE_MIGRATIONS_DIR: migrationsDir },
  });
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const providers = await providersUnderTest();

describe("a written table-rebuild migration", () => {
  it("is a rebuild on SQLite: the Customer table is dropped and re-created", () => {
    const [sqlite] = listMigrations("sqlite", migrationsDir).slice(-1);
    expect(sqlite.name).toMatch(/^\d{4}_remark_optional$/);
    expect(sqlite.sql).toContain('DROP TABLE "Customer"');
    expect(sqlite.sql).toContain("PRAGMA foreign_keys=OFF");
  });
});

for (const provider of providers) {
  describe.skipIf(provider.skip)(`deskbridge db migrate with a table rebuild on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name); // the committed migrations
      await populate(t.db);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("keeps every email, phone, label, external id, order and call link", async () => {
      const before = await snapshot(t.db);
      expect(before.emails).toHaveLength(2 * CUSTOMERS);
      await deskbridge(t.url, migrationsDir, "db", "migrate", "--json");
      const applied = await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_deskbridge_migrations"`);
      expect(applied.map((r) => r.name)).toContainEqual(expect.stringMatching(/_remark_optional$/));
      expect(await snapshot(t.db)).toEqual(before);
      // The column is optional now.
      await t.db.$executeRawUnsafe(`UPDATE "Customer" SET "remark" = NULL WHERE "uname" = 'rebuild-0'`);
    });

    it.skipIf(provider.name !== "sqlite")("leaves foreign keys enforced afterwards", async () => {
      const [row] = await t.db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>("PRAGMA foreign_keys");
      expect(Number(row.foreign_keys)).toBe(1);
    });
  });
}

describe("a migration that would leave a dangling reference (SQLite)", () => {
  let t: TestDatabase;
  const dir = path.join(work, "orphan");
  beforeAll(async () => {
    t = await createDatabase("sqlite");
    await populate(t.db);
    fs.cpSync(path.join(ROOT, "prisma", "migrations"), dir, { recursive: true });
    const next = String(listMigrations("sqlite").length + 1).padStart(4, "0");
    const target = path.join(dir, "sqlite", `${next}_orphan`);
    fs.mkdirSync(target);
    fs.writeFileSync(
      path.join(target, "migration.sql"),
      [
        `UPDATE "Customer" SET "remark" = 'touched';`,
        `INSERT INTO "CustomerEmail" ("customerId", "position", "email") VALUES (987654, 0, 'orphan@example.com');`,
        "",
      ].join("\n"),
    );
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("is refused whole, naming the table, and nothing of it stays", async () => {
    const before = await snapshot(t.db);
    const previous = process.env.DESKBRIDGE_MIGRATIONS_DIR;
    process.env.DESKBRIDGE_MIGRATIONS_DIR = dir;
    try {
      await expect(migrate(t.db, "sqlite")).rejects.toThrow(/_orphan.*foreign key check.*CustomerEmail/s);
    } finally {
      if (previous === undefined) delete process.env.DESKBRIDGE_MIGRATIONS_DIR;
      else process.env.DESKBRIDGE_MIGRATIONS_DIR = previous;
    }
    expect(await snapshot(t.db)).toEqual(before);
    const applied = await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_deskbridge_migrations"`);
    expect(applied.map((r) => r.name)).not.toContainEqual(expect.stringMatching(/_orphan$/));
    const [row] = await t.db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>("PRAGMA foreign_keys");
    expect(Number(row.foreign_keys)).toBe(1);
  });
});
