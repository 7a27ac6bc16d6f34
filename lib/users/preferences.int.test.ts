// A user's language and time zone on real databases: saved, cleared back to the browser's, refused
// when not one of ours, and recorded in the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withActor } from "@/lib/audit/audit";
import { appError } from "@/lib/testing/app-error";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";
import { setUserPreferences } from "@/lib/users/preferences";
import { createUser } from "@/lib/users/users";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`user preferences on ${provider.name}`, () => {
    let t: TestDatabase;
    let id: string;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      id = (await createUser(t.db, { email: "zones@example.com", role: "viewer", password: "password1" })).id;
    });
    afterAll(async () => {
      await t?.drop();
    });

    const stored = () => t.db.user.findUniqueOrThrow({ where: { id }, select: { locale: true, timeZone: true } });

    it("saves a language and a zone, and clears them back to following the browser", async () => {
      await withActor({ id, label: "zones@example.com" }, () =>
        setUserPreferences(t.db, id, { locale: "zh-CN", timeZone: "Asia/Shanghai" }),
      );
      expect(await stored()).toEqual({ locale: "zh-CN", timeZone: "Asia/Shanghai" });
      const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id }, orderBy: { id: "desc" } });
      expect(event).toMatchObject({ action: "update", entity: "user", actorLabel: "zones@example.com" });
      expect(JSON.parse(event.changes)).toEqual({ locale: [null, "zh-CN"], timeZone: [null, "Asia/Shanghai"] });

      expect(await setUserPreferences(t.db, id, { locale: "", timeZone: " " })).toEqual({
        locale: null,
        timeZone: null,
      });
      expect(await stored()).toEqual({ locale: null, timeZone: null });
    });

    it("records nothing when nothing changed", async () => {
      await setUserPreferences(t.db, id, { locale: "en", timeZone: "UTC" });
      const before = await t.db.auditEvent.count();
      await setUserPreferences(t.db, id, { locale: "en", timeZone: "UTC" });
      expect(await t.db.auditEvent.count()).toBe(before);
    });

    it("refuses a language or a zone that is not one of ours, naming each field, and keeps the old ones", async () => {
      await setUserPreferences(t.db, id, { locale: "en", timeZone: "Europe/Paris" });
      const error = await appError(setUserPreferences(t.db, id, { locale: "fr", timeZone: "Mars/Olympus" }));
      expect(error.code).toBe("validation");
      expect(Object.keys(error.fieldErrors).sort()).toEqual(["locale", "timeZone"]);
      expect(await stored()).toEqual({ locale: "en", timeZone: "Europe/Paris" });
    });

    it("refuses an unknown user", async () => {
      expect((await appError(setUserPreferences(t.db, "nobody", { locale: "en" }))).code).toBe("not_found");
    });
  });
}
