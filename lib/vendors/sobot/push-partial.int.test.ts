// A Sobot push with some invalid fields is applied without them (PROTOCOLS §2: anything but
// 200 {"code":0,"status":0} makes Sobot retry the same push, three times, and then drop it), and
// per-customer limits keep the newest values instead of refusing the push.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, getCustomer } from "@/lib/customers/customers";
import { findByExternalId } from "@/lib/customers/lookup";
import { createIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { push } from "@/lib/testing/sobot-push";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Sobot pushes with invalid fields on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let open: IntegrationView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      open = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot push",
        settings: {},
        secrets: {},
      });
    });
    afterAll(async () => {
      await t?.drop();
    });

    async function applied(body: unknown): Promise<HandlerResult> {
      const r = await push(t.db, masterKey, open, { body: JSON.stringify(body) });
      if (r instanceof CallbackRefusal) throw new Error(`refused: ${r.status} ${r.outcome} ${r.detail}`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ code: 0, status: 0 });
      expect(r.outcome).toBe("ok");
      return r;
    }
    const customer = async (id: string) => {
      const found = await findByExternalId(t.db, "sobot-customer", id);
      expect(found, `a customer with sobot-customer ${id}`).not.toBeNull();
      return found!;
    };

    it("applies the valid nickname of a push with an invalid email, answers success and names the email", async () => {
      const r = await applied({ id: "partial-1", nick: "Nick", email: "not-an-email;ok@example.com" });
      const c = await customer("partial-1");
      expect(c.uname).toBe("Nick");
      expect(c.emails).toEqual(["ok@example.com"]);
      expect(r.partial).toBe(true);
      expect(r.detail).toContain('email "not-an-email"');
      expect(r.detail).toMatch(/not an email address/i);
    });

    it("leaves out an over-long remark, a non-scalar ex_fields value and a non-text nickname", async () => {
      const r = await applied({
        id: "partial-2",
        nick: { first: "A" },
        uname: "Real Name",
        remark: "r".repeat(2001),
        tel: "13800000000;call me",
        is_vip: "maybe",
        ex_fields: { good: "kept", nested: { a: 1 }, list: [1, 2], flag: true },
      });
      const c = await customer("partial-2");
      expect(c.realname).toBe("Real Name");
      expect(c.remark).toBe("");
      expect(c.phones).toEqual(["13800000000"]);
      expect(c.customFields).toEqual({ good: "kept", flag: "true" });
      for (const named of ["nick", "remark", 'tel "call me"', "is_vip", "ex_fields.nested", "ex_fields.list"])
        expect(r.detail).toContain(named);
      expect(r.partial).toBe(true);
    });

    it("keeps the newest 20 emails and phones of a customer, naming the ones dropped", async () => {
      const emails = Array.from({ length: 18 }, (_, i) => `old${i}@example.com`);
      await createCustomer(t.db, {
        uname: "Many",
        emails,
        externalIds: [{ kind: "sobot-customer", value: "partial-3" }],
      });
      const fresh = Array.from({ length: 5 }, (_, i) => `new${i}@example.com`);
      const r = await applied({ id: "partial-3", email: fresh.join(";") });
      const c = await customer("partial-3");
      expect(c.emails).toHaveLength(20);
      expect(c.emails.slice(-5)).toEqual(fresh);
      expect(c.emails).not.toContain("old0@example.com");
      expect(c.emails).toContain("old3@example.com");
      expect(r.detail).toContain("old0@example.com");

      const phones = Array.from({ length: 25 }, (_, i) => `1380000${String(i).padStart(4, "0")}`);
      await applied({ id: "partial-3", tel: phones.join(";") });
      expect((await customer("partial-3")).phones).toEqual(phones.slice(-20));
    });

    it("never lets a customer grow without bound: four large pushes keep the newest custom fields", async () => {
      for (let round = 0; round < 4; round++) {
        const ex: Record<string, string> = {};
        for (let i = 0; i < 5000; i++) ex[`f${round}_${i}`] = "v".repeat(150);
        ex.huge = "x".repeat(5000);
        const r = await applied({ id: "partial-4", nick: "Big", ex_fields: ex });
        expect(r.partial).toBe(true);
      }
      const c = await customer("partial-4");
      const keys = Object.keys(c.customFields);
      expect(keys.length).toBeLessThanOrEqual(100);
      expect(keys).toContain("f3_4999");
      expect(keys).not.toContain("f0_0");
      expect(c.customFields.huge).toBeUndefined();
      const row = await t.db.customer.findUnique({ where: { id: c.id }, select: { customFields: true } });
      expect(row!.customFields.length).toBeLessThan(200_000);
    });

    it("still refuses a push without an id, and a body that is not JSON", async () => {
      const before = await t.db.customer.count();
      for (const body of [JSON.stringify({ nick: "No id" }), "nick=NotJson", "[]"]) {
        const r = await push(t.db, masterKey, open, { body });
        expect(r).toBeInstanceOf(CallbackRefusal);
        expect((r as CallbackRefusal).status).toBe(400);
      }
      expect(await t.db.customer.count()).toBe(before);
    });

    it("applies a push that is entirely valid without marking it partial", async () => {
      const r = await applied({ id: "partial-5", nick: "Clean", email: "clean@example.com" });
      expect(r.partial ?? false).toBe(false);
      expect(r.detail).not.toMatch(/left out/);
      expect((await getCustomer(t.db, r.customerId!))!.emails).toEqual(["clean@example.com"]);
    });
  });
}
