// Sessions and two-factor sign-in on real databases: which claims still open a session after each
// way a session can end, and TOTP and recovery codes that work once each.
import crypto from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { signInLimits } from "@/lib/auth/signin-limits";
import { endAllSessions, revokeSession, userForSession } from "@/lib/auth/sessions";
import { confirmEnrolment, enrolment, spendSecondFactor, turnOffTwoFactor } from "@/lib/auth/two-factor";
import { setTwoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { changeOwnPassword, resetPassword, setDisabled, setRole, signOutEverywhere } from "@/lib/users/manage";
import { createUser } from "@/lib/users/users";
import { appError } from "@/lib/testing/app-error";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const KEY = crypto.randomBytes(32);
const inAMinute = () => new Date(Date.now() + 60_000);

for (const provider of await providersUnderTest()) {
  describe.skipIf(provider.skip)(`sessions on ${provider.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(provider.name);
      await createUser(t.db, { email: "keeper@example.com", role: "admin", password: "keeper-password" });
    });
    afterAll(async () => {
      await t?.drop();
    });

    const claims = async (userId: string, sid = crypto.randomUUID()) => {
      const { sessionVersion } = await t.db.user.findUniqueOrThrow({ where: { id: userId } });
      return { userId, sv: sessionVersion, sid };
    };

    it("a session ends with its sign-out, and every session with each change that ends them all", async () => {
      const user = await createUser(t.db, { email: "ends@example.com", role: "operator", password: "password-1" });
      const live = await claims(user.id);
      expect(await userForSession(t.db, live)).toMatchObject({ id: user.id, role: "operator", twoFactor: false });
      expect(await userForSession(t.db, live)).not.toHaveProperty("passwordHash");

      // Signing out one session: its copies are refused, other sessions of the user are not.
      const other = await claims(user.id);
      await revokeSession(t.db, live.sid, inAMinute());
      await revokeSession(t.db, live.sid, inAMinute()); // twice is fine
      expect(await userForSession(t.db, live)).toBeNull();
      expect(await userForSession(t.db, other)).not.toBeNull();

      const changes: [string, () => Promise<unknown>][] = [
        ["own password change", () => changeOwnPassword(t.db, user.id, "password-1", "password-2")],
        ["password reset by an admin", () => resetPassword(t.db, user.id, "password-3")],
        ["role change", () => setRole(t.db, user.id, "viewer")],
        ["sign out everywhere", () => signOutEverywhere(t.db, user.id)],
        ["disabling", () => setDisabled(t.db, user.id, true)],
      ];
      for (const [what, change] of changes) {
        const before = await claims(user.id);
        expect(await userForSession(t.db, before), `${what}: before`).not.toBeNull();
        await change();
        expect(await userForSession(t.db, before), `${what}: after`).toBeNull();
        if (what !== "disabling") expect(await userForSession(t.db, await claims(user.id)), what).not.toBeNull();
      }
      expect(await userForSession(t.db, await claims(user.id)), "a disabled user").toBeNull();

      // Tokens from before session versions, or forged claims, open nothing.
      for (const bad of [
        { userId: user.id },
        { userId: user.id, sv: "0", sid: "x" },
        {},
        { userId: 1, sv: 0, sid: "x" },
      ])
        expect(await userForSession(t.db, bad)).toBeNull();
    });

    it("setting the same role again ends nothing; revocations past their expiry are pruned", async () => {
      const user = await createUser(t.db, { email: "same@example.com", role: "viewer", password: "password-1" });
      const live = await claims(user.id);
      await setRole(t.db, user.id, "viewer");
      expect(await userForSession(t.db, live)).not.toBeNull();
      await revokeSession(t.db, "expired-one", new Date(Date.now() - 1000));
      await revokeSession(t.db, crypto.randomUUID(), inAMinute());
      expect(await t.db.revokedSession.findUnique({ where: { sid: "expired-one" } })).toBeNull();
      expect(await endAllSessions(t.db, user.id)).toBe(live.sv + 1);
    });

    it("two-factor: set up with the app's code, then each code and recovery code works once", async () => {
      const user = await createUser(t.db, { email: "totp@example.com", role: "operator", password: "password-1" });
      const { secret, uri } = await enrolment(t.db, KEY, user.id);
      expect(uri).toMatch(/^otpauth:\/\/totp\/Deskbridge:totp%40example\.com\?secret=[A-Z2-7]+&issuer=Deskbridge$/);
      expect((await enrolment(t.db, KEY, user.id)).secret).toBe(secret); // the same until confirmed
      const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.totpPending).not.toContain(secret); // sealed at rest

      const wrong = await appError(confirmEnrolment(t.db, KEY, user.id, "000000"));
      expect(wrong.fieldErrors).toHaveProperty("code");
      const before = await claims(user.id);
      const { codes, sessionVersion } = await confirmEnrolment(t.db, KEY, user.id, await generate({ secret }));
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(await userForSession(t.db, before)).toBeNull(); // sessions from before 2FA end
      expect(sessionVersion).toBe(before.sv + 1);
      const stored = await t.db.recoveryCode.findMany({ where: { userId: user.id } });
      expect(stored).toHaveLength(10);
      expect(JSON.stringify(stored)).not.toContain(codes[0].replaceAll("-", ""));

      const factors = async () =>
        t.db.user.findUniqueOrThrow({
          where: { id: user.id },
          select: { id: true, totpSecret: true, totpLastStep: true },
        });
      // The code used to confirm is spent; the next time step's code works once.
      expect(await spendSecondFactor(t.db, KEY, await factors(), await generate({ secret }))).toBeNull();
      const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
      const racing = await Promise.all([0, 1, 2].map(async () => spendSecondFactor(t.db, KEY, await factors(), next)));
      expect(racing.filter(Boolean)).toEqual([{ kind: "totp" }]);
      expect(await spendSecondFactor(t.db, KEY, await factors(), next)).toBeNull();

      // A recovery code, typed any way, works once, even when sent five times at once.
      const typed = ` ${codes[3].toUpperCase().replaceAll("-", " ")} `;
      const spent = await Promise.all(
        [0, 1, 2, 3, 4].map(async () => spendSecondFactor(t.db, KEY, await factors(), typed)),
      );
      expect(spent.filter(Boolean)).toEqual([{ kind: "recovery", left: 9 }]);
      expect(await spendSecondFactor(t.db, KEY, await factors(), codes[3])).toBeNull();
      expect(await spendSecondFactor(t.db, KEY, await factors(), "aaaa-bbbb-cccc-dddd")).toBeNull();
      expect(await spendSecondFactor(t.db, KEY, await factors(), "12345")).toBeNull();

      // Required for everyone: the user cannot turn it off; an admin can (a lost phone).
      await setTwoFactorPolicy(t.db, "everyone");
      expect((await appError(turnOffTwoFactor(t.db, user.id, { password: "password-1" }))).code).toBe("conflict");
      await setTwoFactorPolicy(t.db, "off");
      expect((await appError(turnOffTwoFactor(t.db, user.id, { password: "wrong-one" }))).code).toBe("validation");
      await turnOffTwoFactor(t.db, user.id, { admin: true });
      expect(await t.db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
      expect(await userForSession(t.db, await claims(user.id))).toMatchObject({ twoFactor: false });
    });

    it("a sign-in asks for the code after the right password, and records how it was made", async () => {
      const email = "signin-2fa@example.com";
      const user = await createUser(t.db, { email, role: "viewer", password: "password-1" });
      const { secret } = await enrolment(t.db, KEY, user.id);
      const { codes } = await confirmEnrolment(t.db, KEY, user.id, await generate({ secret }));
      const limits = signInLimits({ kind: "database", client: t.db }, 10, 100);
      const attempt = (password: string, code?: string) =>
        attemptSignIn(t.db, limits, { email, password, code, address: "10.0.0.9" }, KEY);

      expect(await attempt("wrong-password", "123456")).toMatchObject({ ok: false, error: "CredentialsSignin" });
      expect(await attempt("password-1")).toMatchObject({ ok: false, error: "TwoFactorRequired" });
      expect(await attempt("password-1", "000000")).toMatchObject({ ok: false, error: "TwoFactorInvalid" });
      const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
      expect(await attempt("password-1", code)).toMatchObject({ ok: true, user: { email } });
      expect(await attempt("password-1", code)).toMatchObject({ ok: false, error: "TwoFactorInvalid" });
      expect(await attempt("password-1", codes[0])).toMatchObject({ ok: true });
      expect(await attempt("password-1", codes[0])).toMatchObject({ ok: false, error: "TwoFactorInvalid" });

      const summaries = (
        await t.db.auditEvent.findMany({ where: { entity: "session", actorLabel: email }, orderBy: { id: "asc" } })
      ).map((e) => e.summary);
      expect(summaries).toEqual([
        "failed sign-in from 10.0.0.9: wrong password",
        "failed sign-in from 10.0.0.9: wrong two-factor code",
        "signed in from 10.0.0.9 with a two-factor code",
        "failed sign-in from 10.0.0.9: wrong two-factor code",
        "signed in from 10.0.0.9 with a recovery code (9 left)",
        "failed sign-in from 10.0.0.9: wrong two-factor code",
      ]);
      expect(JSON.stringify(summaries)).not.toContain(codes[0]);
    });
  });
}
