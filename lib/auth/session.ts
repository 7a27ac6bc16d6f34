// Who is calling, and may they? Every page, route handler and server action asks here.
import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cookies } from "next/headers";
import { authOptions } from "@/lib/auth/options";
import { hasRole, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { getUser, type UserView } from "@/lib/users/users";
import { forbidden as forbiddenError, unauthenticated } from "@/lib/errors";

/** The signed-in, enabled user, or null. */
export async function currentUser(): Promise<UserView | null> {
  // Read the request first: it marks the page dynamic, so `next build` never prerenders it
  // (and never opens the database while building).
  await cookies();
  const session = (await getServerSession(await authOptions())) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await getUser(await db(), session.userId);
  return user && !user.disabled ? user : null;
}

/** For pages: redirect to sign-in when signed out, answer 403 when the role is too low. */
export async function requirePageUser(role: Role = "viewer"): Promise<UserView> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** For server actions and route handlers: throws an AppError the caller maps to an answer. */
export async function requireUser(role: Role = "viewer"): Promise<UserView> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  if (!hasRole(user.role, role)) throw forbiddenError(`This needs the ${role} role; you are ${user.role}.`);
  return user;
}
