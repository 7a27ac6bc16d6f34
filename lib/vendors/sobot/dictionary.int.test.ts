// The Sobot dictionary on real databases: CRM answers carry Sobot's ids (a value without one is
// left out and named), pushes keep unknown ids as they came and show the name once it is set.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackRefusal, type HandlerResult } from "@/lib/callbacks/types";
import { createCustomer, getCustomer } from "@/lib/customers/customers";
import { findByExternalId } from "@/lib/customers/lookup";
import { createIntegration, loadCallbackIntegration, type IntegrationView } from "@/lib/integrations/integrations";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { push } from "@/lib/testing/sobot-push";
import { decrypt, encrypt, sign } from "@/lib/vendors/sobot/codec";
import { sobotCrm } from "@/lib/vendors/sobot/crm";
import { dictionaryView, setDictionaryEntries } from "@/lib/vendors/sobot/dictionary";
import { crmAnswer, crmProfile } from "@/lib/vendors/sobot/schemas";

const TAG_VIP = "581dfa5ff16644619d8a7e1a45632a79";
const TAG_NEW = "33d090699539491d9a0cc75f896453bc";
const LEVEL_GOLD = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const FIELD_CARD = "7dcf2982a3bc4afaa5351500b8e2e21c";
const FIELD_DATE = "899f53ad57fd45beaab0628981d87e2b";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`Sobot dictionary on ${provider.name}`, () => {
    let t: TestDatabase;
    const masterKey = crypto.randomBytes(32);
    let crm: IntegrationView;
    let webhook: IntegrationView;

    beforeAll(async () => {
      t = await createDatabase(provider.name);
      crm = await createIntegration(t.db, masterKey, {
        vendor: "sobot-crm",
        name: "Sobot CRM",
        settings: { companyId: "company-7" },
        secrets: { secretKey: "dictionary-secret" },
      });
      webhook = await createIntegration(t.db, masterKey, {
        vendor: "sobot-webhook",
        name: "Sobot push",
        settings: {},
        secrets: {},
      });
      await setDictionaryEntries(t.db, "company-7", [
        { type: "label", name: "VIP", sobotId: TAG_VIP },
        { type: "vipLevel", name: "gold", sobotId: LEVEL_GOLD },
        { type: "field", name: "card", sobotId: FIELD_CARD },
      ]);
    });
    afterAll(async () => {
      await t?.drop();
    });

    /** Sobot CRM asks for a partner id; the handler's answer and the profile it decrypts to. */
    async function lookup(partnerId: string) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const parameter = encrypt(JSON.stringify({ partnerId }), "dictionary-secret");
      const url = `http://x/api/callbacks/sobot/crm/${crm.slug}`;
      const integration = (await loadCallbackIntegration(t.db, masterKey, "sobot-crm", crm.slug))!;
      const r = (await sobotCrm.handle({
        client: t.db,
        request: new Request(url, {
          method: "POST",
          headers: { timestamp, sign: sign("company-7", timestamp, "dictionary-secret", parameter) },
          body: JSON.stringify({ parameter }),
        }),
        url: new URL(url),
        body: Buffer.from(JSON.stringify({ parameter })),
        integration,
        now: new Date(),
        acceptOnce: async () => undefined,
      })) as HandlerResult;
      const profile = crmProfile.parse(JSON.parse(decrypt(crmAnswer.parse(r.body).data, "dictionary-secret")));
      return { r, profile };
    }

    it("answers a mapped customer with Sobot's ids, and names what it left out", async () => {
      await createCustomer(t.db, {
        uname: "Mapped",
        isVip: true,
        vipLevel: "gold",
        labels: ["VIP", "wholesale"],
        customFields: { card: "6224", city: "上海" },
        externalIds: [{ kind: "sobot-partner", value: "mapped-1" }],
      });
      const { r, profile } = await lookup("mapped-1");
      expect(profile.user_label).toBe(TAG_VIP);
      expect(profile.vip_level).toBe(LEVEL_GOLD);
      expect(JSON.parse(profile.customer_fields)).toEqual({ [FIELD_CARD]: "6224" });
      expect(r.outcome).toBe("ok");
      expect(r.partial).toBe(true);
      expect(r.detail).toContain('label "wholesale"');
      expect(r.detail).toContain('custom field "city"');
    });

    it("sends an empty level and no labels when none is mapped, saying so", async () => {
      await createCustomer(t.db, {
        uname: "Unmapped",
        vipLevel: "platinum",
        labels: ["new"],
        externalIds: [{ kind: "sobot-partner", value: "unmapped-1" }],
      });
      const { r, profile } = await lookup("unmapped-1");
      expect(profile.user_label).toBe("");
      expect(profile.vip_level).toBe("");
      expect(profile.customer_fields).toBe("{}");
      expect(r.detail).toContain('VIP level "platinum"');
      expect(r.detail).toContain('label "new"');
    });

    it("keeps the unknown ids a push brings, lists them unnamed, and shows their name once set", async () => {
      const body = {
        id: "dict-push-1",
        pid: "company-7",
        nick: "Pushed",
        vip_level: LEVEL_GOLD,
        user_label: `${TAG_VIP},${TAG_NEW}`,
        ex_fields: { [FIELD_CARD]: "6225", [FIELD_DATE]: "2024-03-26" },
      };
      const r = await push(t.db, masterKey, webhook, { body: JSON.stringify(body) });
      if (r instanceof CallbackRefusal) throw new Error(r.detail);
      expect(r.status).toBe(200);
      let c = (await findByExternalId(t.db, "sobot-customer", "dict-push-1"))!;
      expect(c.vipLevel).toBe("gold");
      expect([...c.labels].sort()).toEqual([TAG_NEW, "VIP"].sort());
      expect(c.customFields).toMatchObject({ card: "6225", [FIELD_DATE]: "2024-03-26", sobot_pid: "company-7" });

      const view = await dictionaryView(t.db, "company-7");
      expect(view.unnamed.map((u) => [u.type, u.id]).sort()).toEqual(
        [
          ["field", FIELD_DATE],
          ["label", TAG_NEW],
        ].sort(),
      );
      // The call that brought them is linked once it is logged.
      await r.onLogged?.(4242);
      expect((await dictionaryView(t.db, "company-7")).unnamed.every((u) => u.callId === 4242)).toBe(true);

      await setDictionaryEntries(t.db, "company-7", [
        { type: "label", name: "new customer", sobotId: TAG_NEW },
        { type: "field", name: "signup", sobotId: FIELD_DATE },
      ]);
      c = (await getCustomer(t.db, c.id))!;
      expect([...c.labels].sort()).toEqual(["VIP", "new customer"]);
      expect(c.customFields).toMatchObject({ card: "6225", signup: "2024-03-26" });
      expect(c.customFields[FIELD_DATE]).toBeUndefined();
      expect((await dictionaryView(t.db, "company-7")).unnamed).toEqual([]);

      // A later push with the same ids stores the names directly.
      await push(t.db, masterKey, webhook, {
        body: JSON.stringify({ ...body, id: "dict-push-2", ex_fields: { [FIELD_DATE]: "2025-01-01" } }),
      });
      const second = (await findByExternalId(t.db, "sobot-customer", "dict-push-2"))!;
      expect([...second.labels].sort()).toEqual(["VIP", "new customer"]);
      expect(second.customFields.signup).toBe("2025-01-01");
    });

    it("refuses names and ids a customer could not hold", async () => {
      await expect(
        setDictionaryEntries(t.db, "company-7", [{ type: "label", name: "a,b", sobotId: "x1" }]),
      ).rejects.toThrow(/invalid/);
      await expect(
        setDictionaryEntries(t.db, "company-7", [{ type: "field", name: "ok", sobotId: "has space" }]),
      ).rejects.toThrow(/invalid/);
    });
  });
}
