// Customers on real databases: CRUD, normalisation, external-id uniqueness, search, filters, sorting, paging,
// cascade, validation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
  type CustomerView,
} from "@/lib/customers/customers";
import { addOrder } from "@/lib/customers/orders";
import { listQuery } from "@/lib/customers/schemas";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`customers on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("creates, reads, updates and deletes a customer", async () => {
      const created = await createCustomer(t.db, {
        uname: "crud1",
        realname: "张伟",
        emails: ["crud1@example.com"],
        phones: ["13800001111"],
        remark: "first contact",
        isVip: true,
        vipLevel: "gold",
        labels: ["老客户"],
        customFields: { city: "上海" },
        externalIds: [{ kind: "udesk-customer", value: "crud-u1" }],
      });
      expect(created.id).toBeGreaterThan(0);

      const read = await getCustomer(t.db, created.id);
      expect(read).toMatchObject({
        uname: "crud1",
        realname: "张伟",
        emails: ["crud1@example.com"],
        phones: ["13800001111"],
        remark: "first contact",
        isVip: true,
        vipLevel: "gold",
        labels: ["老客户"],
        customFields: { city: "上海" },
        externalIds: [{ kind: "udesk-customer", value: "crud-u1" }],
      });

      const updated = await updateCustomer(t.db, created.id, {
        uname: "crud1-renamed",
        emails: ["second@example.com", "first@example.com"],
        isVip: false,
        labels: ["新客户"],
      });
      expect(updated.id).toBe(created.id);
      const reread = await getCustomer(t.db, created.id);
      expect(reread).toMatchObject({
        uname: "crud1-renamed",
        realname: "",
        emails: ["second@example.com", "first@example.com"], // the order given, not alphabetical
        phones: [],
        isVip: false,
        labels: ["新客户"],
        customFields: {},
        externalIds: [],
      });

      await deleteCustomer(t.db, created.id);
      expect(await getCustomer(t.db, created.id)).toBeNull();
      expect((await appError(deleteCustomer(t.db, created.id))).code).toBe("not_found");
      expect((await appError(updateCustomer(t.db, created.id, { uname: "ghost" }))).code).toBe("not_found");
    });

    it("lower-cases emails and keeps phones as typed, beside their normal form", async () => {
      const c = await createCustomer(t.db, {
        uname: "norm1",
        emails: ["  Mixed.Case@Example.COM "],
        phones: [" +86 138-0000  0000", "(0755) 8888.6666", "13800000000"],
      });
      expect(c.emails).toEqual(["mixed.case@example.com"]);
      // The third is the first number written another way: one number, one entry.
      expect(c.phones).toEqual(["+86 138-0000 0000", "(0755) 8888.6666"]);
      const stored = await getCustomer(t.db, c.id);
      expect(stored?.emails).toEqual(["mixed.case@example.com"]);
      expect(stored?.phones).toEqual(["+86 138-0000 0000", "(0755) 8888.6666"]);
      const rows = await t.db.customerPhone.findMany({ where: { customerId: c.id }, orderBy: { position: "asc" } });
      expect(rows.map((r) => r.normalized)).toEqual(["+8613800000000", "+8675588886666"]);
    });

    describe("external ids", () => {
      let owner: CustomerView;
      beforeAll(async () => {
        owner = await createCustomer(t.db, {
          uname: "owner",
          externalIds: [{ kind: "sobot-partner", value: "P-100" }],
        });
      });

      it("refuses a second customer with the same kind and value, naming the owner", async () => {
        const before = await t.db.customer.count();
        const error = await appError(
          createCustomer(t.db, { uname: "copycat", externalIds: [{ kind: "sobot-partner", value: "P-100" }] }),
        );
        expect(error.code).toBe("conflict");
        expect(Object.keys(error.fieldErrors)).toEqual(["externalIds.0"]);
        expect(error.fieldErrors["externalIds.0"].join(" ")).toContain(`#${owner.id}`);
        expect(await t.db.customer.count()).toBe(before);
      });

      it("points at the right entry when the taken id is not the first", async () => {
        const error = await appError(
          createCustomer(t.db, {
            uname: "copycat2",
            externalIds: [
              { kind: "hyphenate-visitor", value: "fresh-visitor" },
              { kind: "sobot-partner", value: "P-100" },
            ],
          }),
        );
        expect(error.code).toBe("conflict");
        expect(Object.keys(error.fieldErrors)).toEqual(["externalIds.1"]);
        expect(error.fieldErrors["externalIds.1"].join(" ")).toContain(`#${owner.id}`);
      });

      it("allows the same value under a different kind", async () => {
        const other = await createCustomer(t.db, {
          uname: "other-kind",
          externalIds: [{ kind: "sobot-customer", value: "P-100" }],
        });
        expect(other.externalIds).toEqual([{ kind: "sobot-customer", value: "P-100" }]);
      });

      it("lets a customer be updated while keeping its own external id", async () => {
        const updated = await updateCustomer(t.db, owner.id, {
          uname: "owner-renamed",
          externalIds: [{ kind: "sobot-partner", value: "P-100" }],
        });
        expect(updated.uname).toBe("owner-renamed");
        expect(updated.externalIds).toEqual([{ kind: "sobot-partner", value: "P-100" }]);
      });

      it("refuses an update that takes another customer's external id", async () => {
        const other = await createCustomer(t.db, { uname: "would-be-thief" });
        const error = await appError(
          updateCustomer(t.db, other.id, {
            uname: "would-be-thief",
            externalIds: [{ kind: "sobot-partner", value: "P-100" }],
          }),
        );
        expect(error.code).toBe("conflict");
        expect(error.fieldErrors["externalIds.0"].join(" ")).toContain(`#${owner.id}`);
        expect((await getCustomer(t.db, other.id))?.externalIds).toEqual([]);
      });
    });

    it("deleting a customer deletes its orders, shipments, emails, phones, labels and external ids", async () => {
      const c = await createCustomer(t.db, {
        uname: "cascade",
        emails: ["cascade@example.com"],
        phones: ["13700000000"],
        labels: ["gone"],
        externalIds: [{ kind: "hyphenate-visitor", value: "cascade-v" }],
      });
      const doomed = await addOrder(t.db, c.id, {
        orderNo: "CASCADE-1",
        title: "Kettle",
        amountCents: "99",
        quantity: 1,
        status: "shipped",
        shipments: [{ time: new Date("2026-10-02T08:00:00Z"), status: "揽收" }],
      });
      await deleteCustomer(t.db, c.id);

      const where = { customerId: c.id };
      expect(await t.db.order.count({ where })).toBe(0);
      expect(await t.db.shipmentEvent.count({ where: { orderId: doomed.id } })).toBe(0);
      expect(await t.db.customerEmail.count({ where })).toBe(0);
      expect(await t.db.customerPhone.count({ where })).toBe(0);
      expect(await t.db.customerLabel.count({ where })).toBe(0);
      expect(await t.db.externalId.count({ where })).toBe(0);
      // What a user notices: the external id and the order number are free again.
      const again = await createCustomer(t.db, {
        uname: "cascade-2",
        externalIds: [{ kind: "hyphenate-visitor", value: "cascade-v" }],
      });
      const order = await addOrder(t.db, again.id, {
        orderNo: "CASCADE-1",
        title: "Kettle",
        amountCents: "99",
        quantity: 1,
        status: "paid",
      });
      expect(order.customerId).toBe(again.id);
    });

    it("rejects a customer with neither nickname nor real name", async () => {
      const before = await t.db.customer.count();
      const error = await appError(createCustomer(t.db, { emails: ["nobody@example.com"] }));
      expect(error.code).toBe("validation");
      expect(error.fieldErrors.uname).toBeDefined();
      expect(await t.db.customer.count()).toBe(before);
    });

    it("rejects a bad email, naming its position", async () => {
      const first = await appError(createCustomer(t.db, { uname: "bad-email", emails: ["nope"] }));
      expect(first.code).toBe("validation");
      expect(Object.keys(first.fieldErrors)).toEqual(["emails.0"]);
      const second = await appError(
        createCustomer(t.db, { uname: "bad-email", emails: ["ok@example.com", "still nope"] }),
      );
      expect(Object.keys(second.fieldErrors)).toEqual(["emails.1"]);
    });
  });

  describe.skipIf(provider.skip)(`customer search, filters, sorting and paging on ${provider.name}`, () => {
    let t: TestDatabase;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      const people = [
        {
          uname: "alice",
          realname: "Alice Wong",
          emails: ["alice@example.com", "awong@work.example.org"],
          phones: ["+86 138-0000 0000"],
          isVip: true,
          labels: ["wholesale"],
          externalIds: [{ kind: "sobot-partner" as const, value: "SP-77" }],
        },
        {
          uname: "bob",
          realname: "王小明",
          emails: ["bob@example.com"],
          phones: ["13911112222"],
          labels: ["priority"],
          externalIds: [{ kind: "hyphenate-visitor" as const, value: "visitor-9x" }],
        },
        {
          uname: "carol",
          realname: "李娜",
          emails: ["carol@163.com"],
          phones: ["0755-8888 6666"],
          isVip: true,
          labels: ["wholesale", "priority"],
          externalIds: [{ kind: "udesk-customer" as const, value: "U-carol-1" }],
        },
        { uname: "dave", realname: "" },
      ];
      for (const p of people) ids[p.uname] = (await createCustomer(t.db, p)).id;
    });
    afterAll(async () => {
      await t?.drop();
    });

    const unames = async (query: Record<string, unknown>) =>
      (await listCustomers(t.db, listQuery.parse({ sort: "uname", dir: "asc", ...query }))).items.map((c) => c.uname);

    it.each([
      ["part of a nickname", "lic", ["alice"]],
      ["a Chinese real name", "王", ["bob"]],
      ["part of a Chinese real name", "小明", ["bob"]],
      ["the first email", "bob@example.com", ["bob"]],
      ["the second email", "awong@work", ["alice"]],
      ["a phone as typed differently", "138-0000", ["alice"]],
      ["a phone with spaces", "8888 6666", ["carol"]],
      ["a phone's digits", "13911112222", ["bob"]],
      ["a phone with +86", "+86 139 1111 2222", ["bob"]],
      ["a phone with 0086", "0086-139-1111-2222", ["bob"]],
      ["a phone with 86", "8613911112222", ["bob"]],
      ["a phone saved with +86, asked without", "13800000000", ["alice"]],
      ["a landline with its area code", "0755-88886666", ["carol"]],
      ["a landline written internationally", "+86 755 8888 6666", ["carol"]],
      ["an external id", "SP-77", ["alice"]],
      ["another kind of external id", "visitor-9x", ["bob"]],
      ["part of an external id", "carol-1", ["carol"]],
      ["a nickname in capitals", "ALICE", ["alice"]],
      ["an email in capitals", "BOB@EXAMPLE", ["bob"]],
      ["a shared part of several emails", "example", ["alice", "bob"]],
    ])("finds customers by %s (%s)", async (_what, q, expected) => {
      expect(await unames({ q })).toEqual(expected);
    });

    it("finds nobody for text nobody has", async () => {
      const page = await listCustomers(t.db, listQuery.parse({ q: "zzz-nobody" }));
      expect(page.items).toEqual([]);
      expect(page.total).toBe(0);
      expect(page.pages).toBe(1);
    });

    it("pages a text search, counts each customer once, and still counts past the last page", async () => {
      // alice matches "example" through two emails: one customer, not two.
      const second = await listCustomers(
        t.db,
        listQuery.parse({ q: "example", sort: "uname", dir: "asc", per: 1, page: 2 }),
      );
      expect(second.items.map((c) => c.uname)).toEqual(["bob"]);
      expect(second).toMatchObject({ total: 2, pages: 2 });
      const beyond = await listCustomers(t.db, listQuery.parse({ q: "example", per: 1, page: 5 }));
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(2);
      expect(await unames({ q: "example", label: "priority" })).toEqual(["bob"]);
      expect(await unames({ q: "example", sort: "id", dir: "desc" })).toEqual(["bob", "alice"]);
    });

    it("finds a customer by its id", async () => {
      expect(await unames({ q: `#${ids.carol}` })).toEqual(["carol"]);
    });

    it("filters by VIP status and by label", async () => {
      expect(await unames({ vip: "yes" })).toEqual(["alice", "carol"]);
      expect(await unames({ vip: "no" })).toEqual(["bob", "dave"]);
      expect(await unames({ label: "priority" })).toEqual(["bob", "carol"]);
      expect(await unames({ label: "wholesale", vip: "no" })).toEqual([]);
      expect(await unames({ q: "example", vip: "yes" })).toEqual(["alice"]);
    });

    it("sorts by nickname both ways", async () => {
      expect(await unames({ sort: "uname", dir: "asc" })).toEqual(["alice", "bob", "carol", "dave"]);
      expect(await unames({ sort: "uname", dir: "desc" })).toEqual(["dave", "carol", "bob", "alice"]);
    });

    it("pages through the results", async () => {
      const page1 = await listCustomers(t.db, listQuery.parse({ sort: "uname", dir: "asc", per: 3, page: 1 }));
      expect(page1.items.map((c) => c.uname)).toEqual(["alice", "bob", "carol"]);
      expect(page1).toMatchObject({ total: 4, page: 1, pages: 2, per: 3 });

      const page2 = await listCustomers(t.db, listQuery.parse({ sort: "uname", dir: "asc", per: "3", page: "2" }));
      expect(page2.items.map((c) => c.uname)).toEqual(["dave"]);
      expect(page2).toMatchObject({ total: 4, page: 2, pages: 2, per: 3 });

      const beyond = await listCustomers(t.db, listQuery.parse({ sort: "uname", per: 3, page: 5 }));
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(4);

      const filtered = await listCustomers(
        t.db,
        listQuery.parse({ vip: "yes", sort: "uname", dir: "desc", per: 1, page: 2 }),
      );
      expect(filtered.items.map((c) => c.uname)).toEqual(["alice"]);
      expect(filtered).toMatchObject({ total: 2, pages: 2 });
    });
  });
}
