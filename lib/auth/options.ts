// next-auth configuration: email + password against the users table, JWT sessions.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { readConfig } from "@/lib/config";
import { authSecret } from "@/lib/boot/ensure-ready";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { signInLimitsFor } from "@/lib/auth/limits-config";
import { sourceAddress } from "@/lib/rate-limit";

// Deskbridge is self-hosted behind whatever host name the operator gives it; next-auth should
// build its URLs from the request rather than assume localhost:3000.
process.env.AUTH_TRUST_HOST ??= "true";

let cached: NextAuthOptions | undefined;

export async function authOptions(): Promise<NextAuthOptions> {
  if (cached) return cached;
  const client = await db();
  const publicUrl = readConfig().publicUrl;
  cached = {
    secret: await authSecret(client, readConfig()),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    // Cookies are HttpOnly and SameSite=Lax always; Secure (and __Secure- names) on HTTPS, which
    // next-auth reads from the request, or from DESKBRIDGE_PUBLIC_URL when it is set.
    ...(publicUrl ? { useSecureCookies: publicUrl.startsWith("https:") } : {}),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        // next-auth parses the body (form or JSON) before this; whatever the encoding, every
        // attempt is counted here, before the password is checked.
        async authorize(credentials, request) {
          const client = await db();
          const outcome = await attemptSignIn(client, await signInLimitsFor(client), {
            email: credentials?.email,
            password: credentials?.password,
            address: sourceAddress(new Headers(request?.headers as Record<string, string> | undefined)),
          });
          if (outcome.ok)
            return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name || outcome.user.email };
          // next-auth turns a thrown message into the `error` the sign-in form reads.
          if (outcome.error === "RateLimited") throw new Error(`RateLimited:${outcome.retryAfterSeconds}`);
          return null;
        },
      }),
    ],
    callbacks: {
      // The token carries only the user id; role and status are read from the database on each
      // request, so a role change or a disabled account takes effect at once.
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub } as typeof session;
      },
    },
  };
  return cached;
}
