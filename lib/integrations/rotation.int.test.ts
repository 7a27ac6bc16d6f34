// Rotating a secret again while callers still sign with the previous value: refused (that value
// would stop at once, before the end of the grace period the page promised) unless confirmed;
// a previous value nobody uses, or one past its grace period, is replaced as before.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import { createIntegration, loadCallbackIntegration, markKeyUsed } from "@/lib/integrations/integrations";
import { rotateSecret } from "@/lib/integrations/rotation";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`rotating a secret again on ${provider.name}`, () => {
    let t: TestDatabase;
    const key = crypto.randomBytes(32);
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    /** An integration rotated once from `first` to `second`, the first value still accepted. */
    async function rotatedOnce(name: string, first: string, second: string) {
      const view = await createIntegration(t.db, key, {
        vendor: "sobot-crm",
        name,
        settings: { companyId: "1" },
        secrets: { secretKey: first },
      });
      await rotateSecret(t.db, key, view.id, "secretKey", second, 3600);
      return view;
    }
    const values = async (slug: string) =>
      (await loadCallbackIntegration(t.db, key, "sobot-crm", slug))!.keys.secretKey.map((k) => [k.value, k.state]);
    /** A call signed with the previous value was answered (as the callback pipeline records it). */
    async function previousUsed(slug: string) {
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", slug);
      await markKeyUsed(t.db, loaded!.keys.secretKey.find((k) => k.state === "previous")!.secretId);
    }

    it("refuses while calls still use the previous value, and changes nothing", async () => {
      const view = await rotatedOnce("Still used", "first-value-AAAA", "second-value-BBBB");
      await previousUsed(view.slug);
      const refused = await appError(rotateSecret(t.db, key, view.id, "secretKey", "third-value-CCCC", 3600));
      expect(refused.code).toBe("conflict");
      expect(refused.message).toMatch(/^The previous secretKey \(••••AAAA\) still signs calls and is valid until 20/);
      expect(refused.fieldErrors.replacePrevious).toEqual(["Confirm to stop the previous value now"]);
      expect(await values(view.slug)).toEqual([
        ["second-value-BBBB", "current"],
        ["first-value-AAAA", "previous"],
      ]);
      // With no grace for the new rotation either: the previous value would stop just the same.
      const atOnce = await appError(rotateSecret(t.db, key, view.id, "secretKey", "third-value-CCCC", 0));
      expect(atOnce.code).toBe("conflict");
    });

    it("replaces it when confirmed: the value it replaces becomes the previous one", async () => {
      const view = await rotatedOnce("Confirmed", "first-value-DDDD", "second-value-EEEE");
      await previousUsed(view.slug);
      const rotated = await rotateSecret(t.db, key, view.id, "secretKey", "third-value-FFFF", 3600, {
        replacePrevious: true,
      });
      expect(rotated.secrets[0].previous!.hint).toBe("••••EEEE");
      expect(await values(view.slug)).toEqual([
        ["third-value-FFFF", "current"],
        ["second-value-EEEE", "previous"],
      ]);
    });

    it("replaces a previous value nobody signs with, or one past its grace period, without asking", async () => {
      const unused = await rotatedOnce("Unused", "first-value-GGGG", "second-value-HHHH");
      await rotateSecret(t.db, key, unused.id, "secretKey", "third-value-IIII", 3600);
      expect(await values(unused.slug)).toEqual([
        ["third-value-IIII", "current"],
        ["second-value-HHHH", "previous"],
      ]);

      const expired = await rotatedOnce("Expired", "first-value-JJJJ", "second-value-KKKK");
      await previousUsed(expired.slug);
      await t.db.integrationSecret.updateMany({
        where: { integrationId: expired.id, state: "previous" },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await rotateSecret(t.db, key, expired.id, "secretKey", "third-value-LLLL", 3600);
      expect(await values(expired.slug)).toEqual([
        ["third-value-LLLL", "current"],
        ["second-value-KKKK", "previous"],
      ]);
    });
  });
}
