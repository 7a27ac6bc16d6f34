// Who may call an action, checked on the server before its input is even read.
import "server-only";
import type { Role } from "@/lib/auth/roles";
import { type CurrentUser, currentUser, requireUser } from "@/lib/auth/session";
import { unauthenticated } from "@/lib/errors";

/**
 * A role (viewer < operator < admin), or:
 * - "enrolling": any signed-in user, even one who must set up two-factor sign-in before anything else
 *   (only the set-up steps themselves);
 * - "anyone": no session needed (a preference such as the colour theme, never data).
 */
export type Access = Role | "enrolling" | "anyone";

export async function callerFor(access: Access): Promise<CurrentUser | null> {
  if (access === "anyone") return null;
  if (access !== "enrolling") return requireUser(access);
  const user = await currentUser();
  if (!user) throw unauthenticated();
  return user;
}
