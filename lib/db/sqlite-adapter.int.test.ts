// SQLite shared with other processes, and on a disk that fills up: another process's write lock is
// waited for without blocking the event loop (the app keeps answering), a lock held too long ends
// in a quick "locked" error, and a full disk fails the write with "disk_full" instead of leaving
// every later transaction hanging, so the app recovers by itself once space is freed.
// The full disk is real: a small tmpfs mounted for the test (skipped, with the reason, where the
// test may not mount).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { databaseCondition, isDatabaseUnavailable } from "@/lib/errors";
import { mountSmallDisk, type SmallDisk } from "@/lib/testing/small-disk";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Another process (the CLI, a backup) holding the write lock of `file` for `ms`. */
async function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    db.prepare("BEGIN IMMEDIATE").run();
    process.stdout.write("locked\\n");
    setTimeout(() => { db.prepare("COMMIT").run(); process.exit(0); }, ${ms});`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return child;
}

/** The longest gap between timer ticks while `work` runs: how long the event loop was blocked. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  // Started from a timer, so that a synchronous wait inside it is measured too.
  const [result] = await Promise.allSettled([new Promise<T>((resolve) => setTimeout(() => resolve(work()), 10))]);
  clearInterval(timer);
  return { result, stallMs };
}

const insertAudit = (db: Db, summary: string) =>
  db.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" ("actorLabel", "action", "entity", "entityId", "summary") ` +
      `VALUES ('test', 'create', 'x', '1', ?)`,
    summary,
  );

describe("a SQLite write lock held by another process", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-lock-"));
  const file = path.join(dir, "lock.db");
  let db: Db;
  beforeAll(async () => {
    db = await createDb(`file:${file}`, { lockWaitMs: 3000 });
    await migrate(db, "sqlite");
  });
  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is waited for without blocking the event loop; the write goes through once it is released", async () => {
    const holder = await holdWriteLock(file, 1000);
    const started = performance.now();
    const { result, stallMs } = await longestStall(() =>
      Promise.all([
        insertAudit(db, "plain write"),
        db.$transaction(async (tx) => {
          await tx.setting.create({ data: { key: "lock.tx", value: "1" } });
        }),
      ]),
    );
    expect(result.status).toBe("fulfilled");
    expect(performance.now() - started).toBeGreaterThan(800); // it did wait for the lock
    expect(stallMs, "longest event-loop stall while waiting").toBeLessThan(100);
    expect(await db.setting.findUnique({ where: { key: "lock.tx" } })).toMatchObject({ value: "1" });
    holder.kill();
  });

  it("ends in a quick, retryable 'locked' error when held past the wait, blocking nothing", async () => {
    const holder = await holdWriteLock(file, 6000);
    try {
      const started = performance.now();
      const { result, stallMs } = await longestStall(() =>
        db.$transaction(async (tx) => tx.setting.create({ data: { key: "lock.late", value: "1" } })),
      );
      const took = performance.now() - started;
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason;
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      expect(databaseCondition(error)).toBe("locked");
      expect(took).toBeGreaterThan(2500);
      expect(took).toBeLessThan(4500);
      expect(stallMs, "longest event-loop stall while waiting").toBeLessThan(100);
      // Reads go on meanwhile (WAL).
      expect(await db.setting.count()).toBeGreaterThan(0);
    } finally {
      holder.kill();
    }
    // The connection is usable again at once.
    await db.$transaction(async (tx) => tx.setting.create({ data: { key: "lock.after", value: "1" } }));
  }, 20_000);
});

describe("a full disk", () => {
  let disk: SmallDisk | null = null;
  let skip = "";
  let db: Db;
  beforeAll(async () => {
    const mounted = mountSmallDisk(4);
    if (typeof mounted === "string") {
      skip = mounted;
      console.warn(`[integration] skipping the full-disk test: ${mounted}`);
      return;
    }
    disk = mounted;
    db = await createDb(`file:${path.join(disk.dir, "full.db")}`);
    await migrate(db, "sqlite");
  });
  afterAll(async () => {
    await db?.$disconnect();
    disk?.unmount();
  });

  it("fails the write as disk_full, and the next write succeeds once space is freed", async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    disk!.fill();
    const big = "x".repeat(300_000);
    const failed = await db
      .$transaction(async (tx) => tx.setting.create({ data: { key: "full.1", value: big } }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failed, "a write on a full disk").not.toBeNull();
    expect(isDatabaseUnavailable(failed)).toBe(true);
    expect(databaseCondition(failed)).toBe("disk_full");
    disk!.free();
    // Before, the adapter kept its transaction lock after the failed ROLLBACK: this hung forever.
    const again = db.$transaction(async (tx) => tx.setting.create({ data: { key: "full.2", value: big } }));
    const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error("still hanging after 5 s")), 5000));
    await Promise.race([again, deadline]);
    await insertAudit(db, "after the disk was freed");
    expect(await db.setting.findUnique({ where: { key: "full.2" } })).not.toBeNull();
  });
});
