// A search that matches more customers than the list counts (COUNT_CAP.customers): its pages are
// read by walking the list's own index, and it says "10,000+" like the list without text. Checked
// on real databases holding more than 10,000 matches, against the search that finds every match.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNT_CAP, listCustomers, matchingCustomerIds } from "@/lib/customers/customers";
import { listQuery } from "@/lib/customers/schemas";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

/**
 * Customers in all. The first (the oldest, and the lowest ids) never match; of the others, four
 * in five contain "olivia", in one place each, in a different case: 10,080 matches.
 */
const CUSTOMERS = 15_200;
const PLAIN = 2_600;
const MATCHES = ((CUSTOMERS - PLAIN) * 4) / 5;
/** Where customer `i` contains "olivia": 0 its nickname, 1 its real name, 2 an email, 3 an external id. */
const place = (i: number) => (i < PLAIN ? -1 : i % 5);
const base = Date.parse("2026-01-01T00:00:00Z");

async function seed(t: TestDatabase) {
  for (let from = 0; from < CUSTOMERS; from += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, CUSTOMERS - from) }, (_, k) => from + k);
    const made = await t.db.customer.createManyAndReturn({
      data: batch.map((i) => ({
        uname: place(i) === 0 ? `Olivia ${i}` : `user ${(i * 7919) % CUSTOMERS}`,
        realname: place(i) === 1 ? `OLIVIA 陈${i}` : `陈${i}`,
        // Three customers share each second: the id breaks their ties.
        updatedAt: new Date(base + Math.floor(i / 3) * 1000),
      })),
      select: { id: true },
    });
    const ids = made.map((c) => c.id);
    await t.db.customerEmail.createMany({
      data: batch.flatMap((i, k) => (place(i) === 2 ? [{ customerId: ids[k], email: `olivia.${i}@mail.test` }] : [])),
    });
    await t.db.externalId.createMany({
      data: batch.flatMap((i, k) =>
        place(i) === 3 ? [{ customerId: ids[k], kind: "sobot-partner", value: `SP-oLiViA-${i}` }] : [],
      ),
    });
  }
}

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`a search with more than ${COUNT_CAP.customers} matches on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      await seed(t);
    }, 120_000);
    afterAll(async () => {
      await t?.drop();
    });

    /** The page as the search that finds and sorts every match gives it. */
    async function everyMatch(q: string, sort: string, dir: string, page: number, per: number) {
      const ids = await matchingCustomerIds(t.db, listQuery.parse({ q, sort, dir }));
      return { count: ids.length, page: ids.slice((page - 1) * per, page * per) };
    }

    it("lists its pages in the list's order, and counts it as 10,000+", async () => {
      for (const [q, sort, dir, page] of [
        ["olivia", "updated", "desc", 1],
        ["OLIVIA", "updated", "desc", 3],
        ["olivia", "id", "desc", 2],
        ["Olivia", "uname", "asc", 1],
        ["olivia", "realname", "desc", 1],
      ] as const) {
        const per = 25;
        const listed = await listCustomers(t.db, listQuery.parse({ q, sort, dir, page, per }));
        const expected = await everyMatch(q, sort, dir, page, per);
        expect(expected.count).toBe(MATCHES);
        const where = `${q} by ${sort} ${dir}, page ${page}`;
        expect(
          listed.items.map((c) => c.id),
          where,
        ).toEqual(expected.page);
        expect({ total: listed.total, atLeast: listed.atLeast }, where).toEqual({
          total: COUNT_CAP.customers,
          atLeast: true,
        });
        expect(listed.pages, where).toBeGreaterThan(page);
      }
    });

    it("finds every match where none is near the start of the list's order", async () => {
      // The oldest and lowest-numbered customers never match: walking the list from there gives
      // up before the page is full, and the search is found and counted in full.
      for (const [sort, dir] of [
        ["updated", "asc"],
        ["id", "asc"],
      ] as const) {
        const listed = await listCustomers(t.db, listQuery.parse({ q: "olivia", sort, dir, per: 25 }));
        const expected = await everyMatch("olivia", sort, dir, 1, 25);
        expect(
          listed.items.map((c) => c.id),
          `${sort} ${dir}`,
        ).toEqual(expected.page);
        expect({ total: listed.total, atLeast: listed.atLeast }).toEqual({ total: MATCHES, atLeast: false });
      }
    });

    it("finds customers whose only match is an email or an external id", async () => {
      const listed = await listCustomers(t.db, listQuery.parse({ q: "olivia", per: 200 }));
      const sources = new Set(
        listed.items.map((c) =>
          /olivia/i.test(`${c.uname} ${c.realname}`) ? "name" : c.emails.length ? "email" : "external id",
        ),
      );
      expect([...sources].sort()).toEqual(["email", "external id", "name"]);
    });

    it("still counts a filtered, a rarer or a deep search to its end", async () => {
      const filtered = await listCustomers(t.db, listQuery.parse({ q: "olivia", vip: "no", per: 25 }));
      expect({ total: filtered.total, atLeast: filtered.atLeast }).toEqual({ total: MATCHES, atLeast: false });
      const rarer = await listCustomers(t.db, listQuery.parse({ q: "olivia.1", per: 25 }));
      const rarerIds = await matchingCustomerIds(t.db, listQuery.parse({ q: "olivia.1" }));
      expect({ total: rarer.total, atLeast: rarer.atLeast }).toEqual({ total: rarerIds.length, atLeast: false });
      expect(rarer.items.map((c) => c.id)).toEqual(rarerIds.slice(0, 25));
      const deep = await listCustomers(t.db, listQuery.parse({ q: "olivia", page: 30, per: 25 }));
      expect({ total: deep.total, atLeast: deep.atLeast }).toEqual({ total: MATCHES, atLeast: false });
      expect(deep.items.map((c) => c.id)).toEqual((await everyMatch("olivia", "updated", "desc", 30, 25)).page);
    });
  });
}
