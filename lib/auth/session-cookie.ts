// The browser's session cookie, for the two moments the server changes it itself: after the user
// changed their own password or turned on two-factor sign-in (every other session ended, this one
// goes on under the new session version), and after "sign out everywhere" (cleared).
import "server-only";
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { authOptions, SESSION_MAX_AGE } from "@/lib/auth/options";

// next-auth's names: the __Secure- one on HTTPS.
const NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export async function reissueSession(user: { id: string; email: string; name: string }, sessionVersion: number) {
  const jar = await cookies();
  const name = NAMES.find((n) => jar.has(n)) ?? NAMES[1];
  const secret = (await authOptions()).secret as string;
  const value = await encode({
    token: {
      sub: user.id,
      email: user.email,
      name: user.name || user.email,
      sv: sessionVersion,
      sid: crypto.randomUUID(),
    },
    secret,
    maxAge: SESSION_MAX_AGE,
  });
  jar.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge: SESSION_MAX_AGE,
  });
}

export async function clearSessionCookie() {
  const jar = await cookies();
  for (const name of NAMES) if (jar.has(name)) jar.delete(name);
}
