// Integrations and their secrets on real databases: sealing at rest, views, validation, callback
// loading, rotation with a grace period, updates, deletion (cascade / set null), master-key check.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appError } from "@/lib/testing/app-error";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  loadCallbackIntegration,
  markKeyUsed,
  updateIntegration,
  type CreateIntegrationInput,
} from "@/lib/integrations/integrations";
import { parseGrace, rotateSecret } from "@/lib/integrations/rotation";
import { SecretDecryptError } from "@/lib/secrets/cipher";
import { verifyMasterKey } from "@/lib/secrets/keyring";
import { MasterKeyError } from "@/lib/secrets/master-key";
import { AppError } from "@/lib/errors";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { createDb } from "@/lib/db/client";
import { configurationGeneration } from "@/lib/db/prepared";

const SECRET = "S3cr3t-value-123";

/** The AppError a synchronous call throws. */
function appErrorSync(fn: () => unknown): AppError {
  let error: unknown = new Error("expected an AppError, but the call succeeded");
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const input = (overrides: Partial<CreateIntegrationInput> = {}): CreateIntegrationInput => ({
  vendor: "sobot-crm",
  name: "Sobot main",
  settings: { companyId: "1" },
  secrets: { secretKey: SECRET },
  ...overrides,
});

const near = (actual: Date | null | undefined, expectedMs: number, slackMs = 10_000) => {
  expect(actual).toBeInstanceOf(Date);
  expect(Math.abs(actual!.getTime() - expectedMs)).toBeLessThan(slackMs);
};

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`integrations and secrets on ${provider.name}`, () => {
    let t: TestDatabase;
    const key = crypto.randomBytes(32);
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("creates an integration whose view has its endpoint, hint and default settings", async () => {
      const view = await createIntegration(t.db, key, input({ name: "  Created  " }));
      expect(view.vendor).toBe("sobot-crm");
      expect(view.name).toBe("Created");
      expect(view.enabled).toBe(true);
      expect(view.slug).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(view.endpoints).toEqual({ crm: `/api/callbacks/sobot/crm/${view.slug}` });
      expect(view.settings).toEqual({ companyId: "1", timestampTolerance: 300, refuseDuplicates: false });
      expect(view.secrets).toEqual([{ name: "secretKey", hint: "••••-123", previous: null }]);
      expect(await getIntegration(t.db, view.id)).toEqual(view);

      const other = await createIntegration(t.db, key, input({ name: "Another" }));
      expect(other.slug).not.toBe(view.slug);
      expect(other.id).not.toBe(view.id);
    });

    it("never stores the secret in clear, nor base64-encoded", async () => {
      const view = await createIntegration(t.db, key, input({ name: "Sealed" }));
      const secrets = await t.db.integrationSecret.findMany({ where: { integrationId: view.id } });
      expect(secrets).toHaveLength(1);
      const sealed = secrets[0].sealed;
      expect(sealed).toMatch(/^v1\./);
      for (const encoded of [
        SECRET,
        Buffer.from(SECRET).toString("base64"),
        Buffer.from(SECRET).toString("base64url"),
        Buffer.from(SECRET).toString("hex"),
      ]) {
        expect(sealed).not.toContain(encoded);
      }
      expect(secrets[0].hint).toBe("••••-123");

      const raw =
        JSON.stringify(await t.db.integration.findMany()) + JSON.stringify(await t.db.integrationSecret.findMany());
      expect(raw).toContain(view.id);
      expect(raw).not.toContain(SECRET);
      expect(raw).not.toContain(Buffer.from(SECRET).toString("base64"));
      expect(raw).not.toContain(Buffer.from(SECRET).toString("base64url"));
    });

    it("refuses an unknown vendor, a missing company id and an empty secret with field errors", async () => {
      const vendor = await appError(createIntegration(t.db, key, input({ vendor: "nope" })));
      expect(vendor.code).toBe("validation");
      expect(vendor.fieldErrors.vendor?.length).toBeGreaterThan(0);

      const company = await appError(createIntegration(t.db, key, input({ settings: {} })));
      expect(company.code).toBe("validation");
      expect(company.fieldErrors.companyId?.length).toBeGreaterThan(0);

      const secret = await appError(createIntegration(t.db, key, input({ secrets: { secretKey: "" } })));
      expect(secret.code).toBe("validation");
      expect(secret.fieldErrors["secrets.secretKey"]?.length).toBeGreaterThan(0);

      const missing = await appError(createIntegration(t.db, key, input({ secrets: {} })));
      expect(missing.fieldErrors["secrets.secretKey"]?.length).toBeGreaterThan(0);

      const name = await appError(createIntegration(t.db, key, input({ name: "   " })));
      expect(name.fieldErrors.name?.length).toBeGreaterThan(0);

      const count = await t.db.integration.count({ where: { name: { in: ["nope", "   ", ""] } } });
      expect(count).toBe(0);
    });

    it("reads and opens a quiet integration's secrets once, not on every call", async () => {
      const view = await createIntegration(t.db, key, input({ name: "Quiet" }));
      await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      // PostgreSQL: once its change notices are heard, the integration is read once more.
      for (let i = 0; i < 100 && provider.name === "postgresql" && configurationGeneration(t.db) === null; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      const read = vi.spyOn(t.db.integration, "findUnique");
      try {
        for (let i = 0; i < 5; i++)
          expect((await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug))?.name).toBe("Quiet");
        expect(read).not.toHaveBeenCalled();
        // A change is read again on the next call.
        await updateIntegration(t.db, view.id, { name: "Quiet, renamed" });
        expect((await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug))?.name).toBe("Quiet, renamed");
      } finally {
        read.mockRestore();
      }
    });

    it("loads a callback integration with its secret opened, only for its vendor and slug", async () => {
      const view = await createIntegration(t.db, key, input({ name: "Loaded" }));
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded).not.toBeNull();
      expect(loaded!.id).toBe(view.id);
      expect(loaded!.name).toBe("Loaded");
      expect(loaded!.enabled).toBe(true);
      expect(loaded!.settings).toEqual({ companyId: "1", timestampTolerance: 300, refuseDuplicates: false });
      expect(loaded!.keys.secretKey).toHaveLength(1);
      expect(loaded!.keys.secretKey[0]).toMatchObject({ value: SECRET, state: "current" });
      expect(loaded!.keys.secretKey[0].secretId).toBeTypeOf("number");

      expect(await loadCallbackIntegration(t.db, key, "udesk-crm", view.slug)).toBeNull();
      expect(await loadCallbackIntegration(t.db, key, "sobot-crm", "no-such-slug-aaaaaaaaaaaaa")).toBeNull();
      expect(await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug.slice(0, -1))).toBeNull();

      const otherKey = crypto.randomBytes(32);
      await expect(loadCallbackIntegration(t.db, otherKey, "sobot-crm", view.slug)).rejects.toThrow(SecretDecryptError);
    });

    it("does not open a sealed value copied onto another integration", async () => {
      const a = await createIntegration(t.db, key, input({ name: "Copy A", secrets: { secretKey: "value-of-a" } }));
      const b = await createIntegration(t.db, key, input({ name: "Copy B", secrets: { secretKey: "value-of-b" } }));
      const sealedA = (await t.db.integrationSecret.findFirstOrThrow({ where: { integrationId: a.id } })).sealed;
      await t.db.integrationSecret.updateMany({ where: { integrationId: b.id }, data: { sealed: sealedA } });
      await expect(loadCallbackIntegration(t.db, key, "sobot-crm", b.slug)).rejects.toThrow(SecretDecryptError);
    });

    it("rotates a secret: the new one first, the old one accepted during the grace period", async () => {
      const view = await createIntegration(
        t.db,
        key,
        input({ name: "Rotated", secrets: { secretKey: "first-value-AAAA" } }),
      );
      const before = Date.now();
      const rotated = await rotateSecret(t.db, key, view.id, "secretKey", "second-value-BBBB", 3600);
      expect(rotated.secrets).toHaveLength(1);
      expect(rotated.secrets[0].hint).toBe("••••BBBB");
      expect(rotated.secrets[0].previous).not.toBeNull();
      expect(rotated.secrets[0].previous!.hint).toBe("••••AAAA");
      expect(rotated.secrets[0].previous!.lastUsedAt).toBeNull();
      near(rotated.secrets[0].previous!.expiresAt, before + 3600_000);

      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded!.keys.secretKey.map((k) => [k.value, k.state])).toEqual([
        ["second-value-BBBB", "current"],
        ["first-value-AAAA", "previous"],
      ]);

      // Rotating again drops the oldest value.
      const again = await rotateSecret(t.db, key, view.id, "secretKey", "third-value-CCCC", 3600);
      expect(again.secrets[0].hint).toBe("••••CCCC");
      expect(again.secrets[0].previous!.hint).toBe("••••BBBB");
      const reloaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(reloaded!.keys.secretKey.map((k) => [k.value, k.state])).toEqual([
        ["third-value-CCCC", "current"],
        ["second-value-BBBB", "previous"],
      ]);
      expect(await t.db.integrationSecret.count({ where: { integrationId: view.id } })).toBe(2);
    });

    it("rotates with no grace: only the new value remains", async () => {
      const view = await createIntegration(
        t.db,
        key,
        input({ name: "No grace", secrets: { secretKey: "old-value-1111" } }),
      );
      await rotateSecret(t.db, key, view.id, "secretKey", "mid-value-2222", 3600);
      const rotated = await rotateSecret(t.db, key, view.id, "secretKey", "new-value-3333", 0);
      expect(rotated.secrets).toEqual([{ name: "secretKey", hint: "••••33", previous: null }]);
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded!.keys.secretKey).toHaveLength(1);
      expect(loaded!.keys.secretKey[0]).toMatchObject({ value: "new-value-3333", state: "current" });
      expect(await t.db.integrationSecret.count({ where: { integrationId: view.id } })).toBe(1);
    });

    it("refuses to rotate to an empty value or an unknown secret name", async () => {
      const view = await createIntegration(
        t.db,
        key,
        input({ name: "Bad rotation", secrets: { secretKey: "keep-me-9999" } }),
      );
      const empty = await appError(rotateSecret(t.db, key, view.id, "secretKey", "", 3600));
      expect(empty.fieldErrors["secrets.secretKey"]?.length).toBeGreaterThan(0);
      const unknown = await appError(rotateSecret(t.db, key, view.id, "apiKey", "whatever", 3600));
      expect(unknown.code).toBe("validation");
      const missing = await appError(rotateSecret(t.db, key, "no-such-id", "secretKey", "whatever", 3600));
      expect(missing.code).toBe("not_found");
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded!.keys.secretKey.map((k) => k.value)).toEqual(["keep-me-9999"]);
    });

    it("stops accepting and showing the previous value once it has expired", async () => {
      const view = await createIntegration(
        t.db,
        key,
        input({ name: "Expiring", secrets: { secretKey: "expiring-old" } }),
      );
      await rotateSecret(t.db, key, view.id, "secretKey", "expiring-new", 1);
      expect((await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug))!.keys.secretKey).toHaveLength(2);

      // The grace period runs out with nothing else changing (the opened keys are kept between calls).
      await new Promise((r) => setTimeout(r, 1100));
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded!.keys.secretKey.map((k) => [k.value, k.state])).toEqual([["expiring-new", "current"]]);
      const shown = await getIntegration(t.db, view.id);
      expect(shown!.secrets[0]).toEqual({ name: "secretKey", hint: "••••ew", previous: null });
    });

    it("sees a change made elsewhere (another instance) on the next call", async () => {
      const view = await createIntegration(
        t.db,
        key,
        input({ name: "Elsewhere", secrets: { secretKey: "elsewhere-1" } }),
      );
      expect((await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug))!.enabled).toBe(true);
      // Another instance: its own client, the same database.
      const other = await createDb(t.url);
      try {
        await updateIntegration(other, view.id, { enabled: false });
        await rotateSecret(other, key, view.id, "secretKey", "elsewhere-2", 0);
      } finally {
        await other.$disconnect();
      }
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded!.enabled).toBe(false);
      expect(loaded!.keys.secretKey.map((k) => k.value)).toEqual(["elsewhere-2"]);
    });

    it("records when the previous value was last used", async () => {
      const view = await createIntegration(
        t.db,
        key,
        input({ name: "Used", secrets: { secretKey: "used-old-value" } }),
      );
      await rotateSecret(t.db, key, view.id, "secretKey", "used-new-value", 3600);
      expect((await getIntegration(t.db, view.id))!.secrets[0].previous!.lastUsedAt).toBeNull();
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      const previous = loaded!.keys.secretKey.find((k) => k.state === "previous")!;
      expect(previous.value).toBe("used-old-value");
      const before = Date.now();
      await markKeyUsed(t.db, previous.secretId);
      const shown = await getIntegration(t.db, view.id);
      near(shown!.secrets[0].previous!.lastUsedAt, before);
      // The current value is untouched.
      const current = await t.db.integrationSecret.findFirstOrThrow({
        where: { integrationId: view.id, state: "current" },
      });
      expect(current.lastUsedAt).toBeNull();

      // A value rotated out starts its grace period unused, whatever was recorded before.
      await markKeyUsed(t.db, current.id);
      const rotated = await rotateSecret(t.db, key, view.id, "secretKey", "used-newest-value", 3600, {
        replacePrevious: true,
      });
      expect(rotated.secrets[0].previous!.hint).toBe("••••ue");
      expect(rotated.secrets[0].previous!.lastUsedAt).toBeNull();
    });

    it("parses grace periods", () => {
      expect(parseGrace("24h")).toBe(86_400);
      expect(parseGrace("30m")).toBe(1_800);
      expect(parseGrace("2d")).toBe(172_800);
      expect(parseGrace("0")).toBe(0);
      expect(parseGrace("90s")).toBe(90);
      expect(parseGrace("30d")).toBe(30 * 86_400);
      for (const bad of ["abc", "31d", "", "-1h", "1w"]) {
        const error = appErrorSync(() => parseGrace(bad));
        expect(error.code).toBe("validation");
        expect(error.fieldErrors.grace?.length).toBeGreaterThan(0);
      }
    });

    it("updates the name, settings and enabled flag", async () => {
      const view = await createIntegration(t.db, key, input({ name: "To update" }));
      const updated = await updateIntegration(t.db, view.id, {
        name: "Updated",
        settings: { timestampTolerance: 60 },
        enabled: false,
      });
      expect(updated.name).toBe("Updated");
      expect(updated.enabled).toBe(false);
      expect(updated.settings).toEqual({ companyId: "1", timestampTolerance: 60, refuseDuplicates: false });
      expect(updated.slug).toBe(view.slug);
      expect(updated.secrets[0].hint).toBe("••••-123");

      const again = await updateIntegration(t.db, view.id, { settings: { companyId: "42" }, enabled: true });
      expect(again).toMatchObject({
        name: "Updated",
        enabled: true,
        settings: { companyId: "42", timestampTolerance: 60 },
      });
      const loaded = await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug);
      expect(loaded).toMatchObject({
        name: "Updated",
        enabled: true,
        settings: { companyId: "42", timestampTolerance: 60 },
      });
      expect(loaded!.keys.secretKey[0].value).toBe(SECRET);

      const bad = await appError(updateIntegration(t.db, view.id, { settings: { companyId: "" } }));
      expect(bad.fieldErrors.companyId?.length).toBeGreaterThan(0);
      const badName = await appError(updateIntegration(t.db, view.id, { name: "" }));
      expect(badName.fieldErrors.name?.length).toBeGreaterThan(0);
      expect((await getIntegration(t.db, view.id))!.settings).toEqual({
        companyId: "42",
        timestampTolerance: 60,
        refuseDuplicates: false,
      });
      const missing = await appError(updateIntegration(t.db, "no-such-id", { name: "x" }));
      expect(missing.code).toBe("not_found");
    });

    it("deletes an integration with its secrets, keeping its calls unlinked", async () => {
      const view = await createIntegration(t.db, key, input({ name: "To delete" }));
      await rotateSecret(t.db, key, view.id, "secretKey", "deleted-new", 3600);
      const call = await t.db.call.create({
        data: {
          vendor: "sobot-crm",
          kind: "crm",
          method: "POST",
          path: view.endpoints.crm,
          outcome: "ok",
          status: 200,
          integrationId: view.id,
        },
      });
      expect(call.integrationId).toBe(view.id);
      expect(await t.db.integrationSecret.count({ where: { integrationId: view.id } })).toBe(2);

      await deleteIntegration(t.db, view.id);
      expect(await getIntegration(t.db, view.id)).toBeNull();
      expect(await loadCallbackIntegration(t.db, key, "sobot-crm", view.slug)).toBeNull();
      expect(await t.db.integrationSecret.count({ where: { integrationId: view.id } })).toBe(0);
      const kept = await t.db.call.findUnique({ where: { id: call.id } });
      expect(kept).not.toBeNull();
      expect(kept!.integrationId).toBeNull();
      expect(kept!.path).toBe(view.endpoints.crm);

      const again = await appError(deleteIntegration(t.db, view.id));
      expect(again.code).toBe("not_found");
    });

    it("checks the master key against the database", async () => {
      expect(await t.db.setting.findUnique({ where: { key: "secrets.check" } })).toBeNull();
      const first = crypto.randomBytes(32);
      await verifyMasterKey(t.db, first);
      const stored = await t.db.setting.findUnique({ where: { key: "secrets.check" } });
      expect(stored).not.toBeNull();
      expect(stored!.value).toMatch(/^v1\./);

      await expect(verifyMasterKey(t.db, first)).resolves.toBeUndefined();
      const other = crypto.randomBytes(32);
      await expect(verifyMasterKey(t.db, other)).rejects.toThrow(MasterKeyError);
      await expect(verifyMasterKey(t.db, other)).rejects.toThrow(/master key/);
      // The check is unchanged by the failed attempt.
      expect((await t.db.setting.findUnique({ where: { key: "secrets.check" } }))!.value).toBe(stored!.value);
    });
  });
}
