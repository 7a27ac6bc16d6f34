// Sign-in limits: attempts per account and per source address in a 15-minute window, counted
// with rate-limiter-flexible before the password is checked. The counts live where every instance
// sees them: the shared counters of lib/limits/shared.ts (the database's RateLimit table, or Redis
// when REDIS_URL is set).
// A successful sign-in forgives the account's count and gives the address its attempt back, so
// only failures accumulate.
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { type LimitStore, sharedLimiter } from "@/lib/limits/shared";

export type { LimitStore } from "@/lib/limits/shared";

export const SIGNIN_WINDOW_SECONDS = 15 * 60;

export type SignInVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export type SignInLimits = {
  /** Counts one attempt for both keys; refused when either is over its limit. */
  consume(account: string, address: string): Promise<SignInVerdict>;
  /** After a correct sign-in: the account starts afresh, the address gets its attempt back. */
  succeeded(account: string, address: string): Promise<void>;
};

function store(kind: "account" | "address", points: number, where: LimitStore): RateLimiterAbstract | null {
  if (points <= 0) return null; // 0 turns the limit off
  return sharedLimiter(where, {
    keyPrefix: `signin-${kind}`,
    points,
    duration: SIGNIN_WINDOW_SECONDS,
    memoryWhileRedisIsDown: true,
  });
}

const cache = new WeakMap<object, Map<string, SignInLimits>>();

export function signInLimits(where: LimitStore, perAccount: number, perAddress: number): SignInLimits {
  const owner = where.kind === "redis" ? where.redis : where.client;
  const byLimits = cache.get(owner) ?? new Map<string, SignInLimits>();
  cache.set(owner, byLimits);
  const id = `${perAccount}/${perAddress}`;
  const found = byLimits.get(id);
  if (found) return found;
  const account = store("account", perAccount, where);
  const address = store("address", perAddress, where);
  const limits: SignInLimits = {
    async consume(accountKey, addressKey) {
      // Both are counted, whatever the other says: every attempt is one against each.
      const results = await Promise.allSettled([
        address?.consume(addressKey),
        accountKey ? account?.consume(accountKey) : undefined,
      ]);
      let wait = 0;
      for (const result of results) {
        if (result.status === "fulfilled") continue;
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason; // the store failed
        wait = Math.max(wait, Math.ceil(result.reason.msBeforeNext / 1000), 1);
      }
      return wait ? { ok: false, retryAfterSeconds: wait } : { ok: true };
    },
    async succeeded(accountKey, addressKey) {
      await Promise.all([accountKey ? account?.delete(accountKey) : undefined, address?.reward(addressKey, 1)]);
    },
  };
  byLimits.set(id, limits);
  return limits;
}
