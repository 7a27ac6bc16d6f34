// Users on real databases: password hashing, email uniqueness, validation and sign-in checks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appError } from "@/lib/testing/app-error";
import { authenticate, createUser, getUser, listUsers } from "@/lib/users/users";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`users on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("stores a salted scrypt hash, never the password, and never returns the hash", async () => {
      const user = await createUser(t.db, {
        email: "Ops@Example.com",
        name: "Ops",
        role: "operator",
        password: "correct horse",
      });
      expect(user).toMatchObject({ email: "ops@example.com", name: "Ops", role: "operator", disabled: false });
      expect(user).not.toHaveProperty("passwordHash");
      expect(JSON.stringify(user)).not.toContain("correct horse");

      const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.passwordHash.startsWith("scrypt$")).toBe(true);
      expect(row.passwordHash).not.toContain("correct horse");

      const twin = await createUser(t.db, { email: "twin@example.com", role: "viewer", password: "correct horse" });
      const twinRow = await t.db.user.findUniqueOrThrow({ where: { id: twin.id } });
      expect(twinRow.passwordHash).not.toBe(row.passwordHash);

      expect(await getUser(t.db, user.id)).not.toHaveProperty("passwordHash");
      for (const listed of await listUsers(t.db)) expect(listed).not.toHaveProperty("passwordHash");
    });

    it("refuses a second user with the same email in any case", async () => {
      await createUser(t.db, { email: "dup@example.com", role: "viewer", password: "password1" });
      const error = await appError(
        createUser(t.db, { email: " DUP@Example.COM ", role: "admin", password: "password2" }),
      );
      expect(error.code).toBe("conflict");
      expect(Object.keys(error.fieldErrors)).toEqual(["email"]);
      expect(await t.db.user.count({ where: { email: "dup@example.com" } })).toBe(1);
    });

    it("rejects an unknown role, a short password and a bad email, naming each field", async () => {
      const error = await appError(
        createUser(t.db, { email: "not-an-email", role: "boss" as "admin", password: "short" }),
      );
      expect(error.code).toBe("validation");
      expect(Object.keys(error.fieldErrors).sort()).toEqual(["email", "password", "role"]);
    });

    describe("authenticate", () => {
      let userId: string;
      beforeAll(async () => {
        userId = (await createUser(t.db, { email: "signin@example.com", role: "admin", password: "s3cret-pass" })).id;
      });

      it("returns the user for the right password, whatever the email's case", async () => {
        const user = await authenticate(t.db, "signin@example.com", "s3cret-pass");
        expect(user).toMatchObject({ id: userId, email: "signin@example.com", role: "admin" });
        expect(user).not.toHaveProperty("passwordHash");
        expect((await authenticate(t.db, "  SignIn@Example.COM ", "s3cret-pass"))?.id).toBe(userId);
      });

      it("returns null for a wrong password", async () => {
        expect(await authenticate(t.db, "signin@example.com", "s3cret-pasS")).toBeNull();
        expect(await authenticate(t.db, "signin@example.com", "")).toBeNull();
      });

      it("returns null for an unknown email", async () => {
        expect(await authenticate(t.db, "nobody@example.com", "s3cret-pass")).toBeNull();
      });

      it("returns null for a disabled user, even with the right password", async () => {
        await t.db.user.update({ where: { id: userId }, data: { disabled: true } });
        expect(await authenticate(t.db, "signin@example.com", "s3cret-pass")).toBeNull();
        await t.db.user.update({ where: { id: userId }, data: { disabled: false } });
        expect((await authenticate(t.db, "signin@example.com", "s3cret-pass"))?.id).toBe(userId);
      });
    });
  });
}
