// Session lifetimes beyond the cookie's own expiry. A session cookie carries its user's session
// version and its own id: bumping the version ends every session of the user (sign out everywhere,
// a password, role or status change), revoking the id ends that one (sign out), copies included.
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";

export type SessionClaims = { userId?: unknown; sv?: unknown; sid?: unknown };

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  totpEnabledAt: Date | null;
  twoFactor: boolean;
  /** The user's chosen language and time zone (null: the browser's). */
  locale: string | null;
  timeZone: string | null;
};

/** The user behind a session's claims, or null when the session has ended in any way. */
export async function userForSession(client: Db, claims: SessionClaims): Promise<SessionUser | null> {
  const { userId, sv, sid } = claims;
  if (typeof userId !== "string" || typeof sv !== "number" || typeof sid !== "string") return null;
  const [user, revoked] = await Promise.all([
    client.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        disabled: true,
        createdAt: true,
        sessionVersion: true,
        totpEnabledAt: true,
        locale: true,
        timeZone: true,
      },
    }),
    client.revokedSession.findUnique({ where: { sid }, select: { sid: true } }),
  ]);
  if (!user || user.disabled || revoked || user.sessionVersion !== sv) return null;
  const { sessionVersion: _v, ...view } = user;
  return { ...view, role: view.role as Role, twoFactor: view.totpEnabledAt !== null };
}

/** Ends every session of the user; returns the new version (for the one session that stays). */
export async function endAllSessions(client: Pick<Db, "user">, userId: string): Promise<number> {
  const user = await client.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}

/** Ends one session (its copies too) until its cookie would have expired anyway. */
export async function revokeSession(client: Db, sid: string, expiresAt: Date): Promise<void> {
  await client.revokedSession.create({ data: { sid, expiresAt } }).catch((error) => {
    if (!isUniqueViolation(error)) throw error; // signed out twice: already revoked
  });
  // Expired entries guard nothing: their cookies are refused by their own expiry.
  await client.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
