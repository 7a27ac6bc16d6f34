// Sign-in limits: attempts per account and per source address in a 15-minute window, counted
// with rate-limiter-flexible before the password is checked. The counts live where every instance
// sees them: in the database (its Prisma store, over the SignInLimit table, which works the same
// through our SQLite and PostgreSQL driver adapters), or in Redis when REDIS_URL is set.
// A successful sign-in forgives the account's count and gives the address its attempt back, so
// only failures accumulate.
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterPrisma,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { Db } from "@/lib/db/client";

export const SIGNIN_WINDOW_SECONDS = 15 * 60;

export type SignInVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };
export type LimitStore = { kind: "database"; client: Db } | { kind: "redis"; redis: Redis };

export type SignInLimits = {
  /** Counts one attempt for both keys; refused when either is over its limit. */
  consume(account: string, address: string): Promise<SignInVerdict>;
  /** After a correct sign-in: the account starts afresh, the address gets its attempt back. */
  succeeded(account: string, address: string): Promise<void>;
};

function store(kind: "account" | "address", points: number, where: LimitStore): RateLimiterAbstract | null {
  if (points <= 0) return null; // 0 turns the limit off
  const options = { points, duration: SIGNIN_WINDOW_SECONDS, keyPrefix: `signin-${kind}` };
  if (where.kind === "redis") {
    // While Redis cannot be reached, each instance counts in its own memory instead of letting
    // every attempt through or refusing everyone.
    return new RateLimiterRedis({
      ...options,
      storeClient: where.redis,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }
  return new RateLimiterPrisma({ ...options, storeClient: where.client, tableName: "signInLimit" });
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

const holder = globalThis as unknown as { __deskbridgeRedis?: { url: string; client: Redis } };

/** One Redis connection per process for REDIS_URL; commands fail fast while it is down. */
export function sharedRedis(url: string): Redis {
  if (holder.__deskbridgeRedis?.url !== url) {
    holder.__deskbridgeRedis?.client.disconnect();
    const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2000, connectTimeout: 2000 });
    // Without a listener ioredis reports every failed reconnect as an unhandled error.
    client.on("error", (error: Error) => console.error(`deskbridge: Redis: ${error.message}`));
    holder.__deskbridgeRedis = { url, client };
  }
  return holder.__deskbridgeRedis.client;
}
