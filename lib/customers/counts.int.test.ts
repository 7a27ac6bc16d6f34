// Counting at scale: past COUNT_CAP the Customers list and its label filter stop counting and say
// "N+" (a million customers took 55 ms to count and 55–90 ms to group by label on every page);
// below the cap every count is exact. A search past the cap says "N+" too, unless it is filtered
// (lib/customers/common-search.int.test.ts checks its pages).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNT_CAP, createCustomer, listCustomers, listLabels } from "@/lib/customers/customers";
import { listQuery } from "@/lib/customers/schemas";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const MANY = COUNT_CAP.customers + 30;

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`counts past the cap on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      const now = new Date();
      // Customers "bulk-1" … "bulk-N" in one statement, every one labelled "bulk", every third "third".
      await t.db.$executeRaw`
        WITH RECURSIVE "n" ("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM "n" WHERE "i" < ${MANY})
        INSERT INTO "Customer" ("uname", "createdAt", "updatedAt")
        SELECT 'bulk-' || CAST("i" AS TEXT), ${now}, ${now} FROM "n"`;
      await t.db.$executeRaw`
        INSERT INTO "CustomerLabel" ("customerId", "label") SELECT "id", 'bulk' FROM "Customer"`;
      await t.db.$executeRaw`
        INSERT INTO "CustomerLabel" ("customerId", "label") SELECT "id", 'third' FROM "Customer" WHERE "id" % 3 = 0`;
      for (const label of ["rare", "拼车"]) await createCustomer(t.db, { uname: `only ${label}`, labels: [label] });
    }, 120_000);
    afterAll(async () => {
      await t?.drop();
    });

    const page = (params: Record<string, string>) => listCustomers(t.db, listQuery.parse(params));

    it("gives every label, in order, counted exactly below the cap and as 'at least' past it", async () => {
      expect(await listLabels(t.db)).toEqual([
        { label: "bulk", count: COUNT_CAP.perLabel, atLeast: true },
        { label: "rare", count: 1, atLeast: false },
        { label: "third", count: COUNT_CAP.perLabel, atLeast: true },
        { label: "拼车", count: 1, atLeast: false },
      ]);
    });

    it("says the whole list holds at least the cap, and still pages on past it", async () => {
      const first = await page({});
      expect([first.total, first.atLeast, first.items.length]).toEqual([COUNT_CAP.customers, true, 25]);
      expect(first.pages).toBe(COUNT_CAP.customers / 25);
      // Page 401 of 25 is past the cap: it is there, its customers are shown, and a next page is offered.
      const past = await page({ page: String(COUNT_CAP.customers / 25 + 1), sort: "id", dir: "asc" });
      expect(past.items.map((c) => c.uname).slice(0, 2)).toEqual([
        `bulk-${COUNT_CAP.customers + 1}`,
        `bulk-${COUNT_CAP.customers + 2}`,
      ]);
      expect([past.atLeast, past.total, past.pages]).toEqual([true, COUNT_CAP.customers + 25, past.page + 1]);
      // The last page: what it shows is the known total, and there is no page after it.
      const lastPage = Math.ceil((MANY + 2) / 25);
      const last = await page({ page: String(lastPage), sort: "id", dir: "asc" });
      expect(last.items).toHaveLength(MANY + 2 - (lastPage - 1) * 25);
      expect([last.total, last.pages]).toEqual([MANY + 2, lastPage]);
    });

    it("counts a filtered list exactly below the cap, and a search past it as 'at least'", async () => {
      const rare = await page({ label: "rare" });
      expect([rare.total, rare.atLeast, rare.pages]).toEqual([1, false, 1]);
      const third = await page({ label: "third" });
      expect([third.total, third.atLeast]).toEqual([Math.floor(MANY / 3), false]);
      const searched = await page({ q: "bulk-" });
      expect([searched.total, searched.atLeast, searched.items.length]).toEqual([COUNT_CAP.customers, true, 25]);
      // Filtered, a search is counted in full: the filter could leave few of its matches.
      const filtered = await page({ q: "bulk-", label: "bulk" });
      expect([filtered.total, filtered.atLeast]).toEqual([MANY, false]);
    });
  });
}
