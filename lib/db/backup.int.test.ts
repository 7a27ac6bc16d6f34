// deskbridge db backup / db restore, run as real processes: back up, change data, restore, compare
// every table. SQLite through its online backup API (also while another process holds a write
// transaction), PostgreSQL through pg_dump and pg_restore.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePath } from "@/lib/config";
import { createDb, type Db } from "@/lib/db/client";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { dumpTables, fillEveryTable } from "@/lib/testing/tables";

const root = path.resolve(import.meta.dirname, "..", "..");
const hasPgDump = spawnSync("pg_dump", ["--version"]).status === 0;

for (const provider of await providersUnderTest()) {
  const skip = provider.skip ?? (provider.name === "postgresql" && !hasPgDump ? "pg_dump is not installed" : null);
  describe.skipIf(skip)(`db backup and restore on ${provider.name}`, () => {
    let t: TestDatabase;
    let db: Db;
    let dir: string;
    let backedUp: Awaited<ReturnType<typeof dumpTables>>;

    function cli(...args: string[]) {
      return cliOn(t.url, ...args);
    }

    function cliOn(url: string, ...args: string[]) {
      const result = spawnSync(process.execPath, [path.join(root, "bin", "deskbridge.mjs"), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, DESKBRIDGE_DATA_DIR: dir },
        encoding: "utf8",
        timeout: 60_000,
      });
      if (result.error) throw result.error;
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      db = t.db;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-backup-"));
      await fillEveryTable(db);
    });
    afterAll(async () => {
      if (db !== t?.db) await db?.$disconnect();
      await t?.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("backs up the database to a file", async () => {
      backedUp = await dumpTables(db);
      const run = cli("db", "backup", path.join(dir, "backup.db"), "--json");
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.file).toBe(path.join(dir, "backup.db"));
      expect(result.bytes).toBeGreaterThan(0);
      expect(fs.statSync(path.join(dir, "backup.db")).size).toBe(result.bytes);
    });

    it("refuses to overwrite an existing file without --force", () => {
      const run = cli("db", "backup", path.join(dir, "backup.db"));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("already exists");
    });

    it("restores the backup over changed data: every table is as it was backed up", async () => {
      await db.customer.create({ data: { uname: "after-backup" } });
      await db.order.deleteMany({});
      await db.setting.updateMany({ data: { value: "changed after the backup" } });
      const changed = await dumpTables(db);
      expect(changed).not.toEqual(backedUp);
      // Operators stop the app before restoring.
      await db.$disconnect();

      const run = cli("db", "restore", path.join(dir, "backup.db"));
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("Restored");

      db = await createDb(t.url);
      expect(await dumpTables(db)).toEqual(backedUp);
      expect(await db.customer.count({ where: { uname: "after-backup" } })).toBe(0);
    });

    it.runIf(provider.name === "sqlite")("keeps the replaced content beside the database", async () => {
      const database = sqlitePath(t.url);
      const kept = fs.readdirSync(path.dirname(database)).filter((f) => f.includes(".before-restore-"));
      expect(kept).toHaveLength(1);
      const previous = await createDb(`file:${path.join(path.dirname(database), kept[0])}`);
      try {
        expect(await previous.customer.count({ where: { uname: "after-backup" } })).toBe(1);
      } finally {
        await previous.$disconnect();
      }
    });

    it.runIf(provider.name === "sqlite")("backs up while another process holds a write transaction", async () => {
      const writer = new Database(sqlitePath(t.url));
      writer.exec("BEGIN IMMEDIATE");
      writer.prepare(`INSERT INTO "Customer" ("uname", "updatedAt") VALUES ('uncommitted', '2026-01-01')`).run();
      try {
        const run = cli("db", "backup", path.join(dir, "online.db"));
        expect(run.status, run.stderr).toBe(0);
      } finally {
        writer.exec("ROLLBACK");
        writer.close();
      }
      const copy = new Database(path.join(dir, "online.db"), { readonly: true });
      try {
        expect(copy.prepare(`SELECT count(*) AS n FROM "Customer" WHERE "uname" = 'uncommitted'`).get()).toEqual({
          n: 0,
        });
        expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      } finally {
        copy.close();
      }
    });

    it.runIf(provider.name === "sqlite")("restores over a damaged database file, keeping the damaged one", async () => {
      const damaged = path.join(dir, "damaged", "deskbridge.db");
      fs.mkdirSync(path.dirname(damaged), { recursive: true });
      fs.writeFileSync(damaged, "this was a database before the disk failed".repeat(200));
      const run = cliOn(`file:${damaged}`, "db", "restore", path.join(dir, "backup.db"));
      expect(run.status, run.stderr).toBe(0);
      const restored = await createDb(`file:${damaged}`);
      try {
        expect(await dumpTables(restored)).toEqual(backedUp);
      } finally {
        await restored.$disconnect();
      }
      const kept = fs.readdirSync(path.dirname(damaged)).filter((f) => f.includes(".before-restore-"));
      expect(kept).toHaveLength(1);
      expect(fs.readFileSync(path.join(path.dirname(damaged), kept[0]), "utf8")).toContain("before the disk failed");
    });

    it.runIf(provider.name === "sqlite")("refuses to restore a file that is not a Deskbridge database", () => {
      fs.writeFileSync(path.join(dir, "notes.txt"), "not a database");
      const run = cli("db", "restore", path.join(dir, "notes.txt"));
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/cannot be opened|not a readable SQLite database|is damaged/);
    });
  });
}
