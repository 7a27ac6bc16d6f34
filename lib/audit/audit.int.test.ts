// The audit log on SQLite and PostgreSQL: the author travels with the work, changes are
// field-by-field, nothing changes nothing, and secrets never appear.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { appError } from "@/lib/testing/app-error";
import { withActor } from "@/lib/audit/audit";
import { auditQuery, customerTimeline, listAudit } from "@/lib/audit/query";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/customers";
import { addOrder } from "@/lib/customers/orders";
import { createIntegration } from "@/lib/integrations/integrations";
import { rotateSecret } from "@/lib/integrations/rotation";
import { createUser } from "@/lib/users/users";
import { changeOwnPassword, resetPassword, setDisabled, setRole } from "@/lib/users/manage";
import { authenticate } from "@/lib/users/users";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`audit log on ${provider.name}`, () => {
    let t: TestDatabase;
    const key = crypto.randomBytes(32);
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });
    const events = async (entity: string) => (await listAudit(t.db, auditQuery.parse({ entity, per: "200" }))).items;

    it("records who created, changed and deleted a customer, field by field", async () => {
      const ui = { id: null, label: "ops@example.com" };
      const c = await withActor(ui, () => createCustomer(t.db, { uname: "audited", emails: ["a@x.com"] }));
      await withActor(ui, () =>
        updateCustomer(t.db, c.id, { uname: "audited", realname: "王五", emails: ["a@x.com", "b@x.com"] }),
      );
      await withActor({ id: null, label: "cli:root" }, () =>
        updateCustomer(t.db, c.id, { uname: "audited", realname: "王五", emails: ["a@x.com", "b@x.com"] }),
      );
      await withActor({ id: null, label: "cli:root" }, () =>
        addOrder(t.db, c.id, { orderNo: "AUD-1", title: "T", amountCents: "1", quantity: 1, status: "paid" }),
      );
      await deleteCustomer(t.db, c.id);
      const mine = (await customerTimeline(t.db, c.id)).filter((x) => x.type === "change");
      expect(mine.map((x) => x.type === "change" && [x.actor, x.summary])).toEqual([
        ["system", "deleted customer audited"],
        ["cli:root", "added order AUD-1"],
        ["ops@example.com", "changed realname, emails of audited"],
        ["ops@example.com", "created customer audited"],
      ]);
      const update = mine.find((x) => x.type === "change" && x.summary.startsWith("changed"));
      expect(update && update.type === "change" && update.changes).toEqual({
        realname: ["", "王五"],
        emails: [["a@x.com"], ["a@x.com", "b@x.com"]],
      });
    });

    it("records a rotation as rotated, never with the secret", async () => {
      const i = await withActor({ id: null, label: "admin@x" }, () =>
        createIntegration(t.db, key, {
          vendor: "sobot-crm",
          name: "Audit",
          settings: { companyId: "1" },
          secrets: { secretKey: "very-secret-value-1" },
        }),
      );
      await withActor({ id: null, label: "admin@x" }, () =>
        rotateSecret(t.db, key, i.id, "secretKey", "very-secret-value-2", 60),
      );
      const all = JSON.stringify(await t.db.auditEvent.findMany());
      expect(all).not.toContain("very-secret-value");
      expect((await events("integration")).map((e) => e.summary)).toContain(
        'secret rotated: secretKey of "Audit", the previous one valid for 60 s',
      );
    });

    it("manages users: role, disabling, resets and own passwords, all audited", async () => {
      const admin = await createUser(t.db, { email: "first-admin@x.com", password: "first-admin-pass", role: "admin" });
      const user = await createUser(t.db, { email: "someone@x.com", password: "someone-pass-1", role: "viewer" });
      await setRole(t.db, user.id, "operator");
      expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("operator");
      expect((await appError(setRole(t.db, user.id, "boss"))).code).toBe("validation");
      await setDisabled(t.db, user.id, true, admin.id);
      expect(await authenticate(t.db, "someone@x.com", "someone-pass-1")).toBeNull();
      await setDisabled(t.db, user.id, false, admin.id);
      await resetPassword(t.db, user.id, "reset-pass-22");
      expect(await authenticate(t.db, "someone@x.com", "reset-pass-22")).not.toBeNull();
      expect(
        (await appError(changeOwnPassword(t.db, user.id, "wrong", "whatever-123"))).fieldErrors.current,
      ).toBeDefined();
      await changeOwnPassword(t.db, user.id, "reset-pass-22", "own-pass-333");
      expect(await authenticate(t.db, "someone@x.com", "own-pass-333")).not.toBeNull();
      // The last enabled admin keeps the role and cannot be disabled; nobody disables themselves.
      const others = await t.db.user.findMany({ where: { role: "admin", NOT: { id: admin.id } } });
      for (const o of others) await setRole(t.db, o.id, "viewer");
      expect((await appError(setRole(t.db, admin.id, "viewer"))).code).toBe("conflict");
      expect((await appError(setDisabled(t.db, admin.id, true, user.id))).code).toBe("conflict");
      expect((await appError(setDisabled(t.db, user.id, true, user.id))).code).toBe("conflict");
      const summaries = (await events("user")).map((e) => e.summary);
      for (const s of [
        "added user someone@x.com as viewer",
        "changed the role of someone@x.com",
        "disabled someone@x.com",
        "enabled someone@x.com",
        "reset the password of someone@x.com",
        "someone@x.com changed their password",
      ]) {
        expect(summaries).toContain(s);
      }
      expect(JSON.stringify(await t.db.auditEvent.findMany())).not.toMatch(/reset-pass-22|own-pass-333|someone-pass-1/);
    });

    it("filters by actor and text, newest first, in pages", async () => {
      for (let i = 0; i < 5; i++)
        await withActor({ id: null, label: "pager" }, () => createCustomer(t.db, { uname: `paged-${i}` }));
      const first = await listAudit(t.db, auditQuery.parse({ actor: "PAGER", per: "3" }));
      expect(first.items.map((e) => e.summary)).toEqual([
        "created customer paged-4",
        "created customer paged-3",
        "created customer paged-2",
      ]);
      const second = await listAudit(t.db, auditQuery.parse({ actor: "pager", per: "3", before: String(first.older) }));
      expect(second.items.map((e) => e.summary)).toEqual(["created customer paged-1", "created customer paged-0"]);
      expect((await listAudit(t.db, auditQuery.parse({ q: "paged-3" }))).items).toHaveLength(1);
    });
  });
}
