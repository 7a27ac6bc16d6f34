// One password sign-in attempt, whatever encoding its body came in (next-auth hands us the parsed
// credentials): counted against the account's and the address's limits first, then checked (the
// password, then the two-factor code when the user has turned it on), then recorded in the audit
// log with the address it came from. Neither the password nor the code is ever recorded.
import type { Db } from "@/lib/db/client";
import { audit, withActor } from "@/lib/audit/audit";
import type { SignInLimits } from "@/lib/auth/signin-limits";
import { spendSecondFactor } from "@/lib/auth/two-factor";
import { authenticateDetailed, type UserView } from "@/lib/users/users";

export type SignInAttempt = { email: unknown; password: unknown; code?: unknown; address: string };
export type SignInOutcome =
  | { ok: true; user: UserView; sessionVersion: number }
  | { ok: false; error: "RateLimited"; retryAfterSeconds: number }
  /** The password is right; the user has two-factor sign-in and sent no code (yet). */
  | { ok: false; error: "TwoFactorRequired" }
  | { ok: false; error: "TwoFactorInvalid" }
  | { ok: false; error: "CredentialsSignin" };

/** The account's key and label: the email as the user table stores it, bounded. */
export const accountKey = (email: unknown) =>
  String(email ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 254);

export async function attemptSignIn(
  client: Db,
  limits: SignInLimits,
  attempt: SignInAttempt,
  masterKey: Buffer,
): Promise<SignInOutcome> {
  const email = accountKey(attempt.email);
  const password = typeof attempt.password === "string" ? attempt.password : "";
  const from = attempt.address || "an unknown address";

  const verdict = await limits.consume(email, attempt.address);
  if (!verdict.ok) {
    await record(client, null, email, "signin-failed", `failed sign-in from ${from}: too many attempts`);
    return { ok: false, error: "RateLimited", retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const result = await authenticateDetailed(client, email, password);
  if (!result.ok) {
    const why = { unknown: "no such account", password: "wrong password", disabled: "account disabled" }[result.reason];
    await record(client, result.userId, email, "signin-failed", `failed sign-in from ${from}: ${why}`);
    return { ok: false, error: "CredentialsSignin" };
  }
  const user = result.user;
  const factors = await client.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { id: true, totpSecret: true, totpLastStep: true, sessionVersion: true },
  });
  let how = "";
  if (factors.totpSecret) {
    const code = typeof attempt.code === "string" ? attempt.code.trim() : "";
    if (!code) return { ok: false, error: "TwoFactorRequired" }; // counted: the code comes with the next attempt
    const spent = await spendSecondFactor(client, masterKey, factors, code);
    if (!spent) {
      await record(client, user.id, email, "signin-failed", `failed sign-in from ${from}: wrong two-factor code`);
      return { ok: false, error: "TwoFactorInvalid" };
    }
    how = spent.kind === "totp" ? " with a two-factor code" : ` with a recovery code (${spent.left} left)`;
  }
  await limits.succeeded(email, attempt.address);
  await record(client, user.id, email, "signin", `signed in from ${from}${how}`);
  return { ok: true, user, sessionVersion: factors.sessionVersion };
}

function record(client: Db, userId: string | null, email: string, action: string, summary: string) {
  return withActor({ id: userId, label: email || "(no email)" }, () =>
    audit(client, { action, entity: "session", entityId: userId ?? (email || "-"), summary }),
  );
}
