// Rate-limit counters every app instance and the CLI share: rate-limiter-flexible over the
// database (its Prisma store, on the RateLimit table, the same through our SQLite and PostgreSQL
// adapters), or over Redis when REDIS_URL is set.
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterPrisma,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { readConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";

export type LimitStore = { kind: "database"; client: Db } | { kind: "redis"; redis: Redis };

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

/** Where the configuration keeps shared counters: Redis when REDIS_URL is set, else the database. */
export function limitStore(client: Db): LimitStore {
  const { redisUrl } = readConfig();
  return redisUrl ? { kind: "redis", redis: sharedRedis(redisUrl) } : { kind: "database", client };
}

const cache = new WeakMap<object, Map<string, RateLimiterAbstract>>();

/**
 * A limiter of `points` per `duration` seconds per key, counted in the store. One per store and
 * options. `memoryWhileRedisIsDown`: while Redis cannot be reached, each instance counts in its own
 * memory instead of failing every call (right for sign-in, where failing would lock everyone out).
 */
export function sharedLimiter(
  store: LimitStore,
  options: { keyPrefix: string; points: number; duration: number; memoryWhileRedisIsDown?: boolean },
): RateLimiterAbstract {
  const owner = store.kind === "redis" ? store.redis : store.client;
  const byOptions = cache.get(owner) ?? new Map<string, RateLimiterAbstract>();
  cache.set(owner, byOptions);
  const id = JSON.stringify(options);
  let limiter = byOptions.get(id);
  if (!limiter) {
    const { memoryWhileRedisIsDown, ...counted } = options;
    limiter =
      store.kind === "redis"
        ? new RateLimiterRedis({
            ...counted,
            storeClient: store.redis,
            insuranceLimiter: memoryWhileRedisIsDown ? new RateLimiterMemory(counted) : undefined,
          })
        : new RateLimiterPrisma({ ...counted, storeClient: store.client, tableName: "rateLimit" });
    byOptions.set(id, limiter);
  }
  return limiter;
}
