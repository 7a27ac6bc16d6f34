// GET/POST /api/auth/* – next-auth's sign-in, sign-out, session and CSRF endpoints. Password
// sign-ins are limited per account and per source address (lib/auth/sign-in: counted before the
// password is checked); a refused attempt is answered here with 429 and Retry-After.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  const response: Response = await NextAuth(request as never, context as never, await authOptions());
  const segments = (await context.params).nextauth;
  if (request.method !== "POST" || segments.join("/") !== "callback/credentials") return response;
  // next-auth's client asks for JSON naming where to go; the form reads the wait from its
  // `error=RateLimited:N`. A plain form post keeps its redirect to the page that says so.
  if (response.headers.has("location")) return response;
  const answer = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: string } | null;
  const error = answer?.url ? new URL(answer.url, request.url).searchParams.get("error") : null;
  const wait = error?.match(/^RateLimited:(\d+)$/)?.[1];
  if (!wait) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", wait);
  headers.set("cache-control", "no-store");
  return new Response(response.body, { status: 429, headers });
}

export { handler as GET, handler as POST };
