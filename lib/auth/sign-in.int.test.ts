// Sign-in limits on real stores: counted before the password is checked, atomically (30 attempts
// at once get exactly the limit), shared by every instance (a second client on the same database
// or Redis, as after a restart), and every attempt in the audit log with its address.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import crypto from "node:crypto";
import { attemptSignIn, type SignInAttempt } from "@/lib/auth/sign-in";
import { signInLimits, type LimitStore, type SignInLimits } from "@/lib/auth/signin-limits";
import { createUser } from "@/lib/users/users";
import { createDatabase, providersUnderTest, type TestDatabase } from "@/lib/testing/databases";

const wrong = (email: string, address = "10.0.0.1") => ({ email, password: "not-the-password", address });
const tally = (outcomes: { ok: boolean; error?: string }[]) =>
  outcomes.reduce<Record<string, number>>((acc, o) => {
    const key = o.ok ? "ok" : String(o.error);
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

const KEY = crypto.randomBytes(32);
const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379/0";
async function redisUnavailable(): Promise<string | null> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL} is not reachable (${(error as Error).message}); set REDIS_TEST_URL`;
  } finally {
    probe.disconnect();
  }
}

const stores = [
  ...(await providersUnderTest()).map((p) => ({ name: p.name, skip: p.skip })),
  { name: "redis" as const, skip: await redisUnavailable() },
];

for (const backend of stores) {
  describe.skipIf(backend.skip)(`sign-in limits in ${backend.name}`, () => {
    let t: TestDatabase;
    let second: { store: () => LimitStore; close: () => Promise<void> };
    let first: () => LimitStore;
    const run = Date.now().toString(36);
    const email = (name: string) => `${name}-${run}@example.com`;
    const signIn = (limits: SignInLimits, attempt: SignInAttempt) => attemptSignIn(t.db, limits, attempt, KEY);

    beforeAll(async () => {
      // The users and the audit log are always in a database; the counts where the backend says.
      t = await createDatabase(backend.name === "redis" ? "sqlite" : backend.name);
      if (backend.name === "redis") {
        const a = new Redis(REDIS_URL);
        const b = new Redis(REDIS_URL);
        first = () => ({ kind: "redis", redis: a });
        second = {
          store: () => ({ kind: "redis", redis: b }),
          close: async () => {
            a.disconnect();
            b.disconnect();
          },
        };
      } else {
        // Another client on the same database: a second instance, or this one after a restart.
        const other = await createDb(t.url);
        first = () => ({ kind: "database", client: t.db });
        second = { store: () => ({ kind: "database", client: other }), close: () => other.$disconnect() };
      }
      for (const name of ["burst", "forgiven", "spray-a", "spray-b", "spray-c"])
        await createUser(t.db, { email: email(name), role: "viewer", password: "right-password" });
    });
    afterAll(async () => {
      await second?.close();
      await t?.drop();
    });

    it("30 wrong passwords at once get exactly the account's 10 tries, on every instance", async () => {
      const limits = signInLimits(first(), 10, 1000);
      const outcomes = await Promise.all(Array.from({ length: 30 }, () => signIn(limits, wrong(email("burst")))));
      expect(tally(outcomes)).toEqual({ CredentialsSignin: 10, RateLimited: 20 });
      const limited = outcomes.find((o) => !o.ok && o.error === "RateLimited") as { retryAfterSeconds: number };
      expect(limited.retryAfterSeconds).toBeGreaterThan(800);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(900);

      // The right password is refused too, here and on another instance (or after a restart).
      const right = { email: email("burst"), password: "right-password", address: "10.0.0.2" };
      expect(await signIn(limits, right)).toMatchObject({ ok: false, error: "RateLimited" });
      const elsewhere = signInLimits(second.store(), 10, 1000);
      expect(await signIn(elsewhere, { ...right, email: ` ${email("BURST").toUpperCase()} ` })).toMatchObject({
        ok: false,
        error: "RateLimited",
      });

      const events = await t.db.auditEvent.findMany({ where: { entity: "session", actorLabel: email("burst") } });
      expect(events).toHaveLength(32);
      expect(events.filter((e) => e.summary === "failed sign-in from 10.0.0.1: wrong password")).toHaveLength(10);
      expect(events.filter((e) => e.summary.endsWith(": too many attempts"))).toHaveLength(22);
      expect(JSON.stringify(events)).not.toMatch(/not-the-password|right-password/);
    });

    it("a successful sign-in forgives the account's failures and is recorded with its address", async () => {
      const limits = signInLimits(first(), 3, 1000);
      for (let i = 0; i < 2; i++) await signIn(limits, wrong(email("forgiven")));
      const ok = await signIn(limits, {
        email: email("forgiven"),
        password: "right-password",
        address: "10.9.8.7",
      });
      expect(ok).toMatchObject({ ok: true, user: { email: email("forgiven") } });
      expect(ok).not.toHaveProperty("user.passwordHash");
      const after = await Promise.all([0, 1, 2, 3].map(() => signIn(limits, wrong(email("forgiven")))));
      expect(tally(after)).toEqual({ CredentialsSignin: 3, RateLimited: 1 });
      const success = await t.db.auditEvent.findFirstOrThrow({ where: { entity: "session", action: "signin" } });
      expect(success).toMatchObject({ actorLabel: email("forgiven"), summary: "signed in from 10.9.8.7" });
      expect(success.actorId).toBe(ok.ok ? ok.user.id : null);
    });

    it("one address spraying many accounts is held to the address limit; other addresses are not", async () => {
      const address = `10.1.${run.length}.${Math.floor(Math.random() * 250)}`;
      const limits = signInLimits(first(), 1000, 5);
      const spray = ["spray-a", "spray-b", "spray-c", "spray-a", "spray-b", "spray-c", "nobody"];
      const outcomes = await Promise.all(spray.map((n) => signIn(limits, wrong(email(n), address))));
      expect(tally(outcomes)).toEqual({ CredentialsSignin: 5, RateLimited: 2 });
      const other = await signIn(signInLimits(second.store(), 1000, 5), {
        email: email("spray-a"),
        password: "right-password",
        address: "10.200.0.1",
      });
      expect(other.ok).toBe(true);
      const unknown = await t.db.auditEvent.findFirst({ where: { actorLabel: email("nobody") } });
      expect(unknown?.summary ?? "").toMatch(/no such account|too many attempts/);
    });
  });
}
