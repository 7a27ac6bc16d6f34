// The sign-in limits the configuration asks for: in Redis when REDIS_URL is set, else in the
// app's database.
import "server-only";
import { readConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { sharedRedis, signInLimits, type SignInLimits } from "@/lib/auth/signin-limits";

export async function signInLimitsFor(client: Db): Promise<SignInLimits> {
  const { rateLimits, redisUrl } = readConfig();
  const where = redisUrl
    ? { kind: "redis" as const, redis: sharedRedis(redisUrl) }
    : { kind: "database" as const, client };
  return signInLimits(where, rateLimits.signinPerAccount, rateLimits.signinPerAddress);
}
