// Token buckets: the allowance, the refill, Retry-After, and 0 meaning "no limit".
import { describe, expect, it } from "vitest";
import { RateLimiter, sourceAddress } from "@/lib/rate-limit";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("allows `limit` requests, then refuses with the seconds until the next token", () => {
    const c = clock();
    const l = new RateLimiter(3, 60, c.now);
    expect([l.take("a"), l.take("a"), l.take("a")].every((v) => v.ok)).toBe(true);
    expect(l.take("a")).toEqual({ ok: false, retryAfterSeconds: 20 });
    // Keys are independent.
    expect(l.take("b").ok).toBe(true);
  });

  it("refills evenly over the window", () => {
    const c = clock();
    const l = new RateLimiter(60, 60, c.now);
    for (let i = 0; i < 60; i++) l.take("k");
    expect(l.take("k").ok).toBe(false);
    c.advance(1000);
    expect(l.take("k").ok).toBe(true);
    expect(l.take("k").ok).toBe(false);
    c.advance(60_000);
    for (let i = 0; i < 60; i++) expect(l.take("k").ok).toBe(true);
  });

  it("treats 0 as no limit", () => {
    const l = new RateLimiter(0, 60);
    for (let i = 0; i < 1000; i++) expect(l.take("z").ok).toBe(true);
  });

  it("stays bounded under a flood of distinct keys", () => {
    const c = clock();
    const l = new RateLimiter(5, 60, c.now);
    for (let i = 0; i < 120_000; i++) l.take(`k${i}`);
    expect((l as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(50_000);
  });
});

describe("sourceAddress", () => {
  it("is the first X-Forwarded-For entry as the server set it, else unknown", () => {
    expect(sourceAddress(new Headers({ "x-forwarded-for": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(sourceAddress(new Headers({ "x-forwarded-for": "198.51.100.4, 10.0.0.1" }))).toBe("198.51.100.4");
    expect(sourceAddress(new Headers())).toBe("unknown");
  });
});
