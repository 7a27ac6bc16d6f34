// A vendor call's lookup (one statement, prepared: lib/customers/lookup) reads a customer exactly
// as the dashboard's query builder does, on SQLite and PostgreSQL: every list in its order, the
// flag, the fields and the instants; and it finds nobody where nobody matches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, getCustomer } from "@/lib/customers/customers";
import { customerViewById, findByEmail, findByExternalId, findByPhone } from "@/lib/customers/lookup";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`a vendor call's customer lookup on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("reads every list, flag, field and instant as the dashboard reads them, by each key", async () => {
      // Lists given out of alphabetical order: their order is the customer's, not the database's.
      const created = await createCustomer(t.db, {
        uname: "lookup-full",
        realname: "王小明 O'Brien",
        remark: "第一行\n第二行",
        isVip: true,
        vipLevel: "金卡",
        emails: ["z-last@example.com", "a-first@example.com"],
        phones: ["+86 139 0000 0000", "13800138000"],
        labels: ["老客户", "b", "A"],
        customFields: { city: "上海", 等级: "3" },
        externalIds: [
          { kind: "sobot-partner", value: "partner-lookup" },
          { kind: "sobot-customer", value: "visitor-lookup" },
        ],
      });
      // Another customer, so that a statement reading the wrong rows shows.
      await createCustomer(t.db, {
        uname: "lookup-other",
        emails: ["other@example.com"],
        phones: ["13700137000"],
        labels: ["other"],
        externalIds: [{ kind: "sobot-partner", value: "partner-other" }],
      });
      const expected = await getCustomer(t.db, created.id);
      expect(expected?.emails).toEqual(["z-last@example.com", "a-first@example.com"]);
      expect(await customerViewById(t.db, created.id)).toEqual(expected);
      expect(await findByExternalId(t.db, "sobot-partner", "partner-lookup")).toEqual(expected);
      expect(await findByExternalId(t.db, "sobot-customer", "visitor-lookup")).toEqual(expected);
      expect(await findByPhone(t.db, "139 0000 0000")).toEqual(expected);
      expect(await findByEmail(t.db, " A-First@Example.com ")).toEqual(expected);
    });

    it("reads a customer with no lists, and finds nobody where nobody matches", async () => {
      const bare = await createCustomer(t.db, { uname: "lookup-bare" });
      expect(await customerViewById(t.db, bare.id)).toEqual(await getCustomer(t.db, bare.id));
      expect((await customerViewById(t.db, bare.id))?.emails).toEqual([]);
      expect(await customerViewById(t.db, 9_999_999)).toBeNull();
      expect(await findByExternalId(t.db, "sobot-partner", "partner-nobody")).toBeNull();
      // The kind is part of the key: a partner id is not a visitor id.
      expect(await findByExternalId(t.db, "sobot-customer", "partner-lookup")).toBeNull();
      expect(await findByPhone(t.db, "13600136000")).toBeNull();
      expect(await findByEmail(t.db, "nobody@example.com")).toBeNull();
    });
  });
}
