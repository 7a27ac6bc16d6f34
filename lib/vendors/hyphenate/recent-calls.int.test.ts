// The panel's recent calls on a long call log (SQLite and PostgreSQL): the statement reads the
// customer's own calls through the (customerId, createdAt) index, newest first, instead of
// walking the whole log backwards by its key until five of the customer's calls turn up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createCustomer } from "@/lib/customers/customers";
import { recentCallsSql } from "@/lib/vendors/hyphenate/iframe";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const OTHERS = 20_000;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`the panel's recent calls on ${provider.name}`, () => {
    let t: TestDatabase;
    let customerId = 0;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      customerId = (await createCustomer(t.db, { uname: "recent-few" })).id;
      const other = (await createCustomer(t.db, { uname: "recent-many" })).id;
      // The customer's six calls first, then a long log of another customer's: the newest calls
      // by key are all someone else's.
      const insert = (n: number, who: number) =>
        Prisma.sql`INSERT INTO "Call" ("vendor", "kind", "method", "path", "outcome", "status", "customerId",
          "createdAt")
          VALUES ('hyphenate', ${`k${n}`}, 'GET', '/p', 'ok', 200, ${who}, ${new Date(Date.UTC(2026, 0, 1, 0, 0, n))})`;
      for (let n = 0; n < 6; n++) await t.db.$executeRaw(insert(n, customerId));
      await t.db.$executeRawUnsafe(
        provider.name === "postgresql"
          ? `INSERT INTO "Call" ("vendor", "kind", "method", "path", "outcome", "status", "customerId", "createdAt")
             SELECT 'sobot-crm', 'crm', 'POST', '/c', 'ok', 200, ${other},
               TIMESTAMP '2026-02-01' + g * INTERVAL '1 second'
             FROM generate_series(1, ${OTHERS}) AS g`
          : `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${OTHERS})
             INSERT INTO "Call" ("vendor", "kind", "method", "path", "outcome", "status", "customerId", "createdAt")
             SELECT 'sobot-crm', 'crm', 'POST', '/c', 'ok', 200, ${other}, '2026-02-01T00:00:00.000+00:00' FROM g`,
      );
      await t.db.$executeRawUnsafe("ANALYZE");
    }, 120_000);
    afterAll(async () => {
      await t?.drop();
    });

    it("lists the customer's five latest calls, newest first", async () => {
      const rows = await t.db.$queryRaw<{ kind: string }[]>(recentCallsSql(customerId));
      expect(rows.map((r) => r.kind)).toEqual(["k5", "k4", "k3", "k2", "k1"]);
    });

    it("reads them through the customer's index, not by walking the log", async () => {
      const sql = recentCallsSql(customerId);
      if (provider.name === "postgresql") {
        const plan = (await t.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql.text}`, ...sql.values))
          .map((r) => r["QUERY PLAN"])
          .join("\n");
        expect(plan).toContain("Call_customerId_createdAt_idx");
        expect(plan).not.toContain("Call_pkey");
      } else {
        const plan = (await t.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.values))
          .map((r) => r.detail)
          .join("\n");
        expect(plan).toContain("Call_customerId_createdAt_idx");
        // The index gives the order: no sort of all the customer's calls.
        expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      }
    });
  });
}
