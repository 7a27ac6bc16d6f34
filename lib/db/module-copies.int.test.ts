// A production build gives each route its own copy of a module, while lib/db hands every route
// the one client: what a client is (its database) must be known to every copy. A customer search
// run by another copy than the one that made a PostgreSQL client once took it for SQLite, sent
// FTS5's MATCH to PostgreSQL, and the Customers page answered 500. Likewise a lock key taken
// through one copy of lib/db/locks must hold off a holder that took it through another.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCustomer } from "@/lib/customers/customers";
import { providerOfDb } from "@/lib/db/client";
import { withLocks } from "@/lib/db/locks";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`another copy of the modules on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      await createCustomer(t.db, { uname: "copy-Wang", realname: "罗秀英", emails: ["Copy.Search@Example.com"] });
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("knows the client's database, and searches it, from a fresh copy of every module", async () => {
      expect(providerOfDb(t.db)).toBe(provider.name);
      vi.resetModules();
      const copy = await import("@/lib/db/client");
      expect(copy.providerOfDb).not.toBe(providerOfDb);
      expect(copy.providerOfDb(t.db)).toBe(provider.name);
      const { listCustomers } = await import("@/lib/customers/customers");
      const { listQuery } = await import("@/lib/customers/schemas");
      const found = async (q: string) => (await listCustomers(t.db, listQuery.parse({ q }))).items.map((c) => c.uname);
      // Three characters and more (a trigram index on either database), and case folded.
      expect(await found("罗秀英")).toEqual(["copy-Wang"]);
      expect(await found("copy.search@example")).toEqual(["copy-Wang"]);
      expect(await found("COPY-w")).toEqual(["copy-Wang"]);
    });

    it("queues one key's holders one after the other, whichever copy of lib/db/locks they took it from", async () => {
      vi.resetModules();
      const copy = await import("@/lib/db/locks");
      expect(copy.withLocks).not.toBe(withLocks);
      const events: string[] = [];
      const hold = (lock: typeof withLocks, who: string) =>
        lock(t.db, ["customer-key:sobot-customer:copy"], async () => {
          events.push(`${who} in`);
          await new Promise((resolve) => setTimeout(resolve, 30));
          events.push(`${who} out`);
        });
      await Promise.all([hold(withLocks, "first"), hold(copy.withLocks, "second")]);
      expect(events).toEqual(["first in", "first out", "second in", "second out"]);
    });
  });
}
