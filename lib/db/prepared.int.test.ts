// The prepared statements on a vendor call's path, on real databases: what they read and write is
// what Prisma reads and writes (ids, text, booleans, instants), a call and its hour's sums are
// written together, the SQLite runner is a connection of its own (it waits for a transaction's
// write lock instead of joining it, and reports a lock held too long as "locked"), a transaction
// client falls back to Prisma and sees its own rows, and $disconnect closes the runner too.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { acceptOnce, pruneAccepted } from "@/lib/callbacks/replay-guard";
import { recordCall, type CallEntry } from "@/lib/calls/record";
import { hourOf } from "@/lib/calls/rollup";
import { createCustomer } from "@/lib/customers/customers";
import { createDb, type Db } from "@/lib/db/client";
import { dateOf, preparedRows } from "@/lib/db/prepared";
import { migrate } from "@/lib/db/migrate";
import { sqlitePath } from "@/lib/config";
import { databaseCondition, isDatabaseUnavailable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/sqlite/client";
import { openFilesOn, refuseSums } from "@/lib/testing/call-log-faults";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

// The process runs in China, as a deployment there does: an instant must not shift with the zone
// (PostgreSQL's TIMESTAMP, Prisma's DateTime, holds none).
const savedTz = process.env.TZ;
process.env.TZ = "Asia/Shanghai";
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let serial = 0;
const unique = (what: string) => `${what}-${process.pid}-${++serial}`;

const entry = (over: Partial<CallEntry> = {}): CallEntry => ({
  vendor: "udesk",
  kind: "knowledge",
  method: "POST",
  path: "/api/callbacks/udesk/knowledge/prepared",
  headers: { "content-type": "application/json" },
  body: Buffer.from('{"q":"退货"}'),
  outcome: "ok",
  detail: "",
  status: 200,
  durationMs: 7,
  ...over,
});

const integration = (db: Db) =>
  db.integration.create({ data: { vendor: "udesk", name: unique("prepared"), slug: unique("slug") } });

type CustomerRow = { id: number; uname: string; realname: string; isVip: unknown; createdAt: unknown };
const customerById = (db: Db, id: number) =>
  preparedRows<CustomerRow>(
    db,
    Prisma.sql`SELECT "id", "uname", "realname", "isVip", "createdAt" FROM "Customer" WHERE "id" = ${id}`,
  );
const customersNamed = (db: Db, uname: string) =>
  preparedRows<{ id: number }>(db, Prisma.sql`SELECT "id" FROM "Customer" WHERE "uname" = ${uname}`);

const providers = await providersUnderTest();
const postgres = providers.find((p) => p.name === "postgresql")!;

for (const provider of providers) {
  describe.skipIf(provider.skip)(`prepared statements on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("reads a customer exactly as Prisma reads it: id, text, VIP flag and creation instant", async () => {
      for (const input of [
        { uname: unique("vip"), realname: "王小明 O'Brien", isVip: true },
        { uname: unique("plain"), realname: "", isVip: false },
      ]) {
        const created = await createCustomer(t.db, input);
        const prisma = await t.db.customer.findUniqueOrThrow({ where: { id: created.id } });
        const rows = await customerById(t.db, created.id);
        expect(rows).toHaveLength(1);
        const [row] = rows;
        expect(Number(row.id)).toBe(prisma.id);
        expect(row.uname).toBe(prisma.uname);
        expect(row.realname).toBe(input.realname);
        expect(row.realname).toBe(prisma.realname);
        // SQLite keeps the flag as 0/1, PostgreSQL as a boolean: either way it must say the same.
        expect(provider.name === "sqlite" ? row.isVip : Boolean(row.isVip)).toBe(
          provider.name === "sqlite" ? (input.isVip ? 1 : 0) : input.isVip,
        );
        expect(Boolean(row.isVip)).toBe(prisma.isVip);
        expect(dateOf(row.createdAt).toISOString()).toBe(prisma.createdAt.toISOString());
      }
    });

    it("logs a call at the instant it arrived, as Prisma reads it back and orders it", async () => {
      const at = new Date("2026-03-01T23:59:59.987Z");
      const id = await recordCall(t.db, entry({ createdAt: at, path: "/instant" }));
      const call = await t.db.call.findUniqueOrThrow({ where: { id } });
      expect(call.createdAt.toISOString()).toBe(at.toISOString());
      expect(call.partial).toBe(false);
      // Prisma's own filter on the same instant finds it: the stored forms compare alike.
      expect(await t.db.call.count({ where: { path: "/instant", createdAt: at } })).toBe(1);
      expect(await t.db.call.count({ where: { path: "/instant", createdAt: { gt: at } } })).toBe(0);
      const [row] = await preparedRows<{ createdAt: unknown }>(
        t.db,
        Prisma.sql`SELECT "createdAt" FROM "Call" WHERE "id" = ${id}`,
      );
      expect(dateOf(row.createdAt).toISOString()).toBe(at.toISOString());
    });

    it("prunes exactly the acceptances older than the cutoff, whichever side wrote them", async () => {
      const { id: integrationId } = await integration(t.db);
      const cutoff = new Date("2026-05-10T12:00:00.000Z");
      const at = (ms: number) => new Date(cutoff.getTime() + ms);
      // Written by the runner (acceptOnce stamps "now"), at the instants below.
      vi.useFakeTimers({ toFake: ["Date"] });
      for (const [sign, when] of [
        ["runner-old", at(-3_600_000)],
        ["runner-just-before", at(-1)],
        ["runner-at-cutoff", at(0)],
        ["runner-after", at(1)],
      ] as const) {
        vi.setSystemTime(when);
        expect(await acceptOnce(t.db, integrationId, { sign, timestamp: "1" })).toHaveProperty("ref");
      }
      vi.useRealTimers();
      // Written by Prisma.
      for (const [sign, when] of [
        ["prisma-old", at(-86_400_000)],
        ["prisma-just-before", at(-1)],
        ["prisma-at-cutoff", at(0)],
        ["prisma-after", at(2)],
      ] as const)
        await t.db.acceptedSign.create({ data: { integrationId, sign, timestamp: "1", createdAt: when } });

      const stamped = await t.db.acceptedSign.findMany({ where: { integrationId }, orderBy: { createdAt: "asc" } });
      const when = Object.fromEntries(stamped.map((s) => [s.sign, s.createdAt.toISOString()]));
      expect(when["runner-just-before"]).toBe(at(-1).toISOString());
      expect(when["runner-at-cutoff"]).toBe(cutoff.toISOString());
      expect(stamped.map((s) => s.sign).slice(0, 2)).toEqual(["prisma-old", "runner-old"]);
      expect(stamped.map((s) => s.sign).slice(-2)).toEqual(["runner-after", "prisma-after"]);

      const removed = await pruneAccepted(t.db, cutoff);
      const left = await t.db.acceptedSign.findMany({ where: { integrationId }, select: { sign: true } });
      expect(left.map((s) => s.sign).sort()).toEqual(
        ["prisma-after", "prisma-at-cutoff", "runner-after", "runner-at-cutoff"].sort(),
      );
      expect(removed).toBe(4);
      // A copy of an acceptance that is still kept is known as a duplicate of the runner's instant.
      const again = await acceptOnce(t.db, integrationId, { sign: "runner-at-cutoff", timestamp: "1" });
      expect(again).toMatchObject({ duplicateOf: cutoff });
    });

    it("logs a call and counts it once in its hour's sums", async () => {
      const { id: integrationId } = await integration(t.db);
      const at = new Date("2026-07-04T10:15:00.000Z");
      const hour = hourOf(at);
      const sums = () => t.db.callRollup.findUnique({ where: { integrationId_hour: { integrationId, hour } } });

      const first = await recordCall(t.db, entry({ integrationId, createdAt: at, durationMs: 7 }));
      const call = await t.db.call.findUniqueOrThrow({ where: { id: first } });
      expect(call).toMatchObject({ integrationId, outcome: "ok", status: 200, requestBody: '{"q":"退货"}' });
      expect(await sums()).toMatchObject({ calls: 1, failures: 0, lat1: 1 });

      await recordCall(t.db, entry({ integrationId, createdAt: at, outcome: "bad_signature", status: 401 }));
      expect(await t.db.call.count({ where: { integrationId } })).toBe(2);
      expect(await sums()).toMatchObject({ calls: 2, failures: 1, lat1: 2 });
    });

    it("writes neither the call nor its sums when the sums cannot be written", async () => {
      const { id: integrationId } = await integration(t.db);
      const allow = await refuseSums(t.db, provider.name as "sqlite" | "postgresql", integrationId, "rollup refused");
      try {
        await expect(recordCall(t.db, entry({ integrationId }))).rejects.toThrow(/rollup refused/);
        expect(await t.db.call.count({ where: { integrationId } })).toBe(0);
        expect(await t.db.callRollup.count({ where: { integrationId } })).toBe(0);
      } finally {
        await allow();
      }
      // The statements still work once the sums can be written again.
      await recordCall(t.db, entry({ integrationId }));
      expect(await t.db.callRollup.findMany({ where: { integrationId } })).toMatchObject([{ calls: 1 }]);
    });

    it("sees a transaction's own uncommitted rows inside it, and nobody else does", async () => {
      const uname = unique("uncommitted");
      let seenInside: unknown[] = [];
      let seenOutside: unknown[] = ["not read"];
      const outcome = await t.db
        .$transaction(async (tx) => {
          await tx.customer.create({ data: { uname } });
          seenInside = await customersNamed(tx as unknown as Db, uname);
          seenOutside = await customersNamed(t.db, uname);
          throw new Error("roll back");
        })
        .catch((error: Error) => error.message);
      expect(outcome).toBe("roll back");
      expect(seenInside).toHaveLength(1);
      expect(seenOutside).toEqual([]);
      expect(await customersNamed(t.db, uname)).toEqual([]);
    });
  });
}

const adminUrl = () => process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

describe.skipIf(postgres.skip)("disconnecting on postgresql", () => {
  it("leaves no connection to the database once the client is disconnected", async () => {
    const d = await createDatabase("postgresql");
    const name = decodeURIComponent(new URL(d.url).pathname.slice(1));
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    const backends = async (probe = "%") => {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2",
        [name, probe],
      );
      return rows[0].n;
    };
    try {
      const [row] = await preparedRows<{ n: number }>(
        d.db,
        Prisma.sql`SELECT 'prepared-disconnect-probe' AS "probe", count(*)::int AS "n" FROM "Customer"`,
      );
      expect(row.n).toBe(0);
      // The runner's own connection ran the probe (Prisma never saw it).
      expect(await backends("%prepared-disconnect-probe%")).toBeGreaterThan(0);
      await d.db.$disconnect();
      let left = await backends();
      for (const deadline = Date.now() + 3000; left > 0 && Date.now() < deadline; left = await backends())
        await sleep(50);
      expect(left).toBe(0);
    } finally {
      await admin.end();
      await d.drop();
    }
  });
});

describe("the SQLite runner's own connection", () => {
  let t: TestDatabase;
  let file: string;
  const clients: Db[] = [];
  const holders: Database.Database[] = [];
  beforeAll(async () => {
    t = await createDatabase("sqlite");
    file = sqlitePath(t.url);
  });
  afterAll(async () => {
    for (const holder of holders) if (holder.open) holder.close();
    for (const client of clients) await client.$disconnect();
    await t?.drop();
  });
  const client = async (lockWaitMs: number) => {
    const db = await createDb(t.url, { lockWaitMs });
    clients.push(db);
    return db;
  };

  it("waits for a transaction's write lock instead of joining it, and keeps the call when it rolls back", async () => {
    const db = await client(5000);
    const uname = unique("rolled-back");
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const outcome = db
      .$transaction(async (tx) => {
        await tx.customer.create({ data: { uname } });
        wrote();
        await sleep(300);
        throw new Error("roll back");
      })
      .then(
        () => "committed",
        (error: Error) => error.message,
      );
    await written;
    const started = Date.now();
    const id = await recordCall(db, entry({ path: "/during-transaction" }));
    const waited = Date.now() - started;
    expect(await outcome).toBe("roll back");
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(await db.call.findUnique({ where: { id } })).toMatchObject({ path: "/during-transaction" });
    expect(await db.customer.count({ where: { uname } })).toBe(0);
  });

  it("reports a lock held past the wait as 'locked', then writes once it is released", async () => {
    const db = await client(200);
    const uname = unique("after-lock");
    const insert = Prisma.sql`INSERT INTO "Customer" ("uname", "updatedAt") VALUES (${uname}, ${new Date()})`;
    const holder = new Database(file);
    holders.push(holder);
    holder.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    const error = await preparedRows(db, insert).then(
      () => null,
      (e: unknown) => e,
    );
    const waited = Date.now() - started;
    clearInterval(ticker);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(databaseCondition(error)).toBe("locked");
    expect(waited).toBeGreaterThanOrEqual(150);
    // The wait did not hold the event loop.
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(await db.customer.count({ where: { uname } })).toBe(0);

    holder.exec("ROLLBACK");
    expect(await preparedRows(db, insert)).toEqual([]);
    expect(await db.customer.count({ where: { uname } })).toBe(1);
  });
});

describe("disconnecting on sqlite", () => {
  it("closes the runner's connection, so the file can be removed and made again", async () => {
    const t = await createDatabase("sqlite");
    const file = sqlitePath(t.url);
    let fresh: Db | null = null;
    try {
      await createCustomer(t.db, { uname: "before-removal" });
      expect(await customersNamed(t.db, "before-removal")).toHaveLength(1);
      if (fs.existsSync("/proc/self/fd")) expect(openFilesOn(file).filter((f) => f === file).length).toBe(2);
      await t.db.$disconnect();
      expect(openFilesOn(file)).toEqual([]);

      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
      expect(fs.existsSync(file)).toBe(false);
      fresh = await createDb(t.url);
      await migrate(fresh, "sqlite");
      expect(await customersNamed(fresh, "before-removal")).toEqual([]);
      const id = await recordCall(fresh, entry({ path: "/fresh-file" }));
      expect(await fresh.call.findUnique({ where: { id } })).toMatchObject({ path: "/fresh-file" });
      await createCustomer(fresh, { uname: "after-removal" });
      expect(await customersNamed(fresh, "after-removal")).toHaveLength(1);
    } finally {
      await fresh?.$disconnect();
      await t.drop();
    }
  });
});
