// Upgrading: a database populated under the previous release's migrations (every migration but the
// newest) is migrated to the newest, as a newer release does when it starts, and keeps every row.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { listMigrations, migrate, migrationStatus } from "@/lib/db/migrate";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { dumpTables, fillEveryTable } from "@/lib/testing/tables";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The previous release's migrations folder: a copy of this one without its newest migration. */
function previousRelease(provider: string): { dir: string; newest: string } {
  const all = listMigrations(provider as "sqlite", path.join(root, "prisma", "migrations"));
  const newest = all[all.length - 1].name;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-previous-"));
  for (const m of all.slice(0, -1))
    fs.cpSync(path.join(root, "prisma", "migrations", provider, m.name), path.join(dir, provider, m.name), {
      recursive: true,
    });
  return { dir, newest };
}

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`upgrading from the previous release on ${provider.name}`, () => {
    let t: TestDatabase;
    let previous: { dir: string; newest: string };
    let before: Awaited<ReturnType<typeof dumpTables>>;
    let filled: string[];

    beforeAll(async () => {
      t = await createDatabase(provider.name, false);
      previous = previousRelease(provider.name);
      process.env.DESKBRIDGE_MIGRATIONS_DIR = previous.dir;
      try {
        await migrate(t.db, provider.name);
        filled = await fillEveryTable(t.db);
        before = await dumpTables(t.db);
      } finally {
        delete process.env.DESKBRIDGE_MIGRATIONS_DIR;
      }
    });
    afterAll(async () => {
      await t?.drop();
      if (previous) fs.rmSync(previous.dir, { recursive: true, force: true });
    });

    it("starts from a database one migration behind, with rows in every table", async () => {
      expect((await migrationStatus(t.db, provider.name)).pending).toEqual([previous.newest]);
      expect(filled.length).toBeGreaterThanOrEqual(20);
      // Two rows each from the fill; start-up may have added its own (the phone region in Setting).
      for (const table of filled) expect(before[table].length, table).toBeGreaterThanOrEqual(2);
    });

    it("applies only the newest migration, once for two instances starting together, keeping every row", async () => {
      // Two instances of the newer release start at once: PostgreSQL's advisory lock (SQLite's write
      // lock) lets one apply the migration; the other finds nothing left to do.
      const other = await createDb(t.url);
      try {
        const runs = await Promise.all([migrate(t.db, provider.name), migrate(other, provider.name)]);
        expect(runs.flat()).toEqual([previous.newest]);
      } finally {
        await other.$disconnect();
      }
      const after = await dumpTables(t.db);
      for (const [table, rows] of Object.entries(before)) {
        if (table === "_deskbridge_migrations") continue;
        expect(after[table], `table ${table} is gone`).toBeDefined();
        // New columns may appear; the old ones keep their values.
        const kept = after[table].map((row) => Object.fromEntries(Object.keys(rows[0]).map((k) => [k, row[k]])));
        for (const row of rows) expect(kept, `a row of ${table} changed or vanished`).toContainEqual(row);
      }
      expect((await migrationStatus(t.db, provider.name)).pending).toEqual([]);
    });
  });
}
