// next-auth configuration: email + password (and a two-factor code when the user has turned it
// on) against the users table, JWT sessions that carry the user's session version and their own id
// (lib/auth/sessions: how a session ends before its cookie expires).
import "server-only";
import crypto from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { readConfig } from "@/lib/config";
import { authSecret } from "@/lib/boot/ensure-ready";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { signInLimitsFor } from "@/lib/auth/limits-config";
import { revokeSession } from "@/lib/auth/sessions";
import { sourceAddress } from "@/lib/rate-limit";
import { masterKey } from "@/lib/secrets/keyring";

// Deskbridge is self-hosted behind whatever host name the operator gives it; next-auth should
// build its URLs from the request rather than assume localhost:3000.
process.env.AUTH_TRUST_HOST ??= "true";

export const SESSION_MAX_AGE = 12 * 60 * 60;

let cached: NextAuthOptions | undefined;

export async function authOptions(): Promise<NextAuthOptions> {
  if (cached) return cached;
  const client = await db();
  const publicUrl = readConfig().publicUrl;
  cached = {
    secret: await authSecret(client, readConfig()),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    // Cookies are HttpOnly and SameSite=Lax always; Secure (and __Secure- names) on HTTPS, which
    // next-auth reads from the request, or from DESKBRIDGE_PUBLIC_URL when it is set.
    ...(publicUrl ? { useSecureCookies: publicUrl.startsWith("https:") } : {}),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Two-factor code", type: "text" },
        },
        // next-auth parses the body (form or JSON) before this; whatever the encoding, every
        // attempt is counted here, before the password is checked.
        async authorize(credentials, request) {
          const client = await db();
          const outcome = await attemptSignIn(
            client,
            await signInLimitsFor(client),
            {
              email: credentials?.email,
              password: credentials?.password,
              code: credentials?.code,
              address: sourceAddress(new Headers(request?.headers as Record<string, string> | undefined)),
            },
            masterKey(readConfig()),
          );
          if (outcome.ok) {
            const { id, email, name } = outcome.user;
            return { id, email, name: name || email, sessionVersion: outcome.sessionVersion };
          }
          // next-auth turns a thrown message into the `error` the sign-in form reads.
          if (outcome.error === "RateLimited") throw new Error(`RateLimited:${outcome.retryAfterSeconds}`);
          if (outcome.error !== "CredentialsSignin") throw new Error(outcome.error);
          return null;
        },
      }),
    ],
    callbacks: {
      // The token carries the user id, the session version it was issued under and its own id;
      // role and status are read from the database on each request, so a change takes effect at once.
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.sid = crypto.randomUUID();
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sv: token.sv, sid: token.sid } as typeof session;
      },
    },
    events: {
      // Signing out ends this session on the server too, so a copy of its cookie is refused.
      async signOut({ token }) {
        const sid = token?.sid;
        if (typeof sid !== "string") return;
        const exp = typeof token.exp === "number" ? token.exp * 1000 : Date.now() + SESSION_MAX_AGE * 1000;
        await revokeSession(await db(), sid, new Date(exp));
      },
    },
  };
  return cached;
}
