// Token buckets in memory, one per key (vendor callbacks; sign-ins are counted in the database,
// lib/auth/signin-limits): `limit` requests per `windowSeconds`, refilled evenly,
// a full bucket to start with. Each app instance keeps its own buckets, so N instances behind a
// load balancer allow up to N times the limit in all.
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

const MAX_KEYS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  private bucket(key: string, t: number): Bucket {
    const rate = this.limit / (this.windowSeconds * 1000);
    const found = this.buckets.get(key);
    if (found) {
      found.tokens = Math.min(this.limit, found.tokens + (t - found.at) * rate);
      found.at = t;
      return found;
    }
    if (this.buckets.size >= MAX_KEYS) this.sweep(t);
    const fresh = { tokens: this.limit, at: t };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** Takes one token for `key`; when there is none, says how long until there is. 0 = no limit. */
  take(key: string): Verdict {
    if (this.limit <= 0) return { ok: true };
    const t = this.now();
    const b = this.bucket(key, t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: this.secondsUntilToken(b) };
  }

  private secondsUntilToken(b: Bucket): number {
    const rate = this.limit / this.windowSeconds;
    return Math.max(1, Math.ceil((1 - b.tokens) / rate));
  }

  /** Drops buckets that have refilled completely; they hold nothing worth keeping. */
  private sweep(t: number) {
    const rate = this.limit / (this.windowSeconds * 1000);
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.at) * rate >= this.limit) this.buckets.delete(key);
    }
    // Still full of live buckets (a flood of distinct keys): forget the oldest half.
    if (this.buckets.size >= MAX_KEYS) {
      let n = 0;
      for (const key of this.buckets.keys()) {
        if (n++ > MAX_KEYS / 2) break;
        this.buckets.delete(key);
      }
    }
  }
}

const registryHolder = globalThis as { __deskbridgeLimiters?: Map<string, RateLimiter> };
registryHolder.__deskbridgeLimiters ??= new Map();
const registry = registryHolder.__deskbridgeLimiters;

/** The process-wide limiter of a name, re-created when its configured limit changes. */
export function limiter(name: string, limit: number, windowSeconds: number): RateLimiter {
  const id = `${name}:${limit}/${windowSeconds}`;
  let found = registry.get(id);
  if (!found) {
    for (const key of registry.keys()) if (key.startsWith(`${name}:`)) registry.delete(key);
    found = new RateLimiter(limit, windowSeconds);
    registry.set(id, found);
  }
  return found;
}

/** The caller's address as the Deskbridge server (bin/server.mjs) put it in X-Forwarded-For. */
export function sourceAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || "unknown";
}
