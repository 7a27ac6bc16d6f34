// One password sign-in attempt, whatever encoding its body came in (next-auth hands us the parsed
// credentials): counted against the account's and the address's limits first, then checked, then
// recorded in the audit log with the address it came from. The password is never recorded.
import type { Db } from "@/lib/db/client";
import { audit, withActor } from "@/lib/audit/audit";
import type { SignInLimits } from "@/lib/auth/signin-limits";
import { authenticateDetailed, type UserView } from "@/lib/users/users";

export type SignInAttempt = { email: unknown; password: unknown; address: string };
export type SignInOutcome =
  | { ok: true; user: UserView }
  | { ok: false; error: "RateLimited"; retryAfterSeconds: number }
  | { ok: false; error: "CredentialsSignin" };

/** The account's key and label: the email as the user table stores it, bounded. */
export const accountKey = (email: unknown) =>
  String(email ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 254);

export async function attemptSignIn(client: Db, limits: SignInLimits, attempt: SignInAttempt): Promise<SignInOutcome> {
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
  await limits.succeeded(email, attempt.address);
  await record(client, result.user.id, email, "signin", `signed in from ${from}`);
  return { ok: true, user: result.user };
}

function record(client: Db, userId: string | null, email: string, action: string, summary: string) {
  return withActor({ id: userId, label: email || "(no email)" }, () =>
    audit(client, { action, entity: "session", entityId: userId ?? (email || "-"), summary }),
  );
}
