// Who is calling, and may they? Every page, route handler and server action asks here.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cookies } from "next/headers";
import { authOptions } from "@/lib/auth/options";
import { hasRole, type Role } from "@/lib/auth/roles";
import { type SessionClaims, type SessionUser, userForSession } from "@/lib/auth/sessions";
import { twoFactorPolicy, twoFactorRequired } from "@/lib/auth/two-factor-policy";
import { db } from "@/lib/db";
import { forbidden as forbiddenError, unauthenticated } from "@/lib/errors";

export type CurrentUser = SessionUser & {
  /** Two-factor sign-in is required for this user and not set up yet: nothing else is open. */
  mustSetUpTwoFactor: boolean;
  sessionId: string;
};

/**
 * The signed-in, enabled user of a live session, or null. Once per request: the layout, the page
 * and the page's language share one lookup.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  // Read the request first: it marks the page dynamic, so `next build` never prerenders it
  // (and never opens the database while building).
  await cookies();
  const session = (await getServerSession(await authOptions())) as SessionClaims | null;
  if (!session) return null;
  const client = await db();
  const [user, policy] = await Promise.all([userForSession(client, session), twoFactorPolicy(client)]);
  if (!user) return null;
  return {
    ...user,
    mustSetUpTwoFactor: !user.twoFactor && twoFactorRequired(policy, user.role),
    sessionId: String(session.sid),
  };
});

export const TWO_FACTOR_SETUP_PATH = "/two-factor";

/** For pages: redirect to sign-in when signed out, answer 403 when the role is too low. */
export async function requirePageUser(role: Role = "viewer"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (user.mustSetUpTwoFactor) redirect(TWO_FACTOR_SETUP_PATH);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** For server actions and route handlers: throws an AppError the caller maps to an answer. */
export async function requireUser(role: Role = "viewer"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  if (user.mustSetUpTwoFactor) throw forbiddenError("Set up two-factor sign-in first (your account page asks for it).");
  if (!hasRole(user.role, role)) throw forbiddenError(`This needs the ${role} role; you are ${user.role}.`);
  return user;
}
