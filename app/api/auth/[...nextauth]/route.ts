// GET/POST /api/auth/* – next-auth's sign-in, sign-out, session and CSRF endpoints. Password
// sign-ins are rate limited: failed attempts per account and per source address (configurable,
// see README), answered with 429 and Retry-After before the password is even checked.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { readConfig } from "@/lib/config";
import { limiter, sourceAddress, type Verdict } from "@/lib/rate-limit";

type Context = { params: Promise<{ nextauth: string[] }> };

const WINDOW_SECONDS = 15 * 60;

function signinLimiters() {
  const { signinPerAccount, signinPerAddress } = readConfig().rateLimits;
  return {
    account: limiter("signin-per-account", signinPerAccount, WINDOW_SECONDS),
    address: limiter("signin-per-address", signinPerAddress, WINDOW_SECONDS),
  };
}

async function handler(request: Request, context: Context) {
  const segments = (await context.params).nextauth;
  const isPasswordSignIn = request.method === "POST" && segments.join("/") === "callback/credentials";
  if (!isPasswordSignIn) return NextAuth(request as never, context as never, await authOptions());

  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const account = String(form?.get("email") ?? "")
    .trim()
    .toLowerCase();
  const address = sourceAddress(request.headers);
  const limiters = signinLimiters();
  const verdicts: Verdict[] = [limiters.address.peek(address), ...(account ? [limiters.account.peek(account)] : [])];
  const wait = Math.max(0, ...verdicts.map((v) => (v.ok ? 0 : v.retryAfterSeconds)));
  if (wait > 0) {
    // next-auth's client reads `url` and its `error` parameter; the form shows the wait.
    const url = new URL("/signin", request.url);
    url.searchParams.set("error", `RateLimited:${wait}`);
    return Response.json(
      { url: url.toString() },
      { status: 429, headers: { "retry-after": String(wait), "cache-control": "no-store" } },
    );
  }

  const response: Response = await NextAuth(request as never, context as never, await authOptions());
  const answer = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: string } | null;
  const failed = !response.ok || !answer?.url || new URL(answer.url, request.url).searchParams.has("error");
  if (failed) {
    limiters.address.take(address);
    if (account) limiters.account.take(account);
  } else if (account) {
    limiters.account.reset(account);
  }
  return response;
}

export { handler as GET, handler as POST };
