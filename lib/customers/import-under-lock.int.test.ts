// An import into a SQLite file that another process writes too (the app under vendor traffic):
// each chunk waits for the write lock instead of failing with "database is locked", a chunk that
// stays locked past the wait is tried again, and when chunks run slow they get smaller, so the
// lock is held briefly; every row is imported exactly once whatever the chunk sizes were.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withActor } from "@/lib/audit/audit";
import { checkHeader, importCustomers, readCsv, toImportRows, type CsvRecord } from "@/lib/customers/io";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Another process holding the write lock `times` times for `ms` each, `gapMs` apart. */
function holdWriteLock(file: string, ms: number, times: number, gapMs: number): ChildProcess {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    let n = 0;
    const hold = () => {
      db.prepare("BEGIN IMMEDIATE").run();
      setTimeout(() => {
        db.prepare("COMMIT").run();
        if (++n < ${times}) setTimeout(hold, ${gapMs});
        else process.exit(0);
      }, ${ms});
    };
    hold();`;
  return spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: "ignore" });
}

async function rowsOf(csv: string) {
  const records: CsvRecord[] = [];
  for await (const batch of readCsv([csv])) records.push(...batch);
  const [header, ...data] = records;
  return toImportRows(checkHeader(header.cells), data);
}

describe("an import while another process holds SQLite's write lock, again and again", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-import-lock-"));
  const file = path.join(dir, "import.db");
  let db: Db;
  beforeAll(async () => {
    db = await createDb(`file:${file}`, { lockWaitMs: 60_000 }); // as the CLI
    await migrate(db, "sqlite");
  });
  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports every row exactly once", async () => {
    const lines = ["uname,emails,labels"];
    for (let i = 0; i < 1500; i++) lines.push(`lock-${i},lock.${i}@example.com,locked`);
    const rows = await rowsOf(`${lines.join("\r\n")}\r\n`);
    // Each first chunk waits about 1 s for the lock: the chunks shrink, the import goes on.
    const holder = holdWriteLock(file, 1000, 3, 150);
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    const result = await withActor({ id: null, label: "lock-test" }, () =>
      importCustomers(db, rows, { chunkSize: 500 }),
    );
    await exited;
    expect(result).toMatchObject({ rows: 1500, created: 1500, updated: 0, unchanged: 0, failed: 0 });
    expect(await db.customer.count()).toBe(1500);
    expect(await db.customerEmail.count()).toBe(1500);
    const names = new Set((await db.customer.findMany({ select: { uname: true } })).map((c) => c.uname));
    expect(names.size).toBe(1500);
  }, 60_000);
});
