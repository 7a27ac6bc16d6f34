// SQLite's WAL checkpoints off the event loop (lib/db/checkpoints): the app's connections commit
// without copying the WAL into the database file, a worker thread does that on its own connection,
// and $disconnect leaves nothing open on the file.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { recordCall, type CallEntry } from "@/lib/calls/record";
import { createDb, type Db } from "@/lib/db/client";
import { startCheckpoints } from "@/lib/db/checkpoints";
import { sqlitePath } from "@/lib/config";
import { createDatabase, type TestDatabase } from "@/lib/testing/databases";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

// About 5 MiB of logged calls: past SQLite's automatic checkpoint (1000 pages, 4 MiB).
const BODY = Buffer.from("x".repeat(60_000));
const entry = (i: number): CallEntry => ({
  vendor: "udesk",
  kind: "knowledge",
  method: "POST",
  path: `/api/callbacks/udesk/knowledge/checkpoints-${i}`,
  headers: { "content-type": "application/json" },
  body: BODY,
  outcome: "ok",
  detail: "",
  status: 200,
  durationMs: 3,
});
async function writeBurst(db: Db, calls = 90) {
  for (let i = 0; i < calls; i++) await recordCall(db, entry(i));
}

let t: TestDatabase | null = null;
let app: Db | null = null;
afterEach(async () => {
  await app?.$disconnect();
  app = null;
  await t?.drop();
  t = null;
});

async function appDb(intervalMs: number) {
  t = await createDatabase("sqlite");
  await t.db.$disconnect();
  const file = sqlitePath(t.url);
  // The migrations' own WAL is folded in by the disconnect above: the file starts small.
  const before = size(file);
  app = await createDb(t.url, { backgroundCheckpoints: { intervalMs } });
  return { file, wal: `${file}-wal`, before };
}

describe("WAL checkpoints in the background (sqlite)", () => {
  it("leaves the WAL to the worker: no commit copies it into the database file", async () => {
    const { file, wal, before } = await appDb(60_000);
    const db = app as Db;
    await writeBurst(db);
    // With SQLite's default, a commit past 4 MiB would have checkpointed: the database file would
    // have grown and the WAL restarted from its beginning.
    expect(size(wal)).toBeGreaterThan(5_000_000);
    expect(size(file)).toBeLessThan(before + 1_000_000);
    expect(await db.call.count()).toBe(90);
  });

  it("the worker brings the WAL's pages into the database file by itself", async () => {
    const { file, before } = await appDb(50);
    const db = app as Db;
    await writeBurst(db);
    const deadline = Date.now() + 5_000;
    while (size(file) < before + 5_000_000 && Date.now() < deadline) await sleep(50);
    expect(size(file)).toBeGreaterThan(before + 5_000_000);
    expect(await db.call.count()).toBe(90);
  });

  it("under steady writes the WAL starts over instead of growing", async () => {
    const { wal } = await appDb(50);
    const db = app as Db;
    // A few hundred vendor calls a second, as under a burst: never a pause long enough for a
    // checkpoint to finish between two of them.
    const call = { ...entry(0), body: Buffer.from("y".repeat(16_000)) };
    let largest = 0;
    let written = 0;
    for (const until = Date.now() + 3_000; Date.now() < until; written++) {
      await recordCall(db, call);
      largest = Math.max(largest, size(wal));
      await sleep(2);
    }
    // Enough to grow a WAL that never restarts far past SQLite's 1000 pages (4 MiB).
    expect(written * call.body.length).toBeGreaterThan(12_000_000);
    expect(largest).toBeLessThan(8_000_000);
    expect(await db.call.count()).toBe(written);
  });

  it("$disconnect stops the worker and closes its connection", async () => {
    const { file } = await appDb(50);
    await writeBurst(app as Db, 5);
    await (app as Db).$disconnect();
    app = null;
    if (fs.existsSync("/proc/self/fd")) {
      const open = fs.readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(file);
        } catch {
          return false;
        }
      });
      expect(open).toEqual([]);
    }
    // The last connection closed folded the WAL in and removed it.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it("a worker that cannot open the file says so instead of starting", async () => {
    await expect(startCheckpoints("/nonexistent/deskbridge.db", 50)).rejects.toThrow(/unable to open|directory/i);
  });
});
