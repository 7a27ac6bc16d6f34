// Calls logged at the same moment, on real databases. On SQLite the runner commits the writes of
// one turn of the event loop together (lib/db/prepared, group commit): every entry must still be
// written with its hour's sums, an entry the database refuses must fail alone, leaving neither
// its row nor its sums, while the others are kept, and of copies of one call accepted in the same
// turn exactly one is accepted.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePath } from "@/lib/config";
import { acceptOnce } from "@/lib/callbacks/replay-guard";
import { recordCall, type CallEntry } from "@/lib/calls/record";
import { createDb, type Db } from "@/lib/db/client";
import { preparedRows } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/sqlite/client";
import { openFilesOn, refuseSums } from "@/lib/testing/call-log-faults";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

let serial = 0;
const unique = (what: string) => `${what}-${process.pid}-${++serial}`;

const entry = (integrationId: string, n: number): CallEntry => ({
  vendor: "udesk",
  kind: "task",
  integrationId,
  method: "POST",
  path: "/api/callbacks/udesk/task/group",
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify({ n })),
  outcome: "ok",
  detail: `call ${n}`,
  status: 200,
  durationMs: 3,
  createdAt: new Date("2026-07-04T10:15:00.000Z"),
});

const integration = (db: Db) =>
  db.integration.create({ data: { vendor: "udesk", name: unique("group"), slug: unique("slug") } });

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`calls logged together on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("writes every call of a burst with its sums", async () => {
      const { id } = await integration(t.db);
      const ids = await Promise.all(Array.from({ length: 40 }, (_, n) => recordCall(t.db, entry(id, n))));
      expect(new Set(ids).size).toBe(40);
      const rows = await t.db.call.findMany({ where: { integrationId: id } });
      expect(new Map(rows.map((r) => [r.id, r.detail]))).toEqual(
        new Map(ids.map((callId, n) => [callId, `call ${n}`])),
      );
      expect(await t.db.callRollup.findMany({ where: { integrationId: id } })).toMatchObject([{ calls: 40 }]);
    });

    it("accepts one of several copies of a call that arrive at the same moment", async () => {
      const { id } = await integration(t.db);
      const call = { sign: unique("sign"), timestamp: "1767225600", payload: { q: "退货" } };
      const other = { ...call, sign: unique("other") };
      const results = await Promise.all(
        [...Array.from({ length: 6 }, () => call), other].map((c) => acceptOnce(t.db, id, c)),
      );
      const accepted = results.filter((r) => "ref" in r);
      expect(accepted).toHaveLength(2); // one copy of the first call, and the other call
      expect("ref" in results[6]).toBe(true);
      for (const copy of results.filter((r) => !("ref" in r)))
        expect(copy).toMatchObject({
          duplicateOf: expect.any(Date),
          detail: expect.stringMatching(/already accepted at/),
        });
      expect(await t.db.acceptedSign.count({ where: { integrationId: id } })).toBe(2);
    });

    it("writes the calls still waiting for their commit when the client disconnects, and closes", async () => {
      const own = await createDatabase(provider.name);
      try {
        const { id } = await integration(own.db);
        // Not awaited: the entries wait for the end of this turn when $disconnect starts.
        const pending = Array.from({ length: 5 }, (_, n) => recordCall(own.db, entry(id, n)));
        await own.db.$disconnect();
        expect(await Promise.all(pending)).toHaveLength(5);
        // Written before the runner's connection closed, not by one opened again after it.
        if (provider.name === "sqlite") expect(openFilesOn(sqlitePath(own.url))).toEqual([]);
        const again = await createDb(own.url);
        try {
          expect(await again.call.count({ where: { integrationId: id } })).toBe(5);
        } finally {
          await again.$disconnect();
        }
      } finally {
        await own.drop();
      }
    });

    it("fails only the call the database refuses; the calls beside it are kept", async () => {
      const { id: kept } = await integration(t.db);
      const { id: refused } = await integration(t.db);
      const allow = await refuseSums(t.db, provider.name as "sqlite" | "postgresql", refused, "sums refused");
      try {
        // Issued in one turn of the event loop: on SQLite, one commit.
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, (_, n) => recordCall(t.db, entry(n === 5 ? refused : kept, n))),
        );
        expect(results.map((r) => r.status)).toEqual(
          Array.from({ length: 12 }, (_, n) => (n === 5 ? "rejected" : "fulfilled")),
        );
        expect(String((results[5] as PromiseRejectedResult).reason)).toMatch(/sums refused/);
        expect(await t.db.call.count({ where: { integrationId: kept } })).toBe(11);
        expect(await t.db.callRollup.findMany({ where: { integrationId: kept } })).toMatchObject([{ calls: 11 }]);
        // The refused call left nothing: its row went with its sums.
        expect(await t.db.call.count({ where: { integrationId: refused } })).toBe(0);
        expect(await t.db.callRollup.count({ where: { integrationId: refused } })).toBe(0);
      } finally {
        await allow();
      }
    });
  });
}

describe("group commit on sqlite", () => {
  // Each write of a group commit has a savepoint. Past 64 KiB SQLite spills the savepoints'
  // journal to a temporary file: on the bench's database, a Udesk task run at c=16 created one
  // several times a second and wrote to it almost as often as to the WAL (strace).
  it("keeps the savepoints' journal and other temporary data of the runner's connection in memory", async () => {
    const t = await createDatabase("sqlite");
    try {
      const [setting] = await preparedRows<{ temp_store: number }>(t.db, Prisma.sql`PRAGMA temp_store`);
      expect(setting.temp_store).toBe(2); // MEMORY
    } finally {
      await t.drop();
    }
  });
});

describe.skipIf((await providersUnderTest()).find((p) => p.name === "postgresql")!.skip)(
  "group commit on postgresql",
  () => {
    it("commits a burst of calls in far fewer transactions than calls", async () => {
      const t = await createDatabase("postgresql");
      const admin = new pg.Client({ connectionString: t.url });
      await admin.connect();
      try {
        const { id } = await integration(t.db);
        await Promise.all(
          Array.from({ length: 40 }, async (_, n) => {
            await acceptOnce(t.db, id, { sign: `burst-${n}`, timestamp: "1767225600" });
            await recordCall(t.db, entry(id, n));
          }),
        );
        // Each row carries the transaction that wrote it (xmin).
        const { rows } = await admin.query<{ rows: number; transactions: number }>(
          `SELECT count(*)::int AS "rows", count(DISTINCT x)::int AS "transactions" FROM (
             SELECT xmin::text AS x FROM "Call" WHERE "integrationId" = $1
             UNION ALL SELECT xmin::text FROM "AcceptedSign" WHERE "integrationId" = $1) w`,
          [id],
        );
        // 80 writes: each its own transaction (and its own flush to disk) before, a few groups now.
        expect(rows[0].rows).toBe(80);
        expect(rows[0].transactions).toBeLessThan(20);
      } finally {
        await admin.end();
        await t.drop();
      }
    });
  },
);
