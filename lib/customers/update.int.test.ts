// Changing a customer writes only what changed, in one transaction (SQLite and PostgreSQL): the
// rows of unchanged lists stay as they were, a save that changes nothing writes nothing, and a
// change that cannot be saved leaves the customer as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import { createCustomer, getCustomer, updateCustomer, type CustomerView } from "@/lib/customers/customers";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const input = (c: CustomerView) => ({
  uname: c.uname,
  realname: c.realname,
  emails: c.emails,
  phones: c.phones,
  remark: c.remark,
  isVip: c.isVip,
  vipLevel: c.vipLevel,
  labels: c.labels,
  customFields: c.customFields,
  externalIds: c.externalIds.map((x) => ({ kind: x.kind as "sobot-customer", value: x.value })),
});

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`updating a customer on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    const make = (n: string) =>
      createCustomer(t.db, {
        uname: `upd-${n}`,
        emails: [`upd-${n}@example.com`, `upd-${n}-2@example.com`],
        phones: ["13800138000", "+86 139 0000 0000"],
        labels: ["老客户", "b"],
        customFields: { city: "上海" },
        externalIds: [{ kind: "sobot-customer", value: `upd-${n}` }],
      });
    const childIds = async (id: number) => ({
      emails: (await t.db.customerEmail.findMany({ where: { customerId: id }, orderBy: { id: "asc" } })).map(
        (r) => r.id,
      ),
      phones: (await t.db.customerPhone.findMany({ where: { customerId: id }, orderBy: { id: "asc" } })).map(
        (r) => r.id,
      ),
      externalIds: (await t.db.externalId.findMany({ where: { customerId: id }, orderBy: { id: "asc" } })).map(
        (r) => r.id,
      ),
    });
    const events = (id: number) => t.db.auditEvent.findMany({ where: { customerId: id }, orderBy: { id: "asc" } });

    it("a change of one field updates that field and leaves the lists' rows as they were", async () => {
      const c = await make("one");
      const rowsBefore = await childIds(c.id);
      const saved = await updateCustomer(t.db, c.id, { ...input(c), remark: "called back", isVip: true });
      expect(saved).toMatchObject({ remark: "called back", isVip: true, emails: c.emails, phones: c.phones });
      expect(saved.labels).toEqual(c.labels);
      expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(c.updatedAt.getTime());
      expect(await childIds(c.id)).toEqual(rowsBefore);
      const last = (await events(c.id)).at(-1)!;
      expect(last.action).toBe("update");
      expect(Object.keys(JSON.parse(last.changes)).sort()).toEqual(["isVip", "remark"]);
      expect(await getCustomer(t.db, c.id)).toEqual(saved);
    });

    it("a save that changes nothing writes nothing: no new time, no audit event", async () => {
      const c = await make("same");
      const before = await events(c.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Labels in another order are the same labels.
      const saved = await updateCustomer(t.db, c.id, { ...input(c), labels: [...c.labels].reverse() });
      expect(saved.updatedAt.getTime()).toBe(c.updatedAt.getTime());
      expect((await getCustomer(t.db, c.id))!.updatedAt.getTime()).toBe(c.updatedAt.getTime());
      expect(await events(c.id)).toHaveLength(before.length);
    });

    it("a changed list is rewritten in its new order, the others are kept", async () => {
      const c = await make("list");
      const rowsBefore = await childIds(c.id);
      const saved = await updateCustomer(t.db, c.id, { ...input(c), phones: ["+86 139 0000 0000", "021-5555-0000"] });
      expect(saved.phones).toEqual(["+86 139 0000 0000", "021-5555-0000"]);
      const rowsAfter = await childIds(c.id);
      expect(rowsAfter.emails).toEqual(rowsBefore.emails);
      expect(rowsAfter.externalIds).toEqual(rowsBefore.externalIds);
      expect(rowsAfter.phones).not.toEqual(rowsBefore.phones);
      const phones = await t.db.customerPhone.findMany({ where: { customerId: c.id }, orderBy: { position: "asc" } });
      expect(phones.map((p) => [p.position, p.normalized])).toEqual([
        [0, "+8613900000000"],
        [1, "+862155550000"],
      ]);
      expect(Object.keys(JSON.parse((await events(c.id)).at(-1)!.changes))).toEqual(["phones"]);
    });

    it("an external id another customer holds refuses the whole change", async () => {
      const a = await make("taken-a");
      const b = await make("taken-b");
      const error = await appError(
        updateCustomer(t.db, b.id, {
          ...input(b),
          remark: "must not be saved",
          externalIds: [{ kind: "sobot-customer", value: "upd-taken-a" }],
        }),
      );
      expect(error.code).toBe("conflict");
      expect(error.message).toContain("already used");
      expect(await getCustomer(t.db, b.id)).toEqual(b);
      expect((await getCustomer(t.db, a.id))!.externalIds).toEqual(a.externalIds);
    });

    it("an unknown customer is not found", async () => {
      const error = await appError(updateCustomer(t.db, 987654, { uname: "nobody" }));
      expect(error.code).toBe("not_found");
    });
  });
}
