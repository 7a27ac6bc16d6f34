// The sign-in limits the configuration asks for: in Redis when REDIS_URL is set, else in the
// app's database.
import "server-only";
import { readConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { signInLimits, type SignInLimits } from "@/lib/auth/signin-limits";
import { limitStore } from "@/lib/limits/shared";

export async function signInLimitsFor(client: Db): Promise<SignInLimits> {
  const { rateLimits } = readConfig();
  return signInLimits(limitStore(client), rateLimits.signinPerAccount, rateLimits.signinPerAddress);
}
